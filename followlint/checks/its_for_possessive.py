"""its-for-possessive (G108): "the organisation and it's commitment", where "its" is meant.

Harper's own its/it's rules pass over the common case of a possessive after a preposition or
"and". spaCy's tagger tells the possessive (a noun follows) from the contraction ("it's great",
"it's been"): the rule fires only when "it's" follows a preposition or conjunction and a noun, or
an adjective and a noun, comes next. Idioms where the contraction takes a bare noun ("it's time
to") are listed in rules/data/its-for-possessive.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

_APOSTROPHE_S = {"'s", "’s"}
#: "it's" after a word: the only place the rule can fire, found without spaCy.
_CANDIDATE = re.compile(r"\w[ \t\n]+it['’]s\b", re.I)


@lru_cache(maxsize=1)
def _idiom_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in load_data("its-for-possessive")["its_contraction_nouns"])


class ItsForPossessive(BaseRule):
    meta = RuleMeta(
        name="its-for-possessive", code="G108", category="grammar-typos", severity=Severity.WARNING,
        scope="body", fix="always", needs_nlp=("pos", "lemma"),
        summary="'it's' (it is) where the possessive 'its' is meant: 'the team and it's culture'.",
        docs=RuleDocs(
            what="'it's' right after a preposition or 'and'/'or' and before a noun: 'impressed by the organisation "
                 "and it's commitment', 'with it's new clinic'. 'it's' means 'it is'; the possessive has no "
                 "apostrophe.",
            why="It is the slip readers notice most, and in a thank-you note it sits next to the compliment you "
                "are paying the employer.",
            example="I was impressed by the organisation and it's commitment to staff wellbeing.",
            instead="I was impressed by the organisation and its commitment to staff wellbeing.",
            fix_safety="Unsafe: the tagger can misread a rare sentence; check that 'it is' does not fit."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.body is None or not _CANDIDATE.search(draft.analysis, draft.body.start, draft.body.end):
            return  # most drafts: no tagger run at all
        doc = draft.annotated("pos", "lemma")
        if doc is None:
            return
        base = draft.content.start
        lo, hi = draft.body.start - base, draft.body.end - base
        idioms = _idiom_nouns()
        for tok in doc:
            if tok.text not in _APOSTROPHE_S or tok.i < 2 or tok.i + 1 >= len(doc) or not (lo <= tok.idx < hi):
                continue
            it, before = doc[tok.i - 1], doc[tok.i - 2]
            if it.text.lower() != "it" or it.whitespace_ or before.pos_ not in ("ADP", "CCONJ"):
                continue
            following = [t for t in doc[tok.i + 1:tok.i + 5] if not t.is_space][:2]  # a hard wrap is a token
            if not following:
                continue
            after = head = following[0]
            if after.pos_ == "ADJ" and len(following) > 1:
                head = following[1]
            if head.tag_ not in ("NN", "NNS") or head.lemma_.lower() in idioms or after.lemma_.lower() in idioms:
                continue
            span = Span(base + it.idx, base + tok.idx + len(tok.text))
            written = draft.text[span.start:span.end]
            fixed = written[0] + "ts"
            yield self.finding(span, f"'{written}' means 'it is'; the possessive is '{fixed}'.", suggestions=(fixed,),
                               fix=Fix((Edit(span.start, span.end, fixed),), f"Replace with '{fixed}'", safe=False))
