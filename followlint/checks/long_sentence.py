"""long-sentence (L101): a body sentence of more than 35 words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.anatomy.draft import words_in
from followlint.core.finding import Finding, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@dataclass(frozen=True)
class SentenceOptions:
    #: a body sentence longer than this many words is reported
    max_words: int = 35


class LongSentence(BaseRule):
    Options = SentenceOptions
    meta = RuleMeta(
        name="long-sentence", code="L101", category="excessive-length", severity=Severity.INFO, scope="sentence",
        summary="A sentence of more than 35 words.",
        docs=RuleDocs(
            what="A body sentence longer than max-words (35 by default).",
            why="Long sentences are where run-ons, comma splices and lost meaning hide; short ones read as "
                "confident.",
            example="I wanted to thank you for the time you took to meet with me yesterday and also to mention "
                    "that after our conversation I looked further into the roadmap you described and I think my "
                    "experience would let me help with it right away.",
            instead="Thank you for meeting with me yesterday. Since then I have read more about the roadmap you "
                    "described, and my experience would let me help with it right away."),
    )

    def check(self, draft, options: SentenceOptions) -> Iterator[Finding]:
        limit = options.max_words
        for sent in draft.sentences:
            words = words_in(draft.analysis, sent)
            if len(words) > limit:
                end_line = draft.lines.line_end_at(sent.start)
                yield self.finding(Span(sent.start, min(sent.end, max(end_line, words[min(len(words), 8) - 1].end))),
                                   f"This sentence is {len(words)} words long; split it (aim for under {limit}).")
