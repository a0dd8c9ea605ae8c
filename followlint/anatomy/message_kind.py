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

from followlint.core.data import LazyPattern, alternatives, load_data

# The cue phrases are data (rules/data/message-kind.yaml); the patterns are built from them the first time
# a draft's kind is asked for. The frames here (boundaries, the 140-character window, name shapes) are code.


def _cues(*names: str) -> list[str]:
    """The alternations of these cue lists of rules/data/message-kind.yaml, in order."""
    data = load_data("message-kind")
    return [alternatives(data[name]) for name in names]


def _cue(name: str, flags: int = re.I) -> LazyPattern:
    """One cue list as a pattern, compiled on first use."""
    return LazyPattern(lambda: _cues(name)[0], flags)


_FOLLOW_UP = _cue("follow_up")
_RECENT_THANKS = LazyPattern(
    lambda: r"\b(?:{})\b[^.!?\n]{{0,140}}?\b(?:{})\b".format(*_cues("recent_thanks", "recent_times")), re.I)
_SECOND = _cue("second_interview")
_PANEL = _cue("panel")
_LINKEDIN_STRONG = _cue("linkedin_strong")
_LINKEDIN_WEAK = _cue("linkedin_weak")
#: People the body names: "Ms. Takahashi, Mr. Delgado and Ms. Adeyemi", or "with Ana, Raj and Lee".
_HONORIFIC_NAME = LazyPattern(lambda: r"\b(?:{})\.?\s+([A-Z][\w'’-]+)".format(*_cues("honorifics")))
#: Panellists addressed one by one: "Gareth, the walk round was helpful. Priyanka, I appreciated ...".
_VOCATIVE = LazyPattern(
    lambda: r"(?:^|[.!?;]\s+)([A-Z][a-z]+(?:-[A-Z][a-z]+)?),\s+(?:{})".format(*_cues("vocative_next")))
_NAME_LIST = LazyPattern(
    lambda: r"\b(?:{})\s+[A-Z][a-z]+(?:,\s+[A-Z][a-z]+)+,?\s+and\s+[A-Z][a-z]+\b".format(*_cues("name_list_leads")))
_OTHER = _cue("other")
_THANKS = LazyPattern(lambda: r"\b(?:{})".format(*_cues("thanks_stems")), re.I)
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
    return bool(_THANKS.search(draft.view(draft.body)))
