"""unfilled-placeholder (P101): template slots left in the draft. The one finding that must never be missed."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

_BLANKS = re.compile(r"_{3,}|\.{5,}")
_XX = re.compile(r"(?<![\w'’])(?:XX+|xx+|Xx+)(?![\w'’])")


@lru_cache(maxsize=1)
def _data():
    data = load_data("unfilled-placeholder")
    paren = "|".join(data["paren_slot_words"])
    bracketed = re.compile(r"\[(?P<sq>[^\[\]\n]{1,120})\](?!\()|\{\{?(?P<cu>[^{}\n]{1,80})\}?\}"
                           r"|<(?P<an>[A-Za-z][^<>\n@/:]{0,60})>"
                           rf"|\((?P<pa>(?:{paren})\b[^()\n]{{0,60}})\)"
                           r"|(?<![\w%])%(?P<pc>[A-Za-z][A-Za-z0-9_ ]{0,40})%(?![\w%])", re.I)
    words = {w.lower() for w in data["slot_words"]}
    literal = re.compile(r"(?<![\w'’])(?:" + "|".join(f"(?:{p})" for p in data["literal_slots"]) + r")(?![\w'’])")
    bare = {w.lower() for w in data["bare_name_slots"]}
    return words, literal, bare, bracketed


class UnfilledPlaceholder(BaseRule):
    meta = RuleMeta(
        name="unfilled-placeholder", code="P101", category="unfilled-placeholder", severity=Severity.ERROR,
        scope="whole",
        summary="Template slots left unfilled: [Interviewer Name], {{company}}, <Your Name>, XXX, ____.",
        docs=RuleDocs(
            what="Bracketed or braced template fields ([Company], {first_name}, <Your Name>), blanks (____), "
                 "stand-ins (XX, Mr./Ms. Surname, Your Full Name) left in the text.",
            why="Nothing costs a candidate faster than a note that says 'Dear [Interviewer Name]': it proves the "
                "message is a template nobody read before sending.",
            example="Dear [Interviewer Name],\nThank you for the [Job Title] interview.",
            instead="Dear Ms. Okafor,\nThank you for the Data Analyst interview."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        words, literal, bare, bracketed = _data()
        a = draft.analysis
        lo, hi = draft.content.start, draft.content.end
        if draft.subject is not None:
            lo = min(lo, draft.subject.start)
        seen: list[Span] = []

        def emit(start: int, end: int, message: str):
            span = Span(start, end)
            if any(span.overlaps(s) for s in seen):
                return None
            seen.append(span)
            return self.finding(span, message)

        for m in bracketed.finditer(a, lo, hi):
            inner = next(g for g in (m.group("sq"), m.group("cu"), m.group("an"), m.group("pa"), m.group("pc"))
                         if g is not None)
            if not _is_slot(inner, words, bracket=m.group(0)[0]):
                continue
            f = emit(m.start(), m.end(), f"Unfilled placeholder '{_short(m.group(0))}': replace it with the real text.")
            if f:
                yield f
        for m in literal.finditer(a, lo, hi):
            f = emit(m.start(), m.end(), f"'{m.group(0)}' looks like a template stand-in; fill in the real value.")
            if f:
                yield f
        for pattern, label in ((_BLANKS, "blank"), (_XX, "stand-in")):
            for m in pattern.finditer(a, lo, hi):
                f = emit(m.start(), m.end(), f"Unfilled {label} '{_short(m.group(0))}': fill it in.")
                if f:
                    yield f
        for span in (draft.signature_name, _greeting_name(draft)):
            if span is not None and a[span.start:span.end].strip(" .,:").lower() in bare:
                f = emit(span.start, span.end, f"'{a[span.start:span.end].strip()}' is a stand-in; write the real name.")
                if f:
                    yield f


def _is_slot(inner: str, words: set[str], bracket: str) -> bool:
    text = inner.strip()
    if not text or text.lower() in ("sic", "x", " ", "…", "..."):
        return False
    if re.fullmatch(r"\d+|[ xX✓✔]", text):  # footnote [1], task box [x]
        return False
    if bracket == "{":
        return True  # {first_name}, {{company}}: always a template variable in a letter
    if bracket == "<" and not re.search(r"[A-Za-z]{2}", text):
        return False
    tokens = re.findall(r"[A-Za-z][A-Za-z'-]*", text.lower())
    if any(t.rstrip("'s") in words or t in words for t in tokens):
        return True
    # Title-case or upper-case short phrases in square brackets are slots too: [Acme Corp], [ROLE].
    return bracket == "[" and len(tokens) <= 6 and (text.istitle() or text.isupper())


def _greeting_name(draft) -> Span | None:
    if draft.greeting is None:
        return None
    text = draft.view(draft.greeting)
    m = re.match(r"\s*\S+\s+(?P<name>[A-Za-z]+)\s*[,:;!]?\s*$", text)
    if not m:
        return None
    return Span(draft.greeting.start + m.start("name"), draft.greeting.start + m.end("name"))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"
