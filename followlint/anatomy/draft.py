"""The one Draft type: a follow-up message parsed once into its anatomy.

``Draft.text`` is the original text; every span is a code-point offset into it.
``Draft.analysis`` has the same length, with what must never be linted (front
matter, suppression comments, quoted replies, e-mail headers) blanked to spaces,
so rules can scan it freely and offsets still line up. Its line breaks are all
``\n`` (the ``\r`` of ``\r\n`` is a space, a lone ``\r`` is ``\n``), so a rule (or a
grammar engine) that looks for ``\n`` works the same on files saved on Windows or old Macs.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import html.parser
import re
from dataclasses import dataclass, field
from functools import cached_property
from functools import lru_cache
from typing import Any, Iterator

import yaml

from followlint.anatomy.context import ContextError, DraftContext
from followlint.core.data import LazyPattern, alternatives, load_data
from followlint.core.finding import Span
from followlint.anatomy.lines import LineIndex

FORMATS = ("text", "markdown", "email")
#: libyaml's safe loader when PyYAML was built with it: same results, ~10x faster on front matter.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DraftError(ValueError):
    """The input cannot be parsed as a draft (message is shown to the user as is)."""


# --- patterns ---------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n|\r)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\r|\Z)",
                           re.S | re.M)
# Suppression comments and directives, found by _directive_spans in linear time ('[' ends a rule list:
# with it, "followlint: ignore[" repeated on one long line rescanned the line from every occurrence).
_DIRECTIVE_START = re.compile(r"<!--|followlint:", re.I)
_PLAIN_DIRECTIVE = re.compile(r"followlint:\s*(?:ignore|disable|enable)(?:-file|-next-line)?(?:\[[^\[\]\n]*\])?", re.I)
_SUBJECT = re.compile(r"^[ \t]*(?:subject(?:[ \t]+line)?|re)[ \t]*:[ \t]*(?P<value>.*)$", re.I)
_LABEL_PREFIX = r"(?:(?:email|message|body)(?:[ \t]+text)?[ \t]*:[ \t]*)?"
_QUOTES = "\"'“”‘’«»"


def _words() -> dict:
    """rules/data/draft-parts.yaml: the salutations, sign-offs and other words that find a draft's parts."""
    return load_data("draft-parts")


@lru_cache(maxsize=1)
def salutations() -> str:
    """The salutations of rules/data/draft-parts.yaml as one alternation (greeting.py and names.py use it too)."""
    return alternatives(_words()["salutations"])


@lru_cache(maxsize=1)
def sign_offs() -> str:
    """The sign-offs of rules/data/draft-parts.yaml as one alternation."""
    return alternatives(_words()["sign_offs"])


_GREETING = LazyPattern(
    lambda: rf"^[ \t]*{_LABEL_PREFIX}[{_QUOTES}]?(?P<greet>(?:{salutations()})\b[^\n\r,:;!—–]{{0,60}}?(?:[,:;!—–]+|[ \t]+-+(?=[ \t])|(?=[ \t]*$)))",
    re.I,
)
_INLINE_GREETING = LazyPattern(
    lambda: rf"(?<![\w])(?P<greet>(?:{alternatives(_words()['inline_salutations'])})\s+[^\n\r,:;]{{1,40}}[,:])")
_NAME_ONLY_GREETING = re.compile(
    rf"^[ \t]*[{_QUOTES}]?(?P<greet>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){{0,3}}[ \t]*[,:])[ \t]*$"
)
# Possessive quantifiers (*+): the name and the trailing run share '.', ' ' and '\t', so plain ones
# backtrack quadratically on a long line ("Best, A......" 100,000 dots); the matches are the same.
_SIGN_OFF_LINE = LazyPattern(
    lambda: rf"^[ \t]*+(?P<signoff>(?:{sign_offs()})(?:[ \t]*+[,.!—–-])?)[ \t]*+(?P<name>(?-i:[A-Z][\w'’.-]*+(?:[ \t]++[A-Z][\w'’.-]*+){{0,3}}))?[ \t.|]*+$",
    re.I,
)
_INLINE_SIGN_OFF = LazyPattern(
    lambda: rf"(?P<signoff>\b(?:{sign_offs()}),)[ \t]*+(?P<name>(?-i:[A-Z][\w'’.-]*+(?:[ \t]++[A-Z][\w'’.-]*+){{0,3}}))[ \t.|”\"]*+\Z",
    re.I,
)
_QUOTED_REPLY_START = re.compile(
    r"^[ \t]*(?:On\b.{0,200}\bwrote:[ \t]*|-{2,}[ \t]*(?:Original|Forwarded) Message[ \t]*-{2,}|From:[ \t].*)$"
)
# The local part is at most 64 characters (RFC 5321) and starts at the first word character of its run:
# unbounded, "a.a.a.a..." with no '@' made every word boundary rescan the whole run (quadratic).
EMAIL = re.compile(r"(?<!\w[.+-])(?<!\w[.+-]{2})\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b")
# North American "(555) 010-0199", international "+44 7700 900123", and national numbers with a trunk 0
# ("07700 900123", "020 7946 0958", "06 12 34 56 78"; space or hyphen separated, so "01.02.2026" is a date).
# Possessive digit groups: a long run of digits cannot be re-split many ways.
PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}"
    r"|\+[1-9]\d{0,2}+(?:[ \t.-]?+\(?\d{1,5}+\)?){2,5}+"
    r"|\(?0\d{1,4}+\)?(?:[ \t-]?+\d{2,4}+){2,4}+"
    r")(?![\w])")
URL = re.compile(r"\b(?:https?://|www\.)\S+|\b(?:linkedin\.com|github\.com)/\S+", re.I)
WORD = re.compile(r"[^\W_](?:[\w’']*[^\W_])?(?:[-./][^\W_]+)*")
# A match starts at the first mark of a run (or the second, after an abbreviation), never inside it:
# starting at every mark of "....x" rescanned the run each time (quadratic on a long line).
# An abbreviation of the data file's list, or a single capital ("J. Smith"), does not end a sentence.
_SENTENCE_END = LazyPattern(
    lambda: r"(?:(?<![.!?…])(?<!\b[A-Z])" + "".join(rf"(?<!\b{re.escape(a)})" for a in _words()["sentence_abbreviations"])
    + r"|(?<=[.!?…])(?<![.!?…]{2}))[.!?…]++[\"'”’)]*+(?=\s|\Z)")


@dataclass
class Draft:
    """A parsed draft. Build with :func:`parse_draft`."""

    path: str
    text: str
    format: str
    analysis: str
    context: DraftContext = field(default_factory=DraftContext)
    meta: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    front_matter: Span | None = None
    content: Span = Span(0, 0)
    subject: Span | None = None
    header_block: Span | None = None
    greeting: Span | None = None
    body: Span | None = None
    paragraphs: list[Span] = field(default_factory=list)
    closing: Span | None = None
    signature: Span | None = None
    signature_name: Span | None = None
    contacts: list[Span] = field(default_factory=list)
    excluded: list[Span] = field(default_factory=list)
    fixable: bool = True
    notes: list[str] = field(default_factory=list)
    #: spaCy Doc over ``analysis[content]``, read through :attr:`doc`. The engine attaches a
    #: followlint.anatomy.nlp.LazyDoc when an enabled rule needs spaCy: pipes then run only when (and as
    #: far as) a rule reads ``draft.doc``, per the rule's ``needs_nlp``.
    _doc: Any = field(default=None, repr=False, compare=False)
    _lazy_doc: Any = field(default=None, repr=False, compare=False)
    _nlp_needs: Any = field(default=None, repr=False, compare=False)
    #: followlint.grammar.service.GrammarReport; set by the engine when a rule has ``needs_grammar``.
    grammar: Any = field(default=None, repr=False, compare=False)

    @property
    def doc(self) -> Any:
        if self._doc is None and self._lazy_doc is not None:
            return self._lazy_doc.get(self._nlp_needs or ())
        return self._doc

    @doc.setter
    def doc(self, value: Any) -> None:
        self._doc = value

    def annotated(self, *needs: str) -> Any:
        """The Doc with (at least) these annotations, e.g. ``draft.annotated("ents")``; None without spaCy.

        For a rule that can often decide from cheaper annotations (the tagger) before paying for
        dearer ones (NER): the Doc is the same object as :attr:`doc`, annotated further as asked.
        """
        if self._doc is None and self._lazy_doc is not None:
            return self._lazy_doc.get(needs)
        return self._doc

    # --- helpers rules use -------------------------------------------------

    def view(self, span: Span | None) -> str:
        """The analysis text of ``span`` (blanked parts are spaces)."""
        if span is None:
            return ""
        return self.analysis[span.start:span.end]

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    @cached_property
    def body_words(self) -> list[Span]:
        return words_in(self.analysis, self.body)

    @property
    def word_count(self) -> int:
        return len(self.body_words)

    @cached_property
    def sentences(self) -> list[Span]:
        """Body sentences: from spaCy when the engine parsed the draft, else a regex splitter."""
        if self.body is None:
            return []
        doc = self._doc if self._doc is not None else self._lazy_doc.get(("sents",)) if self._lazy_doc else None
        if doc is not None:
            base = self.content.start
            out = []
            for sent in doc.sents:
                span = Span(base + sent.start_char, base + sent.end_char)
                # A sentence never crosses a paragraph break, whatever the model thinks.
                for para in self.paragraphs:
                    if span.overlaps(para):
                        piece = _trim(self.analysis, Span(max(span.start, para.start), min(span.end, para.end)))
                        if piece:
                            out.append(piece)
            return out
        return split_sentences(self.analysis, self.paragraphs)

    def scope_spans(self, scope: str) -> list[Span]:
        """The spans a YAML rule with ``scope`` looks at."""
        if scope == "sentence":
            return list(self.sentences)
        if scope == "paragraph":
            return list(self.paragraphs)
        if scope in ("whole", "text"):
            return [self.content] if self.content.end > self.content.start else []
        parts = {"subject": self.subject, "greeting": self.greeting, "body": self.body,
                 "closing": self.closing, "signature": self.signature}
        if scope not in parts:
            raise ValueError(f"unknown scope {scope!r}")
        span = parts[scope]
        return [span] if span is not None else []

    @property
    def anchor(self) -> Span:
        """Where a document-level finding points: the body's first line, else the start."""
        target = self.body or self.greeting or self.content
        start = target.start
        line = self.lines.line_of(start)
        end = min(self.lines.ends[line], target.end) if target.end > start else start
        return Span(start, max(start, end))

    # --- what the anatomy derives, computed once per draft (rules read these; no rule writes into a draft) ---

    @cached_property
    def kind_guess(self) -> Any:
        """The message kind and why (followlint.anatomy.message_kind.KindGuess): given or detected."""
        from followlint.anatomy.message_kind import _detect_kind

        return _detect_kind(self)

    @property
    def kind(self) -> str:
        """The message kind: thank-you, panel, second-interview, follow-up, linkedin-note or other."""
        return self.kind_guess.kind

    @cached_property
    def greeting_class(self) -> tuple[str, str] | None:
        """('named'|'generic'|'collective'|'slot', addressee) for the greeting line; None without one."""
        from followlint.anatomy.greeting import classify_greeting

        return None if self.greeting is None else classify_greeting(self.view(self.greeting))

    @cached_property
    def flat_body(self) -> tuple[str, list[int]]:
        """The body with whitespace runs as one space, and each flat index's offset (followlint.anatomy.flat)."""
        from followlint.anatomy.flat import flatten

        if self.body is None:
            return "", [0]
        return flatten(self.analysis, self.body.start, self.body.end)


# --- parsing ----------------------------------------------------------------

def detect_format(path: str) -> str:
    lower = path.lower()
    if lower.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    if lower.endswith(".eml"):
        return "email"
    return "text"


def parse_draft(text: str, path: str = "-", fmt: str | None = None,
                context: DraftContext | None = None) -> Draft:
    """Parse ``text`` into a Draft. Raises DraftError / ContextError on malformed input."""
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise DraftError(f"unknown format {fmt!r}")
    if fmt == "email" and text.strip():  # an empty .eml is an empty draft, as an empty .txt is
        return _parse_email(text, path, context)
    analysis = _analysis_chars(text)
    meta: dict[str, Any] = {}
    front = None
    match = _FRONT_MATTER.match(text)
    if match:
        front = Span(0, match.end())
        meta = _load_front_matter(match.group(1), text, match.start(1))
        _blank(analysis, front)
    draft = Draft(path=path, text=text, format=fmt, analysis="", meta=meta, front_matter=front)
    draft.context = _context_from(meta, path, context)
    start = front.end if front else (1 if text.startswith("\ufeff") else 0)
    if start == 1:
        analysis[0] = " "
    _blank_directives(text, analysis)
    draft.analysis = "".join(analysis)
    _anatomy(draft, Span(start, len(text)))
    return draft


def _load_front_matter(block: str, text: str, offset: int) -> dict:
    try:
        data = _yaml_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        line = LineIndex(text).position(offset)[0]
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            line += mark.line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DraftError(f"front matter is not valid YAML (line {line}: {problem})") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:  # e.g. a date with month 43
        line = LineIndex(text).position(offset)[0]
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).splitlines()[0][:200]
        raise DraftError(f"front matter has a value that cannot be read (from line {line}: {reason})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DraftError("front matter must be a YAML mapping of keys to values")
    bad = _lone_surrogate(data)
    if bad is not None:
        raise DraftError(f"front matter holds a lone surrogate (\\u{ord(bad):04x}), which is not text; "
                         "remove the escape")
    return data


_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(data: Any) -> str | None:
    """The first lone surrogate in any key or string of ``data`` (YAML's "\\ud800" escape makes one; no
    output can print it). Each container is visited once, so an alias bomb costs no more than its nodes."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            m = _SURROGATE.search(item)
            if m:
                return m.group()
        elif isinstance(item, dict) and id(item) not in seen:
            seen.add(id(item))
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)) and id(item) not in seen:
            seen.add(id(item))
            stack.extend(item)
    return None


def _yaml_load(block: str) -> Any:
    try:
        return yaml.load(block, Loader=_YAML_LOADER)
    except yaml.YAMLError:
        # libyaml words and places some errors differently: report the pure-Python parser's error.
        return yaml.load(block, Loader=yaml.SafeLoader)


def _context_from(meta: dict, path: str, override: DraftContext | None) -> DraftContext:
    ctx = DraftContext.from_mapping(meta, source=f"{path}: front matter")
    return override.merged_over(ctx) if override else ctx


def _analysis_chars(text: str) -> list[str]:
    """``text`` as a list of characters with every line break made ``\n`` (same length)."""
    if "\r" not in text:
        return list(text)
    return list(text.replace("\r\n", " \n").replace("\r", "\n"))


def _blank(chars: list[str], span: Span) -> None:
    for i in range(span.start, span.end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _blank_directives(text: str, chars: list[str]) -> None:
    for span in _directive_spans(text):
        _blank(chars, span)


def _directive_spans(text: str) -> Iterator[Span]:
    """``<!-- ... -->`` comments (any length) and plain ``followlint: ignore[...]`` directives, leftmost first.

    A scanner rather than one ``<!--.*?-->|...`` regex: after the last ``-->`` an opening ``<!--``
    cannot close, and the regex rescanned the rest of the text from every one of them.
    """
    last_close = text.rfind("-->")
    pos = 0
    while True:
        m = _DIRECTIVE_START.search(text, pos)
        if m is None:
            return
        start = m.start()
        if m.group() == "<!--":
            close = text.find("-->", start + 4) if start + 4 <= last_close else -1
            if close >= 0:
                yield Span(start, close + 3)
                pos = close + 3
            else:
                pos = start + 4
            continue
        d = _PLAIN_DIRECTIVE.match(text, start)
        if d:
            yield Span(start, d.end())
        pos = d.end() if d else start + 1


def _anatomy(draft: Draft, region: Span) -> None:
    """Find subject, greeting, body, closing and signature inside ``region``."""
    a = draft.analysis
    index = draft.lines
    lines = [(s, e) for s, e in index.lines() if s >= region.start and e <= region.end]
    # E-mail header lines pasted above a plain-text draft ("To: ...", "From: ...", "Date: ..."): not the
    # greeting, not the body, and not the start of a quoted reply. Subject stays for the subject check.
    headers_end = _pasted_headers(draft, lines)
    a = draft.analysis
    # Quoted replies: from "On ... wrote:" (or an Outlook header) on, and any "> " line.
    cut = region.end
    for s, e in lines:
        if s < headers_end:
            continue
        if _QUOTED_REPLY_START.match(a[s:e]) and _has_text_before(a, region.start, s):
            cut = s
            break
    kept = []
    for s, e in lines:
        if s >= cut:
            break
        if a[s:e].lstrip().startswith(">"):
            draft.excluded.append(Span(s, e))
            continue
        kept.append((s, e))
    if cut < region.end:
        draft.excluded.append(Span(cut, region.end))
    chars = list(a)
    for span in draft.excluded:
        _blank(chars, span)
    draft.analysis = a = "".join(chars)
    nonblank = [(s, e) for s, e in kept if a[s:e].strip()]
    if not nonblank:
        draft.content = Span(region.start, region.start)
        return
    draft.content = Span(nonblank[0][0], nonblank[-1][1])
    first = 0
    # Subject line (plain-text drafts often start with one).
    m = _SUBJECT.match(a[nonblank[0][0]:nonblank[0][1]])
    if m and draft.subject is None:
        s = nonblank[0][0]
        draft.subject = _trim(a, Span(s + m.start("value"), s + m.end("value")))
        first = 1
    body_start = nonblank[first][0] if first < len(nonblank) else draft.content.end
    # Greeting: a salutation within the first lines; anything above it is an address block.
    for i in range(first, min(len(nonblank), first + 14)):
        s, e = nonblank[i]
        line = a[s:e]
        m = _GREETING.match(line) or (_NAME_ONLY_GREETING.match(line) if i == first else None)
        g = _trim(a, Span(s + m.start("greet"), s + m.end("greet"))) if m else None
        if g is not None:
            rest = a[g.end:e].strip()
            if rest and rest[-1] in ",:" and len(rest.split()) <= 8 and "." not in rest:
                g = Span(g.start, g.end + a[g.end:e].rstrip().__len__())  # "Hi Blaze, Daniel, and Rhea,"
            draft.greeting = g
            if i > first:
                draft.header_block = Span(nonblank[first][0], nonblank[i - 1][1])
            body_start = g.end
            break
    if draft.greeting is None and first < len(nonblank):  # never inside the subject line
        s, e = nonblank[first]
        window = a[s:min(e, s + 400)]
        m = _INLINE_GREETING.search(window)
        if m and m.start() > 0:
            draft.greeting = Span(s + m.start("greet"), s + m.end("greet"))
            draft.header_block = _trim(a, Span(s, s + m.start("greet")))
            body_start = draft.greeting.end
    body_end = _find_closing(draft, nonblank, body_start)
    draft.contacts = [Span(m.start(), m.end()) for pat in (EMAIL, PHONE, URL)
                      for m in pat.finditer(a, draft.content.start, draft.content.end)]
    draft.contacts.sort()
    body = _trim(a, Span(body_start, max(body_start, body_end)))
    draft.body = body if body and body.end > body.start else None
    draft.paragraphs = _paragraphs(a, draft.body) if draft.body else []


_PASTED_HEADER = re.compile(r"^[ \t]*(?P<key>to|from|cc|bcc|date|sent|subject|re)[ \t]*:[ \t]*(?P<value>\S.{0,200})$", re.I)


def _pasted_headers(draft: Draft, lines: list[tuple[int, int]]) -> int:
    """Blank the e-mail header lines (To:, From:, Cc:, Date:, Sent:) at the top of a plain-text draft and keep
    their values in ``draft.headers``; return where the header run ends (0 without one). A Subject: line
    among them is kept: the subject detection reads it."""
    run: list[tuple[int, int, re.Match]] = []
    for s, e in lines:
        line = draft.analysis[s:e]
        if not line.strip():
            continue
        m = _PASTED_HEADER.match(line)
        if not m:
            break
        run.append((s, e, m))
    if not any(m.group("key").lower() not in ("subject", "re") for _s, _e, m in run):
        return 0  # a lone "Subject:" line: the subject detection's business
    chars = list(draft.analysis)
    for s, e, m in run:
        key = m.group("key").lower()
        if key in ("subject", "re"):
            continue
        draft.headers.setdefault(key, m.group("value").strip())
        _blank(chars, Span(s, e))
        draft.excluded.append(Span(s, e))
    draft.analysis = "".join(chars)
    return run[-1][1]


def _has_text_before(a: str, start: int, pos: int) -> bool:
    return bool(a[start:pos].strip())


def _find_closing(draft: Draft, nonblank: list[tuple[int, int]], body_start: int) -> int:
    """Set closing/signature/signature_name; return where the body ends."""
    a = draft.analysis
    tail = [(max(s, body_start), e) for s, e in nonblank if e > body_start]
    if not tail:
        return body_start
    # Walk up from the end over at most 8 signature-like lines to a sign-off line.
    limit = max(0, len(tail) - 9)
    for i in range(len(tail) - 1, limit - 1, -1):
        s, e = tail[i]
        line = a[s:e]
        m = _SIGN_OFF_LINE.match(line) or (
            _FREE_SIGN_OFF.match(line) if len(line.split()) <= 7 else None)
        if m and (i > 0 or s > body_start):
            draft.closing = _trim(a, Span(s + m.start("signoff"), s + m.end("signoff")))
            if m.group("name"):
                draft.signature_name = Span(s + m.start("name"), s + m.end("name"))
            after = tail[i + 1:]
            if after:
                # The signature block holds the signed name, also when it shares the sign-off line.
                start = draft.signature_name.start if draft.signature_name else after[0][0]
                draft.signature = Span(start, after[-1][1])
                if draft.signature_name is None:
                    # The first line under the sign-off, past a template's bracketed instruction
                    # ("(four blank lines for your signature)").
                    lines_after = [x for x in after if a[x[0]:x[1]].strip()[:1] not in "([{"
                                   or _looks_like_name(a[x[0]:x[1]])] or after
                    first_line = _trim(a, Span(*lines_after[0]))
                    line_text = a[first_line.start:first_line.end] if first_line else ""
                    if first_line and (_looks_like_name(line_text) or _short_plain_line(line_text)):
                        draft.signature_name = first_line
            elif m.group("name"):
                draft.signature = draft.signature_name
            closing_start = draft.closing.start if draft.closing is not None else s
            return s if closing_start == s + m.start("signoff") else closing_start
        if not _signature_like(line):
            break
    # A sign-off at the end of a run-on line: "... Yours truly, Rohan Mehta".
    s, e = tail[-1]
    m = _INLINE_SIGN_OFF.search(a[s:e])
    if m and m.start() > 0:
        draft.closing = Span(s + m.start("signoff"), s + m.end("signoff"))
        draft.signature_name = Span(s + m.start("name"), s + m.end("name"))
        draft.signature = draft.signature_name
        return draft.closing.start
    # A last sentence that is only a sign-off phrase closes the note: "... feel free to ask. Thank you."
    m = _TRAILING_THANKS.search(a[s:e])
    if m:
        draft.closing = Span(s + m.start("signoff"), s + m.end("signoff"))
        return draft.closing.start
    # A dash before the name closes a short note: "... keen to stay in touch. - Ben", "— [Your name]".
    m = _DASH_SIGNATURE.search(a[s:e])
    if m and (m.start() > 0 or len(tail) > 1):
        draft.closing = Span(s + m.start("dash"), s + m.end("dash"))
        draft.signature_name = Span(s + m.start("name"), s + m.end("name"))
        draft.signature = draft.signature_name
        return draft.closing.start if m.start() > 0 else s
    # No sign-off: a bare typed name (and contact lines) at the end is a signature.
    j = len(tail) - 1
    while j > 0 and (_contact_line(a[tail[j][0]:tail[j][1]]) or _PHONE_SIGNATURE.match(a[tail[j][0]:tail[j][1]])):
        j -= 1
    s, e = tail[j]
    if j > 0 and _looks_like_name(a[s:e]):
        draft.signature_name = _trim(a, Span(s, e))
        draft.signature = Span(s, tail[-1][1])
        return s
    # A signature block (name, title, contact lines) under the last sentence: its first name-like line.
    block = []
    for k in range(len(tail) - 1, max(0, len(tail) - 9), -1):
        if not _signature_like(a[tail[k][0]:tail[k][1]]):
            break
        block.append(k)
    names = [k for k in reversed(block) if _looks_like_name(a[tail[k][0]:tail[k][1]])]
    if names and names[0] > 0:
        k = names[0]
        draft.signature_name = _trim(a, Span(*tail[k]))
        draft.signature = Span(tail[k][0], tail[-1][1])
        return tail[k][0]
    if j < len(tail) - 1:
        draft.signature = Span(tail[j + 1][0], tail[-1][1])
        return tail[j + 1][0]
    return tail[-1][1]


# Lower-case parts of names: the particles of the data file ("van der", "bin", "s/o" = son of) and Irish/Scottish
# forms ("tSaoir").
_NAME_LINE = LazyPattern(
    lambda: rf"^[ \t]*[\[{{<(]?[A-Z][\w'’.-]*(?:[ \t]+(?:[A-Z\[][\w'’.\]-]*|"
    rf"(?:{alternatives(_words()['name_particles'])}|[a-z]{{1,2}}[A-Z][\w'’-]*))){{0,4}}[\]}}>)]?[ \t.]*$")


def _looks_like_name(line: str) -> bool:
    stripped = line.strip().strip("*_|").strip()
    if not stripped or len(stripped) > 40:
        return False
    if _NAME_LINE.match(stripped):
        return True
    return bool(re.fullmatch(r"[\[{<][^\]}>]{1,30}[\]}>]", stripped))


_PHONE_SIGNATURE = LazyPattern(lambda: rf"^[ \t]*(?:{alternatives(_words()['device_signatures'])})\b", re.I)


def _short_plain_line(line: str) -> bool:
    """Under a sign-off, a short line that is not a sentence is the signed name, whatever its case."""
    words = line.strip(" \t\"'”“").split()
    return 0 < len(words) <= 4 and not re.search(r"[.?!:;]\s*$|[@/]|\d{3}", line.strip(" \t\"'”“"))


def _contact_line(line: str) -> bool:
    return bool(EMAIL.search(line) or PHONE.search(line) or URL.search(line))


#: A closing line in the writer's own words, in the sign-off's place: "Thank you for your time,",
#: "With many thanks for your consideration," (short, no full stop, ends with a comma).
_FREE_SIGN_OFF = re.compile(r"^[ \t]*+(?P<signoff>[A-Z][^\n.!?;:,]{2,48},)[ \t]*+(?P<name>(?!))?$")
#: A sign-off phrase as the note's last sentence, after another sentence on the same line.
_TRAILING_THANKS = LazyPattern(
    lambda: r"(?<=[.!?])[ \t]+(?P<signoff>(?:{})(?:{})?[.!])[ \t]*$".format(
        alternatives(_words()["trailing_sign_offs"]), alternatives([" " + w for w in _words()["trailing_sign_off_extras"]])))
#: A name after a dash at the end of the note: "... your team's work. - Ben", "— [Your name]".
_DASH_SIGNATURE = re.compile(
    r"(?:(?<=[.!?)])[ \t]+|^[ \t]*)(?P<dash>[-–—~]{1,2})[ \t]*(?P<name>(?-i:[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2})"
    r"|[\[{<][^\]}>\n]{1,30}[\]}>])[ \t.]*$")


def _signature_like(line: str) -> bool:
    stripped = line.strip()
    return (_contact_line(stripped) or _looks_like_name(stripped)
            or stripped[:1] in "[{<(" or stripped.endswith(("]", "}", ">", ")"))  # a template's [tip], (slot)
            or (len(stripped.split()) <= 6 and not stripped.endswith((".", "?", "!")))
            or stripped.lower().startswith("sent from my"))


def _trim(a: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and a[start].isspace():
        start += 1
    while end > start and a[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _paragraphs(a: str, body: Span) -> list[Span]:
    out = []
    pos = body.start
    # Atomic groups: a CRLF is one line break, never a lone CR followed by a lone LF (a "blank line").
    for m in re.finditer(r"(?>\r\n|\n|\r)[ \t]*(?>\r\n|\n|\r)\s*", a[body.start:body.end]):
        span = _trim(a, Span(pos, body.start + m.start()))
        if span:
            out.append(span)
        pos = body.start + m.end()
    span = _trim(a, Span(pos, body.end))
    if span:
        out.append(span)
    return out


def split_sentences(a: str, paragraphs: list[Span]) -> list[Span]:
    """A regex sentence splitter, used when no spaCy pipeline parsed the draft."""
    out = []
    for para in paragraphs:
        pos = para.start
        for m in _SENTENCE_END.finditer(a, para.start, para.end):
            span = _trim(a, Span(pos, m.end()))
            if span:
                out.append(span)
            pos = m.end()
        span = _trim(a, Span(pos, para.end))
        if span:
            out.append(span)
    return out


def words_in(a: str, span: Span | None) -> list[Span]:
    if span is None:
        return []
    return [Span(m.start(), m.end()) for m in WORD.finditer(a, span.start, span.end)]


# --- e-mail -----------------------------------------------------------------

class _HTMLText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("p", "div"):
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _HTMLText()
    parser.feed(markup)
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n[ \t]+", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


_HEADER_END = re.compile(r"\r?\n\r?\n|\r\r")


def _parse_email(text: str, path: str, override: DraftContext | None) -> Draft:
    _check_email_bounds(text)
    try:
        msg = email.message_from_string(text, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; this is belt and braces
        raise DraftError(f"not a readable e-mail message ({exc})") from None
    if not msg.keys():
        raise DraftError("not an e-mail message: no headers found (expected Subject:, From:, To: ...)")
    headers = {}
    for key in ("Subject", "From", "To", "Date"):
        try:
            value = msg.get(key)
        except Exception:
            value = None
        if value is not None:
            headers[key.lower()] = str(value)
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise DraftError("e-mail has no text/plain or text/html part to lint")
    try:
        content = part.get_content()
    except Exception as exc:
        raise DraftError(f"e-mail body cannot be decoded ({exc})") from None
    if not isinstance(content, str):
        raise DraftError("e-mail body is not text")
    is_html = part.get_content_type() == "text/html"
    header_end = _HEADER_END.search(text)
    raw_body_start = header_end.end() if header_end else len(text)
    cte = str(part.get("Content-Transfer-Encoding", "7bit")).lower()
    verbatim = (not msg.is_multipart() and not is_html and cte in ("7bit", "8bit", "binary")
                and _same_text(text[raw_body_start:], content))
    ctx = _email_context(headers, path)
    if override:
        ctx = override.merged_over(ctx)
    if verbatim:
        chars = _analysis_chars(text)
        _blank(chars, Span(0, raw_body_start))
        _blank_directives(text, chars)
        draft = Draft(path=path, text=text, format="email", analysis="".join(chars), headers=headers, context=ctx)
        _anatomy(draft, Span(raw_body_start, len(text)))
        subject_value = _locate_header(text[:raw_body_start], "Subject")
        if subject_value:
            draft.subject = subject_value
    else:
        body = html_to_text(content) if is_html else content
        chars = _analysis_chars(body)
        _blank_directives(body, chars)
        draft = Draft(path=path, text=body, format="email", analysis="".join(chars), headers=headers,
                      context=ctx, fixable=False)
        draft.notes.append("e-mail body was decoded" + (" from HTML" if is_html else "")
                           + "; positions refer to the decoded body and fixes are off")
        _anatomy(draft, Span(0, len(body)))
    return draft


#: What of an e-mail may reach the standard library's parser: its header parsing is superlinear in a
#: header's length (a To: of 60,000 encoded words took minutes) and each MIME part costs ~1-20 ms (more
#: with parameters). A follow-up has a handful of parts and short headers; past these limits the draft
#: is refused after one linear scan of the raw text, before anything parses it.
MAX_MIME_PARTS = 50
MAX_HEADERS = 500
MAX_HEADER_CHARS = 8_000
MAX_MIME_HEADER_CHARS = 300  # Content-Type and friends: parameters are the dearest to parse
_UNFOLDED = re.compile(r"\r?\n(?![ \t])|\r(?![\n \t])")
_CONTENT_HEADER = re.compile(r"^content-[!-9;-~]*[ \t]*:", re.I | re.M)
_FOLDED_LINE = re.compile(r"[^\r\n]*(?:(?:\r\n|\r|\n)[ \t][^\r\n]*)*")
_BOUNDARY_LINE = re.compile(r"^--[^ \t\r\n]", re.M)
_MULTIPART = re.compile(r"multipart/", re.I)


def _check_email_bounds(text: str) -> None:
    """Raise DraftError when the message has more headers, longer headers or more MIME parts than
    the limits above."""
    end = _HEADER_END.search(text)
    head = text[:end.start()] if end else text
    lines = _UNFOLDED.split(head, maxsplit=MAX_HEADERS + 1)
    if len(lines) > MAX_HEADERS:
        raise DraftError(f"e-mail has more than {MAX_HEADERS} header lines; not linted")
    for line in lines:
        name = line.split(":", 1)[0].strip()
        limit = MAX_MIME_HEADER_CHARS if name.lower().startswith("content-") else MAX_HEADER_CHARS
        if len(line) > limit:
            _too_long(name, len(line), limit)
    for count, m in enumerate(_CONTENT_HEADER.finditer(text), 1):  # every part's headers, wherever they are
        if count > 3 * MAX_MIME_PARTS:
            raise DraftError(f"e-mail has more than {MAX_MIME_PARTS} MIME parts; not linted")
        folded = _FOLDED_LINE.match(text, m.start(), m.start() + MAX_MIME_HEADER_CHARS + 2)
        length = (folded.end() if folded else m.end()) - m.start()
        if length > MAX_MIME_HEADER_CHARS:
            _too_long(m.group().rstrip(": \t"), None, MAX_MIME_HEADER_CHARS)
    if _MULTIPART.search(text) and sum(1 for _ in zip(range(2 * MAX_MIME_PARTS + 3), _BOUNDARY_LINE.finditer(text))) \
            > 2 * MAX_MIME_PARTS + 2:
        raise DraftError(f"e-mail has more than {MAX_MIME_PARTS} MIME parts; not linted")


def _too_long(name: str, length: int | None, limit: int) -> None:
    shown = re.sub(r"[^\w-]", "?", name[:40])
    size = f" is {length:,} characters long," if length is not None else ""
    raise DraftError(f"e-mail header {shown}:{size} over the {limit:,}-character limit; not linted")


def _same_text(raw: str, decoded: str) -> bool:
    norm = lambda s: re.sub(r"\r\n?", "\n", s).rstrip()  # noqa: E731
    return norm(raw) == norm(decoded)


def _locate_header(raw_headers: str, name: str) -> Span | None:
    m = re.search(rf"^{name}:[ \t]*(.*)$", raw_headers, re.I | re.M)
    if not m or not m.group(1).strip():
        return None
    return Span(m.start(1), m.start(1) + len(m.group(1).rstrip()))


def _email_context(headers: dict[str, str], path: str) -> DraftContext:
    values: dict = {}
    to = headers.get("to")
    if to:
        names = [name for name, _addr in email.utils.getaddresses([to]) if name]
        if names:
            values["interviewers"] = names
    date = headers.get("date")
    if date:
        try:
            values["send_date"] = email.utils.parsedate_to_datetime(date).date()
        except (TypeError, ValueError, IndexError):
            pass
    try:
        return DraftContext.from_mapping(values, source=f"{path}: e-mail headers")
    except ContextError:
        return DraftContext()


def today() -> dt.date:
    return dt.date.today()
