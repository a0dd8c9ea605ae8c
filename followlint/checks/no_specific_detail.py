"""no-specific-detail (P103): nothing in the body ties the note to this employer, role or conversation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from followlint.anatomy.specifics import specifics
from followlint.checks._specificity import decision_reply, specific_slot, specificity_signals, stock_nouns
from followlint.core.data import LazyPattern, load_data
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


#: A claim of fit that any template makes: "a great fit for your team", "an excellent match for my skills"
#: (the words are in rules/data/no-specific-detail.yaml).
_FIT_CLAIM = LazyPattern(
    lambda: r"\b(?:{}) (?:{}) for (?:my|the|your) (?:{})\b".format(
        *("|".join(load_data("no-specific-detail")[k]) for k in ("fit_adjectives", "fit_nouns", "fit_objects"))), re.I)


@dataclass(frozen=True)
class SpecificOptions:
    #: How many specifics (followlint.anatomy.specifics: a product, place, project, person, number with a unit,
    #: quoted point or concrete noun phrase beyond the employer's name and the job title) a body needs.
    min_specifics: int = 1


class NoSpecificDetail(BaseRule):
    #: rules/data files it reads besides its own (chat-speak is no proper noun)
    data_files = ("slang",)
    Options = SpecificOptions
    meta = RuleMeta(
        name="no-specific-detail", code="P103", category="generic-phrasing", severity=Severity.WARNING,
        scope="body", needs_nlp=True,
        summary="Nothing in the body ties the note to this employer, role or conversation.",
        docs=RuleDocs(
            what="A body with nothing that only this conversation could have given you: no project, product, "
                 "tool, place, person, number with a unit, quoted point or concrete detail ('the vibration rig on "
                 "the new battery packs'). The employer's name, the job title, dates and your contact details are "
                 "not specifics: a letter filled in with the company and the title could still go to any employer. "
                 "A template slot that asks for a discussed detail ('[specific topic]') counts, since filling it "
                 "makes the note specific; a slot for the company or the title does not. A follow-up after silence needs no new detail, only which job it is about: "
                 "it is flagged when it names neither the role nor the company (nor has a slot for them).",
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
        fit = _FIT_CLAIM.search(re.sub(r"\s+", " ", draft.view(draft.body)))
        if kind == "follow-up":
            # A nudge after silence needs no new detail, but it must say which job it is about:
            # a recruiter with twenty open roles cannot answer "where does my application stand?".
            if not specificity_signals(draft, stock, enough=1, anchors_only=True):
                yield self.finding(draft.anchor, "This follow-up never says which role or company it is about; name "
                                                 "the position and when you interviewed.")
            elif fit and specific_slot(draft) is None and not specifics(draft, stock):
                yield self.finding(draft.anchor, f"'{fit.group(0)}' is the only case this follow-up makes, and it "
                                                 "could go to any employer; name one thing from the interview.")
            return
        if specific_slot(draft) is None and len(specifics(draft, stock)) < options.min_specifics + bool(fit):
            # A claim of fit ("a great fit for your team") is what every template says: a note that makes it
            # needs one more specific than one that does not.
            if decision_reply(draft):
                # A reply to a rejection answers the employer's message: a recalled detail is a nicety there,
                # and readers split on whether its absence makes the note generic.
                yield self.finding(draft.anchor, "Nothing here is specific to this employer or conversation; a "
                                                 "reply to a decision can still recall one thing you discussed.",
                                   severity=Severity.INFO)
                return
            yield self.finding(draft.anchor, "Nothing here is specific to this employer or conversation; name the "
                                             "role or company and one thing you discussed.")
