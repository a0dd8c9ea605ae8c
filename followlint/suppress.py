"""Inline suppression, applied by the engine after rules ran (rules never see it).

Markdown / HTML comment forms, usable in any draft::

    <!-- followlint-disable casual-greeting, T101 -->   ... <!-- followlint-enable casual-greeting -->
    <!-- followlint-disable-next-line slang -->
    <!-- followlint-disable-file excessive-length -->

Plain-text form: ``followlint: ignore[slang]`` suppresses its own line, or the next
line when it stands alone on a line; ``followlint: ignore-file[slang]`` the whole
file. An empty rule list means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followlint.selectors import any_match, split_list

_HTML = re.compile(r"<!--\s*followlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->", re.I)
_PLAIN = re.compile(r"followlint:\s*(ignore-file|ignore)(?:\[([^\]\n]*)\])?", re.I)
ALL: tuple[str, ...] = ("ALL",)


@dataclass
class Suppressions:
    #: (first line, last line, selectors), 1-based inclusive
    ranges: list[tuple[int, int, tuple[str, ...]]]

    def covers(self, line: int, meta) -> bool:
        return any(lo <= line <= hi and any_match(sel, meta) for lo, hi, sel in self.ranges)


def _selectors(raw: str | None) -> tuple[str, ...]:
    items = split_list(raw or "")
    return tuple(items) if items else ALL


def parse_suppressions(text: str, lines) -> Suppressions:
    """Collect suppression ranges from ``text`` using its LineIndex ``lines``."""
    total = len(lines)
    ranges: list[tuple[int, int, tuple[str, ...]]] = []
    open_ranges: dict[str, int] = {}
    for m in _HTML.finditer(text):
        kind = m.group(1).lower()
        sel = _selectors(m.group(2))
        line = lines.position(m.start())[0]
        if kind == "disable-next-line":
            end_line = lines.position(m.end())[0]
            ranges.append((end_line + 1, end_line + 1, sel))
        elif kind == "disable-file":
            ranges.append((1, total, sel))
        elif kind == "disable":
            for s in sel:
                open_ranges.setdefault(s, line)
        else:  # enable
            targets = list(open_ranges) if sel == ALL else [s for s in sel if s in open_ranges]
            for s in targets:
                ranges.append((open_ranges.pop(s), line, (s,)))
    for s, start in open_ranges.items():
        ranges.append((start, total, (s,)))
    for m in _PLAIN.finditer(text):
        sel = _selectors(m.group(2))
        line = lines.position(m.start())[0]
        if m.group(1).lower() == "ignore-file":
            ranges.append((1, total, sel))
            continue
        own = lines.line_text(line)
        alone = own.replace(m.group(0), "").strip(" \t#/-<>!") == ""
        ranges.append((line + 1, line + 1, sel) if alone else (line, line, sel))
    return Suppressions(ranges)


def apply_suppressions(findings: list, draft) -> list:
    sup = parse_suppressions(draft.text, draft.lines)
    if not sup.ranges:
        return findings
    out = []
    for f in findings:
        line = draft.lines.position(f.span.start)[0]
        meta = _MetaView(f.rule, f.code, f.category)
        if not sup.covers(line, meta):
            out.append(f)
    return out


@dataclass(frozen=True)
class _MetaView:
    name: str
    code: str
    category: str
