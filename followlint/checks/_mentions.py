"""Shared by the context-aware personalisation rules: listing names, and whether a company or role is named.

All four rules (interviewer-name-mismatch, panel-incomplete, company-not-mentioned, role-not-mentioned)
are silent unless the context (front matter, CLI flags or e-mail headers) gives the interviewers,
company or role: missing context switches them off, never on.
"""

from __future__ import annotations

import re
from functools import lru_cache

from followlint.anatomy.names import fold
from followlint.core.data import load_data

_WORD = re.compile(r"[^\W_][\w'’&.-]*")


def join_names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@lru_cache(maxsize=1)
def _name_lists() -> dict:
    data = load_data("names")
    return {key: frozenset(fold(str(w)) for w in data[key])
            for key in ("company_suffixes", "company_generic_words", "role_modifiers")}


def _words(text: str) -> list[str]:
    return [w for w in (fold(m.group(0)) for m in _WORD.finditer(text)) if w]


def seen_text(draft) -> str:
    """Where a mention counts: subject, greeting and body (not the signature)."""
    return "\n".join(draft.view(s) for s in (draft.subject, draft.greeting, draft.body) if s is not None)


def _contains_sequence(words: list[str], seq: list[str]) -> bool:
    n = len(seq)
    return n > 0 and any(words[i:i + n] == seq for i in range(len(words) - n + 1))


def _same_word(a: str, b: str) -> bool:
    """'analyst'~'analysts', 'engineer'~'engineering': equal or a shared stem of 5+ letters."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 3


def company_mentioned(company: str, text: str) -> bool:
    lists = _name_lists()
    words = _words(text)
    wordset = set(words)
    wordset |= {w[:-1] for w in words if w.endswith("s")}  # "Acme's" folds to "acmes"
    name = [w for w in _words(company) if w not in lists["company_suffixes"]] or _words(company)
    if not name:
        return True
    if _contains_sequence(words, name) or "".join(name) in wordset:
        return True
    distinctive = [w for w in name if w not in lists["company_generic_words"] and len(w) >= 3]
    if any(w in wordset for w in distinctive):
        return True
    raw_words = [m.group(0) for m in _WORD.finditer(company)]
    if len(name) >= 2:  # "Electronic Arts" -> "EA"
        initials = "".join(w[0] for w in name)
        if re.search(rf"\b{re.escape(initials)}\b", text, re.I):
            return True
    return any(w.isupper() and len(w) >= 2 and re.search(rf"\b{re.escape(w)}\b", text) for w in raw_words)


def role_mentioned(role: str, text: str) -> bool:
    lists = _name_lists()
    words = _words(text)
    core = [w for w in _words(role) if w not in lists["role_modifiers"]] or _words(role)
    if not core:
        return True
    if any(_same_word(w, core[-1]) for w in words):  # the head noun: "analyst", "engineer", "designer"
        return True
    if len(core) >= 2:
        initials = "".join(w[0] for w in core)
        if len(initials) >= 2 and re.search(rf"\b{re.escape(initials)}s?\b", text, re.I):  # "PM", "SRE"
            return True
    return False
