"""punctuation: missing commas after the greeting or sign-off, a paragraph with no full stop, comma slips."""

from __future__ import annotations

from followlint.checks.grammar._analysis import _GrammarRule, _meta
from followlint.core.rule import RuleDocs


class Punctuation(_GrammarRule):
    meta = _meta(
        "punctuation", "G105", "Missing commas after the greeting or sign-off, a paragraph with no full stop, "
                               "its/it's and comma slips.",
        RuleDocs(
            what="A greeting or sign-off line without its comma ('Hi Andy' / 'All the best' above your name), a "
                 "paragraph whose last sentence has no full stop, 'its' for 'it's', a space before a comma.",
            why="Letter conventions are part of the impression a follow-up makes; a missing comma after 'Hi Andy' "
                "or a sentence that just stops reads as unfinished.",
            example="Hi Andy\n\nThank you for your time today\n\nAll the best\nJosh",
            instead="Hi Andy,\n\nThank you for your time today.\n\nAll the best,\nJosh",
            fix_safety="Safe for a comma after a greeting or sign-off; unsafe for a full stop at the end of a "
                       "paragraph (the sentence may be unfinished rather than unpunctuated) and for the engine's "
                       "suggestions."),
    )
