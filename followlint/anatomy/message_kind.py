"""Which kind of follow-up a draft is, when the user did not say.

Order of evidence, first hit wins:

1. the context (front matter ``kind``, ``--kind``): never overridden;
2. two or more interviewers in the context, or a greeting that names two or more
   people ("Hi Dana, Raj and Lee,") -> ``panel``;
3. a LinkedIn cue ("connecting here", "connection request", "accept my invitation"),
   or "LinkedIn"/"connect"/"stay in touch" in a short note (300 characters or less) without a subject
   line, in a plain-text or Markdown draft, or a short one-paragraph note whose text runs on after a
   greeting ending in a dash ("Hi Fiona - enjoyed our chat ...") with no sign-off line -> ``linkedin-note``;
4. words that address a panel ("the panel", "each of you", "all of you",
   "everyone I met"), or a collective greeting ("Dear hiring team,") over a body that
   names two or more people ("Ms. Takahashi, Mr. Delgado and Ms. Adeyemi", or "Gareth, ...
   Priyanka, ..." addressed in turn) -> ``panel``;
5. a status question after silence ("any update", "checking in", "reach out one
   more time", "it has been two weeks since", "still interested") -> ``follow-up``,
   unless the message thanks the reader for a conversation today, yesterday or this
   morning (a thank-you that happens to say "following up");
6. a later round ("second interview", "final round", "speaking with me again")
   -> ``second-interview``;
7. an informational interview, a rejection or an offer -> ``other``;
8. otherwise ``thank-you``: the most common kind, and the one whose checks are the
   most lenient after ``other``.

Detection is deliberately conservative: a wrong ``follow-up`` or ``linkedin-note``
tightens limits, so those need an explicit cue. Set ``kind`` to be sure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FOLLOW_UP = re.compile(
    r"\bany (?:news|updates?)\b|\b(?:checking|check) (?:in|back)\b|\bfollow(?:ing)?[ -]up (?:on|about|regarding) "
    r"(?:my|the|our) (?:[\w\[\]/.-]+ ){0,3}?(?:application|candidacy|status|interview|position|role|opening|job"
    r"|conversation|previous|earlier|last)\b"
    r"|\b(?:status|timeline) (?:of|for|on|regarding) (?:my|the)\b|\bwhere (?:things|my application|the process|you are) "
    r"(?:stands?|is|are)\b|\bhaven[’']?t heard\b|\bhave not heard\b|\bnot heard back\b|\bno word\b"
    r"|\bupdates? (?:on|about|regarding) (?:the|my) (?:position|role|application|process|decision|search|hiring)\b"
    r"|\breach(?:ing)? out (?:again|one more time|once more|one last time)\b|\bfloat(?:ing)? this\b"
    r"|\bbump(?:ing)? this\b|\bremain in consideration\b"
    r"|\b(?:it(?:'s|’s| has| is) been|it has now been) (?:a|one|two|three|four|several|a few|over a|more than a|\d+) "
    r"(?:business )?(?:days?|weeks?)\b|\bsince (?:we|our) (?:last )?(?:spoke|talked|met|interview|conversation|meeting)\b"
    r"|\b(?:inquire|enquire|ask) (?:about|after|regarding) (?:the )?(?:status|timeline|next steps|decision)\b"
    r"|\btouch(?:ing)? base\b|\b(?:just )?following up to (?:see|check|ask|find out|inquire|enquire)\b|\bjust following up\b"
    r"|\b(?:one|a) (?:final|last) (?:check|follow)|\bI am still (?:very )?(?:keen|interested|excited)\b"
    r"|\bstill (?:very )?keen on\b|\bnext steps in the (?:hiring )?process have\b",
    re.I)
_RECENT_THANKS = re.compile(
    r"\b(?:thank(?:s| you)|grateful|appreciated?)\b[^.!?\n]{0,140}?\b(?:today|yesterday|this (?:morning|afternoon|"
    r"evening)|earlier today|last night|tonight)\b", re.I)
_SECOND = re.compile(
    r"\b(?:second|final|third|2nd|3rd|onsite|on-site) (?:round|interview|stage|conversation)s?\b"
    r"|\bboth (?:rounds|interviews|conversations)\b|\b(?:speak|speaking|talk|talking|meet|meeting) (?:with )?me again\b",
    re.I)
_PANEL = re.compile(r"\bpanel\b|\b(?:each|all) of you\b|\beveryone (?:I (?:met|spoke|talked)|involved)\b"
                    r"|\bthank you all\b|\bto you and the (?:whole |rest of the )?team\b", re.I)
_LINKEDIN_STRONG = re.compile(
    r"\bconnect(?:ing)? (?:with you )?here\b|\bconnection (?:request|invit(?:e|ation))\b"
    r"|\baccept (?:my|this) (?:request|invit(?:e|ation))\b|\badd(?:ing)? you to my (?:professional )?network\b", re.I)
_LINKEDIN_WEAK = re.compile(r"\blinked ?in\b|\bconnect(?:ing|ed)?\b|\b(?:stay|keep) in touch\b", re.I)
#: People the body names: "Ms. Takahashi, Mr. Delgado and Ms. Adeyemi", or "with Ana, Raj and Lee".
_HONORIFIC_NAME = re.compile(r"\b(?:Mr|Ms|Mrs|Mx|Dr|Prof|Professor)\.?\s+([A-Z][\w'’-]+)")
#: Panellists addressed one by one: "Gareth, the walk round was helpful. Priyanka, I appreciated ...".
_VOCATIVE = re.compile(r"(?:^|[.!?;]\s+)([A-Z][a-z]+(?:-[A-Z][a-z]+)?),\s+(?:I\b|thank|the\b|your\b|it\b|you\b|my\b|our\b)")
_NAME_LIST = re.compile(r"\b(?:with|meet|meeting|met|to|and)\s+[A-Z][a-z]+(?:,\s+[A-Z][a-z]+)+,?\s+and\s+[A-Z][a-z]+\b")
_OTHER = re.compile(
    r"\binformational (?:interview|call|meeting|chat|conversation)\b|\bcoffee chat\b"
    r"|\b(?:won[’']?t|will not|not) be moving forward\b|\bnot (?:been )?selected\b"
    r"|\b(?:accept|accepting|decline|declining) (?:the|your) (?:kind )?offer\b", re.I)
LINKEDIN_LIMIT = 300


@dataclass(frozen=True)
class KindGuess:
    kind: str
    reason: str


def detect_kind(draft) -> KindGuess:
    """The draft's kind and why: from context when given, else from textual cues.

    Computed once per draft (a dozen rules ask): ``Draft.kind_guess``, a cached property."""
    return draft.kind_guess


def _detect_kind(draft) -> KindGuess:
    from followlint.anatomy.names import parse_greeting, people

    if draft.context.kind:
        return KindGuess(draft.context.kind, "given in the context")
    persons = people(draft)
    if len(persons) > 1:
        return KindGuess("panel", f"{len(persons)} interviewers in the context")
    greeting = parse_greeting(draft)
    if greeting is not None and len(greeting.names) >= 2:
        return KindGuess("panel", f"the greeting names {len(greeting.names)} people")
    body = _flat(draft.view(draft.body))
    subject = _flat(draft.view(draft.subject))
    content = draft.view(draft.content).strip()
    if draft.format != "email" and draft.subject is None:
        if _LINKEDIN_STRONG.search(body):
            return KindGuess("linkedin-note", "the note asks to connect on LinkedIn")
        if len(content) <= LINKEDIN_LIMIT and _LINKEDIN_WEAK.search(body):
            return KindGuess("linkedin-note", "a short note that mentions LinkedIn or connecting")
        if len(content) <= LINKEDIN_LIMIT and _greeting_runs_on(draft):
            return KindGuess("linkedin-note", "a short note whose text runs on from the greeting, with no sign-off line")
    if _PANEL.search(body):
        return KindGuess("panel", "the body addresses a panel")
    if greeting is not None and _collective_greeting(draft) and (
            len(set(_HONORIFIC_NAME.findall(body))) >= 2 or _NAME_LIST.search(body)
            or len(set(_VOCATIVE.findall(body))) >= 2):
        return KindGuess("panel", "a collective greeting, and the body names several interviewers")
    recent_thanks = _RECENT_THANKS.search(body)
    if not recent_thanks and (_FOLLOW_UP.search(body) or _FOLLOW_UP.search(subject)):
        return KindGuess("follow-up", "the message asks about the status of the process")
    if _SECOND.search(body):
        return KindGuess("second-interview", "the message mentions a later round")
    if _OTHER.search(body):
        return KindGuess("other", "an informational interview, a rejection or an offer")
    if recent_thanks:
        return KindGuess("thank-you", "thanks for a conversation today or yesterday")
    return KindGuess("thank-you", "no cue for another kind")


def _greeting_runs_on(draft) -> bool:
    """The greeting ends in a dash and the text runs on after it on the same line, in one paragraph: a
    connection note's layout ("Hi Fiona - enjoyed our chat ..."), never a letter's."""
    if draft.greeting is None or draft.body is None or len(draft.paragraphs) > 1:
        return False
    if draft.closing is not None and draft.view(draft.closing).strip(" -–—~"):
        return False  # a letter's sign-off line ("Best,"): an e-mail typed without line breaks
    a = draft.analysis
    greeting = a[draft.greeting.start:draft.greeting.end].rstrip()
    # A dash after the name is the note's layout; "Hi Ana, thanks ..." is as often a quoted line of an e-mail.
    return greeting.endswith(("-", "–", "—")) and "\n" not in a[draft.greeting.end:draft.body.start]


def _collective_greeting(draft) -> bool:
    return draft.greeting_class is not None and draft.greeting_class[0] == "collective"


def _flat(text: str) -> str:
    """Whitespace runs (hard-wrapped lines) as one space, for the phrase cues."""
    return re.sub(r"\s+", " ", text)


def thanks_for_interview(draft) -> bool:
    """Whether the body thanks the reader (a positive cue that a draft is a thank-you note)."""
    return bool(re.search(r"\b(?:thank|thanks|grateful|gratitude|appreciat)", draft.view(draft.body), re.I))
