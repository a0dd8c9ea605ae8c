"""Shared by late-thank-you and early-follow-up: the send date and business days.

Dates come from the context (front matter ``interview_date`` / ``send_date``, the
``--interview-date`` / ``--send-date`` flags, an .eml's Date: header for the send date);
``send_date`` defaults to today. Without an interview date both rules are silent.
"""

from __future__ import annotations

import datetime as dt

from followlint.anatomy import draft as draft_module


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
