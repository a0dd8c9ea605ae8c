"""grammar-error: Agreement and grammar errors: 'He have', 'a idea', 'Their going'."""

from __future__ import annotations

from followlint.checks.grammar._analysis import _GrammarRule, _meta
from followlint.core.rule import RuleDocs


class GrammarError(_GrammarRule):
    meta = _meta(
        "grammar-error", "G102", "Agreement and grammar errors: 'He have', 'a idea', 'Their going'.",
        RuleDocs(
            what="Subject-verb agreement ('I has'), wrong articles ('a excellent'), they're/their/there, "
                 "its/it's and similar grammar errors the grammar engine is confident about.",
            why="Grammar slips in a follow-up read as carelessness, and in roles that write for a living they can "
                "decide between two close candidates.",
            example="I has enjoyed our talk and it was a excellent opportunity.",
            instead="I have enjoyed our talk and it was an excellent opportunity.",
            fix_safety="Unsafe: the engine's suggestion is usually right, but the sentence may need more than one "
                       "change; review it."),
    )
