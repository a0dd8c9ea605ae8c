"""missing-interest: No renewed interest in the role or the company."""

from __future__ import annotations

from followlint.checks.structure._elements import _MissingElement
from followlint.core.finding import Severity
from followlint.core.rule import RuleDocs, RuleMeta


class MissingInterest(_MissingElement):
    element = "interest"
    message = "The message never says you still want the job; add a sentence on why the role appeals to you."
    meta = RuleMeta(
        name="missing-interest", code="S201", category="structure", severity=Severity.INFO, scope="body",
        needs_nlp=("lemma",),  # lemmas for the phrase sequences
        summary="No renewed interest in the role or the company.",
        docs=RuleDocs(
            what="A message that never says you want the job: no 'interested', 'excited', 'eager', 'keen', "
                 "'I would love to join', 'the role appeals to me', 'I am confident my experience fits' or "
                 "the like. Expected in thank-you, panel, second-interview and follow-up messages.",
            why="Interviewers read a follow-up for one signal above all: does this candidate still want the job? "
                "Saying so, with a reason, is the second part of the structure career coaches recommend.",
            example="Thank you for the interview on Tuesday. Please let me know if you need anything else.",
            instead="Thank you for the interview on Tuesday. Hearing about the pricing rebuild made me even more "
                    "keen to join the team.",
        ),
    )
