"""The Python API gives what the CLI gives: same findings, same fixes, same scores, context the same way."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

import followlint
from followlint.core.config import Config, ConfigError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
#: Drafts with front matter, e-mail headers, Markdown, typos, placeholders and two near-duplicates.
DRAFTS = ["casual-bad.txt", "panel-note.md", "email-wrong-spelling.eml", "typos.txt", "unfilled-template.txt",
          "note-to-acme.md", "note-to-globex.md", "wrong-name.md"]

BAD = "Hey Dana,\n\nThanks for the the interview yesterday. I am looking forward to hear from you!!\n\nCheers\n"


@pytest.fixture(scope="module")
def linter() -> followlint.Linter:
    return followlint.Linter(root=ROOT)


def _wire(findings, text: str) -> list[dict]:
    """The fields of a finding that ``--output-format json`` shows, for comparison."""
    out = []
    for f in findings:
        item = {"rule": f.rule, "code": f.code, "category": f.category, "severity": str(f.severity),
                "message": f.message, "start": f.span.start, "end": f.span.end, "suggestions": list(f.suggestions)}
        if f.fix is not None:
            item["fix"] = {"title": f.fix.title, "safe": f.fix.safe,
                           "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement}
                                     for e in f.fix.edits]}
        if f.url:
            item["url"] = f.url
        out.append(item)
    return out


def _cli_json(*args: str, cwd: Path = ROOT) -> dict:
    exe = shutil.which("followlint", path=str(Path(sys.executable).parent))
    proc = subprocess.run([exe, "check", "--output-format", "json", "--no-cache", "-j", "1", *args],
                          capture_output=True, text=True, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.slow
def test_findings_and_scores_equal_the_cli_json(linter):
    paths = [str(EXAMPLES / name) for name in DRAFTS]
    cli = {entry["path"]: entry for entry in _cli_json(*paths)["files"]}
    results = linter.lint_paths(paths)
    assert [r.path for r in results] == paths
    assert any(f.rule == "duplicate-message" for r in results for f in r.findings)  # the run-level pass ran
    for result in results:
        entry = cli[result.path]
        keys = ("rule", "code", "category", "severity", "message", "start", "end", "suggestions", "fix", "url")
        assert _wire(result.findings, result.text) == [{k: f[k] for k in keys if k in f} for f in entry["findings"]]
        assert result.score == entry["score"]
        # One draft alone: the same findings, less the comparison with the other drafts.
        alone = linter.lint_text(result.text, path=result.path)
        assert alone.findings == tuple(f for f in result.findings if f.rule != "duplicate-message")


def test_result_carries_kind_score_and_the_cli_finding_type(linter):
    result = followlint.lint_text(BAD, context={"interviewers": ["Dana Lee"], "company": "Acme"})
    assert isinstance(result, followlint.LintResult)
    assert all(isinstance(f, followlint.Finding) for f in result.findings)
    codes = [f.code for f in result.findings]
    assert "G101" in codes and "T100" in codes and "P202" in codes  # P202: the company from the context
    assert result.kind == "thank-you"
    assert result.score is not None and 0 <= result.score < 50
    assert result.text == BAD and result.path is None and result.error is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.score = 100  # type: ignore[misc]


def test_context_object_mapping_and_front_matter_agree(linter):
    typed = linter.lint_text(BAD, context=followlint.Context(interviewers="Dana Lee, Raj Patel", company="Acme",
                                                              interview_date="2026-11-20", send_date="2026-11-30"))
    mapping = linter.lint_text(BAD, context={"interviewers": ["Dana Lee", "Raj Patel"], "company": "Acme",
                                             "interview-date": dt.date(2026, 11, 20), "send_date": "2026-11-30"})
    front = "---\ninterviewers: [Dana Lee, Raj Patel]\ncompany: Acme\ninterview_date: 2026-11-20\n" \
            "send_date: 2026-11-30\n---\n"
    fronted = linter.lint_text(front + BAD)
    assert typed.kind == mapping.kind == fronted.kind == "panel"
    assert typed.findings == mapping.findings
    shifted = [(f.code, f.span.start - len(front)) for f in fronted.findings]
    assert shifted == [(f.code, f.span.start) for f in typed.findings]
    assert "timeliness" in {f.category for f in typed.findings}  # ten days late: the dates were read


def test_context_wins_over_front_matter_like_the_cli_flags(linter):
    text = "---\nkind: follow-up\n---\n" + BAD
    assert linter.lint_text(text).kind == "follow-up"
    assert linter.lint_text(text, context=followlint.Context(kind="linkedin")).kind == "linkedin-note"


def test_bad_context_names_the_field():
    with pytest.raises(ValueError, match="interview_date"):
        followlint.Context(interview_date="next Tuesday")
    with pytest.raises(ValueError, match="unknown kind"):
        followlint.lint_text(BAD, context={"kind": "love-letter"})


def test_fix_text_equals_check_fix_on_stdin(linter, cli):
    for unsafe in (False, True):
        done = linter.fix_text(BAD, unsafe=unsafe)
        flags = ["--fix", "--unsafe-fixes"] if unsafe else ["--fix"]
        run = cli("check", "-", *flags, "--no-cache", "--output-format", "json", "--stdin-filename", "draft.txt",
                  stdin=BAD)
        assert done.text == run.out
        assert done.fixed > 0 and done.text != BAD
        assert done.result.text == done.text
        assert done.result.findings == linter.lint_text(done.text, path="draft.txt").findings


def test_unreadable_draft_is_an_error_result_not_an_exception(linter, tmp_path):
    result = linter.lint_text("---\nkind: [unclosed\n---\nHi Dana,\n")
    assert result.error and "front matter" in result.error
    assert result.findings == () and result.score is None
    missing, binary = tmp_path / "nope.txt", tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    errors = [r.error for r in linter.lint_paths([missing, binary])]
    assert errors[0] == "no such file or directory"
    assert errors[1] and "binary" in errors[1]


def test_config_as_path_object_or_discovered(tmp_path, write):
    write("pyproject.toml", "[tool.followlint]\nignore = ['repeated-word']\n")
    draft = write("notes/a.txt", BAD)
    codes = lambda result: {f.code for f in result.findings}  # noqa: E731
    assert "G101" not in codes(followlint.Linter(root=tmp_path).lint_text(BAD, path="notes/a.txt"))
    assert "G101" not in codes(followlint.lint_paths([draft])[0])
    assert "G101" not in codes(followlint.lint_text(BAD, config=tmp_path / "pyproject.toml"))
    assert "G101" not in codes(followlint.Linter(Config(ignore=("G101",))).lint_text(BAD))
    assert "G101" in codes(followlint.Linter(Config()).lint_text(BAD, path=str(draft)))
    with pytest.raises(ConfigError, match="no such config file"):
        followlint.Linter(tmp_path / "missing.toml")


def test_import_followlint_loads_no_engine():
    probe = ("import sys, followlint; assert callable(followlint.lint_text); "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'harper', 'thinc'}))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


USER_SCRIPT = textwrap.dedent("""
    import datetime
    import followlint
    from followlint import Context, Finding, Linter, LintResult, FixResult, Severity

    linter = Linter(root=".")
    result: LintResult = linter.lint_text("Hi Dana,", path="a.md",
                                          context=Context(interviewers=["Dana"], interview_date=datetime.date.today()))
    first: Finding = result.findings[0]
    severity: Severity = first.severity
    start: int = first.span.start
    score: int | None = result.score
    fixed: FixResult = linter.fix_text("Hi", unsafe=True)
    text: str = fixed.text
    many: list[LintResult] = followlint.lint_paths(["drafts/"])
    again: LintResult = followlint.lint_text("Hi", context={"company": "Acme"})
""")


@pytest.mark.slow
def test_user_script_type_checks_against_the_installed_wheel(tmp_path):
    """mypy reads the API's types from the wheel as a user's install has it (py.typed, PEP 561)."""
    pytest.importorskip("mypy")
    dist, site = tmp_path / "dist", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("followlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "followlint/py.typed" in archive.namelist()
        archive.extractall(site)
    good, bad = tmp_path / "good.py", tmp_path / "bad.py"
    good.write_text(USER_SCRIPT)
    bad.write_text(USER_SCRIPT + "wrong: str = result.score\nlinter.lint_text(42)\n")
    cmd = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent",
           "--cache-dir", str(tmp_path / ".mypy_cache")]
    env = {**os.environ, "PYTHONPATH": str(site)}
    ok = subprocess.run([*cmd, str(good)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert ok.returncode == 0, ok.stdout
    failed = subprocess.run([*cmd, str(bad)], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert failed.returncode == 1, failed.stdout
    assert "bad.py:17: error: Incompatible types in assignment" in failed.stdout
    assert "bad.py:18: error: Argument 1 to \"lint_text\" of \"Linter\" has incompatible type" in failed.stdout


def test_explain_gives_the_rule_page_of_the_cli(linter, cli):
    assert linter.explain("repeated-word") == cli("rule", "repeated-word").out
    assert linter.explain("G101") == linter.explain("repeated-word")
    assert linter.explain("no-such-rule") is None
