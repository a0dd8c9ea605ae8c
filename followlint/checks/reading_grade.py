"""reading-grade (L103): a Flesch-Kincaid reading grade above 12."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@dataclass(frozen=True)
class GradeOptions:
    #: Flesch-Kincaid grade above which readability is reported (info)
    max_grade: float = 12.0


class ReadingGrade(BaseRule):
    Options = GradeOptions
    meta = RuleMeta(
        name="reading-grade", code="L103", category="excessive-length", severity=Severity.INFO, scope="body",
        summary="Flesch-Kincaid reading grade above 12.",
        docs=RuleDocs(
            what="A body whose Flesch-Kincaid grade is above max-grade (12 by default).",
            why="E-mails written at a plain reading level get more replies than ones written at college level; "
                "dense prose makes a busy interviewer work to find your point.",
            example="I remain exceptionally enthusiastic regarding the prospective opportunity to contribute "
                    "comprehensively to organizational transformation initiatives.",
            instead="I am still very keen to help with the reorganisation you described."),
    )

    def warm_up(self, options: GradeOptions) -> None:
        """Load the syllable table in the run's warm-up (followlint.core.engine.Services)."""
        from followlint.anatomy.readability import warm_up

        warm_up()

    def check(self, draft, options: GradeOptions) -> Iterator[Finding]:
        if draft.body is None or draft.word_count < 30:
            return  # the formula is noise on a couple of sentences
        from followlint.anatomy.readability import flesch_kincaid_grade

        limit = options.max_grade
        grade = flesch_kincaid_grade(draft.view(draft.body))
        if grade > limit:
            yield self.finding(draft.anchor, f"Reading grade {grade:.1f} (Flesch-Kincaid); aim for {limit:g} or "
                                             "below with shorter sentences and plainer words.")
