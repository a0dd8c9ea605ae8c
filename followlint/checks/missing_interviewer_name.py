"""missing-interviewer-name (P100): no greeting, or one that names no one.

Who a greeting addresses is the anatomy's (``draft.greeting_class``, followlint.anatomy.greeting)."""

from __future__ import annotations

from typing import Iterator

from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


class MissingInterviewerName(BaseRule):
    #: rules/data files it reads besides its own (who a greeting addresses (followlint.anatomy.greeting))
    data_files = ("greeting",)
    meta = RuleMeta(
        name="missing-interviewer-name", code="P100", category="missing-interviewer-name",
        severity=Severity.WARNING, scope="greeting",
        summary="No greeting, or a greeting that names no one ('Dear Hiring Manager', 'Hello,').",
        docs=RuleDocs(
            what="A message with no greeting, or with a generic one: 'To whom it may concern', 'Dear Sir/Madam', "
                 "'Dear Hiring Manager', 'Hello,', 'Hi there', 'Greetings'. A collective salutation ('Dear Hiring "
                 "Team', 'Dear all') is accepted for a panel. An unfilled '[Interviewer Name]' is reported by "
                 "unfilled-placeholder instead.",
            why="You met a person. Addressing them by name is the cheapest proof that this note was written for "
                "them and not pasted from a template.",
            example="Dear Hiring Manager,", instead="Dear Ms. Okafor,"),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.body is None and draft.greeting is None:
            return
        kind = draft.kind
        if draft.greeting is None:
            yield self.finding(draft.anchor, "No greeting: open with the interviewer's name, e.g. 'Dear Ms. Okafor,'.")
            return
        label, who = draft.greeting_class
        if label == "named" or label == "slot":
            return
        if label == "collective":
            if kind == "panel":
                return
            yield self.finding(draft.greeting, f"'{draft.view(draft.greeting).strip()}' addresses a group; name the "
                                               "person who interviewed you (a collective greeting suits a panel).")
            return
        yield self.finding(draft.greeting, f"'{draft.view(draft.greeting).strip()}' names no one; address the "
                                           "interviewer by name, e.g. 'Dear Ms. Okafor,'.")
