"""``kind: metric`` — a count over the scope (words, characters, sentences, paragraphs) against a bound.

Over ``max``, a countable metric (words, sentences, paragraphs) points at the first unit past the
limit, cut at the end of its line; a character count, or a count under ``min``, points at the
scope's first line. ``option`` names the setting users change the bound with (``max``/``min`` by
default), and its default is the bound in the file, so ``followlint rule`` shows the real value.

    kind: metric
    code: L102
    metric: paragraphs
    max: 5
    option: max-paragraphs
    message: "{count} paragraphs; keep a follow-up to {limit} or fewer."
"""

from __future__ import annotations

import dataclasses
from typing import Iterator

from followlint.anatomy.draft import split_sentences, words_in
from followlint.core.finding import Finding, Span
from followlint.core.rule import NAME_RE, BaseRule
from followlint.kinds.base import RuleSource, check_keys, meta_from

EXTRA_KEYS = {"metric": str, "max": int, "min": int, "option": str}
METRICS = ("words", "characters", "sentences", "paragraphs")


def units(draft, span: Span, metric: str) -> list[Span] | None:
    """The counted units of a countable metric, None for characters."""
    if metric == "words":
        return words_in(draft.analysis, span)
    if metric == "sentences":
        return split_sentences(draft.analysis, [span])
    if metric == "paragraphs":
        return [p for p in draft.paragraphs if p.start >= span.start and p.end <= span.end]
    return None


def measure(draft, span: Span, metric: str) -> int:
    counted = units(draft, span, metric)
    if counted is None:
        return len(draft.analysis[span.start:span.end].strip())
    return len(counted)


class MetricRule(BaseRule):
    def __init__(self, src: RuleSource) -> None:
        check_keys(src, EXTRA_KEYS, ("metric",))
        if src.data["metric"] not in METRICS:
            raise src.error("metric", f"unknown metric {src.data['metric']!r} (use one of: {', '.join(METRICS)})")
        if "max" not in src.data and "min" not in src.data:
            raise src.error(None, "a metric rule needs 'max' or 'min'")
        option = src.data.get("option")
        if option is not None and ("max" in src.data) == ("min" in src.data):
            raise src.error("option", "'option' names the one bound: give 'max' or 'min', not both")
        if option is not None and not NAME_RE.match(option):
            raise src.error("option", f"option {option!r} must be kebab-case")
        self.meta = meta_from(src, "body")
        self.metric = src.data["metric"]
        self.message = src.data["message"]
        self._bounds = {}  # "max"/"min" -> the Options field holding it
        fields = []
        for bound in ("max", "min"):
            if bound in src.data:
                name = (option or bound).replace("-", "_")
                self._bounds[bound] = name
                fields.append((name, int, dataclasses.field(default=src.data[bound])))
        self.Options = dataclasses.make_dataclass("MetricOptions", fields, frozen=True)

    def check(self, draft, options) -> Iterator[Finding]:
        hi = getattr(options, self._bounds["max"]) if "max" in self._bounds else None
        lo = getattr(options, self._bounds["min"]) if "min" in self._bounds else None
        for scope in draft.scope_spans(self.meta.scope):
            counted = units(draft, scope, self.metric)
            value = measure(draft, scope, self.metric)
            if hi is not None and value > hi:
                limit, target = hi, counted[hi] if counted is not None else scope
            elif lo is not None and value < lo:
                limit, target = lo, scope
            else:
                continue
            line_end = draft.lines.line_end_at(target.start)
            yield self.finding(Span(target.start, min(target.end, line_end)),
                               self.message.format(count=value, limit=limit, metric=self.metric))
