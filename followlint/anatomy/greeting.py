"""Who a greeting addresses: a named person, no one in particular, a group, or an unfilled slot.

The anatomy finds the greeting line (followlint.anatomy.draft); this module says what kind of
addressee it names. The word lists (generic and collective addressees, generic salutations) are
data, in ``rules/data/greeting.yaml``. Read it through ``Draft.greeting_class``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from followlint.anatomy.draft import salutations
from followlint.core.data import LazyPattern, load_data

_SALUTATION = LazyPattern(
    lambda: rf"^\s*(?:(?:email|message|body)(?:\s+text)?\s*:\s*)?[\"“'‘]?(?P<sal>{salutations()})\b", re.I)
#: A template slot: "[Name]", "{company}", "<Your Name>", "(insert date)", "%FIRST_NAME%".
SLOT = re.compile(r"[\[{<(][^\[\]{}<>()\n]{0,200}[\]}>)]|%[A-Za-z][A-Za-z0-9_ ]{0,40}%")


@lru_cache(maxsize=1)
def _greeting_data():
    d = load_data("greeting")
    norm = lambda items: {re.sub(r"\s+", " ", i.lower()) for i in items}  # noqa: E731
    return norm(d["generic_addressees"]), norm(d["collective_addressees"]), norm(d["generic_salutations"])


@lru_cache(maxsize=1)
def _words() -> dict:
    """The other word lists of rules/data/greeting.yaml, ready to match."""
    d = load_data("greeting")
    return {
        "never_named": tuple(d["never_named_salutations"]),
        "addressee_determiner": re.compile(rf"^(?:{'|'.join(d['addressee_determiners'])})\s+"),
        "group_heads": tuple(d["group_heads"]),
        "title_determiner": re.compile(rf"^(?:{'|'.join(d['title_determiners'])})\s+"),
        "stand_in": re.compile(rf"(?:{'|'.join(d['stand_in_titles'])})\s+(.+)$"),
    }


def classify_greeting(text: str) -> tuple[str, str]:
    """('named'|'generic'|'collective'|'slot', addressee text) for a greeting line."""
    generic, collective, generic_sal = _greeting_data()
    words = _words()
    m = _SALUTATION.match(text)
    salutation = m.group("sal").lower() if m else ""
    rest = text[m.end():] if m else text
    rest = rest.strip().strip(",:;!.—–-").strip()
    if salutation.startswith(words["never_named"]) or not rest:
        return "generic", salutation or text.strip()
    if re.sub(r"\s+", " ", salutation) in generic_sal and rest.lower() in generic | collective:
        return "generic", salutation
    if SLOT.fullmatch(rest) or (SLOT.search(rest) and not SLOT.sub("", rest).strip(" ,&/and")):
        if _role_choice_slot(rest, generic | collective):
            return "generic", rest  # "[Recruiter/Hiring Manager]": filled as told, it still names no one
        return "slot", rest  # unfilled-placeholder reports it; one finding per problem
    key = re.sub(r"\s+", " ", re.sub(r"[.,]", "", rest.lower())).strip()
    stand_in = words["stand_in"].match(key)
    if stand_in and (stand_in.group(1) in generic or all(w in generic for w in stand_in.group(1).split())):
        return "slot", rest  # "Dear Ms. Recruiter:": a title in front of a role is a stand-in for the name
    key = words["addressee_determiner"].sub("", key)
    if key in collective or re.sub(r"^(?:[\w-]+\s+){0,2}", "", key) in collective and key.endswith(words["group_heads"]):
        return "collective", rest
    if key in generic or all(w in generic for w in key.split()):
        return "generic", rest
    return "named", rest


def _role_choice_slot(rest: str, roles: set[str]) -> bool:
    """A slot offering a choice of job titles and no name: '[Recruiter/Hiring Manager]'.

    A single bracketed title ('[Hiring Manager]') is often a blogger's redaction of a real name,
    so only a choice between titles says the template wants a title there."""
    inner = SLOT.sub(lambda m: m.group(0)[1:-1] + "/", rest)
    parts = [re.sub(r"\s+", " ", p).strip(" .,'’").lower() for p in re.split(r"/|\||\bor\b", inner)]
    parts = [_words()["title_determiner"].sub("", p) for p in parts if p]
    return len(parts) >= 2 and all(p in roles for p in parts)
