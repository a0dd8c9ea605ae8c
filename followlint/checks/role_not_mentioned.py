"""role-not-mentioned (P203): the role given in the context is never named in the message."""

from __future__ import annotations

from typing import Iterator

from followlint.checks._mentions import company_mentioned, role_mentioned, seen_text
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


class RoleNotMentioned(BaseRule):
    #: rules/data files it reads besides its own (role modifiers)
    data_files = ("names",)
    meta = RuleMeta(
        name="role-not-mentioned", code="P203", category="generic-phrasing",
        severity=Severity.WARNING, scope="body",
        summary="The role given in the context is never named in the message.",
        docs=RuleDocs(
            what="With `role` in the context, a message whose subject, greeting and body never name the job. "
                 "The role's main word is enough ('the analyst position' for 'Senior Data Analyst'), and so is "
                 "its abbreviation ('PM' for 'Product Manager'); seniority words are ignored.",
            why="Hiring managers interview for several openings at once; naming the role tells them at a glance "
                "which conversation you mean and shows the note is not a template.",
            example="---\nrole: Data Analyst\n---\nThank you for meeting with me about the position.",
            instead="Thank you for meeting with me about the Data Analyst position.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        role = draft.context.role
        if not role or draft.body is None or role_mentioned(role, seen_text(draft)):
            return
        if draft.context.kind == "linkedin-note" and draft.context.company and company_mentioned(
                draft.context.company, seen_text(draft)):
            return
        yield self.finding(draft.anchor, f"The message never names the role ({role}); mention it so the reader "
                                         "knows at once which interview you mean.")
