"""panel-incomplete (P201): a note to several interviewers leaves some of them out and has no collective salutation."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.anatomy.names import mentions, parse_greeting, people
from followlint.checks._mentions import join_names
from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@lru_cache(maxsize=1)
def _body_collective() -> re.Pattern:
    return re.compile("|".join(load_data("panel-incomplete")["body_collective"]), re.I)


class PanelIncomplete(BaseRule):
    #: rules/data files it reads besides its own (titles and nicknames (followlint.anatomy.names))
    data_files = ("names",)
    meta = RuleMeta(
        name="panel-incomplete", code="P201", category="panel-incomplete",
        severity=Severity.WARNING, scope="greeting",
        summary="A note to several interviewers leaves some of them out and has no collective salutation.",
        docs=RuleDocs(
            what="When the context lists two or more interviewers, a message that neither names each of them "
                 "(in the greeting or the body: first name, surname or full name) nor addresses them together "
                 "('Dear Hiring Team', 'Hi all', 'thank you all', 'each of you', 'the whole panel'). "
                 "Silent without a list of interviewers: a panel note written to one panelist is fine.",
            why="After a panel interview, a panelist who is left out of a note that thanks the others by name "
                "reads it as a slight, and panelists compare notes.",
            example="---\ninterviewers: [Dana Whitfield, Raj Patel, Lee Chen]\n---\nHi Dana and Raj,\n\n"
                    "Thank you both for the conversation about the analytics roadmap.",
            instead="Hi Dana, Raj and Lee,\n\nThank you all for the conversation about the analytics roadmap.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        persons = people(draft)
        if len(persons) < 2 or draft.body is None:
            return
        greeting = parse_greeting(draft)
        if greeting is not None and greeting.collective:
            return
        body = draft.view(draft.body)
        if _body_collective().search(body):
            return
        seen = draft.view(draft.greeting) + "\n" + body
        missing = [p.display for p in persons if not mentions(seen, p, fuzzy=True)]
        if not missing:
            return
        anchor = draft.greeting or draft.anchor
        yield self.finding(anchor, f"This note to {len(persons)} interviewers does not address {join_names(missing)}; "
                                   "name each panelist or use a collective salutation such as 'Dear hiring team'.",
                           suggestions=("Dear hiring team,",))
