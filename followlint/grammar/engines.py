"""Grammar engines: Harper (embedded, offline, the default) and LanguageTool (an HTTP server, opt-in).

Both turn text into :class:`EngineIssue` records with offsets into the text they were given; the
grammar service (followlint.grammar.service) runs them before the rules and the grammar-typos checks
(followlint.checks.grammar) map the issues to findings. Nothing here is a rule: engines do I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How a suggestion applies to the issue's span.
REPLACE, REMOVE, INSERT_AFTER = "replace", "remove", "insert-after"


@dataclass(frozen=True)
class Suggestion:
    kind: str  # REPLACE | REMOVE | INSERT_AFTER
    text: str = ""


@dataclass(frozen=True)
class EngineIssue:
    """One problem an engine reported, in the engine's own terms."""

    engine: str  # "harper" | "languagetool"
    rule_id: str  # LanguageTool's rule id (MORFOLOGIK_RULE_EN_US); for Harper, its lint kind again
    kind: str  # Harper lint kind (Spelling) or LanguageTool category id (TYPOS)
    start: int
    end: int
    message: str
    suggestions: tuple[Suggestion, ...] = ()

    def shifted(self, delta: int) -> "EngineIssue":
        return EngineIssue(self.engine, self.rule_id, self.kind, self.start + delta, self.end + delta,
                           self.message, self.suggestions)


class EngineUnavailable(RuntimeError):
    """An engine could not answer; the message is one line a user can act on."""
