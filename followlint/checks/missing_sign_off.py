"""missing-sign-off (S100): the message ends without a sign-off line.

The closing sentences that make a name alone only info are in rules/data/missing-sign-off.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.checks._closing import end_anchor
from followlint.core.data import load_data
from followlint.core.finding import Finding, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


class MissingSignOff(BaseRule):
    meta = RuleMeta(
        name="missing-sign-off", code="S100", category="missing-closing-or-contact",
        severity=Severity.WARNING, scope="closing",
        summary="The message ends without a sign-off line such as 'Best regards,'.",
        docs=RuleDocs(
            what="A message that just stops: no closing line ('Best regards,', 'Sincerely,', 'Thank you,', a "
                 "closing in your own words such as 'Thank you for your time,', or '- Ben' after the last "
                 "sentence) and no name. A typed name under a sentence that already closes ('I hope to hear "
                 "from you soon.', 'Please get in touch if ...') counts as a closing: only info, a nudge to add a "
                 "sign-off line. A name right after the story, with no closing at all, is a warning.",
            why="A follow-up that just stops reads as unfinished or dashed off; the sign-off is where the tone "
                "lands and where the reader looks for your name.",
            example="...I look forward to hearing from you.",
            instead="...I look forward to hearing from you.\n\nBest regards,\nJordan Lee",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.kind == "linkedin-note" or draft.closing is not None or draft.body is None:
            return
        if draft.signature_name is not None:
            # A name under a closing sentence ("I hope to hear from you soon.") ends a finished letter (the
            # unseen corpus's index: a bare typed name counts as a closing): only a nudge. A name under the
            # middle of the story leaves the message without a closing (the real-drafts index: no closing line).
            closed = _ends_with_closing_sentence(draft)
            yield self.finding(draft.signature_name,
                               "Your name stands alone with no sign-off line above it; add one such as 'Best regards,'."
                               if closed else
                               "The message stops mid-story and your name follows with no closing line; end with a "
                               "thank-you or next-step sentence and a sign-off such as 'Best regards,'.",
                               severity=Severity.INFO if closed else Severity.WARNING,
                               suggestions=("Best regards,",))
            return
        yield self.finding(end_anchor(draft),
                           "The message ends without a sign-off line and your name; close with e.g. "
                           "'Best regards,' and your full name.", suggestions=("Best regards,",))


@lru_cache(maxsize=1)
def _closing_sentence_pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in load_data("missing-sign-off")["closing_sentences"]), re.I)


_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*\s+")


def _ends_with_closing_sentence(draft) -> bool:
    """Whether the body's last sentence thanks, looks ahead or wishes well (a sign-off's job)."""
    last = draft.paragraphs[-1] if draft.paragraphs else draft.body
    text = draft.view(last).strip()
    sentence = _SENTENCE_END.split(text)[-1] if text else ""
    return bool(sentence) and bool(_closing_sentence_pattern().search(sentence))
