"""misspelled-word: A word that is not in the dictionary and is not a name."""

from __future__ import annotations

from followlint.checks.grammar._analysis import _GrammarRule, _meta
from followlint.core.rule import RuleDocs


class MisspelledWord(_GrammarRule):
    meta = _meta(
        "misspelled-word", "G100", "A word that is not in the dictionary and is not a name.",
        RuleDocs(
            what="A misspelled word ('recieve', 'definately', 'oppurtunity'), a run-together or split word "
                 "('alot', 'thankyou'), or a common typo ('teh'). Names are not flagged: the interviewers, company "
                 "and role from the front matter, the words of your greeting and signature, capitalised words in "
                 "mid-sentence, names spaCy recognises, acronyms, e-mail addresses, URLs and placeholders. An "
                 "unknown word that looks like a trade's term rather than a slip is only info: built from two "
                 "known words ('intercompany'), written with accents ('pâte'), or three edits from every "
                 "suggestion ('arboriculture'); the plural of a known word is accepted.",
            why="A typo in a three-paragraph note is the detail a hiring manager remembers: it undoes the care the "
                "note is meant to show, and some reviewers stop reading at the first one.",
            example="I recieved your email and definately want to continue.",
            instead="I received your email and definitely want to continue.",
            fix_safety="Unsafe for respellings (the first suggestion may be the wrong word: review it); safe for a "
                       "split such as 'alot' -> 'a lot'. A word that is right (a name, a term of your trade) goes in "
                       "`vocabulary = [...]` or a `vocabulary-file` (one word per line)."),
        needs_nlp=("ents",),
    )
