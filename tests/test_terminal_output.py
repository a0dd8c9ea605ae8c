"""What a person sees on a terminal: source lines that fit its width, a progress bar that leaves
no trace, and the message kind (with the reason) that sets a draft's limits."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from followlint.reporters.full import fit_line
from vt import Screen, run_in_pty

FOLLOWLINT_BIN = Path(sys.executable).with_name("followlint")
PARAGRAPH = ("I hope you are well. I am writing to ask whether there is any update on the analyst role we "
             "discussed two weeks ago, because I remain very interested in the position and in the work your "
             "team is doing on the support analytics roadmap and the dashboards that we talked about at some "
             "length during our conversation.")
FOLLOW_UP = f"Hi Dana,\n\n{PARAGRAPH}\n\nBest regards,\nSam Rivera\nsam@example.com\n"


@pytest.mark.parametrize("columns", [80, 120])
def test_full_output_source_lines_fit_the_terminal(cli, write, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    path = write("follow-up.txt", FOLLOW_UP)
    out = cli("check", str(path), "--select", "long-sentence,reading-grade").out.splitlines()
    source = [line for line in out if line.startswith(("3 | ", "  | "))]
    assert source, out
    assert all(cell_len(line) <= columns for line in source), [ln for ln in source if cell_len(ln) > columns]
    shown = next(line for line in out if line.startswith("3 | "))
    assert shown.endswith("…") and shown.startswith("3 | I hope you are well.")
    # each span is underlined on one line only, ending in an ellipsis: it runs on past what is shown
    marks = [line for line in out if line.startswith("  | ") and "^" in line]
    assert len(marks) == 2 and all(m.endswith("^…") for m in marks)
    assert marks[1].index("^") == len("  | I hope you are well. ")  # the long sentence starts there


def test_full_output_short_lines_are_shown_whole(cli, write, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    path = write("a.txt", "hey Dana,\n\nThanks for the chat.\n")
    out = cli("check", str(path), "--select", "capitalization,casual-greeting").out
    assert "1 | hey Dana," in out and "…" not in out


def test_full_output_without_a_terminal_keeps_a_wide_window(cli, write, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    path = write("follow-up.txt", FOLLOW_UP)
    out = cli("check", str(path), "--select", "long-sentence").out.splitlines()
    shown = next(line for line in out if line.startswith("3 | "))
    assert cell_len(shown) == 160  # PIPE_WIDTH: a log file or CI output has no terminal width


def test_a_multi_line_span_is_underlined_on_its_first_line_only(cli, write, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    wrapped = PARAGRAPH.replace(" because", "\nbecause").replace(" and in the", "\nand in the")
    path = write("wrapped.txt", f"Hi Dana,\n\n{wrapped}\n\nBest regards,\nSam Rivera\nsam@example.com\n")
    out = cli("check", str(path), "--select", "long-sentence").out.splitlines()
    marks = [line for line in out if "^" in line]
    assert len(marks) == 1 and marks[0].endswith("^…")
    assert not any(line.startswith(("4 | ", "5 | ")) for line in out)


def test_fit_line_keeps_the_span_in_view_and_counts_cells():
    text = "x" * 100 + " 😀 thx " + "y" * 100
    start = text.index("thx")
    shown, s, e, cut = fit_line(text, start, start + 3, 40)
    assert cell_len(shown) <= 40 and shown[s:e] == "thx" and not cut
    assert shown.startswith("…") and shown.endswith("…")
    shown, s, e, cut = fit_line(text, 0, len(text), 40)
    assert cut and s == 0 and cell_len(shown) <= 40
    assert fit_line("short", 0, 5, 40) == ("short", 0, 5, False)


def test_kind_and_why_in_full_json_and_sarif(cli, write):
    path = write("follow-up.txt", FOLLOW_UP)
    full = cli("check", str(path), "--select", "long-sentence").out
    assert "  kind: follow-up (the message asks about the status of the process)" in full
    doc = cli("check", str(path), "--select", "long-sentence", "--output-format", "json").json
    assert doc["files"][0]["kind"] == {"name": "follow-up",
                                       "reason": "the message asks about the status of the process"}
    sarif = json.loads(cli("check", str(path), "--select", "long-sentence", "--output-format", "sarif").out)
    props = sarif["runs"][0]["results"][0]["properties"]
    assert props["messageKind"] == "follow-up" and "status" in props["messageKindReason"]
    given = write("given.md", "---\nkind: thank-you\n---\n" + FOLLOW_UP)
    doc = cli("check", str(given), "--select", "long-sentence", "--output-format", "json").json
    assert doc["files"][0]["kind"] == {"name": "thank-you", "reason": "given in the context"}


def test_kind_survives_the_cache(cli, write):
    path = write("follow-up.txt", FOLLOW_UP)
    first = cli("check", str(path), "--select", "long-sentence", "--output-format", "json").json
    again = cli("check", str(path), "--select", "long-sentence", "--output-format", "json").json
    assert first["files"][0]["kind"] == again["files"][0]["kind"]


def _pty_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    for key in ("CI", "FOLLOWLINT_NO_PROGRESS", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES"):
        env.pop(key, None)
    env.update(TERM="xterm", **extra)
    return env


@pytest.mark.slow
@pytest.mark.parametrize("stale_columns", [None, "150"])
def test_progress_bar_leaves_no_trace_on_a_real_terminal(tmp_path, stale_columns):
    """25 drafts on a 60-column pseudo-terminal, replayed on a VT100 screen: no bar left over, and the
    summary on a line of its own. COLUMNS=150 is a stale size (a resized tmux pane, an exported COLUMNS):
    a bar drawn that wide wraps, and rich then erases only its last line."""
    drafts = tmp_path / "a-rather-long-folder-name-for-these-drafts"
    drafts.mkdir()
    for i in range(25):
        (drafts / f"thank-you-note-number-{i:02}.txt").write_text(
            f"Hi Dana!!\n\nThanks for the chat about role {i}.\n\nBest regards,\nJo Lee\njo@example.com\n")
    env = _pty_env(**({"COLUMNS": stale_columns} if stale_columns else {}))
    code, raw = run_in_pty([str(FOLLOWLINT_BIN), "check", drafts.name, "--no-cache", "-j", "1",
                            "--select", "excessive-exclamation", "--output-format", "concise"],
                           60, env, tmp_path)
    assert code == 1, raw
    assert "\x1b[?25l" in raw  # the bar was drawn
    lines = Screen(60).feed(raw).lines()
    assert not any("Linting" in line or "/25" in line for line in lines), "\n".join(lines)
    assert lines[-1] == "1 fixable with --fix." or lines[-2].startswith("Found 25 findings"), "\n".join(lines)
    assert "Found 25 findings in 25 files (25 warnings)." in lines
    assert sum("excessive-exclamation" in line or "[T103]" in line for line in lines) == 25
