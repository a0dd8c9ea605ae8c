"""casual-register (T107): several mildly chatty touches together.

The markers are in rules/data/casual-register.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from followlint.anatomy.flat import original_span
from followlint.checks._casual import slang_matches
from followlint.checks.excessive_exclamation import ExclamationOptions
from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@dataclass(frozen=True)
class RegisterOptions:
    #: How many distinct markers make a casual register (a warning).
    min_markers: int = 3


class CasualRegister(BaseRule):
    #: rules/data files it reads besides its own (the info-level slang counts as a marker)
    data_files = ("slang",)
    Options = RegisterOptions
    meta = RuleMeta(
        name="casual-register", code="T107", category="casual-tone", severity=Severity.WARNING, scope="body",
        summary="Several mildly chatty touches that together make the note read like a text to a friend.",
        docs=RuleDocs(
            what="Counts mild marks of a chatty register, each kind once: 'just wanted to', 'anytime', 'have a "
                 "great day', 'super excited', 'a ton of', 'guys', holiday wishes, 'can't wait', mildly casual "
                 "words (awesome, cool, chat, totally) and a second exclamation mark (from the third, "
                 "excessive-exclamation warns on its own). Any one of them is fine; "
                 "from min-markers on (3 by default) the note is reported once, at the first of them.",
            why="No single phrase is wrong, but together they set the tone of a message to a friend, and an "
                "interviewer reads the whole register, not the words one by one.",
            example="I just wanted to say thanks for today! Feel free to call anytime, and have a great day!",
            instead="Thank you for your time today. Please call me if any questions come up.",
        ),
    )

    def check(self, draft, options: RegisterOptions) -> Iterator[Finding]:
        if draft.body is None:
            return
        needed = options.min_markers
        markers: dict[str, Span] = {}
        flat, offsets = draft.flat_body
        for pattern, label in _register_patterns():
            m = pattern.search(flat)
            if m and m.end() > m.start():
                markers.setdefault(label, original_span(offsets, m))
        for m, word, entry in slang_matches(draft):
            if entry.get("level") == "info" and draft.body.start <= m.start() < draft.body.end:
                markers.setdefault(word.lower(), Span(m.start(), m.end()))
        a = draft.analysis
        marks = [i for i in range(draft.content.start, draft.content.end) if a[i] == "!"]
        if 2 <= len(marks) < _WARN_EXCLAMATIONS:  # from there on excessive-exclamation warns by itself
            markers.setdefault(f"{len(marks)} exclamation marks", Span(marks[1], marks[1] + 1))
        if len(markers) < needed:
            return
        ordered = sorted(markers.items(), key=lambda item: item[1].start)
        listed = ", ".join(f"'{draft.text[s.start:s.end]}'" if not label.endswith("marks") else label
                           for label, s in ordered)
        yield self.finding(ordered[0][1], f"Several chatty touches add up to a casual register ({listed}); keep "
                                          "one at most and write the rest as you would to a manager.")


@lru_cache(maxsize=1)
def _register_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(e["pattern"], re.I), e["label"]) for e in load_data("casual-register")["register_markers"])


#: From this many marks excessive-exclamation warns by itself (its default), so the register stops counting them.
_WARN_EXCLAMATIONS = ExclamationOptions().warn_exclamations
