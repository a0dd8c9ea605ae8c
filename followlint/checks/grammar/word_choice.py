"""word-choice: A word that is probably not the one you meant ('would of', 'exited', 'to' for 'too')."""

from __future__ import annotations

from followlint.checks.grammar._analysis import _GrammarRule, _meta
from followlint.core.rule import RuleDocs


class WordChoice(_GrammarRule):
    meta = _meta(
        "word-choice", "G103", "A word that is probably not the one you meant ('would of', 'exited', 'to' for 'too').",
        RuleDocs(
            what="Confused words and wrong prepositions: 'would of' (would have), 'I am exited' (excited), "
                 "'interested on' (interested in), 'looking forward to meet' (to meeting), 'too the team' (to).",
            why="A spelling checker passes these because each word exists; a reader does not.",
            example="I would of liked to ask more. I am looking forward to meet the team.",
            instead="I would have liked to ask more. I am looking forward to meeting the team.",
            fix_safety="Unsafe: review the suggestion."),
        needs_nlp=("pos",),  # the tags after 'to': a noun phrase ("to careful, kind care") is no 'too'
    )
