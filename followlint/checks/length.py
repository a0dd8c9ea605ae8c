"""excessive-length: word count per message kind, long sentences, too many paragraphs, reading grade."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.anatomy.draft import words_in
from followlint.core.finding import Finding, Severity, Span
from followlint.anatomy.message_kind import detect_kind
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("length")


@dataclass(frozen=True)
class LengthOptions:
    #: per-kind warning limits, merged over rules/data/length.yaml (e.g. {"thank-you" = 180})
    max_words: dict[str, int] = field(default_factory=dict)
    error_words: int = 0  # 0: use the shipped default (350)


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
        data = _data()
        guess = detect_kind(draft)
        if guess.kind == "linkedin-note":
            return  # measured in characters by its own rule
        limits = {**data["max_words"], **options.max_words}
        warn_at = limits.get(guess.kind, limits["thank-you"])
        error_at = options.error_words or data["error_words"]
        words = draft.body_words
        count = len(words)
        if count <= warn_at:
            return
        lo, hi = data["sweet_spot"]
        severity, limit = (Severity.ERROR, error_at) if count > error_at else (Severity.WARNING, warn_at)
        over = words[limit]
        kind_note = f"a {guess.kind} note" + ("" if guess.reason == "given in the context" else f" ({guess.reason})")
        yield self.finding(Span(over.start, over.end),
                           f"The body is {count} words; {kind_note} should stay under {limit} "
                           f"({lo}–{hi} words gets the most replies). This is word {limit + 1}.",
                           severity=severity)


@dataclass(frozen=True)
class SentenceOptions:
    max_words: int = 0  # 0: use the shipped default (35)


class LongSentence(BaseRule):
    Options = SentenceOptions
    meta = RuleMeta(
        name="long-sentence", code="L101", category="excessive-length", severity=Severity.INFO, scope="sentence",
        summary="A sentence of more than 35 words.",
        docs=RuleDocs(
            what="A body sentence longer than max-words (35 by default).",
            why="Long sentences are where run-ons, comma splices and lost meaning hide; short ones read as "
                "confident.",
            example="I wanted to thank you for the time you took to meet with me yesterday and also to mention "
                    "that after our conversation I looked further into the roadmap you described and I think my "
                    "experience would let me help with it right away.",
            instead="Thank you for meeting with me yesterday. Since then I have read more about the roadmap you "
                    "described, and my experience would let me help with it right away."),
    )

    def check(self, draft, options: SentenceOptions) -> Iterator[Finding]:
        limit = options.max_words or _data()["max_sentence_words"]
        for sent in draft.sentences:
            words = words_in(draft.analysis, sent)
            if len(words) > limit:
                end_line = draft.lines.line_end_at(sent.start)
                yield self.finding(Span(sent.start, min(sent.end, max(end_line, words[min(len(words), 8) - 1].end))),
                                   f"This sentence is {len(words)} words long; split it (aim for under {limit}).")


@dataclass(frozen=True)
class ParagraphOptions:
    max_paragraphs: int = 0  # 0: use the shipped default (5)


class TooManyParagraphs(BaseRule):
    Options = ParagraphOptions
    meta = RuleMeta(
        name="too-many-paragraphs", code="L102", category="excessive-length", severity=Severity.INFO, scope="body",
        summary="More than 5 body paragraphs.",
        docs=RuleDocs(
            what="A body with more paragraphs than max-paragraphs (5 by default).",
            why="A follow-up needs three short paragraphs: thanks, one specific point, next steps. More paragraphs "
                "usually means the message is doing a second job.",
            example="(seven one-line paragraphs)", instead="Merge related points into three short paragraphs."),
    )

    def check(self, draft, options: ParagraphOptions) -> Iterator[Finding]:
        limit = options.max_paragraphs or _data()["max_paragraphs"]
        if len(draft.paragraphs) > limit:
            para = draft.paragraphs[limit]
            end = draft.lines.line_end_at(para.start)
            yield self.finding(Span(para.start, min(para.end, end)),
                               f"{len(draft.paragraphs)} paragraphs; keep a follow-up to {limit} or fewer.")


@dataclass(frozen=True)
class GradeOptions:
    max_grade: float = 0.0  # 0: use the shipped default (12)


class ReadingGrade(BaseRule):
    Options = GradeOptions
    meta = RuleMeta(
        name="reading-grade", code="L103", category="excessive-length", severity=Severity.INFO, scope="body",
        summary="Flesch-Kincaid reading grade above 12.",
        docs=RuleDocs(
            what="A body whose Flesch-Kincaid grade (textstat) is above max-grade (12 by default).",
            why="E-mails written at a plain reading level get more replies than ones written at college level; "
                "dense prose makes a busy interviewer work to find your point.",
            example="I remain exceptionally enthusiastic regarding the prospective opportunity to contribute "
                    "comprehensively to organizational transformation initiatives.",
            instead="I am still very keen to help with the reorganisation you described."),
    )

    def warm_up(self, options: GradeOptions) -> None:
        """Import textstat and load the syllable table in the run's warm-up (followlint.core.engine.Services)."""
        from followlint.anatomy.readability import _textstat

        _textstat()

    def check(self, draft, options: GradeOptions) -> Iterator[Finding]:
        if draft.body is None or draft.word_count < 30:
            return  # the formula is noise on a couple of sentences
        from followlint.anatomy.readability import flesch_kincaid_grade

        limit = options.max_grade or _data()["max_grade"]
        grade = flesch_kincaid_grade(draft.view(draft.body))
        if grade > limit:
            yield self.finding(draft.anchor, f"Reading grade {grade:.1f} (Flesch-Kincaid); aim for {limit:g} or "
                                             "below with shorter sentences and plainer words.")
