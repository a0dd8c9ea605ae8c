"""casual-greeting (T100): a greeting such as 'Hey' or 'Yo'; the list is in rules/data/casual-greeting.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.checks._casual import phrase_pattern
from followlint.core.data import load_data
from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("casual-greeting")


class CasualGreeting(BaseRule):
    meta = RuleMeta(
        name="casual-greeting", code="T100", category="casual-tone", severity=Severity.WARNING,
        scope="greeting", fix="always",
        summary="A greeting such as 'Hey' or 'Yo' that is too casual for an interviewer.",
        docs=RuleDocs(
            what="Greetings like 'Hey', 'Hey there', 'Yo', 'Hiya' or 'Sup' at the start of the message.",
            why="The interviewer is still deciding about you; the first word sets the register, and 'Hey' "
                "reads like a text to a friend.",
            example="Hey Dana,", instead="Hi Dana,  (or: Dear Ms. Whitfield,)",
            fix_safety="Unsafe: replacing the greeting word changes your wording, so review it."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.greeting is None:
            return
        data = _data()
        text = draft.view(draft.greeting)
        m = re.match(r"\s*[\"“']?(" + phrase_pattern(data["casual_greetings"]).pattern + ")", text, re.I)
        if not m:
            return
        start = draft.greeting.start + m.start(1)
        span = Span(start, start + len(m.group(1)))
        fix_word = data["casual_greeting_fix"]
        yield self.finding(span, f"'{m.group(1)}' is too casual a greeting for an interviewer; use 'Hi' or 'Dear'.",
                           suggestions=(fix_word, "Dear"),
                           fix=Fix((Edit(span.start, span.end, fix_word),), f"Replace '{m.group(1)}' with '{fix_word}'"))
