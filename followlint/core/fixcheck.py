"""Fixes never make a draft worse: a fix whose sentence the grammar check would reject is not offered.

Rules propose fixes one word at a time, and a word-level fix can break the sentence around it:
"im really excited" -> "I really excited" (the misspelling was "I'm"), "when you guys decide"
-> "when you guy decide" (the grammar engine mistook "guys decide" for a pronoun-verb clash).
After the rules have run, :func:`vet_fixes` applies each fix to the sentence it touches and
checks the result:

1. the grammar engine (Harper, as configured) lints the sentence before and after the fix; an
   issue the fixed sentence has and the original did not (same kind, same words) rejects it;
2. for a grammar or spelling fix, with spaCy's tagger loaded (the default rules load it), a
   sentence that has fewer finite verbs
   after the fix than before ("im really excited" -> "I really excited": spaCy reads "im" as "I
   am"; "you guys decide" -> "you guy decide": "decide" is no longer a finite verb) rejects it:
   that is the damage a grammar engine tuned against false alarms lets through. Removing a
   doubled word ("I am am") is exempt: it is meant to drop one.

A rejected fix is withdrawn: the finding stays, with the fix's text as a suggestion only, so
``--fix``/``--unsafe-fixes`` leave the sentence for the writer. Checks that cannot run (no
grammar engine, no tagger) accept the fix, as before.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from followlint.core.finding import Finding

#: Where a sentence ends for this check (the fixed text has no spaCy analysis yet).
_BOUNDARY = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n|\n")
#: Don't vet fixes on sentences longer than this (a pasted document): cost over value.
MAX_SENTENCE = 600
_FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
#: Normalised forms (spaCy's NORM) of the small words a contraction hides.
_HIDDEN = frozenset({"am", "are", "is", "was", "were", "not", "have", "has", "had", "will", "would", "shall",
                     "should", "can", "could", "do", "does", "did", "be"})
#: A contraction's second half without its apostrophe ("im" -> "i" + "m"), whose NORM spaCy leaves as is.
_CLITICS = {"m": "am", "re": "are", "s": "is", "ve": "have", "ll": "will", "d": "would"}
_WORD = re.compile(r"[\w'’]+")


def sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) around ``text[start:end]``: from after the previous boundary to the next."""
    left = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        left = m.end()
    after = _BOUNDARY.search(text, end)
    right = after.end() if after else len(text)
    return left, right


def apply_to_window(text: str, left: int, right: int, edits) -> str:
    parts, pos = [], left
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        parts.append(text[pos:e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:right])
    return "".join(parts)


class FixVetter:
    """The checks of one run (engines borrowed from engine.Services)."""

    def __init__(self, services: Any, config: Any = None) -> None:
        self.services = services
        self.config = config
        self._dialect: str | None | bool = False
        self._tagger: Any = None  # the spaCy pipeline once loaded; False when it cannot be

    # --- engines ---------------------------------------------------------------------

    def _harper_dialect(self) -> str | None:
        if self._dialect is False:
            from followlint.grammar.service import GrammarSettings

            settings = GrammarSettings.from_config(self.config)
            self._dialect = settings.harper_dialect if settings.engine != "none" else None
        return self._dialect  # type: ignore[return-value]

    def grammar_issues(self, sentence: str) -> Counter | None:
        dialect = self._harper_dialect()
        if dialect is None:
            return None
        try:
            from followlint.grammar import harper

            issues = harper.lint(sentence, dialect)
        except Exception:  # no engine: nothing to compare
            return None
        # by kind only: an issue on the replaced word itself moves with it ("thx" -> "thanks" at the start
        # of a sentence is still one capitalisation issue), and that is not one the fix added
        # Capitalization is left out: a lowercase sentence start shows up as one when "thx" (a spelling
        # issue) becomes "thanks", and a word replacement never changes the case of what was there
        return Counter(i.kind for i in issues if i.kind != "Capitalization")

    def _pipeline(self):
        if self._tagger is None:
            try:
                self._tagger = self.services.nlp()
            except Exception:
                self._tagger = False
        return self._tagger or None

    def hidden_words(self, text: str) -> Counter | None:
        """The verbs and "not" spaCy's tokenizer finds in ``text`` ("im" -> am), by their normal form."""
        pipeline = self._pipeline()
        if pipeline is None:
            return None
        doc = pipeline.nlp.make_doc(text)
        out: Counter = Counter()
        for t in doc:
            norm = t.norm_.lower()
            if norm in _CLITICS and t.i > 0 and not doc[t.i - 1].whitespace_:
                norm = _CLITICS[norm]
            if norm in _HIDDEN:
                out[norm] += 1
        return out

    def finite_verbs(self, sentence: str) -> int | None:
        """How many finite verbs spaCy's tagger sees in ``sentence`` (None: no tagger loaded)."""
        pipeline = self._pipeline()
        if pipeline is None or "tagger" not in getattr(pipeline, "components", {}):
            return None
        doc = pipeline.nlp.make_doc(sentence)
        pipeline.annotate(doc, ("tok2vec", "tagger"))
        return sum(1 for t in doc if t.tag_ in _FINITE_TAGS)

    # --- the check -------------------------------------------------------------------

    #: rules whose fixes remove a word on purpose (a doubled "am am" loses a verb and is right to)
    EXEMPT_VERB_CHECK = frozenset({"repeated-word"})

    def rejects(self, text: str, f: Finding) -> bool:
        edits = f.fix.edits  # type: ignore[union-attr]
        start, end = min(e.start for e in edits), max(e.end for e in edits)
        if not (0 <= start <= end <= len(text)):
            return False
        left, right = sentence_window(text, start, end)
        if right - left > MAX_SENTENCE:
            return False
        before = text[left:right]
        after = apply_to_window(text, left, right, edits)
        if before == after or not after.strip() or not before.strip():
            return False  # a removed line, or a new one (a sign-off): no sentence of the writer's changes
        issues_before = self.grammar_issues(before)
        if issues_before is not None:
            issues_after = self.grammar_issues(after)
            if issues_after is not None and issues_after - issues_before:
                return True
        replaced = "".join(e.replacement for e in edits).strip()
        if f.rule in self.EXEMPT_VERB_CHECK or not replaced:
            return False
        # the whole words the edits touch, before and after
        w_start, w_end = start, end
        while w_start > left and _WORD.match(text[w_start - 1]):
            w_start -= 1
        while w_end < right and _WORD.match(text[w_end]):
            w_end += 1
        old_words = text[w_start:w_end]
        new_words = apply_to_window(text, w_start, w_end, edits)
        hidden_before = self.hidden_words(old_words)
        if hidden_before:
            hidden_after = self.hidden_words(new_words) or Counter()
            if hidden_before - hidden_after:
                return True
        # the tagger's reading of chat-speak ("thx thx gonna") is noise; a grammar fix is where a verb gets lost
        if f.category == "grammar-typos" and re.search(r"[A-Za-z]", after):
            verbs_before = self.finite_verbs(before)
            if verbs_before:
                verbs_after = self.finite_verbs(after)
                if verbs_after is not None and verbs_after < verbs_before:
                    return True
        return False


def _rejected(vetter: FixVetter, text: str, f: Finding) -> bool:
    """A fix the checks cannot even apply (a replacement that is not text) is withdrawn too."""
    if not all(isinstance(e.replacement, str) for e in f.fix.edits):  # type: ignore[union-attr]
        return True
    try:
        return vetter.rejects(text, f)
    except Exception:  # a check that cannot run keeps the fix, as before this module existed
        return False


def vet_fixes(draft: Any, findings: list[Finding], services: Any, config: Any = None) -> list[Finding]:
    """``findings`` with every fix that would make its sentence worse turned into a suggestion."""
    fixable = [f for f in findings if f.fix is not None and f.fix.edits]
    if not fixable:
        return findings
    vetter = FixVetter(services, config)
    text = draft.text
    out = []
    for f in findings:
        if f.fix is not None and f.fix.edits and _rejected(vetter, text, f):
            suggestions = f.suggestions
            if not suggestions:
                suggestions = tuple(e.replacement for e in f.fix.edits
                                    if isinstance(e.replacement, str) and e.replacement.strip())[:1]
            f = Finding(f.rule, f.code, f.category, f.severity, f.message, f.span, suggestions, None, f.url)
        out.append(f)
    return out
