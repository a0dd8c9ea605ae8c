"""company-not-mentioned (P202): the company given in the context is never named in the message."""

from __future__ import annotations

from typing import Iterator

from followlint.checks._mentions import company_mentioned, role_mentioned, seen_text
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


class CompanyNotMentioned(BaseRule):
    #: rules/data files it reads besides its own (company suffixes and generic words)
    data_files = ("names",)
    meta = RuleMeta(
        name="company-not-mentioned", code="P202", category="generic-phrasing",
        severity=Severity.WARNING, scope="body",
        summary="The company given in the context is never named in the message.",
        docs=RuleDocs(
            what="With `company` in the context, a message whose subject, greeting and body never name it. "
                 "The distinctive part of the name is enough ('Northwind' for 'Northwind Traders Inc.', 'EA' "
                 "for 'Electronic Arts'); legal suffixes and generic words ('Inc', 'Labs', 'Group') are ignored.",
            why="A note that never names the employer could have been sent to any of them, and interviewers can "
                "tell. Naming the company and what draws you to it is the cheapest way to show the note is "
                "written for them.",
            example="---\ncompany: Northwind Traders\n---\nThank you for the interview. I am very interested in "
                    "the position and hope to hear from you.",
            instead="Thank you for the interview. Northwind's plan to move wholesale orders online is exactly the "
                    "kind of project I want to work on.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        company = draft.context.company
        if not company or draft.body is None or company_mentioned(company, seen_text(draft)):
            return
        if draft.context.kind == "linkedin-note" and draft.context.role and role_mentioned(draft.context.role,
                                                                                           seen_text(draft)):
            return  # a 300-character note may name just one of the two
        yield self.finding(draft.anchor, f"The message never names the company ({company}); say what draws you "
                                         "to it so the note could not have gone to any employer.")
