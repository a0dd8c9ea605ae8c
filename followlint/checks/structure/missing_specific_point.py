"""missing-specific-point: No specific point from the interview."""

from __future__ import annotations

from followlint.checks.structure._elements import _MissingElement
from followlint.core.finding import Severity
from followlint.core.rule import RuleDocs, RuleMeta


class MissingSpecificPoint(_MissingElement):
    element = "specific"
    message = "Nothing in the message recalls the interview itself; mention one point you discussed."
    meta = RuleMeta(
        name="missing-specific-point", code="S202", category="structure", severity=Severity.INFO, scope="body",
        needs_nlp=("lemma", "ents"),  # lemmas for the phrase sequences, entities for a concrete detail
        summary="No specific point from the interview.",
        docs=RuleDocs(
            what="A thank-you, panel or second-interview note that never refers to what was said: no 'we "
                 "discussed', 'you mentioned', 'our conversation about', 'learning how', 'your point about', "
                 "'especially', no figure and no named product or event. Follow-ups after silence, LinkedIn "
                 "notes and other notes are not expected to have it.",
            why="One specific detail proves you listened and makes the note impossible to reuse; it is the "
                "part of the structure that separates a real note from a template.",
            example="Thank you for the interview. I am very interested in the role and look forward to hearing "
                    "from you.",
            instead="Thank you for the interview. Your point about cutting the month-end close from ten days to "
                    "five stayed with me; I did the same at Brightline.",
        ),
    )
