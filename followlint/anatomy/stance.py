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

from followlint.core.finding import Span

_F = re.I
#: The reader obliged to act: "you ought to at least offer", "you should reply", "you owe me".
_OBLIGATION = re.compile(
    r"(?<!\bif )(?<!\bwhen )(?<!\bshould )(?<!\bthat )(?<!\bunless )(?<!\bwhether )"
    r"\byou (?:really |at least |at the very least |still |simply |surely )?"
    r"(?P<modal>ought to|should|must|need to|have to|owe)(?: (?:at least|at the very least|really|also|still|"
    r"simply|surely))? (?P<verb>[a-z]+)\b", _F)
#: Verbs after the modal that keep the sentence polite or sympathetic: "you must be busy", "you should have
#: received", "you should feel free", "you need to know that ...", "you have to deal with".
_KIND_VERBS = frozenset("be have feel get receive see hear deal juggle handle field meet speak talk interview read "
                        "review know find look consider go make notice".split())
#: The reader reproached for what they did not do: "you should have replied by now", "you could at least have let
#: me know", "your team ought to have called" (a verb of answering the writer; "you should have received my
#: portfolio" is about the post, not a reproach).
_OWED = re.compile(
    r"\b(?:you|your (?:team|office|company|recruiter)|someone|somebody) (?:really |at least )?"
    r"(?:should|ought to|could|might)(?: at least| really| surely)? (?:have|'ve|’ve) (?:at least )?"
    r"(?:replied|responded|answered|called|rung|phoned|written|e-?mailed|told me|let me know|informed me|"
    r"contacted me|updated me|notified me|acknowledged|got(?:ten)? back)\b"
    r"|\b(?:you|your (?:team|office|company)) (?:shouldn't|should not|ought not to) have (?:ignored|kept|left)\b", _F)
#: The outcome presumed: "I am the obvious choice", "I trust you will offer me the role", "I'll be expecting your
#: call tomorrow" (the writer's hope, "I hope to hear from you", is left alone).
_PRESUMPTION = re.compile(
    r"\bI(?:'m|’m| am) (?:\w+ )?the (?:obvious|natural|logical|only sensible|only logical|clear) (?:choice|candidate|"
    r"hire|person|pick)\b"
    r"|\b(?:I trust|I(?:'m|’m| am) (?:sure|confident|certain)(?: that)?) you(?:'ll|’ll| will) (?:\w+ )?(?:offer|give) "
    r"me (?:the|this) (?:job|role|position|offer|post)\b"
    r"|\bI(?:'ll|’ll| will| shall) be (?:expecting|awaiting|waiting for) (?:your|a|an|the) (?:call|reply|response|"
    r"answer|decision|offer)\b", _F)
#: A deadline on hearing back: "hearing from your team within the next week", "a reply by Friday".
_DEADLINE = re.compile(
    r"\b(?:hear(?:ing)?(?: back)?(?: from (?:you|your team|the team|someone))?|(?:a|your) (?:reply|response|answer|"
    r"decision))\s+(?:within (?:the next |a |one |two |\d+ )?(?:day|days|week|weeks|48 hours|24 hours|hours)"
    r"|by (?:the end of (?:the |this )?(?:day|week)|end of (?:day|week)|tomorrow|tonight|(?:this |next )?"
    r"(?:monday|tuesday|wednesday|thursday|friday)))\b", _F)
#: A lesson on courtesy or professionalism the reader failed: "not even given the courtesy of",
#: "the least you could do", "part of the job is keeping commitments".
_LESSON = re.compile(
    r"\b(?:not|never|no|without|least|even|basic|common|simple|professional)\b(?:\W+\w+){0,5}?\W+courtesy\b"
    r"|\bcourtesy\b(?:\W+\w+){0,3}?\W+(?:you|your team)\b(?:\W+\w+){0,2}?\W+(?:owe|ought|should|could)\b"
    r"|\bpart of (?:the|your|a) (?:job|role|process|deal) is\b", _F)
#: Conclusions about the reader's motives: "Guess you're not interested", "you were clearly more interested in
#: someone else", "I have to conclude that ...", "Expected to hear back from you this week."
_VERDICT = re.compile(
    r"\b(?:I )?guess (?:you(?:'re|’re| are)|you (?:were|weren't|aren't|don't|didn't))\b"
    r"|\byou (?:were|are|weren't|aren't) (?:clearly|obviously|evidently|apparently) (?:more |not |never )?\w+"
    r"|\bI (?:have to|must|can only) (?:conclude|assume)\b"
    r"|\bI was (?:told|promised|assured)(?: that)? (?:I(?:'d|’d| would)|you(?:'d|’d| would)|someone would) "
    r"(?:hear|get|receive|be (?:contacted|told|informed)|be in touch)\b"
    r"|(?:^|[.!?]\s+)(?:I )?(?:had |was )?expect(?:ed|ing) to hear (?:back )?from you\b"
    r"|\b(?:you(?:'ll|’ll| will) (?:surely |certainly |soon )?regret|(?:it(?:'s|’s| is)|that(?:'s|’s| is)) your loss"
    r"|what you(?:'re|’re| are) (?:missing|passing up|losing))\b"
    r"|\b(?:which|this|that) (?:is|was) (?:quite |very |rather |really |frankly |simply |completely |totally |"
    r"just )?(?:unacceptable|unprofessional|disrespectful|insulting|inexcusable)\b", _F)

#: An order with a deadline: "Please let me know by Friday", "Get back to me within 48 hours", "Confirm
#: today" (a sentence that opens with the verb; "I hope to hear by Friday" is the writer's wish, not an order).
_ORDER = re.compile(
    r"(?:^|[.!?]\s+)(?:please\s+|kindly\s+)?(?:let me know|tell me|get back to me|send|give me|call me|email me|"
    r"e-mail me|reply|respond|confirm|update me|inform me|contact me|decide|make (?:a|your) decision)\b[^.!?]{0,80}?"
    r"\b(?:by (?:the end of|end of|eod|cob|close of business|tomorrow|tonight|today|noon|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|\d)|within (?:the next )?(?:\d+|a|one|two|three|24|48) ?(?:hours?|days?|"
    r"business days?)|no later than|immediately|right away|at once|asap|as soon as possible"
    r"|at the earliest(?! convenience)\b)"
    r"|(?:^|[.!?]\s+)(?:please\s+|kindly\s+)?(?:get back to me|respond|reply|decide|make (?:a|your) decision|"
    r"revert)(?: to me)? (?:today|tonight|tomorrow)\b(?!['’])"
    r"|(?:^|[.!?]\s+)(?:please\s+|kindly\s+)?revert\b[^.!?]{0,60}?\bat the earliest\b(?! convenience)", _F)
#: Rhetorical reproach: "Is it too much to ask ...?", "How hard is it to reply?", "Do you even read ...?",
#: "You never even replied", "... and still nothing", "I deserve an answer".
_RHETORIC = re.compile(
    r"\bis it (?:really )?too much to ask\b|\bhow (?:hard|difficult) (?:is|can) it (?:be )?to\b"
    r"|\bdo(?:es)? (?:you|anyone|your team) (?:even|actually|ever) (?:read|reply|respond|care|check|look)\b"
    r"|\bwhy (?:is it|does it take|has it taken) so (?:hard|long|difficult)\b"
    r"|\byou (?:never|haven't even|have not even|didn't even|did not even|couldn't even|could not even|"
    r"can't even|cannot even|won't even) (?:bother|repl|respond|answer|call|email|acknowledg|let|tell|get back)\w*"
    r"|\b(?:and|but) (?:still|yet) (?:nothing|no (?:word|reply|response|answer|update|news))\b"
    r"|\bI (?:deserve|am owed|am entitled to) (?:a|an|at least|some|the) (?:\w+ )?(?:answer|reply|response|"
    r"explanation|decision|update|courtesy)\b"
    r"|\b(?:do|is this how) you (?:always |usually )?treat (?:all |every )?(?:of )?(?:your )?(?:candidates?|applicants?|"
    r"people|everyone|interviewees)\b"
    r"|\bsurely (?:you|your \w+|a company|an organi[sz]ation|someone|somebody)\b[^.!?]{0,40}?\b(?:can|could)\b"
    r"|\bI (?:shouldn't|should not|shouldn’t) (?:have|need) to (?:chase|ask|remind|beg|wait|keep|follow up|write)\b"
    r"|(?<!\bfor )\bthe (?:basic |common )?courtesy of (?:a|an|some) (?:reply|response|answer|update|call|e-?mail)\b", _F)

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
    for m in _OBLIGATION.finditer(flat):
        if m.group("verb").lower() in _KIND_VERBS:
            continue
        out.append((m.start(), m.end(), _MESSAGES["obligation"]))
    for label, pattern in (("owed", _OWED), ("presumption", _PRESUMPTION), ("deadline", _DEADLINE), ("lesson", _LESSON), ("verdict", _VERDICT),
                           ("order", _ORDER), ("rhetoric", _RHETORIC)):
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
