"""casual-sign-off (T105): sign-offs such as 'Cheers' or 'Later'; the list is in rules/data/casual-sign-off.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import LazyPattern, load_data
from followlint.core.finding import Edit, Finding, Fix, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("casual-sign-off")


class CasualSignOff(BaseRule):
    #: rules/data files it reads besides its own (chat-speak elsewhere makes 'Cheers,' casual)
    data_files = ("slang",)
    meta = RuleMeta(
        name="casual-sign-off", code="T105", category="casual-tone", severity=Severity.WARNING, scope="closing",
        fix="always",
        summary="Sign-offs such as 'Cheers', 'Thx' or 'Later'.",
        docs=RuleDocs(
            what="A closing line that is casual: Thx, Later, Ciao, Talk soon, xoxo, Love. 'Cheers,' is only info "
                 "unless the note is chatty in other ways too (a 'Hey' greeting, chat-speak, emoji, '!!').",
            why="The sign-off is the last impression. A casual one undoes a formal letter.",
            example="Cheers,\nJordan", instead="Best regards,\nJordan",
            fix_safety="Unsafe: it replaces your sign-off wording."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.closing is None:
            return
        data = _data()
        text = draft.view(draft.closing)
        word = re.sub(r"[\s,.—–-]+$", "", text).strip()
        if word.lower() in data["casual_sign_offs"] or text.strip().lower() in data["casual_sign_offs"]:
            fix = data["casual_sign_off_fix"]
            # "Cheers," closes many a careful British or Australian letter: only a warning when the rest of
            # the note is chatty too (several casual signals together, not one word).
            severity = Severity.WARNING
            if word.lower() in data.get("mild_sign_offs", ()) and not _chatty(draft):
                severity = Severity.INFO
            yield self.finding(draft.closing, f"'{word}' is a casual sign-off; close with '{fix}' or 'Sincerely,'.",
                               severity=severity,
                               suggestions=(fix, "Sincerely,", "Thank you,"),
                               fix=Fix((Edit(draft.closing.start, draft.closing.end, fix),), f"Replace with '{fix}'"))


_CASUAL_GREETING = LazyPattern(lambda: r"^\W*(?:{})\b".format("|".join(_data()["chatty_greetings"])), re.I)
#: Laughter and a pal addressed in passing: "ha ha", "haha", "hehe"; ", mate", ", buddy" (words in the data file).
_LAUGHTER = LazyPattern(lambda: r"\b(?:{})\b".format("|".join(_data()["laughter"])), re.I)
_VOCATIVE = LazyPattern(lambda: r",\s*(?:{})\b".format("|".join(_data()["pal_words"])), re.I)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\U00002600-\U000027BF]")


def _chatty(draft) -> bool:
    """Another casual signal in the note: a 'Hey' greeting, chat-speak, laughter, 'mate', an emoji, two '!'."""
    from followlint.checks._casual import slang_matches

    content = draft.view(draft.content)
    if draft.greeting is not None and _CASUAL_GREETING.match(draft.view(draft.greeting)):
        return True
    if content.count("!") >= 2 or _EMOJI.search(content):
        return True
    if _LAUGHTER.search(content) or _VOCATIVE.search(content):
        return True
    return any(entry.get("level") != "info" for _m, _w, entry in slang_matches(draft))
