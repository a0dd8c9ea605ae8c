"""``kind: pattern`` — a list of patterns, each with its own message (and, optionally, its own level).

For rules whose every phrase needs its own advice ("'{match}' sets the employer a deadline ...").
Each scope is matched with runs of whitespace as one space, so a hard-wrapped draft matches like a
one-line one, and each match is mapped back to its exact span in the original text. Entries are
tried in order; a match that overlaps an earlier one is dropped (one finding per place).
``{match}`` in a message is the matched text, its whitespace runs as one space.

    kind: pattern
    code: T200
    category: demanding-tone
    scope: body
    summary: ...
    patterns:
      - pattern: "\\bI expect a decision\\b"
        message: "'{match}' sets the employer a deadline; ask about their timeline instead."
        level: warning        # optional: the rule's level by default
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import regex

from followlint.anatomy.flat import flatten, original_span
from followlint.core.finding import Finding, Severity, Span
from followlint.core.rule import BaseRule
from followlint.kinds.base import RuleSource, check_keys, finditer, meta_from

EXTRA_KEYS = {"patterns": list}
ENTRY_KEYS = {"pattern", "message", "level"}


@dataclass(frozen=True)
class PatternEntry:
    pattern: "regex.Pattern"
    message: str
    severity: Severity | None


class PatternRule(BaseRule):
    def __init__(self, src: RuleSource) -> None:
        check_keys(src, EXTRA_KEYS, ("patterns",), base_required=("code", "category"))
        self.meta = meta_from(src, "body")
        ignorecase = src.data.get("ignorecase", True)
        # Python `re` semantics (regex's VERSION0), as the phrase lists were written for; matched under
        # the kinds' time bound like any pack pattern.
        flags = regex.VERSION0 | (regex.IGNORECASE if ignorecase else 0)
        entries = []
        for i, entry in enumerate(src.data["patterns"]):
            where = f"patterns[{i}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str):
                raise src.error("patterns", f"{where} must be a mapping with a 'pattern' (text)")
            unknown = set(entry) - ENTRY_KEYS
            if unknown:
                raise src.error("patterns",
                                f"{where}: unknown key {sorted(unknown)[0]!r} (use: pattern, message, level)")
            message = entry.get("message", src.data.get("message"))
            if not isinstance(message, str):
                raise src.error("patterns", f"{where} needs a 'message' (or the rule a default 'message')")
            try:
                severity = Severity.parse(entry["level"]) if "level" in entry else None
            except ValueError as exc:
                raise src.error("patterns", f"{where}: {exc}") from None
            try:
                compiled = regex.compile(entry["pattern"], flags)
            except regex.error as exc:
                raise src.error("patterns", f"{where}: bad pattern {entry['pattern']!r}: {exc}") from None
            entries.append(PatternEntry(compiled, message, severity))
        if not entries:
            raise src.error("patterns", "a pattern rule needs at least one entry in 'patterns'")
        self.entries = tuple(entries)

    def check(self, draft, options) -> Iterator[Finding]:
        for scope in draft.scope_spans(self.meta.scope):
            if draft.body is not None and scope == draft.body:
                flat, offsets = draft.flat_body
            else:
                flat, offsets = flatten(draft.analysis, scope.start, scope.end)
            taken: list[tuple[int, int]] = []
            for entry in self.entries:
                for m in finditer(entry.pattern, flat, 0, len(flat)):
                    if m.end() <= m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    span: Span = original_span(offsets, m)
                    text = " ".join(draft.text[span.start:span.end].split())
                    yield self.finding(span, entry.message.format(match=text), severity=entry.severity)
