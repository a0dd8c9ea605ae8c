"""casual-sign-off (T105): sign-offs such as 'Cheers' or 'Later'; the list is in rules/data/casual-sign-off.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Edit, Finding, Fix, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("casual-sign-off")


class CasualSignOff(BaseRule):
    meta = RuleMeta(
        name="casual-sign-off", code="T105", category="casual-tone", severity=Severity.WARNING, scope="closing",
        fix="always",
        summary="Sign-offs such as 'Cheers', 'Thx' or 'Later'.",
        docs=RuleDocs(
            what="A closing line that is casual: Cheers, Thx, Later, Ciao, Talk soon, xoxo, Love.",
            why="The sign-off is the last impression. A casual one undoes a formal letter.",
            example="Cheers,\nJordan", instead="Best regards,\nJordan",
            fix_safety="Unsafe: it replaces your sign-off wording."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.closing is None:
            return
        data = _data()
        text = draft.view(draft.closing)
        word = re.sub(r"[\s,.—–-]+$", "", text).strip()
        if word.lower() in data["casual_sign_offs"] or text.strip().lower() in data["casual_sign_offs"]:
            fix = data["casual_sign_off_fix"]
            yield self.finding(draft.closing, f"'{word}' is a casual sign-off; close with '{fix}' or 'Sincerely,'.",
                               suggestions=(fix, "Sincerely,", "Thank you,"),
                               fix=Fix((Edit(draft.closing.start, draft.closing.end, fix),), f"Replace with '{fix}'"))
