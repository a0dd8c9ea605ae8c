"""Personalisation: a greeting that names the interviewer, and a body that could only go to this employer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.anatomy.draft import SALUTATIONS
from followlint.core.finding import Finding, Severity, Span
from followlint.anatomy.message_kind import detect_kind
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

_SALUTATION = re.compile(rf"^\s*(?:(?:email|message|body)(?:\s+text)?\s*:\s*)?[\"“'‘]?(?P<sal>{SALUTATIONS})\b", re.I)
_SLOT = re.compile(r"[\[{<(][^\[\]{}<>()\n]{0,200}[\]}>)]|%[A-Za-z][A-Za-z0-9_ ]{0,40}%")


@lru_cache(maxsize=1)
def _greeting_data():
    d = load_data("greeting")
    norm = lambda items: {re.sub(r"\s+", " ", i.lower()) for i in items}  # noqa: E731
    return norm(d["generic_addressees"]), norm(d["collective_addressees"]), norm(d["generic_salutations"])


def classify_greeting(text: str) -> tuple[str, str]:
    """('named'|'generic'|'collective'|'slot', addressee text) for a greeting line."""
    generic, collective, generic_sal = _greeting_data()
    m = _SALUTATION.match(text)
    salutation = m.group("sal").lower() if m else ""
    rest = text[m.end():] if m else text
    rest = rest.strip().strip(",:;!.—–-").strip()
    if salutation.startswith(("to whom", "dear sir")) or not rest:
        return "generic", salutation or text.strip()
    if re.sub(r"\s+", " ", salutation) in generic_sal and rest.lower() in generic | collective:
        return "generic", salutation
    if _SLOT.fullmatch(rest) or (_SLOT.search(rest) and not _SLOT.sub("", rest).strip(" ,&/and")):
        if _role_choice_slot(rest, generic | collective):
            return "generic", rest  # "[Recruiter/Hiring Manager]": filled as told, it still names no one
        return "slot", rest  # unfilled-placeholder reports it; one finding per problem
    key = re.sub(r"\s+", " ", re.sub(r"[.,]", "", rest.lower())).strip()
    key = re.sub(r"^(?:the|our|my|dear)\s+", "", key)
    if key in collective or re.sub(r"^(?:[\w-]+\s+){0,2}", "", key) in collective and key.endswith(("team", "panel", "committee")):
        return "collective", rest
    if key in generic or all(w in generic for w in key.split()):
        return "generic", rest
    return "named", rest


class MissingInterviewerName(BaseRule):
    meta = RuleMeta(
        name="missing-interviewer-name", code="P100", category="missing-interviewer-name",
        severity=Severity.WARNING, scope="greeting",
        summary="No greeting, or a greeting that names no one ('Dear Hiring Manager', 'Hello,').",
        docs=RuleDocs(
            what="A message with no greeting, or with a generic one: 'To whom it may concern', 'Dear Sir/Madam', "
                 "'Dear Hiring Manager', 'Hello,', 'Hi there', 'Greetings'. A collective salutation ('Dear Hiring "
                 "Team', 'Dear all') is accepted for a panel. An unfilled '[Interviewer Name]' is reported by "
                 "unfilled-placeholder instead.",
            why="You met a person. Addressing them by name is the cheapest proof that this note was written for "
                "them and not pasted from a template.",
            example="Dear Hiring Manager,", instead="Dear Ms. Okafor,"),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.body is None and draft.greeting is None:
            return
        kind = detect_kind(draft).kind
        if draft.greeting is None:
            yield self.finding(draft.anchor, "No greeting: open with the interviewer's name, e.g. 'Dear Ms. Okafor,'.")
            return
        label, who = classify_greeting(draft.view(draft.greeting))
        if label == "named" or label == "slot":
            return
        if label == "collective":
            if kind == "panel":
                return
            yield self.finding(draft.greeting, f"'{draft.view(draft.greeting).strip()}' addresses a group; name the "
                                               "person who interviewed you (a collective greeting suits a panel).")
            return
        yield self.finding(draft.greeting, f"'{draft.view(draft.greeting).strip()}' names no one; address the "
                                           "interviewer by name, e.g. 'Dear Ms. Okafor,'.")


def _role_choice_slot(rest: str, roles: set[str]) -> bool:
    """A slot offering a choice of job titles and no name: '[Recruiter/Hiring Manager]'.

    A single bracketed title ('[Hiring Manager]') is often a blogger's redaction of a real name,
    so only a choice between titles says the template wants a title there."""
    inner = _SLOT.sub(lambda m: m.group(0)[1:-1] + "/", rest)
    parts = [re.sub(r"\s+", " ", p).strip(" .,'’").lower() for p in re.split(r"/|\||\bor\b", inner)]
    parts = [re.sub(r"^(?:the|your|a|an)\s+", "", p) for p in parts if p]
    return len(parts) >= 2 and all(p in roles for p in parts)


_SPECIFIC_ENTS = {"ORG", "PRODUCT", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "NORP", "LANGUAGE",
                  "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "PERSON", "DATE"}
_SPECIFIC_SLOT = re.compile(r"specific|topic|project|initiative|discuss|mention|challenge|detail|goal|"
                            r"accomplishment|achievement|product|problem", re.I)


@dataclass(frozen=True)
class SpecificOptions:
    min_signals: int = 0  # 0: use the value in rules/data/specificity.yaml


class NoSpecificDetail(BaseRule):
    Options = SpecificOptions
    meta = RuleMeta(
        name="no-specific-detail", code="P103", category="generic-phrasing", severity=Severity.WARNING,
        scope="body", needs_nlp=True,
        summary="Nothing in the body ties the note to this employer, role or conversation.",
        docs=RuleDocs(
            what="A body that names no company, no role and no concrete detail (a project, a product, a number, a "
                 "place, a person, a topic you discussed): it could be sent to any employer unchanged. A template "
                 "slot that asks for a discussed detail ('[specific topic]') counts, since filling it makes the "
                 "note specific. A follow-up after silence needs no new detail, only which job it is about: it "
                 "is flagged when it names neither the role nor the company (nor has a slot for them).",
            why="Interviewers remember specifics. 'I enjoyed our conversation' is forgettable; 'your plan to move "
                "returns processing to Leeds' proves you listened and sets you apart.",
            example="Thank you for the interview. I enjoyed our conversation and am excited about the opportunity.",
            instead="Thank you for the interview. Your plan to move returns processing to Leeds is exactly the kind "
                    "of project I led at Brightline."),
    )

    def check(self, draft, options: SpecificOptions) -> Iterator[Finding]:
        if draft.body is None or draft.word_count < 8:
            return
        kind = detect_kind(draft).kind
        if kind == "linkedin-note":
            return  # 300 characters: L200 and the greeting rule are what matter there
        data = load_data("specificity")
        stock = set(data["stock_nouns"])
        if kind == "follow-up":
            # A nudge after silence needs no new detail, but it must say which job it is about:
            # a recruiter with twenty open roles cannot answer "where does my application stand?".
            if not specificity_signals(draft, stock, enough=1, anchors_only=True):
                yield self.finding(draft.anchor, "This follow-up never says which role or company it is about; name "
                                                 "the position and when you interviewed.")
            return
        needed = options.min_signals or data["min_signals"]
        signals = specificity_signals(draft, stock, enough=needed)
        if len(signals) < needed:
            yield self.finding(draft.anchor, "Nothing here is specific to this employer or conversation; name the "
                                             "role or company and one thing you discussed.")


class StockOpener(BaseRule):
    meta = RuleMeta(
        name="stock-opener", code="P104", category="generic-phrasing", severity=Severity.WARNING,
        scope="body", needs_nlp=True,
        summary="'I trust all is well' opening a note that says nothing specific either.",
        docs=RuleDocs(
            what="Template pleasantries ('I trust all is well', 'I hope your week is going well'). A warning when the rest of the note names nothing specific (no "
                 "company, project, person or topic: see no-specific-detail); only info when the note is "
                 "specific, since there the pleasantry costs a line, not the reader's trust.",
            why="It is the first line the interviewer reads. In a template it announces one; in a note full of "
                "specifics it is merely a wasted line.",
            example="I trust all is well. I am following up on my application.",
            instead="Thank you again for walking me through the returns-centre plans on Tuesday.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.body is None:
            return
        from followlint.checks.demanding import flat_body, original_span

        flat, offsets = flat_body(draft)
        matches = [m for p in _opener_patterns() for m in p.finditer(flat) if m.end() > m.start()]
        if not matches:
            return
        data = load_data("specificity")  # "I hope this email finds you well" is generic-phrase's, always
        specific = len(specificity_signals(draft, set(data["stock_nouns"]), enough=data["min_signals"])) >= \
            data["min_signals"]
        for m in sorted(matches, key=lambda m: m.start()):
            span = original_span(offsets, m)
            text = draft.text[span.start:span.end]
            if specific:
                yield self.finding(span, f"'{text}' is a template pleasantry; the specifics below can open the "
                                         "note instead.", severity=Severity.INFO)
            else:
                yield self.finding(span, f"'{text}' opens a note that names nothing specific; it reads as a "
                                         "template. Open with one thing from your conversation.")


@lru_cache(maxsize=1)
def _opener_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.I) for p in load_data("specificity")["stock_openers"])


_WHEN_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                        "june july august september october november december".split())
#: "the data analyst role", "your Platform Engineer opening": a role named in the writer's own words.
_ROLE_PHRASE = re.compile(r"\b(?:the|my|your|this|that|an?) ((?:[\w/&+.-]+ ){1,4}?)(?:position|role|opening|job|post|"
                          r"vacancy|internship|fellowship|apprenticeship)\b", re.I)
_NOT_A_ROLE = frozenset("this that open new current advertised same above available exciting great full-time "
                        "part-time permanent temporary contract remote hybrid potential possible interesting wonderful "
                        "fantastic amazing perfect ideal right entire whole for the of on in at to with about from by "
                        "and or a an my your our their his her its as final decision interview application".split())


def specificity_signals(draft, stock: set[str], enough: int | None = None, anchors_only: bool = False) -> set[str]:
    """Distinct things in the body that only this employer or conversation would have.

    With ``enough``, stop before spaCy when the cheap signals (context, slots, numbers) already
    reach it: the verdict is the same, and most drafts then never pay for the tagger and NER.
    A slot that asks for a specific detail counts as ``enough`` on its own: filled in, the note is
    specific by design. A date counts once (as an entity, not again as a proper noun). With ``anchors_only``, only what says which job this is counts
    (the company, the role, a name, a slot for them): the bar for a follow-up after silence."""
    body = draft.body
    base = draft.content.start
    ctx = draft.context
    text = draft.view(body)
    signals: set[str] = set()
    for value in (ctx.company, ctx.role):
        if value and value.lower() in text.lower():
            signals.add(f"context:{value.lower()}")
    for m in _SLOT.finditer(text):
        slot = m.group(0)
        if (_SPECIFIC_SLOT.search(slot) or len(slot.split()) >= 5) and not _FRAME_SLOT.search(slot):
            # A slot that asks for a specific, or describes the work at length, is specific by design.
            signals.update(f"slot:{slot.lower()}#{i}" for i in range(enough or 1))
        elif anchors_only and _ANCHOR_SLOT.search(slot):
            signals.add(f"slot:{slot.lower()}")
    masked = _SLOT.sub(lambda m: " " * len(m.group(0)), text)
    slots = [(m.start(), m.end()) for m in _SLOT.finditer(text)]
    in_slot = lambda a, b: any(s < b and a < e for s, e in slots)  # noqa: E731
    for m in _ROLE_PHRASE.finditer(re.sub(r"\s+", " ", _SLOT.sub("§", text))):  # a slot is no role name
        words = [w.lower() for w in m.group(1).split()]
        if any(w not in _NOT_A_ROLE and w not in stock for w in words):
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
            if lemma not in _WHEN_WORDS and tok.text.lower() not in slang:  # a date counts once, as an entity
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
            if ent.label_ in ("DATE", "TIME") and (anchors_only or re.fullmatch(
                    r"(?i)(today|yesterday|this (?:morning|afternoon|week)|last week|earlier today|soon|the day)",
                    ent.text.strip())):
                continue
            if anchors_only and ent.label_ in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
                continue
            if ent.label_ not in ("CARDINAL", "MONEY", "PERCENT", "QUANTITY") and ent.text.islower():
                continue
            signals.add(f"ent:{ent.text.lower()}")
    return _counted(signals)


#: Slots for the letter's frame (the closing, the signature), not for a detail of the conversation.
_FRAME_SLOT = re.compile(r"closing|sign-?off|signature|salutation|greeting", re.I)
_ANCHOR_SLOT = re.compile(r"role|position|job|title|company|employer|organi[sz]ation|firm|team|department|"
                          r"opening|vacancy|date|day", re.I)


@lru_cache(maxsize=1)
def _slang_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_data("casual")["slang"])


def _counted(signals: set[str]) -> set[str]:
    nouns = {s for s in signals if s.startswith("noun:")}
    # Uncommon nouns are weaker evidence than names and numbers: two of them count as one signal.
    return (signals - nouns) | {f"nouns:{i}" for i in range(len(nouns) // 2)}
