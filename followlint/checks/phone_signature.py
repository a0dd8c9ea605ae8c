"""phone-signature (T106): 'Sent from my iPhone' and 'excuse typos'.

The patterns are in rules/data/phone-signature.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in load_data("phone-signature")["phone_signatures"]), re.I)


class PhoneSignature(BaseRule):
    meta = RuleMeta(
        name="phone-signature", code="T106", category="casual-tone", severity=Severity.WARNING, scope="signature",
        fix="always",
        summary="A 'Sent from my iPhone' or 'excuse typos' signature.",
        docs=RuleDocs(
            what="Mobile mail signatures such as 'Sent from my iPhone' or 'Please excuse any typos'.",
            why="It tells the interviewer the note was dashed off on a phone, and asks them to forgive errors "
                "you could have fixed.",
            example="Thank you.\nSent from my iPhone", instead="Thank you.\n\nBest regards,\nJordan Lee",
            fix_safety="Safe: the line is removed."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        pattern = _pattern()
        a = draft.analysis
        for m in pattern.finditer(a, draft.content.start, draft.content.end):
            line = draft.lines.line_of(m.start())
            start, end = draft.lines.starts[line], draft.lines.ends[line]
            whole_line = a[start:end].strip().lower() == m.group(0).lower()
            edit_end = draft.lines.starts[line + 1] if whole_line and line + 1 < len(draft.lines) else end
            fix = Fix((Edit(start, edit_end, ""),), "Remove the line", safe=True) if whole_line else None
            yield self.finding(Span(m.start(), m.end()),
                               f"'{m.group(0)}' makes the note look dashed off; remove it and sign with your name.",
                               fix=fix)
