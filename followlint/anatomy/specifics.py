"""What in a follow-up ties it to one conversation: the evidence for generic-phrasing.

INDEX.md's definition: a note is generic when nothing ties it to a specific role, company or conversation
*beyond a slot or the job title*. So the employer's name, the job title, the greeting's and the signature's
names, dates, contact details and template slots are anchors, not specifics: a template filled with the
company and the title is still a template. What counts is what only this conversation could have given
the writer: a product, tool, place, project or person named in passing, a number with a unit, a quoted
point, a run of concrete nouns ("the vibration rig on the new battery packs").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from followlint.core.data import LazyPattern, load_data


@lru_cache(maxsize=1)
def _lists() -> dict:
    """rules/data/specifics.yaml: words of time and of job titles, vague counts (slot words and role nouns
    are read into the patterns below)."""
    d = load_data("specifics")
    return {"when": frozenset(d["when_words"]), "role_words": frozenset(d["role_words"]),
            "vague_counts": tuple(d["vague_counts"])}


def _role_nouns() -> str:
    """The nouns that end a job title, as one group."""
    return "(?:{})".format("|".join(load_data("specifics")["role_nouns"]))


#: Template slots: [..], {..}, <..>, (insert ..), %NAME%; never a specific, however they are worded.
SLOT = LazyPattern(
    lambda: r"[\[{{<][^\[\]{{}}<>\n]{{0,200}}[\]}}>]|\((?:{})\b[^()\n]{{0,200}}\)".format(
        "|".join(load_data("specifics")["paren_slot_words"])) + r"|%[A-Za-z][A-Za-z0-9_ ]{0,40}%|_{3,}", re.I)
#: "the Staff Nurse post", "your Platform Engineer opening", "the role of Site Manager": the job title.
_ROLE_BEFORE = LazyPattern(
    lambda: rf"((?:[A-Z][\w&/.-]*\s+){{1,5}}){_role_nouns()}\b|((?:[\w&/.-]+\s+){{1,4}}){_role_nouns()}\b", re.I)
_ROLE_AFTER = LazyPattern(lambda: rf"\b{_role_nouns()}\s+(?:of|as)\s+(?:an?\s+|the\s+)?((?:[A-Z][\w&/.-]*\s*){{1,5}})")
_COUNTED_ENTS = {"GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "NORP", "PERSON", "ORG",
                 "MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
_YEAR = re.compile(r"(?:19|20)\d\d")


def _when(word: str, when: frozenset[str]) -> bool:
    """A day, a month or a time of day (``when``: the data's list), also in the plural: "on Saturdays",
    "Monday mornings"."""
    return word in when or (word.endswith("s") and word[:-1] in when)


def _masked(text: str) -> str:
    return SLOT.sub(lambda m: " " * len(m.group(0)), text)


def anchor_words(draft, doc=None) -> set[str]:
    """Lower-cased words that name the employer, the role or the people in the frame."""
    a = draft.analysis
    words: set[str] = set()
    ctx = draft.context
    for value in (ctx.company, ctx.role, *ctx.interviewers):
        if value:
            words.update(w.lower() for w in re.findall(r"[\w'’-]+", value))
    for span in (draft.greeting, draft.signature, draft.signature_name, draft.header_block, draft.subject):
        if span is not None:
            words.update(w.lower() for w in re.findall(r"[\w'’-]+", a[span.start:span.end]) if w[:1].isupper())
    body = _masked(draft.view(draft.body))
    flat = re.sub(r"\s+", " ", body)
    for m in _ROLE_BEFORE.finditer(flat):
        phrase = m.group(1) or m.group(2) or ""
        words.update(w.lower().strip(".,") for w in phrase.split())
    for m in _ROLE_AFTER.finditer(flat):
        words.update(w.lower().strip(".,") for w in m.group(1).split())
    if doc is not None:
        lo, hi = draft.body.start - draft.content.start, draft.body.end - draft.content.start
        orgs: Counter[str] = Counter()
        if doc.has_annotation("ENT_IOB"):
            for ent in doc.ents:
                if ent.label_ == "ORG" and lo <= ent.start_char < hi:
                    orgs[ent.text.lower().removesuffix("'s").removesuffix("’s")] += 1
        else:  # no NER in this pipeline: runs of proper nouns stand in for the organisations
            run: list[str] = []
            for tok in list(doc) + [None]:
                if tok is not None and tok.pos_ == "PROPN" and lo <= tok.idx < hi and tok.text[:1].isupper() \
                        and tok.text.lower() not in words:
                    run.append(tok.text.lower())
                    continue
                if run:
                    orgs[" ".join(run)] += 1
                    run = []
        if orgs:
            # The employer is the organisation the note names most (first named on a tie).
            employer = orgs.most_common(1)[0][0]
            words.update(re.findall(r"[\w'’-]+", employer))
    return words


def specifics(draft, stock: set[str]) -> list[str]:
    """Distinct things in the body that only this conversation would give (see the module docstring)."""
    if draft.body is None:
        return []
    doc = draft.annotated("sents", "pos", "lemma", "ents")
    body_text = draft.view(draft.body)
    masked = _masked(body_text)
    found: list[str] = []
    # Quoted points: "the 'two-minute rule' you described".
    for m in re.finditer(r"(?<!\w)[\"“]([^\"”\n]{6,80})[\"”](?!\w)", masked):
        if len(m.group(1).split()) >= 2:
            found.append(f"quote:{m.group(1).lower()}")
    if doc is None:
        return found
    anchors = anchor_words(draft, doc)
    lists = _lists()
    when, role_words = lists["when"], lists["role_words"]
    base = draft.content.start
    lo, hi = draft.body.start - base, draft.body.end - base
    slots = [(m.start() + lo, m.end() + lo) for m in SLOT.finditer(body_text)]
    in_slot = lambda a, b: any(s < b and a < e for s, e in slots)  # noqa: E731
    contact = [(c.start - base, c.end - base) for c in draft.contacts]
    in_contact = lambda a, b: any(s < b and a < e for s, e in contact)  # noqa: E731
    taken: set[int] = set()
    for ent in doc.ents:
        if not (lo <= ent.start_char and ent.end_char <= hi) or ent.label_ not in _COUNTED_ENTS:
            continue
        if in_slot(ent.start_char, ent.end_char) or in_contact(ent.start_char, ent.end_char):
            continue
        words = [t.text.lower() for t in ent if t.is_alpha or t.like_num]
        if ent.label_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            if _YEAR.fullmatch(ent.text.strip()) or ent.text.lower() in lists["vague_counts"]:
                continue
            if ent.label_ == "CARDINAL" and not (ent.end < len(doc) and doc[ent.end].pos_ in ("NOUN", "PROPN")
                                                 or "-" in doc[min(ent.end, len(doc) - 1)].text):
                continue  # "the first", "one of": a count of nothing in particular
        elif not words or all(w in anchors or _when(w, when) or w in stock for w in words):
            continue
        if ent.label_ != "CARDINAL" and ent.text.islower():
            continue
        found.append(f"ent:{ent.text.lower()}")
        taken.update(range(ent.start, ent.end))
    first_tokens = {sent.start for sent in doc.sents}
    nouns: set[str] = set()
    for tok in doc:
        if not (lo <= tok.idx < hi) or tok.i in taken or in_slot(tok.idx, tok.idx + len(tok.text)):
            continue
        if in_contact(tok.idx, tok.idx + len(tok.text)):
            continue
        lemma = (tok.lemma_ or tok.text).lower()
        if tok.like_num and any(c.isdigit() for c in tok.text) and not _YEAR.fullmatch(tok.text):
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and (nxt.text in ("%", "percent") or nxt.pos_ == "NOUN" and nxt.text.isalpha()):
                found.append(f"num:{tok.text} {nxt.text.lower()}")  # "40%", "32 beds", "54 tests"
            continue
        if tok.pos_ == "PROPN" and tok.i not in first_tokens and tok.text[:1].isupper() and tok.text.isalpha():
            if lemma in anchors or tok.text.lower() in anchors or _when(lemma, when) or lemma in stock:
                continue
            found.append(f"propn:{lemma}")
        elif tok.pos_ == "NOUN" and tok.text.isalpha() and len(lemma) >= 3 and lemma not in anchors \
                and lemma not in role_words:
            # A noun that a modifier pins down ("the vibration rig", "battery packs") is more concrete
            # than a bare one ("teamwork", "dedication").
            # (Read from the tags of the neighbours: no rule loads the dependency parser.)
            j = tok.i - 1
            hyphen = j > 0 and doc[j].text in ("-", "‐")
            if hyphen:
                j -= 1  # "water-treatment": spaCy splits the hyphen off
            prev = doc[j] if j >= 0 else None
            if prev is not None and prev.pos_ == "VERB" and prev.text.endswith("ing") and j > 1 \
                    and doc[j - 1].text in ("-", "‐"):
                prev = doc[j - 2]  # "the injection-moulding line": the compound's first noun
            elif prev is not None and not hyphen and prev.pos_ in ("ADP", "ADV", "PART") and j > 1 \
                    and doc[j - 1].text in ("-", "‐") and doc[j - 2].pos_ in ("VERB", "NOUN") \
                    and doc[j - 2].idx >= lo and lemma not in stock:
                # "the check-in rush", "your walk-in clinic", "the drop-off queue": a phrasal compound names a
                # concrete thing (its head a stock noun, "the follow-up call", it does not)
                nouns.add(f"{doc[j - 2].text.lower()}-{prev.text.lower()} {lemma}")
                continue
            if prev is None or prev.idx < lo or prev.pos_ not in ("NOUN", "NUM", "PROPN") or in_slot(prev.idx, prev.idx + 1):
                continue
            modifier = (prev.lemma_ or prev.text).lower()
            if modifier in stock or modifier in anchors or _when(modifier, when) or not prev.text[:1].isalnum():
                continue
            if lemma in stock and not (prev.pos_ == "NOUN" and modifier not in role_words):
                continue
            nouns.add(f"{prev.text.lower()} {lemma}")
    found.extend(f"thing:{n}" for n in nouns)
    return sorted(set(found))
