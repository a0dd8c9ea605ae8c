"""Pressure on the reader read from a sentence's shape, not from a list of stock phrases.

demanding-tone's phrase list finds "I expect a decision by Friday"; the next writer says "you ought to at
least offer the courtesy of a reply" or "Part of the job is keeping commitments". What those share is a
shape: the reader as the subject of an obligation (you + ought to / should / must / need to / have to /
owe), a deadline the writer sets for hearing back, a lesson on what courtesy or professionalism requires,
a conclusion the writer draws about the reader ("Guess you're not interested", "you were clearly more
interested in someone else"), or a promise the reader is reminded of ("I was told I'd hear back soon"). Polite and sympathetic uses of the same words are left alone: "you must be
busy", "should you need anything", "if you have to reschedule", "you should have received my portfolio".
"""

from __future__ import annotations

import re
from functools import lru_cache

from followlint.core.data import LazyPattern, alternatives, load_data
from followlint.core.finding import Span

# The words of each shape are lists in rules/data/stance.yaml (verbs, modals, nouns, time words, hedges);
# the code keeps the shapes: who the subject is, the sentence start, the lookbehinds, the optional words
# and the order of the parts. The patterns are built from the lists the first time a draft needs them.


def _list(key: str) -> list[str]:
    """One list of rules/data/stance.yaml."""
    return load_data("stance")[key]


def _alt(key: str) -> str:
    """A list of rules/data/stance.yaml as one alternation, in the file's order."""
    return alternatives(_list(key))


def _each(key: str, after: str = "", before: str = "") -> str:
    """A list as one alternation with ``before``/``after`` around each entry: optional runs like
    ``(?:really |still )?`` or ``(?: at least| really)?``."""
    return alternatives([before + w + after for w in _list(key)])


_F = re.I
#: The reader obliged to act: "you ought to at least offer", "you should reply", "you owe me".
_OBLIGATION = LazyPattern(lambda: (
    "".join(rf"(?<!\b{re.escape(w)} )" for w in _list("obligation_guards"))
    + r"\byou (?:" + _each("obligation_hedges_before", " ") + ")?"
    + "(?P<modal>" + _alt("obligation_modals") + ")(?: (?:" + _alt("obligation_hedges_after") + "))?"
    + r" (?P<verb>[a-z]+)\b"), _F)


@lru_cache(maxsize=1)
def _kind_verbs() -> frozenset[str]:
    """Verbs after the modal that keep the sentence polite or sympathetic: "you must be busy", "you should
    have received", "you should feel free", "you need to know that ...", "you have to deal with"."""
    return frozenset(_list("kind_verbs"))


#: A deadline on hearing back: "hearing from your team within the next week", "a reply by Friday".
_DEADLINE = LazyPattern(lambda: (
    r"\b(?:hear(?:ing)?(?: back)?(?: from (?:" + _alt("hear_from") + "))?|(?:a|your) (?:" + _alt("answer_nouns")
    + r"))\s+(?:within (?:" + _each("deadline_counts", " ") + ")?(?:" + _alt("deadline_spans") + ")"
    + "|by (?:" + _alt("deadline_dates") + "|(?:this |next )?(?:" + _alt("deadline_weekdays") + r")))\b"), _F)
#: A lesson on courtesy or professionalism the reader failed: "not even given the courtesy of",
#: "the least you could do", "part of the job is keeping commitments".
_LESSON = LazyPattern(lambda: (
    r"\b(?:" + _alt("courtesy_cues") + r")\b(?:\W+\w+){0,5}?\W+(?:" + _alt("courtesy_nouns") + r")\b"
    + r"|\b(?:" + _alt("courtesy_nouns") + r")\b(?:\W+\w+){0,3}?\W+(?:" + _alt("lesson_subjects")
    + r")\b(?:\W+\w+){0,2}?\W+(?:" + _alt("lesson_modals") + r")\b"
    + r"|\bpart of (?:the|your|a) (?:" + _alt("duty_nouns") + r") is\b"), _F)
#: Conclusions about the reader's motives: "Guess you're not interested", "you were clearly more interested in
#: someone else", "I have to conclude that ...", "Expected to hear back from you this week."
_VERDICT = LazyPattern(lambda: (
    r"\b(?:I )?(?:" + _alt("guess_verbs") + ") (?:" + _alt("after_guess") + r")\b"
    + r"|\byou (?:" + _alt("verdict_be_forms") + ") (?:" + _alt("certainty_adverbs") + ") (?:"
    + _each("verdict_qualifiers", " ") + r")?\w+"
    + r"|\bI (?:" + _alt("conclusion_modals") + ") (?:" + _alt("conclusion_verbs") + r")\b"
    + r"|\bI was (?:" + _alt("promise_verbs") + ")(?: that)? (?:" + _alt("promised_subjects") + ") (?:"
    + _alt("promised_contact") + r")\b"
    + r"|(?:^|[.!?]\s+)(?:I )?(?:had |was )?expect(?:ed|ing) to hear (?:back )?from you\b"), _F)

#: An order with a deadline: "Please let me know by Friday", "Get back to me within 48 hours", "Confirm
#: today" (a sentence that opens with the verb; "I hope to hear by Friday" is the writer's wish, not an order).
_ORDER = LazyPattern(lambda: (
    r"(?:^|[.!?]\s+)(?:" + _each("order_softeners", r"\s+") + ")?(?:" + _alt("order_verbs") + r")\b[^.!?]{0,80}?"
    + r"\b(?:by (?:" + _alt("order_by_times") + "|" + _alt("order_weekdays") + r"|\d)|within (?:the next )?(?:"
    + _alt("order_within_counts") + ") ?(?:" + _alt("order_within_units") + ")|" + _alt("order_urgency") + ")"), _F)
#: Rhetorical reproach: "Is it too much to ask ...?", "How hard is it to reply?", "Do you even read ...?",
#: "You never even replied", "... and still nothing", "I deserve an answer".
_RHETORIC = LazyPattern(lambda: (
    r"\bis it (?:really )?too much to ask\b|\bhow (?:" + _alt("how_hard_adjectives") + r") (?:is|can) it (?:be )?to\b"
    + r"|\bdo(?:es)? (?:" + _alt("doubted_subjects") + ") (?:" + _alt("doubt_intensifiers") + ") (?:"
    + _alt("doubted_verbs") + r")\b"
    + r"|\bwhy (?:is it|does it take|has it taken) so (?:" + _alt("why_so_adjectives") + r")\b"
    + r"|\byou (?:" + _alt("never_forms") + ") (?:" + _alt("neglected_stems") + r")\w*"
    + r"|\b(?:and|but) (?:" + _alt("still_words") + ") (?:nothing|no (?:" + _alt("silence_nouns") + r"))\b"
    + r"|\bI (?:" + _alt("entitlement_verbs") + r") (?:a|an|at least|some|the) (?:\w+ )?(?:" + _alt("owed_nouns")
    + r")\b"), _F)

#: The reader reproached for what they did not do: "you should have replied by now", "you could at least have let
#: me know", "your team ought to have called" (a verb of answering the writer; "you should have received my
#: portfolio" is about the post, not a reproach).
_OWED = LazyPattern(lambda: (
    r"\b(?:" + _alt("owed_subjects") + ") (?:" + _each("owed_hedges_before", " ") + ")?"
    + "(?:" + _alt("owed_modals") + ")(?:" + _each("owed_hedges_after", before=" ") + ")? (?:have|'ve|’ve) (?:at least )?"
    + "(?:" + _alt("owed_answers") + r")\b"
    + r"|\b(?:" + _alt("owed_neglect_subjects") + ") (?:" + _alt("owed_negative_modals") + ") have (?:"
    + _alt("owed_neglects") + r")\b"), _F)
#: The outcome presumed: "I am the obvious choice", "I trust you will offer me the role", "I'll be expecting your
#: call tomorrow" (the writer's hope, "I hope to hear from you", is left alone).
_PRESUMPTION = LazyPattern(lambda: (
    r"\bI(?:'m|’m| am) (?:\w+ )?the (?:" + _alt("presumed_adjectives") + ") (?:" + _alt("presumed_nouns") + r")\b"
    + r"|\b(?:I trust|I(?:'m|’m| am) (?:sure|confident|certain)(?: that)?) you(?:'ll|’ll| will) (?:\w+ )?(?:offer|give) "
    + "me (?:the|this) (?:" + _alt("presumed_jobs") + r")\b"
    + r"|\bI(?:'ll|’ll| will| shall) be (?:expecting|awaiting|waiting for) (?:your|a|an|the) (?:"
    + _alt("awaited_nouns") + r")\b"), _F)
#: A verdict on the reader's loss or conduct: "you'll regret", "what you are missing", "which is frankly unacceptable".
_VERDICT_MORE = LazyPattern(lambda: (
    r"\b(?:you(?:'ll|’ll| will) (?:surely |certainly |soon )?regret|(?:it(?:'s|’s| is)|that(?:'s|’s| is)) your loss"
    r"|what you(?:'re|’re| are) (?:missing|passing up|losing))\b"
    + r"|\b(?:which|this|that) (?:is|was) (?:" + _each("verdict_intensifiers", " ") + ")?(?:"
    + _alt("verdict_adjectives") + r")\b"), _F)
#: An order for today: "Get back to me today", "Kindly revert ... at the earliest" (not "at your earliest
#: convenience", not "confirm tomorrow's start time").
_ORDER_MORE = LazyPattern(lambda: (
    r"(?:^|[.!?]\s+)(?:please\s+|kindly\s+)?(?:" + _alt("earliest_orders")
    + r")\b[^.!?]{0,80}?\bat the earliest\b(?! convenience)"
    + r"|(?:^|[.!?]\s+)(?:please\s+|kindly\s+)?(?:" + _alt("today_orders") + ")(?: to me)? (?:"
    + _alt("today_words") + r")\b(?!['’])"), _F)
#: Rhetorical reproach: "Do you treat all your candidates like this?", "Surely a company of your size can ...",
#: "I shouldn't have to chase you", "I would appreciate the courtesy of a reply".
_RHETORIC_MORE = LazyPattern(lambda: (
    r"\b(?:do|is this how) you (?:always |usually )?treat (?:all |every )?(?:of )?(?:your )?(?:"
    + _alt("treated_people") + r")\b"
    + r"|\bsurely (?:" + _alt("surely_subjects") + r")\b[^.!?]{0,40}?\b(?:can|could)\b"
    + r"|\bI (?:shouldn't|should not|shouldn’t) (?:have|need) to (?:" + _alt("chased_verbs") + r")\b"
    + r"|(?<!\bfor )\bthe (?:basic |common )?courtesy of (?:a|an|some) (?:" + _alt("courtesy_replies") + r")\b"),
    _F)

_MESSAGES = {
    "obligation": "'{match}' tells the reader what they are obliged to do; ask instead ('could you let me know ...').",
    "owed": "'{match}' reproaches the reader for what they have not done; ask whether there is news instead.",
    "presumption": "'{match}' presumes the outcome; say you remain interested and ask about the next step.",
    "deadline": "'{match}' sets a deadline for their answer; ask about their timeline instead.",
    "lesson": "'{match}' lectures the reader on courtesy or professionalism; it will end the conversation.",
    "verdict": "'{match}' draws a conclusion about the reader's motives; ask whether there is an update instead.",
    "order": "'{match}' orders the reader to answer on your schedule; ask about their timeline instead.",
    "rhetoric": "'{match}' is a reproach dressed as a question or complaint; ask plainly whether there is news.",
}


def pressure(flat: str) -> list[tuple[int, int, str]]:
    """(start, end, message) of each sentence shape that pressures or reproaches the reader, in ``flat``
    (the body with whitespace runs as one space)."""
    out: list[tuple[int, int, str]] = []
    kind_verbs = _kind_verbs()
    for m in _OBLIGATION.finditer(flat):
        if m.group("verb").lower() in kind_verbs:
            continue
        out.append((m.start(), m.end(), _MESSAGES["obligation"]))
    for label, pattern in (("owed", _OWED), ("presumption", _PRESUMPTION), ("deadline", _DEADLINE),
                           ("lesson", _LESSON), ("verdict", _VERDICT), ("verdict", _VERDICT_MORE), ("order", _ORDER),
                           ("order", _ORDER_MORE), ("rhetoric", _RHETORIC), ("rhetoric", _RHETORIC_MORE)):
        for m in pattern.finditer(flat):
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip(".!? ")))
            out.append((start, m.end(), _MESSAGES[label]))
    out.sort()
    kept: list[tuple[int, int, str]] = []
    for item in out:
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def pressure_spans(draft) -> list[tuple[Span, str]]:
    """:func:`pressure` over the draft's body, as spans of the original text and their messages."""
    if draft.body is None:
        return []
    flat, offsets = _flatten(draft.analysis, draft.body.start, draft.body.end)
    out = []
    for start, end, message in pressure(flat):
        span = Span(offsets[start], offsets[end - 1] + 1)
        out.append((span, message.format(match=" ".join(draft.text[span.start:span.end].split()))))
    return out


def _flatten(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """``text[start:end]`` with whitespace runs as one space (hard-wrapped drafts), and each character's
    offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    for m in re.finditer(r"\s+|\S+", text[start:end]):
        if m.group(0)[0].isspace():
            out.append(" ")
            offsets.append(start + m.start())
        else:
            out.append(m.group(0))
            offsets.extend(range(start + m.start(), start + m.end()))
    return "".join(out), offsets
