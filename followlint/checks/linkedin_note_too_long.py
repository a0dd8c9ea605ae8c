"""linkedin-note-too-long (L200), excessive-length for LinkedIn connection notes: LinkedIn cuts a
connection-request note at 300 characters, so anything longer cannot be sent as written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.core.finding import Finding, Severity, Span
from followlint.anatomy.message_kind import LINKEDIN_LIMIT
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@dataclass(frozen=True)
class LinkedInOptions:
    #: LinkedIn's limit for a connection-request note, in characters.
    max_characters: int = LINKEDIN_LIMIT


class LinkedInNoteTooLong(BaseRule):
    Options = LinkedInOptions
    meta = RuleMeta(
        name="linkedin-note-too-long", code="L200", category="excessive-length", severity=Severity.ERROR,
        scope="whole",
        summary="A LinkedIn connection note over 300 characters.",
        docs=RuleDocs(
            what="A note of kind `linkedin-note` (given, or detected from cues such as 'connecting here' or "
                 "'connection request') longer than 300 characters, counted from its first to its last "
                 "non-blank character, spaces and line breaks included, front matter left out. The span "
                 "covers the part that does not fit.",
            why="LinkedIn will not accept a longer connection note, so the end is lost or the note cannot be "
                "sent; the point of the note is a brief, personal reminder of the conversation.",
            example="Hi Dana, thank you again for this morning's conversation about the analytics team ... "
                    "(412 characters)",
            instead="Hi Dana, thank you for this morning's talk about the analytics roadmap. I'd love to stay "
                    "connected. Jordan",
        ),
    )

    def check(self, draft, options: LinkedInOptions) -> Iterator[Finding]:
        if draft.kind != "linkedin-note":
            return
        content = draft.content
        length = content.end - content.start
        limit = options.max_characters
        if length <= limit:
            return
        yield self.finding(Span(content.start + limit, content.end),
                           f"LinkedIn connection notes are limited to {limit} characters; this one has {length} "
                           f"({length - limit} over). Everything from here on would be cut.")
