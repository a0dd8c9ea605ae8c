"""slang (T101): chat-speak and slang such as 'gonna', 'thx', 'u'; the list is in rules/data/slang.yaml."""

from __future__ import annotations

import re
from typing import Iterator

from followlint.checks._casual import removal, slang_matches, stretched_for_effect
from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


class Slang(BaseRule):
    meta = RuleMeta(
        name="slang", code="T101", category="casual-tone", severity=Severity.WARNING, scope="whole",
        fix="always",
        summary="Chat-speak and slang such as 'gonna', 'thx', 'u', 'lol', 'btw'.",
        docs=RuleDocs(
            what="Chat-speak, abbreviations and slang: gonna, wanna, thx, u, ur, lol, btw, asap, tbh, stoked… "
                 "and any word stretched for effect ('soooo', 'pleeease'). Mildly casual words (awesome, cool, "
                 "chat, no worries) are reported as info.",
            why="A follow-up is a professional letter. Chat-speak says you didn't take the time to write it "
                "properly, which is the one thing a thank-you note is meant to show.",
            example="Thx for the chat, I'm gonna send u my portfolio asap.",
            instead="Thank you for the conversation; I will send you my portfolio by Friday.",
            fix_safety="Unsafe: the replacement may need the sentence around it reworded."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        a = draft.analysis
        listed = []
        for m, word, entry in slang_matches(draft):
            listed.append((m.start(), m.end()))
            severity = Severity.INFO if entry.get("level") == "info" else Severity.WARNING
            span = Span(m.start(), m.end())
            if entry.get("fix") is None:  # an idiom: the sentence needs rewording, no mechanical fix
                yield self.finding(span, f"'{word}' is too casual for a follow-up; reword the sentence.",
                                   severity=severity)
                continue
            fix_text = _match_case(word, entry["fix"])
            edit = removal(a, m.start(), m.end()) if not fix_text else Edit(m.start(), m.end(), fix_text)
            title = f"Replace '{word}' with '{fix_text}'" if fix_text else f"Remove '{word}'"
            message = (f"'{word}' is chat-speak; write '{fix_text}'." if fix_text and severity is Severity.WARNING
                       else f"'{word}' is slang; remove it." if severity is Severity.WARNING
                       else f"'{word}' is a little casual for a follow-up" + (f"; consider '{fix_text}'." if fix_text else "."))
            yield self.finding(span, message, severity=severity,
                               suggestions=(fix_text,) if fix_text else ("",), fix=Fix((edit,), title))
        # A word stretched for effect ("soooo", "pleeease", "yesss"): chat-speak whatever the word.
        for m in _STRETCHED.finditer(a, draft.content.start, draft.content.end):
            if any(s < m.end() and m.start() < e for s, e in listed) or any(c.start <= m.start() < c.end
                                                                              for c in draft.contacts):
                continue
            word = m.group(0)
            if not stretched_for_effect(word):
                continue  # a stand-in ("xxx"), "www", a roman numeral, or a typing slip ("galllery"): not chat-speak
            plain = re.sub(r"(.)\1{2,}", r"\1", word)
            yield self.finding(Span(m.start(), m.end()), f"'{word}' is stretched for effect, as in a text message; "
                                                         f"write '{plain}' (or drop it).", suggestions=(plain,))


#: A letter three or more times in a row inside a word.
_STRETCHED = re.compile(r"(?<![\w'’])[A-Za-z]*([A-Za-z])\1{2,}[A-Za-z]*(?![\w'’])")


def _match_case(observed: str, preferred: str) -> str:
    if preferred and observed[:1].isupper() and observed[1:2].islower() is not False:
        return preferred[:1].upper() + preferred[1:]
    return preferred
