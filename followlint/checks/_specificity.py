"""What makes a note specific to one employer or conversation: shared by no-specific-detail and stock-opener.

The nouns every follow-up uses (which do not count) are in ``rules/data/no-specific-detail.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from followlint.anatomy.greeting import SLOT
from followlint.checks._casual import slang_entries
from followlint.core.data import load_data

#: How many specific signals (entities, proper nouns, numbers, distinct specific nouns) a body needs:
#: no-specific-detail's min-signals, and stock-opener's bar for "the note is specific".
MIN_SIGNALS = 2


@lru_cache(maxsize=1)
def stock_nouns() -> frozenset[str]:
    """Nouns every follow-up uses; they don't make a note specific to one employer or conversation."""
    return frozenset(load_data("no-specific-detail")["stock_nouns"])


_SPECIFIC_ENTS = {"ORG", "PRODUCT", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "NORP", "LANGUAGE",
                  "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "PERSON", "DATE"}


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    """The word lists of rules/data/no-specific-detail.yaml, compiled once."""
    data = load_data("no-specific-detail")
    either = lambda key: re.compile("|".join(data[key]), re.I)  # noqa: E731
    return {
        "specific_slot": either("specific_slot_words"),
        "frame_slot": either("frame_slot_words"),
        "anchor_slot": either("anchor_slot_words"),
        # "the data analyst role", "your Platform Engineer opening": a role named in the writer's own words.
        "role_phrase": re.compile(rf"\b(?:{'|'.join(data['role_determiners'])}) ((?:[\w/&+.-]+ ){{1,4}}?)"
                                  rf"(?:{'|'.join(data['role_nouns'])})\b", re.I),
        "not_a_role": frozenset(data["not_a_role"]),
        "date_words": frozenset(data["date_words"]),
        "vague_date": re.compile(f"(?i)({'|'.join(data['vague_dates'])})"),
        "decision_reply": re.compile("|".join(data.get("decision_reply", ())) or r"(?!)", re.I),
    }


def decision_reply(draft) -> bool:
    """The note answers the employer's decision ("thank you for letting me know your decision", "although I
    was not selected"): a reply to their message, not a note after the interview."""
    return bool(_vocabulary()["decision_reply"].search(re.sub(r"\s+", " ", draft.view(draft.body))))


def specific_slot(draft) -> str | None:
    """A template slot that asks for a detail of the conversation ('[specific topic discussed]'), if any: the
    template is specific by design, and both corpora's labels treat it so (a slot for the company or the
    title, or for the closing, is no such slot)."""
    vocab = _vocabulary()
    for m in SLOT.finditer(draft.view(draft.body)):
        slot = m.group(0)
        if (vocab["specific_slot"].search(slot) or len(slot.split()) >= 5) and not vocab["frame_slot"].search(slot):
            return slot
    return None


def specificity_signals(draft, stock: set[str], enough: int | None = None, anchors_only: bool = False) -> set[str]:
    """Distinct things in the body that only this employer or conversation would have.

    With ``enough``, stop before spaCy when the cheap signals (context, slots, numbers) already
    reach it: the verdict is the same, and most drafts then never pay for the tagger and NER.
    A slot that asks for a specific detail counts as ``enough`` on its own: filled in, the note is
    specific by design. A date counts once (as an entity, not again as a proper noun). With ``anchors_only``, only what says which job this is counts
    (the company, the role, a name, a slot for them): the bar for a follow-up after silence."""
    vocab = _vocabulary()
    body = draft.body
    base = draft.content.start
    ctx = draft.context
    text = draft.view(body)
    signals: set[str] = set()
    for value in (ctx.company, ctx.role):
        if value and value.lower() in text.lower():
            signals.add(f"context:{value.lower()}")
    for m in SLOT.finditer(text):
        slot = m.group(0)
        if (vocab["specific_slot"].search(slot) or len(slot.split()) >= 5) and not vocab["frame_slot"].search(slot):
            # A slot that asks for a specific, or describes the work at length, is specific by design.
            signals.update(f"slot:{slot.lower()}#{i}" for i in range(enough or 1))
        elif anchors_only and vocab["anchor_slot"].search(slot):
            signals.add(f"slot:{slot.lower()}")
    masked = SLOT.sub(lambda m: " " * len(m.group(0)), text)
    slots = [(m.start(), m.end()) for m in SLOT.finditer(text)]
    in_slot = lambda a, b: any(s < b and a < e for s, e in slots)  # noqa: E731
    for m in vocab["role_phrase"].finditer(re.sub(r"\s+", " ", SLOT.sub("§", text))):  # a slot is no role name
        words = [w.lower() for w in m.group(1).split()]
        if any(w not in vocab["not_a_role"] and w not in stock for w in words):
            signals.add(f"role:{' '.join(words)}")
    if not anchors_only:
        for m in re.finditer(r"\b\d[\d,.:%/-]*\b", masked):
            signals.add(f"num:{m.group(0)}")
    if enough is not None and len(_counted(signals)) >= enough:
        return _counted(signals)
    # Tagger first, NER only if still short: the verdict is the same, and NER costs the most.
    doc = draft.annotated("sents", "pos", "lemma")
    if doc is None:
        return _counted(signals)
    lo, hi = body.start - base, body.end - base
    first_tokens = {sent.start for sent in doc.sents} if doc.has_annotation("SENT_START") else set()
    slang = _slang_words()
    for tok in doc:
        if not (lo <= tok.idx < hi) or in_slot(tok.idx - lo, tok.idx - lo + len(tok.text)):
            continue
        lemma = tok.lemma_.lower() if tok.lemma_ else tok.text.lower()
        if tok.pos_ == "PROPN" and tok.i not in first_tokens and tok.text[:1].isupper() and lemma not in stock:
            if lemma not in vocab["date_words"] and lemma.removesuffix("s") not in vocab["date_words"] \
                    and tok.text.lower() not in slang:  # a date counts once, as an entity
                signals.add(f"propn:{lemma}")
        elif (not anchors_only and tok.pos_ == "NOUN" and lemma not in stock and len(lemma) > 3
              and tok.text.isalpha()):
            signals.add(f"noun:{lemma}")
    if enough is not None and len(_counted(signals)) >= enough:
        return _counted(signals)
    doc = draft.annotated("ents")
    for ent in doc.ents:
        if ent.start_char >= lo and ent.end_char <= hi and ent.label_ in _SPECIFIC_ENTS:
            if in_slot(ent.start_char - lo, ent.end_char - lo) or not ent.text[:1].isalnum():
                continue
            if ent.text.lower() in slang:
                continue  # "LOL" tagged as an organisation
            if ent.label_ in ("DATE", "TIME") and (anchors_only
                                                   or vocab["vague_date"].fullmatch(ent.text.strip())):
                continue
            if anchors_only and ent.label_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
                continue
            if ent.label_ not in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") and ent.text.islower():
                continue
            signals.add(f"ent:{ent.text.lower()}")
    return _counted(signals)


@lru_cache(maxsize=1)
def _slang_words() -> frozenset[str]:
    return frozenset(w.lower() for w in slang_entries())


def _counted(signals: set[str]) -> set[str]:
    nouns = {s for s in signals if s.startswith("noun:")}
    # Uncommon nouns are weaker evidence than names and numbers: two of them count as one signal.
    return (signals - nouns) | {f"nouns:{i}" for i in range(len(nouns) // 2)}
