"""missing-next-steps: No closing line about next steps, the timeline or hearing back."""

from __future__ import annotations

from followlint.checks.structure._elements import _MissingElement
from followlint.core.finding import Severity
from followlint.core.rule import RuleDocs, RuleMeta


class MissingNextSteps(_MissingElement):
    element = "next_steps"
    message = "The message does not look ahead; close with the next step (e.g. 'I look forward to hearing from you')."
    meta = RuleMeta(
        name="missing-next-steps", code="S203", category="structure", severity=Severity.INFO, scope="body",
        needs_nlp=("lemma",),  # lemmas for the phrase sequences
        summary="No closing line about next steps, the timeline or hearing back.",
        docs=RuleDocs(
            what="A message that never looks ahead: no 'next steps', 'I look forward to hearing from you', "
                 "'timeline', 'happy to send anything else', 'let me know'. Expected in thank-you, panel, "
                 "second-interview and follow-up messages.",
            why="The close tells the reader what happens next and makes replying easy; a note that just stops "
                "leaves them nothing to answer.",
            example="Thank you for the interview. I enjoyed hearing about the new warehouse system.",
            instead="Thank you for the interview. I enjoyed hearing about the new warehouse system, and I look "
                    "forward to hearing about next steps.",
        ),
    )
