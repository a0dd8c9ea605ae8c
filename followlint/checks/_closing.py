"""Shared by missing-sign-off and missing-contact-info: where a missing closing line belongs."""

from __future__ import annotations

from followlint.core.finding import Span


def end_anchor(draft) -> Span:
    """The last line of the message: where a missing sign-off belongs."""
    end = draft.content.end
    line = draft.lines.line_of(max(draft.content.start, end - 1))
    start = max(draft.lines.starts[line], draft.content.start)
    return Span(start, max(start, min(end, draft.lines.ends[line])))
