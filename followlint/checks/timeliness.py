"""timeliness: a thank-you sent more than a day after the interview (warning) and a follow-up
after silence sent before five business days have passed (info).

Dates come from the context (front matter ``interview_date`` / ``send_date``, the
``--interview-date`` / ``--send-date`` flags, an .eml's Date: header for the send date);
``send_date`` defaults to today. Without an interview date both rules are silent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from followlint.anatomy import draft as draft_module
from followlint.core.finding import Finding, Severity
from followlint.anatomy.message_kind import detect_kind, thanks_for_interview
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

THANK_YOU_KINDS = ("thank-you", "panel", "second-interview")


def send_date(draft) -> dt.date:
    return draft.context.send_date or draft_module.today()


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Weekdays after ``start`` up to and including ``end`` (public holidays are not known)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for i in range(1, rest + 1):
        if (start + dt.timedelta(days=i)).weekday() < 5:
            count += 1
    return count


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
            why="The seed article's first rule of timing: send within 24 hours, while the conversation is fresh "
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
        guess = detect_kind(draft)
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
        if interview is None or draft.body is None or detect_kind(draft).kind != "follow-up":
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
