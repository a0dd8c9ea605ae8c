"""``--output-format full`` (the default): each finding with its source line underlined.

Coloured through rich on a terminal; plain text when piped or when NO_COLOR is set.

Source lines fit the terminal: on a terminal (or with ``COLUMNS`` set) the width is the
console's width (rich's, which reads the terminal size and ``COLUMNS``); a line longer than
that is shown as a window around the finding, cut with "…". Piped into a file or a CI log
without ``COLUMNS``, the window is PIPE_WIDTH columns. A span that runs past what is shown (onto
the next lines, or past the window) is underlined on its first shown line only, ending in "…".
Each draft's summary line is followed by the message kind that sets its limits, and why.
"""

from __future__ import annotations

from typing import Any

import os
import re

from rich.cells import cell_len

from followlint.core.finding import FileResult, Severity
from followlint.reporters.base import Reporter, Summary, clean, clean_path, describe_counts, plural, position

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
#: Width of the source window when the output is not a terminal and COLUMNS is not set (logs, files).
PIPE_WIDTH = 160
#: Never squeeze a source line below this many columns, whatever the terminal says.
MIN_SOURCE_WIDTH = 20


#: What rich's Text drops from every string (rich.control.STRIP_CONTROL_CODES: BEL, BS, VT, FF, CR).
_STRIP = dict.fromkeys((7, 8, 11, 12, 13))
_CONTROL = re.compile("[\x07\x08\x0b\x0c\r]")


class _PlainText:
    """rich.text.Text's ``append`` and ``plain``, for uncoloured output (building rich Texts costs more
    than the whole line is worth when every style is dropped anyway). Control characters are dropped
    when the line is printed, which is the same as dropping them from each piece."""

    __slots__ = ("plain",)

    def __init__(self, text: str = "", style=None) -> None:
        self.plain = text

    def append(self, text: str, style=None) -> "_PlainText":
        self.plain += text
        return self


class _PlainConsole:
    """What ``Console(no_color=True, soft_wrap=True).print(text)`` writes, without the rendering cost."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def print(self, text: _PlainText) -> None:
        plain = text.plain
        if _CONTROL.search(plain):  # rich drops these when a Text is built
            plain = plain.translate(_STRIP)
        if "\t" in plain:
            plain = "\n".join(line.expandtabs(8) for line in plain.split("\n"))
        self.stream.write(plain + "\n")


class FullReporter(Reporter):
    _Text: Any = _PlainText  # rich's Text when there is colour
    console: Any  # rich's Console, or _PlainConsole without colour (the same print() for our use)
    err_console: Any

    def start(self) -> None:
        if not self.color:
            # Without colour, rich's rendering (~0.3 ms a line) only reproduces the text: write it directly.
            self.console = _PlainConsole(self.stream)
            self.err_console = _PlainConsole(self.err)
            self.width = terminal_width(self.stream) or PIPE_WIDTH
            return
        from rich.console import Console
        from rich.text import Text

        self._Text = Text
        self.console = Console(file=self.stream, force_terminal=self.color, no_color=not self.color,
                               highlight=False, soft_wrap=True, emoji=False, markup=False)
        self.err_console = Console(file=self.err, force_terminal=self.color, no_color=not self.color,
                                   highlight=False, soft_wrap=True, emoji=False, markup=False)
        # rich's console width: the terminal's size (or COLUMNS); a forced-colour pipe has no size
        self.width = self.console.width if terminal_width(self.stream) else PIPE_WIDTH

    def add(self, result: FileResult) -> None:
        if result.error and result.draft is None:
            line = self._Text()
            line.append(f"{clean_path(result.path)}: ", style="bold")
            line.append("error: ", style="bold red")
            line.append(clean(result.error))
            self.err_console.print(line)
            return
        for f in result.findings:
            self._finding(result, f)
        if result.findings and not self.quiet:
            counts = {"error": 0, "warning": 0, "info": 0}
            for f in result.findings:
                counts[str(f.severity)] += 1
            score = f", score {result.score}/100" if result.score is not None else ""
            self.console.print(self._Text(f"{clean_path(result.path)}: {plural(len(result.findings), 'finding')} "
                                    f"({describe_counts(counts)}){score}", style="dim"))
            kind = result.extras.get("kind")
            if isinstance(kind, dict) and kind.get("name"):
                self.console.print(self._Text(f"  kind: {kind_line(kind)}", style="dim"))
            self.console.print(self._Text(""))

    def _finding(self, result: FileResult, f) -> None:
        pos = position(result, f)
        head = self._Text()
        head.append(f"{clean_path(result.path)}:{pos['line']}:{pos['column']}: ", style="bold")
        head.append(str(f.severity), style=STYLE[f.severity])
        head.append(f" {clean(f.rule)} ", style="bold")
        head.append(f"[{clean(f.code)}] ", style="dim")
        head.append(clean(f.message))
        self.console.print(head)
        draft = result.draft
        if self.show_source and draft is not None and f.span.end >= f.span.start and pos["line"] <= len(draft.lines):
            self._source(draft, f, pos)
        if f.suggestions:
            hint = self._Text("  = suggestion: ", style="cyan")
            hint.append(" | ".join(clean(s) if s else "(remove)" for s in f.suggestions[:3]))
            self.console.print(hint)
        if f.fix is not None:
            kind = "safe fix" if f.fix.safe else "unsafe fix"
            self.console.print(self._Text(f"  = {kind}: {clean(f.fix.title)}", style="green" if f.fix.safe else "dim"))

    def _source(self, draft, f, pos) -> None:
        line_no = pos["line"]
        gutter = " " * len(str(line_no))
        # tabs as one space each, so columns (code points) still index the shown text
        text = draft.lines.line_text(line_no).expandtabs(1)
        start = pos["column"] - 1
        continues = pos["end_line"] != line_no
        end = len(text) if continues else pos["end_column"] - 1
        room = max(MIN_SOURCE_WIDTH, self.width - len(gutter) - 3)  # "12 | "
        shown, start, end, cut = fit_line(text, start, end, room)
        # control characters are shown escaped, so the carets are measured on the escaped pieces
        before, marked, after = clean(shown[:start]), clean(shown[start:end]), clean(shown[end:])
        self.console.print(self._Text(f"{gutter} |", style="dim"))
        src = self._Text(f"{line_no} | ", style="dim")
        src.append(before + marked + after)
        self.console.print(src)
        marks = self._Text(f"{gutter} | ", style="dim")
        # terminal cells, not code points: an emoji or a CJK character is two cells wide
        pad = cell_len(before)
        width = max(1, cell_len(marked))
        more = continues or cut
        if more and pad + width + 1 > room:
            width = max(1, room - pad - 1)
        marks.append(" " * pad + "^" * width + ("…" if more else ""), style=STYLE[f.severity])
        self.console.print(marks)

    def finish(self, summary: Summary) -> None:
        for note in summary.notes:
            self.err_console.print(self._Text(f"note: {clean(note)}", style="dim"))
        if self.quiet:
            return
        if summary.fixed is not None:
            self.console.print(self._Text(f"Fixed {plural(summary.fixed, 'finding')}.",
                                    style="bold green" if summary.fixed else "bold"))
        if summary.total:
            self.console.print(self._Text(
                f"Found {plural(summary.total, 'finding')} in {plural(summary.files_with_findings, 'file')} "
                f"({describe_counts(summary.counts)}).", style="bold"))
            hint = summary.fix_hint()
            if hint:
                self.console.print(self._Text(hint, style="dim"))
        elif summary.files - summary.input_errors > 0:
            self.console.print(self._Text(f"All clear: {plural(summary.files - summary.input_errors, 'draft')} "
                                    "checked, no findings.", style="bold green"))


def kind_line(kind: dict) -> str:
    """'follow-up (the message asks about the status of the process)' from a result's ``extras["kind"]``."""
    reason = kind.get("reason")
    return f"{kind['name']} ({reason})" if reason else str(kind["name"])


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def terminal_width(stream) -> int | None:
    """Columns of the terminal ``stream`` writes to (``COLUMNS`` wins, as in rich); None for a pipe or file."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not _isatty(stream):
        return None
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, ValueError, OSError):
        return None


def fit_line(text: str, start: int, end: int, room: int) -> tuple[str, int, int, bool]:
    """Cut ``text`` to at most ``room`` terminal cells around ``text[start:end]``.

    Returns (shown text, start and end of the span in it, whether the span runs past the cut).
    A cut is marked with "…" at either side; the window starts a little before the span, so
    the words leading into it stay visible."""
    if cell_len(text) <= room:
        return text, start, end, False
    lead = min(start, max(0, min(40, room // 3)))
    left = start - lead
    prefix = "…" if left > 0 else ""
    budget = room - len(prefix) - 1  # keep one cell for a closing "…"
    out, used = [], 0
    i = left
    while i < len(text):
        w = cell_len(text[i])
        if used + w > budget:
            break
        out.append(text[i])
        used += w
        i += 1
    body = "".join(out)
    cut_right = i < len(text)
    shown = prefix + body + ("…" if cut_right else "")
    offset = len(prefix) - left
    new_start = min(start + offset, len(prefix) + len(body))
    new_end = min(end + offset, len(prefix) + len(body))
    return shown, new_start, max(new_start, new_end), end > i
