"""late-thank-you (D100): a thank-you note sent two or more calendar days after the interview."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.anatomy.message_kind import thanks_for_interview
from followlint.checks._timeliness import send_date
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

THANK_YOU_KINDS = ("thank-you", "panel", "second-interview")


@dataclass(frozen=True)
class LateOptions:
    #: Calendar days after the interview from which a thank-you is late. The advice is "within
    #: 24 hours"; with dates only, a note sent the next day may still be inside them, so 2.
    max_days: int = 2


class LateThankYou(BaseRule):
    Options = LateOptions
    meta = RuleMeta(
        name="late-thank-you", code="D100", category="timeliness", severity=Severity.WARNING, scope="body",
        summary="A thank-you note sent more than 24 hours after the interview.",
        docs=RuleDocs(
            what="A thank-you, panel or second-interview note whose send date (context `send_date`, the .eml Date: "
                 "header, or today) is two or more calendar days after `interview_date`. Context gives dates, not "
                 "times, so a note sent the next day is given the benefit of the doubt. When the kind was not "
                 "given, the body must also thank the reader, so a follow-up that was not recognised as one is "
                 "not reported as a late thank-you.",
            why="The first rule of timing career coaches give: send within 24 hours, while the conversation is fresh "
                "and before the decision is made. A note that arrives days later reads as an afterthought.",
            example="---\ninterview_date: 2026-03-02\nsend_date: 2026-03-06\n---\nThank you for meeting with me "
                    "on Monday ...",
            instead="Send the thank-you on the day of the interview or the day after; if it is already late, send "
                    "it anyway, without apologising at length.",
        ),
    )

    def check(self, draft, options: LateOptions) -> Iterator[Finding]:
        interview = draft.context.interview_date
        if interview is None or draft.body is None:
            return
        guess = draft.kind_guess
        if guess.kind not in THANK_YOU_KINDS:
            return
        if not draft.context.kind and not thanks_for_interview(draft):
            return
        sent = send_date(draft)
        days = (sent - interview).days
        if days < options.max_days:
            return
        source = "sent" if draft.context.send_date else "today is"
        yield self.finding(draft.anchor, f"This thank-you goes out {days} days after the interview "
                                         f"(interview {interview.isoformat()}, {source} {sent.isoformat()}); "
                                         "thank-you notes should be sent within 24 hours.")
