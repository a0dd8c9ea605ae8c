"""missing-closing-or-contact: a sign-off line, a signed name, a way to reach the sender."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity, Span
from followlint.anatomy.message_kind import detect_kind
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

_LINKEDIN = "linkedin-note"


def _kind(draft) -> str:
    """The kind given in the context, else the one detected (a LinkedIn note needs no sign-off)."""
    return detect_kind(draft).kind


def _end_anchor(draft) -> Span:
    """The last line of the message: where a missing sign-off belongs."""
    end = draft.content.end
    line = draft.lines.line_of(max(draft.content.start, end - 1))
    start = max(draft.lines.starts[line], draft.content.start)
    return Span(start, max(start, min(end, draft.lines.ends[line])))


class MissingSignOff(BaseRule):
    meta = RuleMeta(
        name="missing-sign-off", code="S100", category="missing-closing-or-contact",
        severity=Severity.WARNING, scope="closing",
        summary="The message ends without a sign-off line such as 'Best regards,'.",
        docs=RuleDocs(
            what="A message with no closing line ('Best regards,', 'Sincerely,', 'Thank you,') before your name. "
                 "A name alone under a sentence that already closes ('I hope to hear from you soon.') is only "
                 "info; a name right after the story, with no closing at all, is a warning.",
            why="A follow-up that just stops reads as unfinished or dashed off; the sign-off is where the tone "
                "lands and where the reader looks for your name.",
            example="...I look forward to hearing from you.",
            instead="...I look forward to hearing from you.\n\nBest regards,\nJordan Lee",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if _kind(draft) == _LINKEDIN or draft.closing is not None or draft.body is None:
            return
        if draft.signature_name is not None:
            # A name under a closing sentence ("I hope to hear from you soon.") ends a finished letter:
            # only a nudge. A name under the middle of the story leaves the message without a closing.
            closed = _ends_with_closing_sentence(draft)
            yield self.finding(draft.signature_name,
                               "Your name stands alone with no sign-off line above it; add one such as 'Best regards,'."
                               if closed else
                               "The message stops mid-story and your name follows with no closing line; end with a "
                               "thank-you or next-step sentence and a sign-off such as 'Best regards,'.",
                               severity=Severity.INFO if closed else Severity.WARNING,
                               suggestions=("Best regards,",))
            return
        yield self.finding(_end_anchor(draft),
                           "The message ends without a sign-off line and your name; close with e.g. "
                           "'Best regards,' and your full name.", suggestions=("Best regards,",))


class MissingSignedName(BaseRule):
    meta = RuleMeta(
        name="missing-signed-name", code="S101", category="missing-closing-or-contact",
        severity=Severity.WARNING, scope="signature",
        summary="A sign-off line with no name under it.",
        docs=RuleDocs(
            what="A closing such as 'Best regards,' that is not followed by your name.",
            why="The reader has to scroll up to the header to see who wrote; an unsigned note looks like a template "
                "sent in a hurry.",
            example="Best regards,",
            instead="Best regards,\nJordan Lee",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if _kind(draft) == _LINKEDIN or draft.closing is None or draft.signature_name is not None:
            return
        yield self.finding(draft.closing, "The sign-off has no name under it; sign with your full name.")


@dataclass(frozen=True)
class ContactOptions:
    #: Message kinds for which a missing contact line is a warning rather than info.
    warn_kinds: tuple[str, ...] = ()


class MissingContactInfo(BaseRule):
    Options = ContactOptions
    meta = RuleMeta(
        name="missing-contact-info", code="S102", category="missing-closing-or-contact",
        severity=Severity.INFO, scope="signature",
        summary="No phone number, e-mail address or profile link to reach you.",
        docs=RuleDocs(
            what="A message with no contact line (phone, e-mail or LinkedIn URL) in the signature or body.",
            why="Make the reply one click away: an interviewer who forwards your note, or reads it on paper, "
                "should not have to hunt for how to reach you. In an e-mail your address is in the header, so "
                "this is info by default.",
            example="Best regards,\nJordan Lee",
            instead="Best regards,\nJordan Lee\n(555) 010-0199 · linkedin.com/in/jordanlee",
        ),
    )

    def check(self, draft, options: ContactOptions) -> Iterator[Finding]:
        if _kind(draft) == _LINKEDIN or draft.body is None or draft.contacts:
            return
        if draft.format == "email" and draft.headers.get("from"):
            return  # the reply address is the From header
        if _has_contact_slot(draft):
            return  # an unfilled [Phone] slot is the placeholder rule's business
        severity = Severity.WARNING if _kind(draft) in options.warn_kinds else Severity.INFO
        anchor = draft.signature_name or draft.closing or _end_anchor(draft)
        yield self.finding(anchor, "No way to reach you: add a phone number, e-mail address or LinkedIn URL "
                                   "under your name.", severity=severity)


@lru_cache(maxsize=1)
def _closing_sentence_pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in load_data("closing")["closing_sentences"]), re.I)


_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")


def _ends_with_closing_sentence(draft) -> bool:
    """Whether the body's last sentence thanks, looks ahead or wishes well (a sign-off's job)."""
    last = draft.paragraphs[-1] if draft.paragraphs else draft.body
    text = draft.view(last).strip()
    sentence = _SENTENCE_END.split(text)[-1] if text else ""
    return bool(sentence) and bool(_closing_sentence_pattern().search(sentence))


def _has_contact_slot(draft) -> bool:
    import re

    tail = draft.view(draft.content)
    return bool(re.search(r"[\[{<][^\[\]{}<>\n]{0,80}?(?:phone|e-?mail|contact|linkedin|signature)[^\[\]{}<>\n]{0,80}[\]}>]", tail, re.I))
