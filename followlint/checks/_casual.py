"""Shared by the casual-tone rules: the slang list and how it is matched, and removing a word cleanly.

Slang entries live in ``rules/data/slang.yaml``; matching is on whole-word tokens and case-aware
(``u`` is chat-speak, ``U.S.`` is not). slang reports them, casual-register counts the mild ones,
and grammar-typos and no-specific-detail leave them to slang.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Edit

_WORDISH = r"[\w’']"


@lru_cache(maxsize=1)
def slang_entries() -> dict:
    return load_data("slang")["slang"]


def phrase_pattern(phrases, flags=re.I) -> re.Pattern:
    alts = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(rf"(?<!{_WORDISH})(?:{'|'.join(alts)})(?!{_WORDISH})", flags)


def slang_matches(draft) -> Iterator[tuple[re.Match, str, dict]]:
    """Each slang word or idiom in the message, with its casual.yaml entry (case rules applied)."""
    entries = slang_entries()
    pattern = _slang_pattern(tuple(sorted(entries)))
    a = draft.analysis
    for m in pattern.finditer(a, draft.content.start, draft.content.end):
        word = m.group(0)
        entry = entries.get(re.sub(r"\s+", " ", word.lower()).replace("’", "'"))
        if entry is None:
            continue
        if entry.get("case") == "lower" and word != word.lower():
            continue
        if word.lower() in ("u", "r") and _is_initial(a, m):
            continue
        if any(c.start <= m.start() < c.end for c in draft.contacts):
            continue  # "dashiell.np@gmail.com" holds no chat-speak
        yield m, word, entry


@lru_cache(maxsize=4)
def _slang_pattern(words: tuple[str, ...]) -> re.Pattern:
    return phrase_pattern(words)


def _is_initial(a: str, m: re.Match) -> bool:
    """'U.' or 'R.' as an initial or part of an abbreviation (U.S., R&D)."""
    after = a[m.end():m.end() + 1]
    before = a[m.start() - 1:m.start()] if m.start() else ""
    return after in (".", "&", "-") or before in (".", "&", "-")


def removal(a: str, start: int, end: int) -> Edit:
    """Delete a word and one neighbouring space so no double space is left behind."""
    if end < len(a) and a[end] == " ":
        end += 1
    elif start > 0 and a[start - 1] == " ":
        start -= 1
    return Edit(start, end, "")


#: A run of one letter three or more times: stretched for effect ("soooo", "yesss") or a slip of the key.
_RUN = re.compile(r"([A-Za-z])\1{2,}")
#: Stand-ins, web addresses, roman numerals and sounds that repeat a letter on purpose ("xxx", "www", "zzz").
_NOT_STRETCHED = re.compile(r"x+|w{3}|[ivxlcdm]+|z+|h+m+|www[a-z]*")


def stretched_for_effect(word: str) -> bool:
    """A word drawn out as in speech ("soooo", "pleeease", "yesss", "awwwwesome"), not a typing slip.

    People stretch vowels, and the last letter of a word; a key held or hit twice too often leaves a
    tripled consonant inside the word ("galllery", "succcess", "appplied"), which is a misspelling.
    So: a run of a vowel (or y), a run that ends the word, or a run of four or more letters."""
    lower = word.lower()
    if _NOT_STRETCHED.fullmatch(lower):
        return False
    for m in _RUN.finditer(lower):
        if m.group(1) in "aeiouy" or m.end() == len(lower) or len(m.group(0)) >= 4:
            return True
    return False

