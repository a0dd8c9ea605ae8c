"""``kind: metric`` — a count over the scope (words, characters, sentences, paragraphs) against a bound."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.anatomy.draft import split_sentences, words_in
from followlint.core.finding import Finding, Span
from followlint.kinds.base import RuleSource, check_keys, meta_from
from followlint.core.rule import BaseRule

EXTRA_KEYS = {"metric": str, "max": int, "min": int}
METRICS = ("words", "characters", "sentences", "paragraphs")


@dataclass(frozen=True)
class MetricOptions:
    max: int | None = None
    min: int | None = None


def measure(draft, span: Span, metric: str) -> int:
    if metric == "words":
        return len(words_in(draft.analysis, span))
    if metric == "characters":
        return len(draft.analysis[span.start:span.end].strip())
    if metric == "sentences":
        return len(split_sentences(draft.analysis, [span]))
    if metric == "paragraphs":
        return len([p for p in draft.paragraphs if p.start >= span.start and p.end <= span.end])
    raise AssertionError(metric)


class MetricRule(BaseRule):
    Options = MetricOptions

    def __init__(self, src: RuleSource) -> None:
        check_keys(src, EXTRA_KEYS, ("metric",))
        if src.data["metric"] not in METRICS:
            raise src.error("metric", f"unknown metric {src.data['metric']!r} (use one of: {', '.join(METRICS)})")
        if "max" not in src.data and "min" not in src.data:
            raise src.error(None, "a metric rule needs 'max' or 'min'")
        self.meta = meta_from(src, "body")
        self.metric = src.data["metric"]
        self.max, self.min = src.data.get("max"), src.data.get("min")
        self.message = src.data["message"]

    def check(self, draft, options: MetricOptions) -> Iterator[Finding]:
        hi = options.max if options.max is not None else self.max
        lo = options.min if options.min is not None else self.min
        for scope in draft.scope_spans(self.meta.scope):
            value = measure(draft, scope, self.metric)
            if (hi is not None and value > hi) or (lo is not None and value < lo):
                limit = hi if hi is not None and value > hi else lo
                line_end = draft.lines.line_end_at(scope.start)
                yield self.finding(Span(scope.start, min(scope.end, line_end)),
                                   self.message.format(count=value, limit=limit, metric=self.metric))
