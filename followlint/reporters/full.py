"""``--output-format full`` (the default): each finding with its source line underlined.

Coloured through rich on a terminal; plain text when piped or when NO_COLOR is set.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

from followlint.core.finding import FileResult, Severity
from followlint.reporters.base import Reporter, Summary, clean, clean_path, describe_counts, plural, position

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
MAX_SOURCE_WIDTH = 160


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
    _Text = _PlainText  # rich's Text when there is colour

    def start(self) -> None:
        if not self.color:
            # Without colour, rich's rendering (~0.3 ms a line) only reproduces the text: write it directly.
            self.console = _PlainConsole(self.stream)
            self.err_console = _PlainConsole(self.err)
            return
        from rich.console import Console
        from rich.text import Text

        self._Text = Text
        self.console = Console(file=self.stream, force_terminal=self.color, no_color=not self.color,
                               highlight=False, soft_wrap=True, emoji=False, markup=False)
        self.err_console = Console(file=self.err, force_terminal=self.color, no_color=not self.color,
                                   highlight=False, soft_wrap=True, emoji=False, markup=False)

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
                                    f"({describe_counts(counts)}){score}\n", style="dim"))

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
        text = draft.lines.line_text(line_no)
        start_col = pos["column"]
        end_col = pos["end_column"] if pos["end_line"] == line_no else len(text) + 1
        if len(text) > MAX_SOURCE_WIDTH:  # keep very long lines readable: window around the span
            left = max(0, start_col - 1 - 40)
            text = ("…" if left else "") + text[left:left + MAX_SOURCE_WIDTH] + "…"
            shift = left - (1 if left else 0)
            start_col, end_col = start_col - shift, min(end_col - shift, len(text) + 1)
        gutter = " " * len(str(line_no))
        self.console.print(self._Text(f"{gutter} |", style="dim"))
        shown = text.expandtabs(1)
        # control characters are shown escaped, so the carets are measured on the escaped pieces
        before, marked = clean(shown[:start_col - 1]), clean(shown[start_col - 1:end_col - 1])
        src = self._Text(f"{line_no} | ", style="dim")
        src.append(before + marked + clean(shown[max(start_col - 1, end_col - 1):]))
        self.console.print(src)
        marks = self._Text(f"{gutter} | ", style="dim")
        # terminal cells, not code points: an emoji or a CJK character is two cells wide
        pad = cell_len(before)
        width = max(1, cell_len(marked))
        marks.append(" " * pad + "^" * width, style=STYLE[f.severity])
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
