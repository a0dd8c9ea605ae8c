"""What every reporter shares: the run summary and positions computed from the Draft."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO

from followlint.core.finding import FileResult, Finding, Severity
from followlint.anatomy.lines import utf16_column


#: What must not reach a terminal or a CI log raw from a draft, a file name or a config: C0 and C1 control
#: characters (escape sequences, line breaks that would start a forged ``::workflow-command::`` line),
#: DEL, Unicode line separators, bidirectional overrides and lone surrogates (unprintable: a crash).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEP_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                                "\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in "\r\n":
        return "\\r" if ch == "\r" else "\\n"
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def clean(text: object, *, lines: bool = False) -> str:
    """``text`` safe to print in a human format: each unsafe character shown as its escape (``\\x1b``,
    ``\\n``). ``lines``: keep CR and LF (the caller escapes them its own way, as GitHub's format does)."""
    text = str(text)
    pattern = _UNSAFE_KEEP_LINES if lines else _UNSAFE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def clean_path(path: str) -> str:
    """A path made safe (:func:`clean`) that also cannot open a line as something else: one starting
    with ``:`` or a space (``::error::x.txt``) is shown as ``./::error::x.txt``, the same file."""
    shown = clean(path)
    return "./" + shown if shown[:1] in (":", " ", "\t") else shown


@dataclass
class Summary:
    files: int = 0
    files_with_findings: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    input_errors: int = 0
    fail_level: Severity = Severity.WARNING
    failing: int = 0  # findings at or above the fail level
    notes: list[str] = field(default_factory=list)
    file_notes: list[str] = field(default_factory=list)
    #: (code, rule name) -> [findings, findings with a safe fix, findings with any fix]; for --statistics
    by_rule: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    fixed: int | None = None  # findings fixed by --fix (None when not fixing)

    def add(self, result: FileResult) -> None:
        self.files += 1
        for note in result.notes:  # per-draft notes ("only the first 10,000 characters were checked")
            line = f"{result.path}: {note}"
            if line not in self.file_notes:
                self.file_notes.append(line)
        if result.findings:
            self.files_with_findings += 1
        if result.error and result.draft is None:
            self.input_errors += 1
        for f in result.findings:
            self.counts[str(f.severity)] += 1
            if f.severity >= self.fail_level:
                self.failing += 1
            stats = self.by_rule.setdefault((f.code, f.rule), [0, 0, 0])
            stats[0] += 1
            if f.fix is not None and f.fix.edits and getattr(result.draft, "fixable", False):
                stats[1] += f.fix.safe
                stats[2] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        return {"files": self.files, "files_with_findings": self.files_with_findings,
                "findings": self.total, **{f"{k}s" if k != "info" else k: v for k, v in self.counts.items()},
                "input_errors": self.input_errors, "fail_level": str(self.fail_level), "failing": self.failing,
                **({"fixed": self.fixed} if self.fixed is not None else {})}

    @property
    def fixable(self) -> tuple[int, int]:
        """(findings with a safe fix, findings with only an unsafe fix)."""
        safe = sum(s[1] for s in self.by_rule.values())
        return safe, sum(s[2] for s in self.by_rule.values()) - safe

    def fix_hint(self) -> str:
        """'2 fixable with --fix.' style hint, or ''."""
        safe, unsafe = self.fixable
        parts = []
        if safe:
            parts.append(f"{safe} fixable with --fix")
        if unsafe:
            parts.append(f"{unsafe}{' more' if safe else ''} fixable with --fix --unsafe-fixes")
        return "; ".join(parts) + "." if parts else ""


def position(result: FileResult, f: Finding) -> dict[str, int]:
    """1-based line/column of start and (exclusive) end, in code points."""
    draft = result.draft
    if draft is None:
        return {"line": 1, "column": 1, "end_line": 1, "end_column": 1}
    line, col = draft.position(f.span.start)
    end_line, end_col = draft.position(f.span.end)
    return {"line": line, "column": col, "end_line": end_line, "end_column": end_col}


def utf16_point(draft, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a code-point offset, the column in UTF-16 code units (SARIF, GitHub)."""
    line, col = draft.position(offset)
    return line, utf16_column(draft.lines.line_text(line), col)


def utf16_position(result: FileResult, f: Finding) -> dict[str, int]:
    """Like :func:`position`, with columns counted in UTF-16 code units (an emoji is 2)."""
    draft = result.draft
    if draft is None:
        return {"line": 1, "column": 1, "end_line": 1, "end_column": 1}
    line, col = utf16_point(draft, f.span.start)
    end_line, end_col = utf16_point(draft, f.span.end)
    return {"line": line, "column": col, "end_line": end_line, "end_column": end_col}


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def describe_counts(counts: dict[str, int]) -> str:
    parts = [plural(counts[k], k if k != "info" else "info") .replace("infos", "info")
             for k in ("error", "warning", "info") if counts.get(k)]
    return ", ".join(parts)


class Reporter:
    """Streaming interface: start, one add per file in output order, finish."""

    def __init__(self, stream: IO[str], *, color: bool = False, show_source: bool = True,
                 err: IO[str] | None = None, quiet: bool = False, statistics: bool = False,
                 rules=None) -> None:
        self.stream = stream
        #: the run's rule registry (``.get(name or code)``), for formats that describe rules (SARIF)
        self.rules = rules
        self.err = err or stream
        self.color = color
        self.show_source = show_source
        self.quiet = quiet
        self.statistics = statistics

    def start(self) -> None:
        pass

    def add(self, result: FileResult) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        pass
