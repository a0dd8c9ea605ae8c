"""``kind: existence`` — flag any listed word, phrase or pattern in the scope."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

from followlint.core.finding import Finding, Severity, Span
from followlint.kinds.base import RuleSource, check_keys, compile_pattern, finditer, meta_from, string_list, word_alternation
from followlint.core.rule import BaseRule

EXTRA_KEYS = {"tokens": list, "patterns": list, "exceptions": list, "max_matches": int, "info_when_specific": bool}


@dataclass(frozen=True)
class ExistenceOptions:
    exceptions: tuple[str, ...] = ()


class ExistenceRule(BaseRule):
    Options = ExistenceOptions

    def __init__(self, src: RuleSource) -> None:
        check_keys(src, EXTRA_KEYS, ())
        tokens, patterns = string_list(src, "tokens"), string_list(src, "patterns")
        if not tokens and not patterns:
            raise src.error(None, "an existence rule needs 'tokens' or 'patterns'")
        self.meta = meta_from(src, "body")
        ignorecase = src.data.get("ignorecase", True)
        parts = ([word_alternation(tokens)] if tokens else []) + [f"(?:{p})" for p in patterns]
        self.pattern = compile_pattern(src, "tokens" if tokens else "patterns", "|".join(parts), ignorecase)
        self.exceptions = {e.lower() for e in string_list(src, "exceptions")}
        self.message = src.data["message"]
        self.max_matches = src.data.get("max_matches", 0)
        #: Report at info, not the rule's level, when the note has two specific details (no-specific-detail's count):
        #: a stock phrase in a note that is tied to its conversation costs a line, not the note's point.
        self.info_when_specific = bool(src.data.get("info_when_specific", False))
        if self.info_when_specific:
            self.meta = replace(self.meta, needs_nlp=("sents", "pos", "lemma", "ents"))
            self.data_files = ("no-specific-detail", "slang")  # what makes a note specific

    def check(self, draft, options: ExistenceOptions) -> Iterator[Finding]:
        skip = self.exceptions | {e.lower() for e in options.exceptions}
        count = 0
        for scope in draft.scope_spans(self.meta.scope):
            for m in finditer(self.pattern, draft.analysis, scope.start, scope.end):
                if not m.group(0).strip() or m.group(0).lower() in skip:
                    continue
                count += 1
                if self.max_matches and count > self.max_matches:
                    return
                severity = Severity.INFO if self.info_when_specific and _specific(draft) else None
                yield self.finding(Span(m.start(), m.end()), self.message.format(match=" ".join(m.group(0).split())),
                                   severity=severity)


def _specific(draft) -> bool:
    """The note names at least two things only its conversation could give (what no-specific-detail counts):
    one is enough to pass no-specific-detail, but readers still call a note with one detail and stock phrases
    around it generic."""
    from followlint.anatomy.specifics import specifics
    from followlint.checks._specificity import stock_nouns

    if draft.body is None:
        return False
    return len(specifics(draft, set(stock_nouns()))) >= 2
