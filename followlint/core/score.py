"""A 0-100 score per draft, from its findings.

    score = max(0, round(100 - sum of penalties))
    penalty = SEVERITY_POINTS[severity] * CATEGORY_WEIGHT[category] * REPEAT_DECAY ** k

where ``k`` counts the earlier findings of the same rule in the draft (0 for the first,
1 for the second, ...; decay 0.75), so the third typo costs less than the first and one
rule can cost at most four times its first finding: a long draft is not punished for
its length alone, while several different problems add up.

Severity points: error 25, warning 10, info 3. Category weights (1.0 unless listed):
unfilled-placeholder 1.6 (the note cannot be sent as it is), missing-interviewer-name
1.3, demanding-tone 1.3 and duplicate-message 1.3 (each can end a candidacy on its own),
grammar-typos 0.8 and structure 0.7 (common and easy to fix), internal 0 (a crashed rule
says nothing about the draft).

So a clean, specific draft with at most a couple of info findings scores 94 or more;
one warning costs 10 points; the casual example in ``examples/`` scores well under 50.
A draft that could not be read has no score.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from followlint.core.finding import FileResult, Finding, Severity

SEVERITY_POINTS = {Severity.ERROR: 25.0, Severity.WARNING: 10.0, Severity.INFO: 3.0}
CATEGORY_WEIGHT = {
    "unfilled-placeholder": 1.6,
    "missing-interviewer-name": 1.3,
    "demanding-tone": 1.3,
    "duplicate-message": 1.3,
    "grammar-typos": 0.8,
    "structure": 0.7,
    "internal": 0.0,
}
REPEAT_DECAY = 0.75


def penalty(finding: Finding, repeat: int = 0) -> float:
    return (SEVERITY_POINTS[finding.severity] * CATEGORY_WEIGHT.get(finding.category, 1.0)
            * REPEAT_DECAY ** repeat)


def score(findings: Iterable[Finding]) -> int:
    """0-100: 100 for no findings; see the module docstring for the weights."""
    seen: Counter[str] = Counter()
    total = 0.0
    for f in sorted(findings, key=lambda f: (-f.severity, f.span.start, f.code)):
        total += penalty(f, seen[f.rule])
        seen[f.rule] += 1
    return max(0, min(100, round(100 - total)))


def score_result(result: FileResult) -> FileResult:
    """Set ``result.score`` for a linted draft (a draft that could not be read gets none)."""
    if result.draft is not None:
        result.score = score(result.findings)
    return result
