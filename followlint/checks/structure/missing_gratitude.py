"""missing-gratitude: No thanks for the reader's time anywhere in the message."""

from __future__ import annotations

from followlint.checks.structure._elements import _MissingElement
from followlint.core.finding import Severity
from followlint.core.rule import RuleDocs, RuleMeta


class MissingGratitude(_MissingElement):
    element = "gratitude"
    message = "The message never thanks the reader; open by thanking them for their time and the conversation."
    meta = RuleMeta(
        name="missing-gratitude", code="S200", category="structure", severity=Severity.INFO, scope="body",
        needs_nlp=("lemma",),  # lemmas for the phrase sequences
        summary="No thanks for the reader's time anywhere in the message.",
        docs=RuleDocs(
            what="A thank-you, panel, second-interview or other note with no 'thank you', 'thanks', 'grateful', "
                 "'appreciate' or 'it was a pleasure' anywhere in the body. Follow-ups after silence and LinkedIn "
                 "notes are not expected to have it.",
            why="Gratitude is the first of the four parts of a good follow-up: it is why the note exists, and "
                "without it the message reads as a request.",
            example="I am writing about the Data Analyst interview. I think I would do well in the role.",
            instead="Thank you for taking the time to talk with me about the Data Analyst role on Tuesday.",
        ),
    )
