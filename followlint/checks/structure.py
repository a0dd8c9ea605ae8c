"""structure: the four elements of a follow-up from the seed article's "common structure":
gratitude, renewed interest, one specific point from the interview, and next steps.

Which elements a message needs depends on its kind (a follow-up after silence needs no
thanks for a conversation weeks ago; a LinkedIn note has no room for any of it); the
expectations and the phrase lists are in ``rules/data/structure.yaml``. Each missing
element is one info finding on the body's first line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity
from followlint.anatomy.message_kind import detect_kind
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

#: spaCy entity labels that are a concrete detail in themselves (a product, an event, a figure).
_SPECIFIC_ENTITIES = frozenset({"PRODUCT", "EVENT", "WORK_OF_ART", "FAC", "LAW", "QUANTITY", "PERCENT", "MONEY"})


@lru_cache(maxsize=1)
def _data() -> dict:
    data = load_data("structure")
    elements = {}
    for name, spec in data["elements"].items():
        pattern = re.compile("|".join(f"(?:{p})" for p in spec.get("patterns", ())), re.I)
        lemmas = [tuple(seq.lower().split()) for seq in spec.get("lemmas", ())]
        elements[name] = (pattern, lemmas)
    return {"kinds": {k: tuple(v) for k, v in data["kinds"].items()}, "elements": elements}


def expected_elements(kind: str) -> tuple[str, ...]:
    return _data()["kinds"].get(kind, ())


def has_element(draft, element: str) -> bool:
    """Whether the body contains ``element`` (phrase patterns, then lemma sequences, then entities)."""
    pattern, lemma_seqs = _data()["elements"][element]
    body = re.sub(r"\s+", " ", draft.view(draft.body))
    if pattern.search(body):
        return True
    lemmas = _body_lemmas(draft)
    if lemmas and any(_has_sequence(lemmas, seq) for seq in lemma_seqs):
        return True
    if element == "specific" and draft.doc is not None:
        base = draft.content.start
        return any(ent.label_ in _SPECIFIC_ENTITIES and draft.body.start <= base + ent.start_char < draft.body.end
                   for ent in draft.doc.ents)
    return False


def _body_lemmas(draft) -> list[str]:
    if draft.doc is None or draft.body is None:
        return []
    base = draft.content.start
    out = [t.lemma_.lower() for t in draft.doc
           if draft.body.start <= base + t.idx < draft.body.end and not t.is_punct and not t.is_space]
    return out if any(out) else []  # a blank pipeline has no lemmas


def _has_sequence(lemmas: list[str], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    for i in range(len(lemmas) - n + 1):
        if all(s == "*" or lemmas[i + j] == s for j, s in enumerate(seq)):
            return True
    return False


class _MissingElement(BaseRule):
    element: str = ""
    message: str = ""

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.body is None:
            return
        kind = detect_kind(draft).kind
        if self.element not in expected_elements(kind) or has_element(draft, self.element):
            return
        yield self.finding(draft.anchor, self.message.format(kind=kind))


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
                "Saying so, with a reason, is the second part of the seed article's structure.",
            example="Thank you for the interview on Tuesday. Please let me know if you need anything else.",
            instead="Thank you for the interview on Tuesday. Hearing about the pricing rebuild made me even more "
                    "keen to join the team.",
        ),
    )


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
