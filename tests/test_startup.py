"""Start-up stays light: --version, rules, rule, config errors and fully cached runs import no engine.

Each case runs the CLI in a fresh interpreter and then lists which heavy modules
ended up in ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

HEAVY = ("spacy", "thinc", "harper", "textstat", "nltk", "language_tool_python", "torch")

PROBE = textwrap.dedent("""
    import io, json, sys
    from followlint.cli import main
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(sys.argv[1:], stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    heavy = sorted({m.split(".")[0] for m in sys.modules} & set(%r))
    print(json.dumps({"code": code, "heavy": heavy, "out": out.getvalue(), "err": err.getvalue()}))
""" % (HEAVY,))

DRAFT = """Hi Dana,

Thanks for the chat yesterday about the analyst role at Corvid Labs. I loved hearing about the Leeds move.

Best regards,
Jordan Lee
jordan.lee@example.com
"""


def probe(*args: str, cwd=None, env=None) -> dict:
    env = {**os.environ, **(env or {}), "FOLLOWLINT_NO_PROGRESS": "1"}
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("args", [("--version",), ("rules",), ("rules", "--all", "--output-format", "json"),
                                  ("rule", "missing-sign-off"), ("rule", "no-such-rule")])
def test_informational_commands_import_no_engine(args):
    r = probe(*args)
    assert r["heavy"] == [], r


def test_config_error_imports_no_engine(tmp_path):
    (tmp_path / ".followlint.toml").write_text("fail-level = 3\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    r = probe("check", str(tmp_path / "draft.txt"), cwd=tmp_path)
    assert r["code"] == 2 and "fail-level" in r["err"]
    assert r["heavy"] == [], r


def test_fully_cached_run_imports_no_engine(tmp_path):
    for i in range(3):
        (tmp_path / f"draft{i}.txt").write_text(DRAFT.replace("Dana", f"Dana{i}"), encoding="utf-8")
    env = {"FOLLOWLINT_CACHE_DIR": str(tmp_path / "cache")}
    cold = probe("check", str(tmp_path), "--output-format", "json", env=env)
    assert "spacy" in cold["heavy"]  # the default rules do need an engine on a cold run
    for fmt in ("json", "full", "concise"):
        warm = probe("check", str(tmp_path), "--output-format", fmt, env=env)
        assert warm["heavy"] == [], warm
    assert probe("check", str(tmp_path), "--output-format", "json", env=env)["out"] == cold["out"]
