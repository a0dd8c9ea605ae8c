"""missing-signed-name (S101): a sign-off line with no name under it."""

from __future__ import annotations

from typing import Iterator

from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


class MissingSignedName(BaseRule):
    meta = RuleMeta(
        name="missing-signed-name", code="S101", category="missing-closing-or-contact",
        severity=Severity.INFO, scope="signature",
        summary="A sign-off line with no name under it.",
        docs=RuleDocs(
            what="A closing such as 'Best regards,' that is not followed by your name. Info: a sign-off without a "
                 "name still closes the message, and in an e-mail the From line says who wrote. A warning when the "
                 "message ends on a bare 'Best regards' with neither comma nor name, as a template does.",
            why="The reader has to scroll up to the header to see who wrote; an unsigned note looks like a template "
                "sent in a hurry.",
            example="Best regards,",
            instead="Best regards,\nJordan Lee",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.kind == "linkedin-note" or draft.closing is None or draft.signature_name is not None:
            return
        # A sign-off without a name still closes the message (the unseen corpus's index). A bare "Best regards"
        # with neither its comma nor a name is a template's closing with the name left out (the real-drafts
        # index counts that as no closing): a warning there.
        text = draft.view(draft.closing).rstrip()
        unfinished = text[-1:].isalnum() and draft.closing.end >= draft.content.end
        yield self.finding(draft.closing, "The sign-off has no name under it; sign with your full name.",
                           severity=Severity.WARNING if unfinished else Severity.INFO)
