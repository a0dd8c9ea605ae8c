"""stock-opener (P104): 'I trust all is well' opening a note; the openers are in rules/data/stock-opener.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.anatomy.flat import original_span
from followlint.checks._specificity import MIN_SIGNALS, specificity_signals, stock_nouns
from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


class StockOpener(BaseRule):
    #: rules/data files it reads besides its own (what makes a note specific)
    data_files = ("no-specific-detail", "slang")
    meta = RuleMeta(
        name="stock-opener", code="P104", category="generic-phrasing", severity=Severity.WARNING,
        scope="body", needs_nlp=True,
        summary="'I trust all is well' opening a note that says nothing specific either.",
        docs=RuleDocs(
            what="Template pleasantries ('I trust all is well', 'I hope your week is going well'). A warning when the rest of the note names nothing specific (no "
                 "company, project, person or topic: see no-specific-detail); only info when the note is "
                 "specific, since there the pleasantry costs a line, not the reader's trust.",
            why="It is the first line the interviewer reads. In a template it announces one; in a note full of "
                "specifics it is merely a wasted line.",
            example="I trust all is well. I am following up on my application.",
            instead="Thank you again for walking me through the returns-centre plans on Tuesday.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.body is None:
            return
        flat, offsets = draft.flat_body
        matches = [m for p in _opener_patterns() for m in p.finditer(flat) if m.end() > m.start()]
        if not matches:
            return
        # "I hope this email finds you well" is generic-phrase's, always
        specific = len(specificity_signals(draft, set(stock_nouns()), enough=MIN_SIGNALS)) >= MIN_SIGNALS
        for m in sorted(matches, key=lambda m: m.start()):
            span = original_span(offsets, m)
            text = draft.text[span.start:span.end]
            if specific:
                yield self.finding(span, f"'{text}' is a template pleasantry; the specifics below can open the "
                                         "note instead.", severity=Severity.INFO)
            else:
                yield self.finding(span, f"'{text}' opens a note that names nothing specific; it reads as a "
                                         "template. Open with one thing from your conversation.")


@lru_cache(maxsize=1)
def _opener_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.I) for p in load_data("stock-opener")["stock_openers"])
