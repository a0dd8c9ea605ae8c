"""emoji-or-emoticon (T102): emoji and text emoticons."""

from __future__ import annotations

import re
from typing import Iterator

from followlint.checks._casual import removal
from followlint.core.finding import Finding, Fix, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


_EMOJI = re.compile(
    "[\U0001F300-\U0001FAFF\U00002600-\U000027BF\U0001F000-\U0001F2FF\U0001F900-\U0001F9FF"
    "\U00002B50\U00002B55\U00002764\U0000203C\U00002049\U0001FA70-\U0001FAFF]"
    "[\U0001F3FB-\U0001F3FF\uFE0F\u200D\U0001F300-\U0001FAFF\u2640\u2642\u2764]*")
_EMOTICON = re.compile(r"(?<![\w:/])(?:[:;=][-^o']?[)(\]\[DPpOo3/\\|*]|8-[)(D]|<3|\^_\^|\^\^|[xX]D|:'\()(?![\w)(])")


class EmojiOrEmoticon(BaseRule):
    meta = RuleMeta(
        name="emoji-or-emoticon", code="T102", category="casual-tone", severity=Severity.WARNING, scope="whole",
        fix="always",
        summary="Emoji and emoticons such as 🙂, 🙏, :) or <3.",
        docs=RuleDocs(
            what="Any emoji or text emoticon in the message.",
            why="Emoji read as chatty in a letter to someone assessing you, and some render as boxes in "
                "corporate mail clients.",
            example="Thanks so much for today 🙏 :)", instead="Thank you for your time today.",
            fix_safety="Unsafe: removing the emoji may leave a sentence that needs a full stop."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        a = draft.analysis
        for pattern, label in ((_EMOJI, "Emoji"), (_EMOTICON, "Emoticon")):
            for m in pattern.finditer(a, draft.content.start, draft.content.end):
                if label == "Emoticon" and _inside_time_or_list(a, m):
                    continue
                edit = removal(a, m.start(), m.end())
                yield self.finding(Span(m.start(), m.end()),
                                   f"{label} '{m.group(0)}' is too casual for a follow-up; remove it.",
                                   suggestions=("",), fix=Fix((edit,), f"Remove '{m.group(0)}'"))


def _inside_time_or_list(a: str, m: re.Match) -> bool:
    """'10:30' or a list label like 'Note:)' are not emoticons."""
    before = a[max(0, m.start() - 1):m.start()]
    return before.isdigit()
