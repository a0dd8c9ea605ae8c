"""excessive-length (L100): a body longer than its kind needs.

Body words = greeting to sign-off, subject and signature left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from followlint.core.finding import Finding, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

#: A warning above this many body words, per message kind (a LinkedIn note is measured in characters, L200).
MAX_WORDS: dict[str, int] = {
    "thank-you": 200,
    "panel": 200,
    "second-interview": 200,
    "other": 200,
    "follow-up": 150,  # a nudge after silence should be brief
}
#: Research on reply rates (Boomerang, 40M e-mails) puts the sweet spot at 50-125 words (named in the message).
SWEET_SPOT = (50, 125)


@dataclass(frozen=True)
class LengthOptions:
    #: per-kind warning limits, merged over MAX_WORDS (e.g. {"thank-you" = 180})
    max_words: dict[str, int] = field(default_factory=lambda: dict(MAX_WORDS))
    #: an error above this many body words, whatever the kind
    error_words: int = 350


class ExcessiveLength(BaseRule):
    Options = LengthOptions
    meta = RuleMeta(
        name="excessive-length", code="L100", category="excessive-length", severity=Severity.WARNING,
        scope="body",
        summary="A body longer than its kind needs (thank-you > 200 words, follow-up > 150, any > 350).",
        docs=RuleDocs(
            what="A body (greeting to sign-off) over the word limit for its kind: 200 words for a thank-you, panel, "
                 "second-interview or other note, 150 for a follow-up after silence (warnings); over 350 for any "
                 "kind (an error). The kind comes from the context or is detected from the text.",
            why="Interviewers skim. Replies peak at 50–125 words; past that, the one point you want remembered "
                "gets lost, and a long nudge after silence reads as pressure.",
            example="(a 260-word thank-you retelling your whole CV)",
            instead="Three short paragraphs: thanks, one specific point from the conversation, next steps."),
    )

    def check(self, draft, options: LengthOptions) -> Iterator[Finding]:
        if draft.body is None:
            return
        guess = draft.kind_guess
        if guess.kind == "linkedin-note":
            return  # measured in characters by its own rule
        limits = {**MAX_WORDS, **options.max_words}
        warn_at = limits.get(guess.kind, limits["thank-you"])
        error_at = options.error_words
        words = draft.body_words
        count = len(words)
        if count <= warn_at:
            return
        lo, hi = SWEET_SPOT
        severity, limit = (Severity.ERROR, error_at) if count > error_at else (Severity.WARNING, warn_at)
        over = words[limit]
        kind_note = f"a {guess.kind} note" + ("" if guess.reason == "given in the context" else f" ({guess.reason})")
        yield self.finding(Span(over.start, over.end),
                           f"The body is {count} words; {kind_note} should stay under {limit} "
                           f"({lo}–{hi} words gets the most replies). This is word {limit + 1}.",
                           severity=severity)
