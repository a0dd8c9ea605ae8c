"""missing-signed-name (S101): a sign-off line with no name under it."""

from __future__ import annotations

from typing import Iterator

from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


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
        if draft.kind == "linkedin-note" or draft.closing is None or draft.signature_name is not None:
            return
        yield self.finding(draft.closing, "The sign-off has no name under it; sign with your full name.")
