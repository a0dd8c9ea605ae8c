"""missing-contact-info (S102): no phone number, e-mail address or profile link to reach the sender."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from followlint.checks._closing import end_anchor
from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


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
        if draft.kind == "linkedin-note" or draft.body is None or draft.contacts:
            return
        if draft.format == "email" and draft.headers.get("from"):
            return  # the reply address is the From header
        if _has_contact_slot(draft):
            return  # an unfilled [Phone] slot is the placeholder rule's business
        severity = Severity.WARNING if draft.kind in options.warn_kinds else Severity.INFO
        anchor = draft.signature_name or draft.closing or end_anchor(draft)
        yield self.finding(anchor, "No way to reach you: add a phone number, e-mail address or LinkedIn URL "
                                   "under your name.", severity=severity)


def _has_contact_slot(draft) -> bool:
    tail = draft.view(draft.content)
    return bool(_contact_slot().search(tail))


@lru_cache(maxsize=1)
def _contact_slot() -> re.Pattern:
    words = "|".join(load_data("missing-contact-info")["contact_slot_words"])
    return re.compile(rf"[\[{{<][^\[\]{{}}<>\n]{{0,80}}?(?:{words})[^\[\]{{}}<>\n]{{0,80}}[\]}}>]", re.I)
