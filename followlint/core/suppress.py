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

import bisect
import re
from dataclasses import dataclass, field

from followlint.core.selectors import any_match, split_list

# A rule list never holds '<' or '[': excluding them keeps each match from rescanning a long line
# full of unclosed directives (quadratic before).
_HTML = re.compile(r"<!--\s*followlint-(disable-next-line|disable-file|disable|enable)\b([^<>]*?)-->", re.I)
_PLAIN = re.compile(r"followlint:\s*(ignore-file|ignore)(?:\[([^\[\]\n]*)\])?", re.I)
_NOT_DECORATION = re.compile(r"[^ \t#/<>!-]")
ALL: tuple[str, ...] = ("ALL",)


@dataclass
class Suppressions:
    #: (first line, last line, selectors), 1-based inclusive
    ranges: list[tuple[int, int, tuple[str, ...]]]
    #: (name, code, category) -> merged (starts, ends) of the ranges that name the rule
    _by_rule: dict = field(default_factory=dict, repr=False, compare=False)

    def covers(self, line: int, meta) -> bool:
        # Indexed per rule, then a binary search: a draft with thousands of directives and
        # findings stays linear-logarithmic instead of findings x directives.
        key = (meta.name, meta.code, meta.category)
        index = self._by_rule.get(key)
        if index is None:
            index = self._by_rule[key] = _merged([(lo, hi) for lo, hi, sel in self.ranges if any_match(sel, meta)])
        starts, ends = index
        i = bisect.bisect_right(starts, line) - 1
        return i >= 0 and line <= ends[i]


def _merged(ranges: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in sorted(ranges):
        if starts and lo <= ends[-1] + 1:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


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
        line_start, line_end = lines.line_span(line)
        alone = (_NOT_DECORATION.search(text, line_start, m.start()) is None
                 and _NOT_DECORATION.search(text, m.end(), line_end) is None)
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
