"""``kind: occurrence`` — a token may appear at most ``max`` (or at least ``min``) times per scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.core.finding import Finding, Span
from followlint.kinds.base import RuleSource, check_keys, compile_pattern, finditer, meta_from
from followlint.core.rule import BaseRule

EXTRA_KEYS = {"token": str, "max": int, "min": int}


@dataclass(frozen=True)
class OccurrenceOptions:
    max: int | None = None
    min: int | None = None


class OccurrenceRule(BaseRule):
    Options = OccurrenceOptions

    def __init__(self, src: RuleSource) -> None:
        check_keys(src, EXTRA_KEYS, ("token",))
        if "max" not in src.data and "min" not in src.data:
            raise src.error(None, "an occurrence rule needs 'max' or 'min'")
        self.meta = meta_from(src, "whole")
        self.pattern = compile_pattern(src, "token", src.data["token"], src.data.get("ignorecase", True))
        self.max, self.min = src.data.get("max"), src.data.get("min")
        self.message = src.data["message"]

    def check(self, draft, options: OccurrenceOptions) -> Iterator[Finding]:
        hi = options.max if options.max is not None else self.max
        lo = options.min if options.min is not None else self.min
        for scope in draft.scope_spans(self.meta.scope):
            matches = finditer(self.pattern, draft.analysis, scope.start, scope.end)
            count = len(matches)
            if hi is not None and count > hi:
                # Point at the first occurrence past the limit: that is the one to remove.
                m = matches[hi]
                yield self.finding(Span(m.start(), m.end()),
                                   self.message.format(count=count, limit=hi, match=m.group(0)))
            elif lo is not None and count < lo:
                anchor = Span(scope.start, scope.start + min(1, scope.end - scope.start))
                yield self.finding(anchor, self.message.format(count=count, limit=lo, match=""))
