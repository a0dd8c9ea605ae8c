"""reader-pressure: demanding tone read from the sentence's shape (followlint.anatomy.stance).

demanding-tone matches the stock phrases of pressure; this rule finds the shapes the next writer will use
instead: the reader made the subject of an obligation, a deadline on hearing back, a lesson on courtesy,
a verdict on the reader's motives.
"""

from __future__ import annotations

from typing import Iterator

from followlint.anatomy.stance import pressure_spans
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


class ReaderPressure(BaseRule):
    meta = RuleMeta(
        name="reader-pressure", code="T202", category="demanding-tone", severity=Severity.WARNING, scope="body",
        summary="Obligations, deadlines, lessons and verdicts aimed at the reader, whatever the wording.",
        docs=RuleDocs(
            what="Sentences whose shape puts the reader under pressure, found from their structure rather than "
                 "a phrase list: the reader as the subject of an obligation ('you ought to at least ...', 'you "
                 "should reply'), a deadline on hearing back ('hearing from your team within the next week'), a "
                 "lesson on courtesy or professionalism ('not even given the courtesy of ...', 'part of the job "
                 "is ...'), a verdict on the reader's motives ('Guess you're not interested', 'you were "
                 "clearly more interested in someone else'), a promise the reader is reminded of ('I was told "
                 "I'd hear back soon'), an order with a deadline ('Please let me know by Friday') and reproach "
                 "dressed as a question ('Is it too much to ask ...?', 'Do you treat all your candidates like this?'), reproach for "
                 "what the reader did not do ('you could at least have let me know') and the outcome presumed "
                 "('I trust you will offer me the role', 'I'll be expecting your call'). Sympathy and offers with the same words are left "
                 "alone: 'you must be busy', 'should you need anything', 'you should have received my portfolio'.",
            why="A follow-up can only ask. Telling the employer what they owe you, or what their silence means, "
                "ends a candidacy that might still have gone your way.",
            example="Expected to hear back from you this week. Guess you're not interested.",
            instead="I wanted to check in on the timeline for the analyst role; I remain very interested.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        for span, message in pressure_spans(draft):
            yield self.finding(span, message)
