"""Which kind of follow-up a draft is, when the user did not say.

Order of evidence: the context (front matter, --kind, never overridden), then
cues in the text. Detection is deliberately conservative: when no cue is clear
the draft is treated as a thank-you, the most common kind and the one with the
most lenient limits after ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FOLLOW_UP = re.compile(
    r"\b(?:any (?:news|update)s?\b|(?:checking|check) in\b|following up\b|follow up on (?:my|our|the)\b"
    r"|(?:status|timeline) (?:of|for|on) (?:my|the)\b|where (?:things|my application|the process) stand"
    r"|haven[’']?t heard|have not heard|not heard back|(?:still )?no word\b|next steps in the (?:hiring )?process have"
    r"|update on (?:the|my) (?:position|role|application|process|decision)"
    r"|floating this|bump(?:ing)? this|reach(?:ing)? out (?:one more time|again)|(?:one|a) (?:final|last) (?:check|follow)"
    r"|I am still (?:very )?(?:keen|interested|excited)|still (?:very )?keen on)",
    re.I)
_SECOND = re.compile(r"\b(?:second|final|third|2nd|3rd|onsite|on-site) (?:round|interview|stage|conversation)\b|"
                     r"\bspeak(?:ing)? with me again\b|\bmeeting (?:me|with me) again\b", re.I)
_PANEL = re.compile(r"\b(?:panel|everyone I (?:met|spoke with)|each of you|all of you|the whole team)\b", re.I)


@dataclass(frozen=True)
class KindGuess:
    kind: str
    reason: str


def detect_kind(draft) -> KindGuess:
    """The draft's kind and why: from context when given, else from textual cues."""
    if draft.context.kind:
        return KindGuess(draft.context.kind, "given in the context")
    if len(draft.context.interviewers) > 1:
        return KindGuess("panel", "several interviewers in the context")
    body = draft.view(draft.body)
    if draft.greeting is not None and _greets_several(draft.view(draft.greeting)):
        return KindGuess("panel", "the greeting names several people")
    if _PANEL.search(body):
        return KindGuess("panel", "the body addresses a panel")
    if _FOLLOW_UP.search(body) or (draft.subject and _FOLLOW_UP.search(draft.view(draft.subject))):
        return KindGuess("follow-up", "the message asks about the status of the process")
    if _SECOND.search(body):
        return KindGuess("second-interview", "the message mentions a later round")
    if (draft.greeting is None and draft.closing is None and draft.body is not None
            and len(draft.view(draft.content).strip()) <= 300 and draft.format != "email"):
        return KindGuess("thank-you", "no cue; short note without greeting or sign-off")
    return KindGuess("thank-you", "no cue for another kind")


def _greets_several(greeting: str) -> bool:
    """'Hi Blaze, Daniel, and Rhea,' names three people; 'Dear [Interviewer Name],' names none."""
    names = re.sub(r"[\[{<(][^\]}>)]*[\]}>)]", " ", greeting).strip().split(None, 1)
    rest = names[1] if len(names) > 1 else ""
    people = [n for n in re.split(r"\s*(?:,|&|\band\b)\s*", rest) if re.match(r"[A-Z][a-z]", n.strip())]
    return len(people) >= 2
