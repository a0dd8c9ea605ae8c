"""early-follow-up (D101): a follow-up after silence sent before 5 business days have passed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.checks._timeliness import business_days_between, send_date
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@dataclass(frozen=True)
class EarlyOptions:
    #: Business days to wait after the interview before asking for news.
    min_business_days: int = 5


class EarlyFollowUp(BaseRule):
    Options = EarlyOptions
    meta = RuleMeta(
        name="early-follow-up", code="D101", category="timeliness", severity=Severity.INFO, scope="body",
        summary="A follow-up after silence sent before 5 business days have passed since the interview.",
        docs=RuleDocs(
            what="A follow-up asking for news (kind `follow-up`, given or detected) whose send date is fewer than "
                 "five business days (Monday to Friday; public holidays are not known) after `interview_date`. "
                 "Info, because the employer may have promised an answer sooner; if they did, ignore it.",
            why="Hiring decisions take time; asking for news within a few days of the interview reads as "
                "impatience. The usual advice is to wait a week, or until the date the interviewer gave you.",
            example="---\nkind: follow-up\ninterview_date: 2026-03-02\nsend_date: 2026-03-04\n---\nI wanted to "
                    "check in on the timeline ...",
            instead="Send the thank-you now, and the 'any news?' note a week or more after the interview.",
        ),
    )

    def check(self, draft, options: EarlyOptions) -> Iterator[Finding]:
        interview = draft.context.interview_date
        if interview is None or draft.body is None or draft.kind != "follow-up":
            return
        sent = send_date(draft)
        if sent < interview:
            return
        days = business_days_between(interview, sent)
        if days >= options.min_business_days:
            return
        yield self.finding(draft.anchor, f"Only {days} business day{'s' if days != 1 else ''} since the interview "
                                         f"({interview.isoformat()}); wait at least {options.min_business_days} "
                                         "before asking for news, unless you were given a date.")
