"""The grammar service: runs the configured grammar engine(s) over a draft before the rules run.

Rules are pure, so the I/O happens here: Harper (in-process), LanguageTool (HTTP), reading the user's
vocabulary files. The result is a :class:`GrammarReport` on ``draft.grammar``; the grammar-typos checks
(followlint.checks.grammar) turn it into findings.

Settings come from ``[tool.followlint.grammar]``::

    engine = "harper"            # harper | languagetool | both | none
    languagetool-url = "http://127.0.0.1:8081"
    timeout = 5                  # seconds per LanguageTool request
    public-api = false           # true: use api.languagetool.org (the draft leaves the machine)
    local-server = false         # true: start an installed LanguageTool (never downloaded)
    dialect = "british"          # unset: a spelling valid in British English is not a typo
    language = "en-GB"           # LanguageTool's language code (default from dialect, else en-US)

A LanguageTool server that is unreachable, slow, failing or answering garbage costs one note for the
whole run; Harper checks the drafts instead, and the exit code does not change because of the outage.
"""

from __future__ import annotations

import atexit
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followlint.grammar.engines import EngineIssue, EngineUnavailable

#: Characters of a draft the grammar engines check (a long follow-up is 2,000; unknown words cost Harper
#: ~10 ms each, so a pasted book of gibberish must not take minutes).
MAX_CHARS = 10_000
#: A run of this many non-space characters is no word: it is blanked before the engines see it
#: (Harper's spelling suggestions grow faster than linearly with a token's length: 15 s for one of 6,000).
_GIANT_TOKEN = re.compile(r"\S{100,}")
LANGUAGES = {"american": "en-US", "british": "en-GB", "australian": "en-AU", "canadian": "en-CA",
             "indian": "en-US"}
#: Spellings that may be another dialect's ("colour", "organise", "centre", "travelled", "programme").


@dataclass(frozen=True)
class GrammarSettings:
    engine: str = "harper"
    languagetool_url: str | None = None
    timeout: float = 5.0
    dialect: str | None = None
    language: str | None = None
    public_api: bool = False
    local_server: bool = False

    @classmethod
    def from_config(cls, cfg: Any | None) -> "GrammarSettings":
        table = dict(getattr(cfg, "grammar", None) or {})
        return cls(
            engine=table.get("engine", "harper"),
            languagetool_url=table.get("languagetool-url"),
            timeout=float(table.get("timeout", 5.0)),
            dialect=(table.get("dialect") or None) and str(table["dialect"]).lower(),
            language=table.get("language"),
            public_api=bool(table.get("public-api", False)),
            local_server=bool(table.get("local-server", False)),
        )

    @property
    def uses_harper(self) -> bool:
        return self.engine in ("harper", "both")

    @property
    def uses_languagetool(self) -> bool:
        return self.engine in ("languagetool", "both")

    @property
    def harper_dialect(self) -> str:
        return self.dialect or "american"

    @property
    def lt_language(self) -> str:
        return self.language or LANGUAGES.get(self.dialect or "", "en-US")


@dataclass
class GrammarReport:
    """What the engines said about one draft; offsets are into ``draft.text``."""

    engines: tuple[str, ...] = ()  # the engines that answered for this draft
    issues: list[EngineIssue] = field(default_factory=list)
    vocabulary: frozenset[str] = frozenset()  # the user's words, lower-cased
    dialect: str | None = None  # None: accept any dialect's spelling
    dialect_variants: frozenset[str] = frozenset()  # flagged by the dialect in use, valid in British English
    #: Unknown words made of known ones ("intercompany", "playtest"): a trade's coinage more often than a typo.
    compound_words: frozenset[str] = frozenset()
    #: Unknown plurals of known words ("dilapidations"): the dictionary lacks the plural, the word is right.
    plural_words: frozenset[str] = frozenset()
    #: Lower-cased parts of flagged hyphenated words ("cron-triggered") that the dictionary knows: LanguageTool
    #: flags the whole compound where Harper checks each part.
    known_parts: frozenset[str] = frozenset()
    memo: dict[str, Any] = field(default_factory=dict)  # the checks cache their shared analysis here


def dictionary_miss(issue: EngineIssue) -> bool:
    """A word the engine's dictionary lacks (Harper's Spelling, LanguageTool's Morfologik speller)."""
    return issue.kind == "Spelling" if issue.engine == "harper" else issue.rule_id.startswith("MORFOLOGIK")


def _a_name_in_the_frame(draft, issue: EngineIssue) -> bool:
    """A capitalised word the engine does not know, in the greeting ("Raj,", "Dear Ms. Nwachukwu,") or the
    signed name: the reader's or the writer's name. Their case and commas are followlint's own checks."""
    if issue.kind not in ("Spelling", "TYPOS") and not issue.rule_id.startswith("MORFOLOGIK"):
        return False
    word = draft.text[issue.start:issue.end]
    if not word[:1].isupper():
        return False
    return any(part is not None and part.start <= issue.start and issue.end <= part.end
               for part in (draft.greeting, draft.signature_name))


def _hyphen_partners(text: str, issues: list[EngineIssue]) -> frozenset[str]:
    """Flagged lower-case words hyphenated to a word the engine accepts: "med-surg", "hoyer-lift",
    "kanban-style". A trade writes its terms that way; a slip of the fingers rarely comes with a hyphen."""
    flagged = {(i.start, i.end) for i in issues if i.kind == "Spelling"}
    out = set()
    for i in issues:
        if i.kind != "Spelling":
            continue
        word = text[i.start:i.end]
        if not (word.isalpha() and word.islower()):
            continue
        before = re.search(r"([^\W\d_]{2,})[-‐]\Z", text[max(0, i.start - 40):i.start])
        after = re.match(r"[-‐]([^\W\d_]{2,})", text[i.end:i.end + 40])
        for m, start in ((before, i.start - (len(before.group(0)) if before else 0)), (after, i.end + 1)):
            if m is None:
                continue
            partner = (start, start + len(m.group(1)))
            if partner not in flagged:
                out.add(word)
    return frozenset(out)


def _splits(word: str) -> list[tuple[str, ...]]:
    """Ways to read ``word`` as prefix + word or word + word (each part long enough to mean something)."""
    from followlint.core.data import load_data

    prefixes = sorted(load_data("grammar")["hyphen_prefixes"], key=len, reverse=True)
    out: list[tuple[str, ...]] = [(word[len(p):],) for p in prefixes
                                  if len(p) >= 2 and word.startswith(p) and len(word) - len(p) >= 5]
    out += [(word[:i], word[i:]) for i in range(4, len(word) - 3)]
    return out


class GrammarService:
    """One per run (it lives in engine.Services): engines, vocabulary files and outages are shared."""

    def __init__(self, notes: list[str] | None = None) -> None:
        self.notes = notes if notes is not None else []
        self._lt_down: str | None = None  # why LanguageTool is not used for the rest of the run
        self._harper_down: str | None = None
        self._local_url: str | None = None
        self._local_handle: Any = None
        self._vocab_files: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()

    # --- public ---------------------------------------------------------------------------

    def analyse(self, draft, cfg: Any | None = None) -> GrammarReport:
        settings = GrammarSettings.from_config(cfg)
        report = GrammarReport(vocabulary=self.vocabulary(cfg), dialect=settings.dialect)
        region = draft.content
        text = draft.analysis[region.start:region.end]
        if settings.engine == "none" or not text.strip():
            return report
        if len(text) > MAX_CHARS:  # a follow-up is ~2,000 characters; don't spend minutes on a pasted book
            cut = text.rfind(" ", 0, MAX_CHARS)
            text = text[:cut if cut > MAX_CHARS // 2 else MAX_CHARS]
            draft.notes.append(f"grammar: the draft is {region.end - region.start:,} characters long; only the "
                               f"first {len(text):,} were checked for spelling and grammar")
        text = _GIANT_TOKEN.sub(lambda m: " " * len(m.group()), text)  # same length: offsets still line up
        engines: list[str] = []
        issues: list[EngineIssue] = []
        use_harper = settings.uses_harper
        if settings.uses_languagetool:
            found = self._languagetool(text, settings)
            if found is None:
                use_harper = True  # the fallback: nothing is lost
            else:
                engines.append("languagetool")
                issues.extend(found)
        if use_harper:
            found = self._harper(text, settings)
            if found is not None:
                engines.append("harper")
                issues.extend(found)
        if engines:
            report.dialect_variants = self._dialect_variants(text, issues, settings)
            report.compound_words, report.plural_words = self._compound_words(text, issues, settings)
            report.known_parts = self._known_parts(text, issues, settings)
        report.engines = tuple(engines)
        from followlint.grammar.prose import outside

        report.issues = [i for i in (i.shifted(region.start) for i in outside(issues, text))
                         if not _a_name_in_the_frame(draft, i)]
        return report

    def vocabulary(self, cfg: Any | None) -> frozenset[str]:
        words = {w.strip().lower() for w in getattr(cfg, "vocabulary", ()) or () if w.strip()}
        for path in getattr(cfg, "vocabulary_files", ()) or ():
            words |= self._read_vocabulary_file(path)
        return frozenset(words)

    def close(self) -> None:
        if self._local_handle is not None:
            try:
                self._local_handle.close()
            except Exception:
                pass
            self._local_handle = None

    # --- engines ----------------------------------------------------------------------------

    def _harper(self, text: str, settings: GrammarSettings) -> list[EngineIssue] | None:
        if self._harper_down:
            return None
        from followlint.grammar import harper

        try:
            return harper.lint(text, settings.harper_dialect)
        except EngineUnavailable as exc:
            self._harper_down = str(exc)
            self._note(f"grammar: {exc}; spelling and grammar checks are skipped")
            return None

    def _languagetool(self, text: str, settings: GrammarSettings) -> list[EngineIssue] | None:
        if self._lt_down:
            return None
        from followlint.grammar import languagetool

        try:
            url = self._languagetool_url(settings)
            return languagetool.check(text, url, language=settings.lt_language, timeout=settings.timeout)
        except EngineUnavailable as exc:
            self._lt_down = str(exc)
            fallback = "Harper checks the drafts instead" if settings.engine == "languagetool" else \
                "only Harper checks the drafts"
            self._note(f"grammar: {exc}; {fallback}")
            return None

    def _languagetool_url(self, settings: GrammarSettings) -> str:
        from followlint.grammar import languagetool

        if settings.languagetool_url:
            return settings.languagetool_url
        if settings.local_server:
            with self._lock:
                if self._local_url is None:
                    self._local_url, self._local_handle, note = languagetool.start_local_server(settings.lt_language)
                    if note:
                        self._note(note)
                    atexit.register(self.close)
            return self._local_url
        if settings.public_api:
            return languagetool.PUBLIC_API_URL
        return languagetool.DEFAULT_URL

    def _dialect_variants(self, text: str, issues: list[EngineIssue], settings: GrammarSettings) -> frozenset[str]:
        """Words the American dictionary flagged that British English spells that way."""
        if settings.dialect is not None:
            return frozenset()
        words = [text[i.start:i.end] for i in issues if dictionary_miss(i)]
        words = list(dict.fromkeys(w for w in words if w.isalpha() and w.islower()))  # "enrolment", "pyjamas", "afterwards"
        if not words:
            return frozenset()
        from followlint.grammar import harper

        try:
            unknown = harper.flagged_words(words, "british")
        except EngineUnavailable:
            return frozenset()
        return frozenset(w for w in words if w not in unknown)

    def _compound_words(self, text: str, issues: list[EngineIssue],
                        settings: GrammarSettings) -> tuple[frozenset[str], frozenset[str]]:
        """Flagged lower-case words that split into a known prefix or word and a known word; and
        flagged plurals whose singular the dictionary knows ("dilapidations").

        Typos are rarely two dictionary words glued together ('seperate', 'definately'), while a
        trade's vocabulary often is ('intercompany', 'playtest', 'anticoagulation'). Parts are at
        least 4 letters (5 after a prefix), so 'untill' (un + till) and 'alot' stay typos; suffixes
        are not split off, since 'begining' and 'occured' are a known stem plus an ending."""
        flagged = {text[i.start:i.end] for i in issues if dictionary_miss(i)}
        flagged = {w for w in flagged if w.isalpha() and w.islower()}
        words = {w for w in flagged if len(w) >= 8}
        stems = {w: (w[:-1], w[:-2] if w.endswith("es") else w[:-1]) for w in flagged if w.endswith("s") and len(w) >= 6}
        splits = {w: _splits(w) for w in words}
        parts = sorted({p for options in splits.values() for option in options for p in option}
                       | {stem for pair in stems.values() for stem in pair})
        partners = _hyphen_partners(text, issues)
        if not parts:
            return partners, frozenset()
        from followlint.grammar import harper

        try:
            unknown = harper.flagged_words(parts, settings.dialect or "american")
        except EngineUnavailable:
            return partners, frozenset()
        plurals = frozenset(w for w, pair in stems.items() if any(stem not in unknown for stem in pair))
        compounds = frozenset(w for w, options in splits.items() if w not in plurals
                              and any(all(p not in unknown for p in option) for option in options))
        return compounds | partners, plurals

    def _known_parts(self, text: str, issues: list[EngineIssue], settings: GrammarSettings) -> frozenset[str]:
        """The parts of flagged hyphenated words that are dictionary words ("triggered" in "cron-triggered")."""
        parts = sorted({p.lower() for i in issues if dictionary_miss(i) and "-" in text[i.start:i.end]
                        for p in text[i.start:i.end].split("-") if p.isalpha()})
        if not parts:
            return frozenset()
        from followlint.grammar import harper

        try:
            unknown = harper.flagged_words(parts, settings.dialect or "british")
        except EngineUnavailable:
            return frozenset()
        return frozenset(p for p in parts if p not in unknown)

    # --- helpers ----------------------------------------------------------------------------

    def _read_vocabulary_file(self, path: str) -> frozenset[str]:
        p = Path(path)
        try:
            mtime = p.stat().st_mtime
            cached = self._vocab_files.get(path)
            if cached and cached[0] == mtime:
                return cached[1]
            raw = _read_word_list(p)
        except (OSError, UnicodeDecodeError) as exc:
            self._note(f"vocabulary-file {path}: cannot be read ({getattr(exc, 'strerror', None) or exc}); "
                       "its words are not accepted")
            self._vocab_files[path] = (-1.0, frozenset())
            return frozenset()
        words = frozenset(line.strip().lower() for line in raw.splitlines()
                          if line.strip() and not line.lstrip().startswith("#"))
        self._vocab_files[path] = (mtime, words)
        return words

    def _note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def _read_word_list(path: Path) -> str:
    """A vocabulary file's text, read only up to the limit (the config checks the size; it may grow)."""
    from followlint.core.config import MAX_VOCABULARY_BYTES
    from followlint.run.files import open_regular

    from followlint.run.files import InputError

    try:
        with open_regular(str(path)) as fh:
            raw = fh.read(MAX_VOCABULARY_BYTES + 1)
    except InputError as exc:  # a FIFO or a device
        raise OSError(0, exc.message) from None
    if len(raw) > MAX_VOCABULARY_BYTES:
        raise OSError(0, f"over {MAX_VOCABULARY_BYTES:,} bytes")
    return raw.decode("utf-8-sig")
