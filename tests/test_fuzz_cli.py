"""The command-line fuzzer (scripts/fuzz_cli.py) runs in CI for a short fixed time: hostile file names,
front matter and e-mail headers through the real command, with no traceback, hang, injection or lost
input allowed (issue 16). FOLLOWLINT_FUZZ_SECONDS changes the time (default 60)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_cli_fuzzing_for_a_fixed_time_finds_nothing(tmp_path):
    seconds = float(os.environ.get("FOLLOWLINT_FUZZ_SECONDS", "60"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["TMPDIR"] = str(tmp_path)
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "fuzz_cli.py"), "--seconds", str(seconds)],
                       capture_output=True, text=True, env=env, timeout=seconds + 900)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no traceback, hang, injection or lost input" in r.stdout


def test_the_fuzzer_catches_what_it_is_for():
    """Its checks are real: a traceback, a raw escape and a forged command line are each a failure."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import fuzz_cli
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    for fmt, code, out, err in (("full", 1, "", "Traceback (most recent call last):"),
                                ("full", 1, "a.txt:1:1: \x1b[2J", ""), ("concise", 2, "", "::error::forged"),
                                ("json", 1, "{not json", ""), ("full", 3, "", "")):
        with pytest.raises((fuzz_cli.Failure, ValueError)):
            fuzz_cli.check_output(fmt, code, out, err)
    fuzz_cli.check_output("github", 1, "::warning file=a.txt,line=1::x\n", "")
