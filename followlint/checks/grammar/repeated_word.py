"""repeated-word: The same word twice in a row ('for for')."""

from __future__ import annotations

from followlint.checks.grammar._analysis import _GrammarRule, _meta
from followlint.core.rule import RuleDocs


class RepeatedWord(_GrammarRule):
    meta = _meta(
        "repeated-word", "G101", "The same word twice in a row ('for for').",
        RuleDocs(
            what="A word written twice in a row, usually after an edit: 'Thank you for for your time'.",
            why="It is the classic sign of a note nobody re-read before sending.",
            example="Thank you for for your time on Tuesday.",
            instead="Thank you for your time on Tuesday.",
            fix_safety="Safe: the fix removes the second copy."),
        fix="always",
    )
