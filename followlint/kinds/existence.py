"""``kind: existence`` — flag any listed word, phrase or pattern in the scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.core.finding import Finding, Span
from followlint.kinds.base import RuleSource, check_keys, compile_pattern, finditer, meta_from, string_list, word_alternation
from followlint.core.rule import BaseRule

EXTRA_KEYS = {"tokens": list, "patterns": list, "exceptions": list, "max_matches": int}


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
                yield self.finding(Span(m.start(), m.end()), self.message.format(match=" ".join(m.group(0).split())))
