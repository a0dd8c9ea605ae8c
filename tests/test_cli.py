"""CLI end to end: exit codes, stdin, JSON shape, directories, rules and rule docs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from followlint import __version__

CLEAN = """Dear Ms. Okafor,

Thank you for meeting with me on Tuesday about the analyst role at Corvid Labs.

Best regards,
Jordan Lee
jordan.lee@example.com
"""

NO_SIGN_OFF = "Hi Dana,\n\nThanks for the chat about the analyst role.\n"


def test_clean_draft_exits_zero(cli, write):
    path = write("good.txt", CLEAN)
    r = cli("check", str(path), "--select", "S1")
    assert r.code == 0, r.out + r.err
    assert "All clear" in r.out


def test_finding_exits_one_with_position(cli, write):
    path = write("bad.txt", NO_SIGN_OFF)
    r = cli("check", str(path), "--output-format", "concise", "--select", "missing-sign-off")
    assert r.code == 1
    assert f"{path}:3:1: warning [S100] missing-sign-off:" in r.out


def test_exit_zero_and_fail_level(cli, write):
    path = write("bad.txt", NO_SIGN_OFF)
    assert cli("check", str(path), "--select", "S100", "--exit-zero").code == 0
    assert cli("check", str(path), "--select", "S100", "--fail-level", "error").code == 0
    assert cli("check", str(path), "--select", "S102", "--fail-level", "info").code == 1


def test_json_shape(cli, write):
    path = write("bad.txt", NO_SIGN_OFF)
    r = cli("check", str(path), "--output-format", "json", "--select", "S100")
    doc = r.json
    assert doc["version"] == 1
    (entry,) = doc["files"]
    assert entry["path"] == str(path)
    (f,) = entry["findings"]
    assert set(f) >= {"rule", "code", "category", "severity", "message", "line", "column",
                      "end_line", "end_column", "start", "end", "suggestions"}
    assert (f["rule"], f["code"], f["category"], f["severity"]) == (
        "missing-sign-off", "S100", "missing-closing-or-contact", "warning")
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 1, 3, 44)
    assert doc["summary"]["findings"] == 1 and doc["summary"]["failing"] == 1


def test_stdin_with_filename(cli):
    r = cli("check", "-", "--stdin-filename", "note.md", "--output-format", "json", "--select", "S100",
            stdin="---\ncompany: X\n---\n" + NO_SIGN_OFF)
    assert r.code == 1
    assert r.json["files"][0]["path"] == "note.md"
    assert r.json["files"][0]["findings"][0]["line"] == 6


def test_directory_is_searched_for_drafts(cli, write, tmp_path):
    write("drafts/a.txt", NO_SIGN_OFF)
    write("drafts/sub/b.md", NO_SIGN_OFF)
    write("drafts/c.eml", "From: a@b.example\nSubject: x\n\n" + NO_SIGN_OFF)
    write("drafts/notes.pdf", "not a draft")
    r = cli("check", str(tmp_path / "drafts"), "--output-format", "json", "--select", "S100")
    paths = sorted(f["path"].rsplit("/", 1)[-1] for f in r.json["files"])
    assert paths == ["a.txt", "b.md", "c.eml"]


def test_missing_path_is_exit_two_without_traceback(cli, tmp_path):
    r = cli("check", str(tmp_path / "nope.txt"))
    assert r.code == 2
    assert "no such file or directory" in r.err
    assert "Traceback" not in r.err + r.out


def test_unknown_selector_is_exit_two(cli, write):
    path = write("a.txt", CLEAN)
    r = cli("check", str(path), "--select", "no-such-rule")
    assert r.code == 2 and "matches no rule" in r.err


def test_usage_error_is_exit_two(cli):
    assert cli("check", "--output-format", "yaml").code == 2


def test_rules_table_and_rule_docs(cli):
    r = cli("rules")
    assert r.code == 0
    assert "missing-sign-off" in r.out and "S100" in r.out and "missing-closing-or-contact" in r.out
    doc = cli("rule", "missing-sign-off")
    assert doc.code == 0
    for heading in ("What it flags", "Why it hurts a follow-up", "Example", "Use instead"):
        assert heading in doc.out
    assert cli("rule", "S100").out == doc.out
    bad = cli("rule", "missing-sign-of")
    assert bad.code == 2 and "did you mean missing-sign-off" in bad.err


def test_every_rule_has_docs(cli):
    import json

    for rule in json.loads(cli("rules", "--output-format", "json").out):
        out = cli("rule", rule["name"]).out
        assert "## What it flags" in out and "## Why it hurts a follow-up" in out, rule["name"]


@pytest.mark.slow
def test_console_script_and_module_entry_points(tmp_path):
    version = subprocess.run([sys.executable, "-m", "followlint", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip() == f"followlint {__version__}"
    draft = tmp_path / "a.txt"
    draft.write_text(NO_SIGN_OFF)
    r = subprocess.run([sys.executable, "-m", "followlint", "check", str(draft), "--select", "S100"],
                       capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 1
    assert "\x1b[" not in r.stdout  # plain text when piped
    assert "missing-sign-off" in r.stdout and "^^^" in r.stdout
