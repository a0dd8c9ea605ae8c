"""Names in a draft: who the greeting addresses, and whether that is a listed interviewer.

Used by the context checks (interviewer-name-mismatch, panel-incomplete) and by
message-kind detection. Pure functions over strings and spans; the word lists are
in ``rules/data/names.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel, JaroWinkler

from followlint.core.data import LazyPattern, load_data
from followlint.anatomy.draft import salutations
from followlint.core.finding import Span

_SALUTATION_AT_START = LazyPattern(
    lambda: rf"^\s*(?:(?:email|message|body)(?:\s+text)?\s*:\s*)?[\"'“”‘’«»]?(?:{salutations()})\b", re.I)
_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.U)
_SEPARATOR = re.compile(r"\s*(?:,|;|&|\+|/|\band\b|\bor\b)\s*", re.I)
#: A template's greeting: brackets, underscores, "xx", or a placeholder word of the data file ("Dear name,").
_PLACEHOLDER = LazyPattern(
    lambda: r"[\[\]{{}}<>_]|\bx{{2,}}\b|\b(?:{})\b".format("|".join(load_data("names")["placeholder_words"])), re.I)


@lru_cache(maxsize=1)
def _lists() -> dict:
    data = load_data("names")
    return {
        "titles": frozenset(data["titles"]),
        "collective": frozenset(data["collective"]),
        "not_a_name": frozenset(data["not_a_name"]),
        "nicknames": {k: frozenset(v) for k, v in data["nicknames"].items()},
    }


def fold(word: str) -> str:
    """Case- and accent-insensitive form of a word: 'Zoë' -> 'zoe', "O'Neil" -> 'oneil'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if c.isalnum())


@dataclass(frozen=True)
class NameRef:
    """One person the greeting addresses: 'Ms. Whitfield' -> title 'ms', parts ('Whitfield',)."""

    span: Span  # the name words (title included) in the draft's text
    text: str
    title: str | None
    parts: tuple[str, ...]  # as written


@dataclass(frozen=True)
class Greeting:
    names: tuple[NameRef, ...]
    collective: bool  # "Dear Hiring Team", "Hi all", "Hi Dana and team"
    generic: bool  # a role or nobody: "Dear Hiring Manager", "Hello there"
    placeholder: bool  # "[Interviewer Name]": the placeholder rule's business


def parse_greeting(draft) -> Greeting | None:
    """The people a draft's greeting names, with their spans; None without a greeting."""
    if draft.greeting is None:
        return None
    return parse_greeting_text(draft.analysis, draft.greeting)


def parse_greeting_text(text: str, span: Span) -> Greeting:
    lists = _lists()
    raw = text[span.start:span.end]
    if _PLACEHOLDER.search(raw):
        return Greeting((), False, False, True)
    start = 0
    m = _SALUTATION_AT_START.match(raw)
    if m:
        start = m.end()
    end = len(raw)
    while end > start and raw[end - 1] in " \t,:;!—–.-":
        end -= 1
    names: list[NameRef] = []
    collective = generic = False
    all_lower = raw[start:end] == raw[start:end].lower()
    pos = start
    for sep in list(_SEPARATOR.finditer(raw, start, end)) + [None]:
        chunk_end = sep.start() if sep else end
        chunk = raw[pos:chunk_end]
        kind, ref = _chunk(chunk, span.start + pos, lists, all_lower)
        if kind == "collective":
            collective = True
        elif kind == "generic":
            generic = True
        elif kind == "name":
            names.append(ref)
        pos = sep.end() if sep else end
    return Greeting(tuple(names), collective, generic and not names, False)


def _chunk(chunk: str, offset: int, lists: dict, all_lower: bool):
    tokens = list(_TOKEN.finditer(chunk))
    if not tokens:
        return "empty", None
    words = [fold(t.group(0)) for t in tokens]
    if any(w in lists["collective"] for w in words) or chunk.strip().lower() in lists["collective"]:
        return "collective", None
    title = None
    if words[0].rstrip(".") in lists["titles"]:
        title = words[0]
        tokens, words = tokens[1:], words[1:]
    if not tokens:
        return "generic", None
    if len(tokens) > 4 or any(w in lists["not_a_name"] for w in words):
        return "generic", None
    if not all_lower and not all(t.group(0)[0].isupper() for t in tokens):
        return "generic", None
    after_title = _TOKEN.search(chunk) if title is not None else None
    first = after_title.start() if after_title is not None else tokens[0].start()
    last = tokens[-1].end()
    parts = tuple(t.group(0).rstrip(".") for t in tokens)
    return "name", NameRef(Span(offset + first, offset + last), chunk[first:last], title, parts)


# --- interviewers -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    """A listed interviewer, split for matching: 'Dr. Dana Whitfield' -> first 'dana', last 'whitfield'."""

    display: str
    parts: tuple[str, ...]  # folded, title removed
    written: tuple[str, ...]  # as written, title removed

    @property
    def first(self) -> str:
        return self.parts[0]

    @property
    def surnames(self) -> tuple[str, ...]:
        """Every part after the first, and the pieces of a hyphenated surname."""
        out: list[str] = []
        for w in self.written[1:]:
            out.append(fold(w))
            if "-" in w:
                out.extend(fold(p) for p in w.split("-") if p)
        return tuple(dict.fromkeys(out))


def person(name: str, company: str | None = None) -> Person | None:
    """A listed interviewer as a Person; None when the entry is not a person's name
    ('Acme Recruiting', 'Talent Team', the company itself, an e-mail address)."""
    lists = _lists()
    if "@" in name or (company and fold(name) == fold(company)):
        return None
    tokens = [t.group(0).rstrip(".") for t in _TOKEN.finditer(name)]
    while tokens and fold(tokens[0]) in lists["titles"]:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 5:
        return None
    folded = tuple(fold(t) for t in tokens)
    if any(w in lists["collective"] or w in lists["not_a_name"] for w in folded):
        return None
    return Person(name.strip(), folded, tuple(tokens))


def people(draft) -> list[Person]:
    out = []
    for name in draft.context.interviewers:
        p = person(name, draft.context.company)
        if p is not None:
            out.append(p)
    return out


def same_first_name(a: str, b: str) -> bool:
    """Equal, or one a listed short form of the other (Robert / Bob)."""
    if a == b:
        return True
    nick = _lists()["nicknames"]
    return b in nick.get(a, ()) or a in nick.get(b, ()) or bool(nick.get(a, frozenset()) & nick.get(b, frozenset()))


def looks_like_misspelling(written: str, right: str) -> bool:
    """Close enough that the writer most likely meant ``right`` ('Whitman' for 'Whitfield')."""
    a, b = fold(written), fold(right)
    if not a or not b or a == b:
        return False
    prefix = len(_common_prefix(a, b))
    return (JaroWinkler.similarity(a, b) >= 0.85 or Indel.normalized_similarity(a, b) >= 0.75
            or prefix >= 4 or (prefix >= 3 and min(len(a), len(b)) >= 5))


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


@dataclass(frozen=True)
class Match:
    person: Person | None
    exact: bool
    #: The spelling to use instead, when the reference is a near miss.
    suggestion: str | None = None


def match_ref(ref: NameRef, persons: list[Person]) -> Match:
    """How a greeting reference relates to the listed interviewers."""
    words = tuple(fold(p) for p in ref.parts)
    for p in persons:
        if _matches(words, ref.title, p):
            return Match(p, True)
    best = None
    for p in persons:
        suggestion = _near_miss(ref, words, p)
        if suggestion is not None:
            best = best or Match(p, False, suggestion)
    return best or Match(None, False)


def _matches(words: tuple[str, ...], title: str | None, p: Person) -> bool:
    if len(words) == 1:
        w = words[0]
        if title is None and same_first_name(w, p.first):
            return True
        return w in p.surnames or (title is not None and same_first_name(w, p.first))
    # Several words: the first is the first name (or the whole thing is a surname with spaces),
    # the rest must be surnames ("Dana Whitfield", "Dana Whitfield-Ames", "Ana de la Cruz").
    if " ".join(words) == " ".join(p.surnames):
        return True
    if not same_first_name(words[0], p.first):
        return False
    return all(w in p.surnames or w in p.parts for w in words[1:])


def _near_miss(ref: NameRef, words: tuple[str, ...], p: Person) -> str | None:
    """The corrected reference when every word is the listed name or a near miss of it."""
    if len(words) == 1:
        w = words[0]
        candidates = [(p.written[i], p.parts[i]) for i in range(len(p.parts))]
        if ref.title is not None and len(p.parts) > 1:
            candidates = [(p.written[i], p.parts[i]) for i in range(1, len(p.parts))]
        elif ref.title is None:
            candidates = candidates[:1]
        for written, folded in candidates:
            if looks_like_misspelling(w, folded):
                return _with_title(ref, written)
        return None
    if len(p.parts) < 2:
        return None
    out = []
    first_ok = same_first_name(words[0], p.first)
    if not first_ok and not looks_like_misspelling(words[0], p.first):
        return None
    out.append(ref.parts[0] if first_ok else p.written[0])
    surname_written = p.written[-1]
    rest_ok = all(w in p.surnames for w in words[1:])
    if not rest_ok and not looks_like_misspelling(" ".join(words[1:]), fold(surname_written)):
        return None
    out.append(" ".join(ref.parts[1:]) if rest_ok else surname_written)
    if first_ok and rest_ok:
        return None
    return _with_title(ref, " ".join(out))


def _with_title(ref: NameRef, name: str) -> str:
    if ref.title is None:
        return name
    return f"{ref.text.split()[0]} {name}"


def mentions(text: str, p: Person, fuzzy: bool = False) -> bool:
    """Whether ``text`` names the person: first name (or a short form), a surname, or the full name."""
    words = {fold(t.group(0).rstrip(".")) for t in _TOKEN.finditer(text)}
    words |= {w[:-1] for w in words if w.endswith("s")}  # possessive written without apostrophe: "Danas"
    if any(same_first_name(w, p.first) for w in words if w) or any(s in words for s in p.surnames):
        return True
    if fuzzy:
        targets = (p.first, *p.surnames)
        return any(fold(w) and looks_like_misspelling(w, t) and w[:1] == t[:1] and len(w) >= 3
                   for w in words for t in targets)
    return False
