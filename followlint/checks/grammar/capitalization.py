"""capitalization: A sentence, greeting, sign-off or name without the right capital letters."""

from __future__ import annotations

from followlint.checks.grammar._analysis import _GrammarRule, _meta
from followlint.core.rule import RuleDocs


class Capitalization(_GrammarRule):
    meta = _meta(
        "capitalization", "G104", "A sentence, greeting, sign-off or name without the right capital letters.",
        RuleDocs(
            what="A sentence that starts in lower case ('and I am excited'), a name in lower case ('marcus', "
                 "'january'), a greeting in lower case ('good afternoon'), or a sign-off with capitals past its "
                 "first word ('Best Regards'). A lower-case 'i' is reported by the casual-tone checks.",
            why="Capitals are the first mechanics a reader notices; a message without them looks typed on a phone "
                "in a hurry.",
            example="good afternoon Dana,\n...the position. and I am excited about it.\n\nBest Regards,",
            instead="Good afternoon Dana,\n...the position, and I am excited about it.\n\nBest regards,",
            fix_safety="Safe: only the case of letters changes."),
    )
