"""demanding-tone: deadlines, orders, presumption, ultimatums and reproach (warning), and
over-apologetic filler (info). Phrase lists in ``rules/data/demanding-tone.yaml``.

Patterns are matched on the body with runs of whitespace treated as one space (hard-wrapped
drafts), and each match is mapped back to its exact span in the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=None)
def _patterns(group: str, source: str) -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(e["pattern"], re.I), e["message"]) for e in load_data(source)[group])


def flatten(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """``text[start:end]`` with whitespace runs as one space, and each flat index's original offset."""
    out: list[str] = []
    offsets: list[int] = []
    pos = start
    for m in _SPACES.finditer(text, start, end):
        for i in range(pos, m.start()):
            out.append(text[i])
            offsets.append(i)
        out.append(" ")
        offsets.append(m.start())
        pos = m.end()
    for i in range(pos, end):
        out.append(text[i])
        offsets.append(i)
    offsets.append(end)
    return "".join(out), offsets


def original_span(offsets: list[int], m: re.Match) -> Span:
    """The span in the original text of a match in a :func:`flatten`-ed text (its end is after its last character)."""
    return Span(offsets[m.start()], offsets[m.end() - 1] + 1)


def flat_body(draft) -> tuple[str, list[int]]:
    """:func:`flatten` of the draft's body, computed once per draft (several phrase rules read it)."""
    key = (draft.body.start, draft.body.end)
    cached = draft.__dict__.get("_flat_body")
    if cached is None or cached[0] != key or cached[1] is not draft.analysis:
        cached = (key, draft.analysis, flatten(draft.analysis, *key))
        draft.__dict__["_flat_body"] = cached
    return cached[2]


def phrase_findings(rule: BaseRule, draft, group: str, source: str = "demanding-tone") -> Iterator[Finding]:
    """One finding per match of the ``{pattern, message}`` list ``group`` in ``rules/data/<source>.yaml``."""
    if draft.body is None:
        return
    flat, offsets = flat_body(draft)
    taken: list[tuple[int, int]] = []
    for pattern, message in _patterns(group, source):
        for m in pattern.finditer(flat):
            if m.end() <= m.start() or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            span = original_span(offsets, m)
            yield rule.finding(span, message.format(match=" ".join(draft.text[span.start:span.end].split())))


class DemandingTone(BaseRule):
    meta = RuleMeta(
        name="demanding-tone", code="T200", category="demanding-tone", severity=Severity.WARNING, scope="body",
        summary="Deadlines, orders, presumption, ultimatums or reproach aimed at the employer.",
        docs=RuleDocs(
            what="Phrases that put pressure on the reader or presume the outcome: deadlines ('I expect a decision "
                 "by Friday', 'I need to know immediately'), orders ('you must ...', 'reply by end of day'), "
                 "presumption ('as I am clearly the best candidate', 'when you hire me'), ultimatums about other "
                 "offers ('if I don't hear back by Monday I will accept another offer') and reproach ('you "
                 "promised I would hear back', 'why haven't you replied'). Sympathy such as 'you must be busy' "
                 "is not flagged.",
            why="The seed article's rule for tone: confident and sincere, never demanding or presumptuous. "
                "Hiring decisions run on the employer's schedule; pressure reads as entitlement and can end "
                "a candidacy that was going well.",
            example="I expect a decision by Friday, as I am clearly the best candidate for this role.",
            instead="I remain very interested in the role. Could you share when you expect to make a decision? "
                    "I have another offer with a deadline of the 14th and would much rather join your team.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        yield from phrase_findings(self, draft, "demanding")


class OverApologetic(BaseRule):
    meta = RuleMeta(
        name="over-apologetic", code="T201", category="demanding-tone", severity=Severity.INFO, scope="body",
        summary="Apologising for a normal follow-up ('sorry to bother you', 'I know you are busy but').",
        docs=RuleDocs(
            what="Filler that apologises for writing at all: 'sorry to bother you', 'I hate to pester you', "
                 "'I know you are very busy', 'forgive me for following up again', 'hope I'm not bothering you'.",
            why="A follow-up is expected and welcome; apologising for it undercuts the confidence the rest of the "
                "note should carry, and it spends the reader's first seconds on nothing. It is the opposite "
                "failure of a demanding tone, so it shares the category, as info.",
            example="Sorry to bother you again, I know you are very busy, but is there any news?",
            instead="I wanted to check in on the timeline for the Data Analyst role.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        yield from phrase_findings(self, draft, "apologetic")
