"""What in a draft is not prose, so the grammar engines' findings there are not reported.

A candidate who sends a take-home assignment writes file names (``report.json``, ``compare.xlsx``),
domains (``notion.so``), paths, identifiers and shell commands into the note. The grammar engines read
``report.json`` as a sentence ending in "report." followed by a lower-case "json", and a command line as
broken English. These spans are the writer's literal text, not their spelling or grammar.
"""

from __future__ import annotations

import re
from functools import lru_cache

from followlint.core.finding import Span

#: Fenced code blocks, inline code, Markdown table rows.
_CODE = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)|`[^`\n]{1,200}`|^[ \t]*\|.*\|[ \t]*$",
                   re.M | re.S)
#: A word joined to another by a dot with no space after it, in lower case: a file name ("report.json",
#: "runner/compass.py"), a domain ("notion.so", "linear.app"), a dotted identifier ("df.groupby"). A missing
#: space between sentences puts a capital after the dot ("am.Still"), so it is not matched here.
# Each pattern may start only where a run of the characters it consumes begins (the look-behinds): a
# long run of dashes or dots is then scanned once, not once from every position (which is quadratic).
_DOTTED = re.compile(r"(?<![\w./~-])[\w/~-]*\w\.(?:[a-z][a-z0-9]{1,9})(?:\.[a-z0-9]{1,10})*(?![\w])")
#: An extension on its own (".json", ".xlsx" files) and paths ("src/data", "~/notes").
_EXTENSION = re.compile(r"(?<![\w.])\.[a-z][a-z0-9]{1,5}\b")
_PATH = re.compile(r"(?<![\w.~-])(?:~|\.{1,2})?/?[\w.-]+/[\w.-]+(?:/[\w.-]+)*/?")
#: snake_case and other identifiers no one writes in prose.
_IDENTIFIER = re.compile(r"\b\w+_\w+\b")
#: A template's stand-in letters: "xxxxx", "XX", "XYZ Company" (unfilled-placeholder reports them).
_STAND_IN = re.compile(r"(?<![\w])(?:[xX]{2,}|XYZ|xyz)(?![\w])")


def not_prose(text: str) -> list[Span]:
    """Spans of ``text`` that are code, file names, domains, paths or identifiers (offsets into ``text``)."""
    spans: list[Span] = []
    for pattern in (_CODE, _DOTTED, _EXTENSION, _PATH, _IDENTIFIER, _STAND_IN):
        spans.extend(Span(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start())
    spans.sort()
    return spans


@lru_cache(maxsize=1)
def _dropped_messages() -> re.Pattern | None:
    from followlint.core.data import load_data

    patterns = load_data("grammar")["harper"].get("dropped_messages") or ()
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


def _dropped(issue, text: str) -> bool:
    """A lint whose Harper rule misfires more than it helps (grammar.yaml: harper.dropped_messages), or a
    word-choice lint on an acronym ("DISCOM" -> "NONCOM")."""
    if issue.engine != "harper":
        return False
    dropped = _dropped_messages()
    if dropped is not None and dropped.search(issue.message.replace("`", "'")):
        return True
    word = text[issue.start:issue.end]
    return issue.kind == "WordChoice" and len(word) >= 2 and word.isupper()


def outside(issues: list, text: str) -> list:
    """The engine issues (offsets into ``text``) that do not touch a non-prose span."""
    issues = [i for i in issues if not _dropped(i, text)]
    spans = not_prose(text)
    if not spans:
        return [i for i in issues if not (_part_of_a_name(i, text) or _join_of_two_words(i, text))]
    starts = [s.start for s in spans]
    import bisect

    ends_max = []  # running maximum of the span ends, for the overlap test below
    m = -1
    for s in spans:
        m = max(m, s.end)
        ends_max.append(m)
    out = []
    for issue in issues:
        if _part_of_a_name(issue, text) or _join_of_two_words(issue, text):
            continue
        lo, hi = issue.start, max(issue.end, issue.start + 1)
        i = bisect.bisect_left(starts, hi) - 1  # the last span starting before the issue ends
        if i >= 0 and ends_max[i] > lo:
            continue
        out.append(issue)
    return out


def _part_of_a_name(issue, text: str) -> bool:
    """A lower-case part of a hyphenated name: "Hye-jin's", "Jean-luc" (the first part is capitalised)."""
    if issue.kind not in ("Spelling", "TYPOS") or issue.start < 2 or text[issue.start - 1] not in "-‐":
        return False
    m = re.search(r"(?:^|[^\w-])([A-Z][a-z]+)-\Z", text[max(0, issue.start - 30):issue.start])
    return m is not None and text[issue.start:issue.end][:1].islower()


def _join_of_two_words(issue, text: str) -> bool:
    """Harper's "join these two words" on two dictionary words ("take a while" -> "awhile", "every day"
    -> "everyday"): both spellings are English and which one is meant depends on the grammar, which the
    engine does not check. A split the other way ("alot" -> "a lot") is still reported."""
    flagged = text[issue.start:issue.end].strip()
    if not re.search(r"\s", flagged) or not issue.suggestions:
        return False
    joined = re.sub(r"\s+", "", flagged).lower()
    return all(s.text.replace("-", "").lower() == joined for s in issue.suggestions)
