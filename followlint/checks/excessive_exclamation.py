"""excessive-exclamation (T103): runs like '!!' and too many exclamation marks in one message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


_PUNCT_RUN = re.compile(r"[!?]{2,}")  # linear; runs without a '!' ("??") are left alone in code


@dataclass(frozen=True)
class ExclamationOptions:
    max_exclamations: int = 1
    warn_exclamations: int = 3


class ExcessiveExclamation(BaseRule):
    Options = ExclamationOptions
    meta = RuleMeta(
        name="excessive-exclamation", code="T103", category="casual-tone", severity=Severity.WARNING,
        scope="whole", fix="sometimes",
        summary="Runs like '!!' or '?!', and more than one exclamation mark in a message.",
        docs=RuleDocs(
            what="A run of punctuation such as '!!', '!!!' or '?!' (a warning), and more exclamation marks than "
                 "max-exclamations in the whole message (info for the first extra ones, a warning from "
                 "warn-exclamations on).",
            why="One '!' can be warm; several make a follow-up sound breathless or pushy.",
            example="Thank you so much!! I loved meeting the team! Can't wait to hear back!",
            instead="Thank you for your time. I enjoyed meeting the team and look forward to hearing from you.",
            fix_safety="Safe for runs: '!!' becomes '!'. The count has no automatic fix."),
    )

    def check(self, draft, options: ExclamationOptions) -> Iterator[Finding]:
        a = draft.analysis
        in_runs: list[Span] = []
        for m in _PUNCT_RUN.finditer(a, draft.content.start, draft.content.end):
            if "!" not in m.group(0):
                continue
            span = Span(m.start(), m.end())
            in_runs.append(span)
            keep = "?" if "?" in m.group(0) else "!"
            yield self.finding(span, f"'{m.group(0)}' reads as breathless; use a single '{keep}' or a full stop.",
                               suggestions=(keep,),
                               fix=Fix((Edit(span.start, span.end, keep),), f"Replace '{m.group(0)}' with '{keep}'",
                                       safe=True))
        in_run: set[int] = set()
        for span in in_runs:
            in_run.update(range(span.start, span.end))
        marks = [i for i in range(draft.content.start, draft.content.end) if a[i] == "!"]
        loose = [i for i in marks if i not in in_run]
        if len(marks) <= options.max_exclamations or not loose:
            return
        # One finding, on the first mark past the limit: the count says how many more there are.
        severity = Severity.WARNING if len(marks) >= options.warn_exclamations else Severity.INFO
        i = loose[min(options.max_exclamations, len(loose) - 1)]
        yield self.finding(Span(i, i + 1),
                           f"{len(marks)} exclamation marks in one message; keep at most "
                           f"{options.max_exclamations} and end the other sentences with a full stop.",
                           severity=severity, suggestions=(".",))
