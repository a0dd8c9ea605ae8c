"""``kind: required`` — the scope must contain one of the listed words or patterns.

A missing scope (no closing line at all, say) counts as missing the part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.core.finding import Finding
from followlint.kinds.base import RuleSource, check_keys, compile_pattern, finditer, meta_from, string_list, word_alternation
from followlint.core.rule import BaseRule

EXTRA_KEYS = {"tokens": list, "patterns": list}


@dataclass(frozen=True)
class RequiredOptions:
    pass


class RequiredRule(BaseRule):
    Options = RequiredOptions

    def __init__(self, src: RuleSource) -> None:
        check_keys(src, EXTRA_KEYS, ())
        tokens, patterns = string_list(src, "tokens"), string_list(src, "patterns")
        if not tokens and not patterns:
            raise src.error(None, "a required rule needs 'tokens' or 'patterns'")
        self.meta = meta_from(src, "body")
        parts = ([word_alternation(tokens)] if tokens else []) + [f"(?:{p})" for p in patterns]
        self.pattern = compile_pattern(src, "tokens" if tokens else "patterns", "|".join(parts),
                                       src.data.get("ignorecase", True))
        self.message = src.data["message"]

    def check(self, draft, options: RequiredOptions) -> Iterator[Finding]:
        spans = draft.scope_spans(self.meta.scope)
        if any(finditer(self.pattern, draft.analysis, s.start, s.end) for s in spans):
            return
        target = spans[0] if spans else draft.anchor
        line_end = draft.lines.line_end_at(target.start)
        yield self.finding(type(target)(target.start, max(target.start, min(target.end, line_end))), self.message)
