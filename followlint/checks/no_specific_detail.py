"""no-specific-detail (P103): nothing in the body ties the note to this employer, role or conversation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.checks._specificity import MIN_SIGNALS, specificity_signals, stock_nouns
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@dataclass(frozen=True)
class SpecificOptions:
    #: How many specific signals (entities, proper nouns, numbers, distinct specific nouns) a body needs.
    min_signals: int = MIN_SIGNALS


class NoSpecificDetail(BaseRule):
    #: rules/data files it reads besides its own (chat-speak is no proper noun)
    data_files = ("slang",)
    Options = SpecificOptions
    meta = RuleMeta(
        name="no-specific-detail", code="P103", category="generic-phrasing", severity=Severity.WARNING,
        scope="body", needs_nlp=True,
        summary="Nothing in the body ties the note to this employer, role or conversation.",
        docs=RuleDocs(
            what="A body that names no company, no role and no concrete detail (a project, a product, a number, a "
                 "place, a person, a topic you discussed): it could be sent to any employer unchanged. A template "
                 "slot that asks for a discussed detail ('[specific topic]') counts, since filling it makes the "
                 "note specific. A follow-up after silence needs no new detail, only which job it is about: it "
                 "is flagged when it names neither the role nor the company (nor has a slot for them).",
            why="Interviewers remember specifics. 'I enjoyed our conversation' is forgettable; 'your plan to move "
                "returns processing to Leeds' proves you listened and sets you apart.",
            example="Thank you for the interview. I enjoyed our conversation and am excited about the opportunity.",
            instead="Thank you for the interview. Your plan to move returns processing to Leeds is exactly the kind "
                    "of project I led at Brightline."),
    )

    def check(self, draft, options: SpecificOptions) -> Iterator[Finding]:
        if draft.body is None or draft.word_count < 8:
            return
        kind = draft.kind
        if kind == "linkedin-note":
            return  # 300 characters: L200 and the greeting rule are what matter there
        stock = set(stock_nouns())
        if kind == "follow-up":
            # A nudge after silence needs no new detail, but it must say which job it is about:
            # a recruiter with twenty open roles cannot answer "where does my application stand?".
            if not specificity_signals(draft, stock, enough=1, anchors_only=True):
                yield self.finding(draft.anchor, "This follow-up never says which role or company it is about; name "
                                                 "the position and when you interviewed.")
            return
        needed = options.min_signals
        signals = specificity_signals(draft, stock, enough=needed)
        if len(signals) < needed:
            yield self.finding(draft.anchor, "Nothing here is specific to this employer or conversation; name the "
                                             "role or company and one thing you discussed.")
