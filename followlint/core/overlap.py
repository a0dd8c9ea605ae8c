"""One span, one finding: settle rules that flag the same word with different advice.

Several rules can look at one word: "hey" is a casual greeting (replace it with "Hi") and a
greeting without a capital ("Hey"); "cheers" is a casual sign-off (replace it with "Best
regards,"), a sign-off without a capital and one without a comma. Three findings with three
fixes that undo each other confuse a reader and the fixer alike. After the rules have run
(and suppressions are applied), :func:`resolve_overlaps` keeps one finding per word:

- Findings are *on the same word* when their spans overlap by at least half of the longer
  span (a sentence-wide finding never swallows a word-level one), both carry a fix or a
  suggestion (advice that can conflict), and at least one of them is about the word's
  spelling, grammar or mechanics (category grammar-typos). Two findings of other kinds on one
  span are different problems ("Sent from my iPhone" is a phone signature *and* leaves the note
  without a sign-off) and both stay.
- The most useful one wins: a tone or word-choice finding (replace the word) over a
  grammar finding over the mechanics of the same word (capitalisation, punctuation, "i"),
  then the higher severity, then the lower code.
- A losing finding whose span the winner's fix rewrites is dropped: once "hey" becomes
  "Hi", its capital letter is moot, and "Best regards," already has its comma. Otherwise its
  message is merged into the winner's ("Also: ...") and its fix is dropped, so only the
  winner's fix is offered.
"""

from __future__ import annotations

from followlint.core.finding import Finding, Span

#: Rules about the mechanics of a word (its case, the punctuation around it): the least useful
#: advice when another rule wants the word itself changed.
MECHANICS = frozenset({"capitalization", "punctuation", "lowercase-i"})
#: Categories whose findings say which word to use instead.
WORDING = frozenset({"casual-tone", "demanding-tone", "generic-phrasing", "unfilled-placeholder",
                     "missing-interviewer-name"})
WORD_CHOICE = frozenset({"word-choice", "usage-slip", "its-for-possessive", "misspelled-word", "repeated-word"})


def rank(f: Finding) -> tuple:
    """Smaller is more useful."""
    if f.rule in MECHANICS:
        kind = 2
    elif f.category in WORDING or f.rule in WORD_CHOICE:
        kind = 0
    else:
        kind = 1
    return (kind, -int(f.severity), f.code, f.span.start, f.span.end)


def _advises(f: Finding) -> bool:
    return bool(f.suggestions) or (f.fix is not None and bool(f.fix.edits))


def same_word(a: Span, b: Span) -> bool:
    overlap = min(a.end, b.end) - max(a.start, b.start)
    longest = max(a.end - a.start, b.end - b.start)
    return overlap > 0 and 2 * overlap >= longest


def _rewrites(winner: Finding, loser: Finding) -> bool:
    """Whether the winner's fix replaces the loser's span (so the loser's advice is moot)."""
    if winner.fix is None or not winner.fix.edits:
        return False
    return any(e.start <= loser.span.start and loser.span.end <= e.end and e.end > e.start
               for e in winner.fix.edits)


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """``findings`` with at most one advising finding per word; the order of the rest is kept."""
    candidates = [i for i, f in enumerate(findings) if _advises(f)]
    if len(candidates) < 2:
        return findings
    parent = {i: i for i in candidates}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_start = sorted(candidates, key=lambda i: findings[i].span.start)
    for n, i in enumerate(by_start):
        for j in by_start[n + 1:]:
            if findings[j].span.start >= findings[i].span.end:
                break
            a, b = findings[i], findings[j]
            if same_word(a.span, b.span) and "grammar-typos" in (a.category, b.category):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in candidates:
        groups.setdefault(root(i), []).append(i)
    replace: dict[int, Finding] = {}
    drop: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        best = min(members, key=lambda i: rank(findings[i]))
        winner = findings[best]
        merged = []
        for i in members:
            if i == best:
                continue
            drop.add(i)
            loser = findings[i]
            if not _rewrites(winner, loser) and loser.message not in winner.message:
                merged.append(loser.message)
        if merged:
            winner = Finding(winner.rule, winner.code, winner.category, winner.severity,
                             winner.message + "".join(f" Also: {m}" for m in merged), winner.span,
                             winner.suggestions, winner.fix, winner.url)
        replace[best] = winner
    if not drop:
        return findings
    return [replace.get(i, f) for i, f in enumerate(findings) if i not in drop]
