"""The structure family's shared part: which elements each kind expects and whether the body has one.

The expectations and the phrase lists are in ``rules/data/structure.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Finding
from followlint.core.rule import BaseRule

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
    """One element of the structure: reported once, on the body's first line, when its kind expects it."""

    #: rules/data files it reads besides its own (the elements and which kinds expect them)
    data_files = ("structure",)

    element: str = ""
    message: str = ""

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.body is None:
            return
        kind = draft.kind
        if self.element not in expected_elements(kind) or has_element(draft, self.element):
            return
        yield self.finding(draft.anchor, self.message.format(kind=kind))
