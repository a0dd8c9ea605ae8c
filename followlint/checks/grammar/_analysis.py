"""The grammar-typos family's shared analysis: engine issues mapped to rules and filtered.

The six rules (misspelled-word, repeated-word, grammar-error, word-choice, capitalization,
punctuation) live one per module in this package and report the items computed here.

The grammar engines (Harper by default, LanguageTool when configured) ran before the rules, in the
grammar service; their issues are on ``draft.grammar`` (followlint.grammar.service.GrammarReport). These rules
map each issue to a followlint rule (rules/data/grammar.yaml) and, above all, drop what is not an error
in a follow-up: the interviewer's and the company's names, the greeting's and the signature's words,
proper nouns spaCy recognises, a capitalised word in mid-sentence, acronyms, e-mail addresses, URLs,
phone numbers, placeholders, the other dialect's spellings and the user's vocabulary. A few checks need
no engine: the greeting's and the sign-off's comma and capitals, and a paragraph with no full stop.

All the analysis is pure (the engines' I/O happened before); it is computed once per draft and shared by
the six rules through ``draft.grammar.memo``.
"""

from __future__ import annotations

import bisect
from collections import Counter
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator

from rapidfuzz.distance import OSA

from followlint.checks._casual import stretched_for_effect
from followlint.grammar.engines import INSERT_AFTER, REMOVE, EngineIssue
from followlint.core.data import load_data
from followlint.anatomy.draft import EMAIL, PHONE, URL
from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

CATEGORY = "grammar-typos"
#: Entity labels whose words are names, not typos.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "PRODUCT", "NORP", "FAC", "WORK_OF_ART", "EVENT", "LAW"})

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_SENTENCE_END = ".!?…"
_OPENERS = "\"'“”‘’«»([{*_#>•–—-"
_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_][\w.-]*[A-Za-z0-9_]")
_LINE_BULLET = re.compile(r"[ \t]*(?:[-*•–—>]|\d{1,2}[.)])[ \t]+")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    """The word lists of rules/data/grammar.yaml that the filters match, compiled once."""
    words = load_data("grammar")["filters"]
    either = lambda key: "|".join(words[key])  # noqa: E731
    return {
        # a template slot: "[Name]", "{company}", "<Your Name>", "____", "(insert company name)"
        "placeholder": re.compile(r"\[[^\[\]\n]{0,120}\]|\{\{?[^{}\n]{0,80}\}?\}|<[A-Za-z][^<>\n]{0,60}>|_{3,}"
                                  rf"|\((?:{either('placeholder_words')})\b[^()\n]{{0,80}}\)", re.I),
        "after_preposition": re.compile(rf"\b(?:{either('prepositions')})[ \t]+\Z", re.I),
        "hyphenated_pronoun": re.compile(rf"[^\W\d_]-(?:{either('pronouns')})[ \t]*\Z", re.I),
    }


@lru_cache(maxsize=1)
def _data() -> dict:
    data = load_data("grammar")
    return {
        "severity": {name: Severity.parse(v["severity"]) for name, v in data["rules"].items()},
        "harper": data["harper"],
        "lt": data["languagetool"],
        "lt_severity": {k: Severity.parse(v) for k, v in (data["languagetool"].get("severity") or {}).items()},
        "prefer": tuple(data.get("prefer", ("languagetool", "harper"))),
        "honorifics": frozenset(h.lower() for h in data["honorifics"]),
        "accept": frozenset(fold(w) for w in data["accept"]),
        "repeated_ok": frozenset(w.lower() for w in data.get("repeated_words_allowed", ())),
        "hyphen_prefixes": frozenset(w.lower() for w in data.get("hyphen_prefixes", ())),
        "name_particles": frozenset(w.lower() for w in data.get("name_particles", ())),
        "family_endings": tuple(data.get("family_endings", ())),
        "info_messages": re.compile("|".join(data["harper"].get("info_messages") or ()) or r"(?!)"),
    }


@lru_cache(maxsize=1)
def _casual_words() -> frozenset[str]:
    """Chat-speak the casual-tone checks report (thx, gonna, lol): not misspellings as well."""
    try:
        slang = load_data("slang").get("slang") or {}
    except Exception:  # casual-tone's data is another module's business; without it, report both
        return frozenset()
    return frozenset(str(k).lower() for k in slang if " " not in str(k))


def fold(word: str) -> str:
    """Case-, accent- and apostrophe-insensitive form: "O'Sullivan" -> "osullivan", "Lucía" -> "lucia"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if c.isalnum())


# --- mapping engine issues to rules ---------------------------------------------------------

def classify(issue: EngineIssue) -> str | None:
    """The followlint rule an engine issue belongs to, or None when followlint does not report it."""
    d = _data()
    if issue.engine == "harper":
        h = d["harper"]
        if issue.kind in h.get("ignored_kinds", ()):
            return None
        return h["kinds"].get(issue.kind)
    lt = d["lt"]
    if issue.rule_id in lt.get("rules", {}):
        return lt["rules"][issue.rule_id]
    if issue.kind in lt.get("disabled_categories", ()) or issue.rule_id in lt.get("disabled_rules", ()):
        return None
    return lt["categories"].get(issue.kind)


def _spelling_like(issue: EngineIssue) -> bool:
    """A word the engine does not know or thinks mistyped (where names trip it up)."""
    if issue.engine == "harper":
        return issue.kind in ("Spelling", "Typo")
    return issue.kind == "TYPOS" or issue.rule_id.startswith("MORFOLOGIK")


def _dictionary_miss(issue: EngineIssue) -> bool:
    """Not in the dictionary at all (rather than a known typo pattern such as "teh" or "exited")."""
    return issue.kind == "Spelling" if issue.engine == "harper" else issue.rule_id.startswith("MORFOLOGIK")


def _safe(issue: EngineIssue) -> bool:
    """Only a fix that cannot change the meaning: one suggestion, for a repeated word or a word boundary."""
    if len(issue.suggestions) != 1:
        return False
    if issue.engine == "harper":
        return issue.kind in _data()["harper"].get("safe_fix_kinds", ())
    return issue.rule_id in _data()["lt"].get("safe_fix_rules", ())


# --- the draft's analysis, computed once ------------------------------------------------------

@dataclass(frozen=True)
class Item:
    rule: str
    span: Span
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    engine: str | None = None  # None: one of followlint's own checks
    demoted: bool = False  # reported as info: probably right, but worth a look (a trade's compound word)
    severity: Severity | None = None  # the engine rule's own severity (grammar.yaml); None: the rule's


def items_for(draft, rule: str) -> list[Item]:
    report = draft.grammar
    if report is None:
        from followlint.grammar.service import GrammarReport

        report = draft.grammar = GrammarReport()
    memo = report.memo
    if "items" not in memo:
        memo["items"] = _analyse(draft)
    return [i for i in memo["items"] if i.rule == rule]


def _analyse(draft) -> list[Item]:
    ctx = _Context(draft)
    items: list[Item] = []
    items.extend(_salutation_items(draft, ctx))
    items.extend(_end_punctuation_items(draft, ctx))
    # One word may come under several kinds ("alot": a boundary error and a misspelling; "usefull": a
    # misspelling and a missing space) or from both engines ("recieved"): one item, every suggestion.
    groups: dict[tuple, list[EngineIssue]] = {}
    for issue in draft.grammar.issues:
        rule = classify(issue)
        if rule is not None:
            groups.setdefault((rule, issue.start, issue.end), []).append(issue)
    engine_items = []
    for (rule, *_), same in groups.items():
        same.sort(key=_issue_order)
        extra = tuple(s for other in same[1:] for s in other.suggestions)
        item = ctx.judge(same[0], rule, extra)
        if item is not None:
            engine_items.append(replace(item, severity=_severity(same[0])))
    return _dedupe(items + _merge_engines(engine_items))


#: Of several kinds Harper gives one span, the first here decides the message and the fix.
_KIND_PRIORITY = {"BoundaryError": 0, "Spelling": 1, "Typo": 2}


def _issue_order(issue: EngineIssue) -> tuple[int, int]:
    """Which of several issues on one span speaks for it: the preferred engine, then Harper's kind order."""
    engines = _data()["prefer"]
    return (engines.index(issue.engine) if issue.engine in engines else len(engines),
            _KIND_PRIORITY.get(issue.kind, len(_KIND_PRIORITY)))


def _severity(issue: EngineIssue) -> Severity | None:
    """A LanguageTool rule's or category's own severity (rules/data/grammar.yaml); None: the rule's."""
    if issue.engine != "languagetool":
        return None
    table = _data()["lt_severity"]
    return table.get(issue.rule_id) or table.get(issue.kind)


def _merge_engines(items: list[Item]) -> list[Item]:
    """Where LanguageTool and Harper flag overlapping words ("to join" / "join"), keep the more specific item.

    Items of one engine are left alone (the per-rule dedupe handles them); an item of the other engine that
    overlaps the chosen one is dropped. Overlapping items are found in one sweep over the starts."""
    if len({item.engine for item in items}) < 2:
        return items
    order = sorted(range(len(items)), key=lambda k: (items[k].span.start, -items[k].span.end))
    parent = list(range(len(items)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    active: list[int] = []
    for k in order:
        item = items[k]
        active = [a for a in active if items[a].span.end > item.span.start or items[a].span == item.span]
        for a in active:
            if items[a].engine != item.engine:
                parent[root(k)] = root(a)
        active.append(k)
    clusters: dict[int, list[int]] = {}
    for k in range(len(items)):
        clusters.setdefault(root(k), []).append(k)
    dropped: set[int] = set()
    for members in clusters.values():
        if len({items[k].engine for k in members}) < 2:
            continue
        best = max(members, key=lambda k: _specificity(items[k]))
        dropped |= {k for k in members if k != best and items[k].engine != items[best].engine
                    and _touch(items[k].span, items[best].span)}
    return [item for k, item in enumerate(items) if k not in dropped]


def _touch(a: Span, b: Span) -> bool:
    return a == b or a.overlaps(b)


def _specificity(item: Item) -> tuple:
    """The more specific of two engines' items on the same words: a rule that names the problem beats a
    dictionary miss; then the narrower span (it points at the words to change); then one with suggestions;
    then the preferred engine."""
    engines = _data()["prefer"]
    return (item.rule != "misspelled-word" or "not in the dictionary" not in item.message,
            -(item.span.end - item.span.start), bool(item.suggestions),
            -(engines.index(item.engine) if item.engine in engines else len(engines)))


def _dedupe(items: list[Item]) -> list[Item]:
    """One finding per place: the first of overlapping items of the same rule wins (own checks come first,
    then LanguageTool, then Harper); a span two engines put under different rules is reported once."""
    # Indexed, not pairwise (a pasted wall of 10,000 flagged tokens took 20 s). The kept non-empty spans of
    # one rule never overlap each other, so one binary search finds the only one that could overlap; an
    # empty span (a missing comma) overlaps a span only strictly inside it (Span.overlaps).
    out: list[Item] = []
    kept: dict[str, tuple[list[int], list[int], list[int]]] = {}  # rule -> starts, ends, empty-span points
    engine_spans: set[Span] = set()
    for item in items:
        span = item.span
        starts, ends, points = kept.setdefault(item.rule, ([], [], []))
        if span.start < span.end:
            i = bisect.bisect_right(ends, span.start)
            if i < len(starts) and starts[i] < span.end:
                continue
            j = bisect.bisect_right(points, span.start)
            if j < len(points) and points[j] < span.end:
                continue
            if item.engine and span in engine_spans:
                continue
            starts.insert(i, span.start)
            ends.insert(i, span.end)
            if item.engine:
                engine_spans.add(span)
        else:
            i = bisect.bisect_right(ends, span.start)
            if i < len(starts) and starts[i] < span.start:
                continue
            bisect.insort(points, span.start)
        out.append(item)
    return out


class _Context:
    """What the filters need to know about one draft."""

    def __init__(self, draft) -> None:
        self.draft = draft
        self.a = draft.analysis
        self.text = draft.text
        report = draft.grammar
        d = _data()
        self.known = set(d["accept"]) | {fold(w) for w in report.vocabulary}
        self.context_words = _context_words(draft)
        self.known |= self.context_words
        self.dialect_variants = {w.lower() for w in report.dialect_variants}
        self.casual = _casual_words()
        self.honorifics = d["honorifics"]
        self.excluded = _excluded_spans(draft)
        self._entities: list[tuple[int, int, int]] | None = None
        self._proper: set[str] | None = None
        self._families: set[str] | None = None  # the draft's words the engines know (_family_word)

    # -- the verdict on one issue --

    def judge(self, issue: EngineIssue, rule: str, extra: tuple = ()) -> Item | None:
        span = Span(issue.start, issue.end)
        content = self.draft.content
        if span.start < content.start or span.end > content.end:
            return None
        if self._in_excluded(span):
            return None
        for part in (self.draft.signature_name, self.draft.closing):
            if part is not None and part.start <= span.start and span.end <= part.end:
                # "Freya Mac an tSaoir", "Rajendran s/o Subramaniam", "Ngā mihi": a name's particles and a
                # recognised sign-off are not the engine's to correct (followlint checks their case itself)
                return None
        word = self.text[span.start:span.end]
        if rule == "misspelled-word" and _spelling_like(issue):
            verdict = self._spelling(issue, span, word)
            if verdict != "report":
                return verdict if isinstance(verdict, Item) else None
        elif rule == "capitalization":
            core = _core(word)
            if core == "i" or core.lower() in self.casual:
                return None  # a lower-case "i", chat-speak ("u"): the casual-tone checks' findings
            if fold(core) in self.known or _camel(core) or _acronym(core):  # brands: "dbt", "iPhone", "REDCap"
                return None
            first = next((s.text for s in issue.suggestions if s.text), "")
            if any(a.isupper() and b.islower() for a, b in zip(word, first)):
                return None  # the engine lowering a capital: a brand's or a title's casing is the writer's call
            if _titlecase(core) and first == core.upper():
                # "Sam" -> "SAM", "Mia" -> "MIA": a first name that collides with an acronym. In mid-sentence a
                # capitalised word is a name (as for spelling); at a sentence start it may be either.
                if not self.sentence_start(span.start):
                    return None
                return replace(_item(issue, rule, span, word, extra), demoted=True)
            if "sentence" in issue.message.lower() and core[:1].islower() and first.lower() == core.lower() \
                    and not self.sentence_start(span.start):
                return None  # "Dear Mr. and Mrs. Alvarez": the full stop of a title does not end a sentence
        elif rule == "repeated-word":
            if {w.lower() for w in word.split()} <= _data()["repeated_ok"]:
                return None
        elif "contraction 'you're'" in issue.message.replace("`", "'") and _patterns()["after_preposition"].search(
                self.text, 0, span.start):
            return None  # "thank you for your kind words": after a preposition, 'your' is the possessive
        elif issue.kind in ("Agreement", "GRAMMAR") and _patterns()["hyphenated_pronoun"].search(self.text, 0, span.start):
            return None  # "thank-you notes": the "you" of a compound is not a subject
        elif rule != "misspelled-word" and self._names_overlap(span):
            return None  # a grammar rule misreading a name ("Will", "Hope") is not worth the noise
        elif word.lower() == "to" and any(s.text.lower() == "too" for s in issue.suggestions) \
                and self._preposition_before_noun_phrase(span):
            return None  # "my commitment to careful, kind care": 'to' heads a noun phrase, not an adjective
        item = _item(issue, rule, span, word, extra)
        if issue.engine == "harper" and _data()["info_messages"].search(issue.message):
            return replace(item, demoted=True)  # a style choice the engine states as a rule
        return item

    def _spelling(self, issue: EngineIssue, span: Span, word: str):
        if " " in word.strip() and all(_titlecase(w) for w in word.split()):
            return None  # "Daniela Costa" read as a misplaced space ("Daniel Acosta"): two names
        core = _core(word)
        if not core or len(core) == 1 or any(c.isdigit() for c in core):
            return None
        folded = fold(core)
        if folded in self.known or (folded.endswith("s") and folded[:-1] in self.known):
            if core.islower() and self._known_capitalised(core):
                return _capitalise_item(issue, span, word, core)
            return None
        known_parts = self.draft.grammar.known_parts
        if "-" in core and all(fold(p) in self.known or p.lower() in known_parts or _titlecase(p) or p.isupper()
                               for p in core.split("-") if p):
            return None
        if "-" in core and core.split("-", 1)[0].lower() in _data()["hyphen_prefixes"]:
            return None  # "re-read", "co-led": a prefix compound the dictionary lacks
        if core.lower() in _data()["hyphen_prefixes"] and self.text[span.end:span.end + 1] in ("-", "‐"):
            return None  # the engine read only the prefix of "mis-picks"
        if _acronym(core) or _camel(core):
            return None
        if re.fullmatch(r"[A-Z]{2,}[a-z]+", core) and (core[2].isupper() or not any(
                x.text.lower() == core.lower() for x in issue.suggestions)):
            # a degree or a product ("MSc", "BEng", "DIALux", "CATalyst"); "THe" is a slip of the shift key
            return None
        lower = core.lower()
        if stretched_for_effect(core):
            return None  # "soooo", "pleeease", "Yesss": stretched for effect, a casual-tone finding (slang's)
        if core.islower():
            if lower in self.dialect_variants or lower in self.casual:
                return None
            first = next((s.text for s in issue.suggestions if s.text), "")
            if first and first.lower() == lower and first != core:  # "january" -> "January", "marcus"
                return _capitalise_item(issue, span, word, core, first)
            if lower in self.draft.grammar.plural_words:
                return None  # the plural of a dictionary word the dictionary lists only in the singular
            why = self._trade_word(issue, core, lower)
            if why:
                return replace(_item(issue, "misspelled-word", span, word), demoted=True,
                               message=f"'{core}' is not in the dictionary, but {why}: if it is a term of your trade "
                                       "or a name, add it to the `vocabulary` setting; if not, check the spelling.")
            return "report"
        if _titlecase(core):
            if not self.sentence_start(span.start):
                return None  # a capitalised word in mid-sentence that the dictionary lacks: a proper noun
            if fold(core) in self.proper_nouns() or core.lower() in self.casual:
                return None
            if self._alone_on_line(span, core):
                return None  # "Rajya," above the letter: a greeting that is only a name
            if self.text[span.end:span.end + 1] == "," and self._panel():
                return None  # "Callum, thank you for ...": a panellist addressed in turn
            # At a sentence start a name and a typo look alike. Common misspellings are one edit from the
            # word meant ("Recieve", "Thier"); names are rarely that close to a dictionary word ("Okafor" ->
            # "Orator"). Close to a word: a typo, unless spaCy sees it inside a longer name ("Lumora Health").
            suggested = next((s.text for s in issue.suggestions if s.text), None)
            if suggested is None or OSA.distance(core.casefold(), suggested.casefold()) > 1:
                return None
            if self._entity_at(span, multi_token=True):
                return None
        return "report"

    def _trade_word(self, issue: EngineIssue, core: str, lower: str) -> str | None:
        """Why an unknown lower-case word looks like a trade's term or a loanword rather than a slip, if it does."""
        near = [OSA.distance(lower, x.text.lower()) for x in issue.suggestions[:3] if x.text]
        # A suggestion that only splits the word ("realtime" -> "real time", "real-time") is the compound itself.
        # Nor is one that only swaps the prefix ("reinstallation" -> "preinstallation"): the word is the same.
        respelt = [OSA.distance(lower, x.text.lower()) for x in issue.suggestions[:3]
                   if x.text and re.sub(r"[\s-]", "", x.text.lower()) != lower
                   and not (len(lower) >= 10 and x.text.lower().endswith(lower[-6:]))]
        short_prefix = any(lower.startswith(p) for p in _data()["hyphen_prefixes"] if len(p) <= 3)
        if lower in self.draft.grammar.compound_words and (short_prefix or not (
                respelt and min(respelt) <= 1 and "-" not in self.text[issue.start - 1:issue.end + 1])):
            # A slip of one letter often splits into two words too ("wellfare", "pasttime"): only a word no
            # single edit turns into a dictionary word is a trade's coinage ("intercompany"). A short prefix
            # ("rebacking", "reinstallation") is a coinage whatever the suggestions ("repacking").
            return "it is made of known words"
        family = self._family_word(issue, lower)
        if family:
            return f"'{family}', a word of the same family, is in the draft"
        if not core.isascii():
            return "words with accents are usually loanwords or names"
        if len(lower) >= 6 and (not near or min(near) >= 3):
            # Slips of the fingers are one or two edits from the word meant (all 171 common misspellings in
            # tests/data are); a word three edits from every suggestion is a term or a name.
            return "it is not close to any word in it"
        if len(lower) >= 6 and min(near) >= 2 and not any(_same_skeleton(lower, x.text.lower())
                                                          for x in issue.suggestions[:3] if x.text):
            # A slip two edits from the word meant keeps that word's consonants: a doubled or single letter
            # ("comittment", "tommorow"), a vowel ("greatful", "schedual"), c for s ("lisence"), a dropped
            # "al" before "ly" ("accidently"). A word two edits from every suggestion with other consonants
            # ("varroa" / "arrow", "bycatch" / "batch") is a term of the writer's trade.
            return "its consonants are not those of any word it is close to"
        return None

    def _family_word(self, issue: EngineIssue, lower: str) -> str | None:
        """A known word of the draft that shares the unknown word's stem, each a regular ending away from it
        ("precepting" beside "preceptor", "rostering" beside "roster"): the writer's own term, used twice.

        A slip is rarely the stem of another word the same draft spells right; the one that is, a letter
        dropped where stem and ending meet ("transfering" beside "transfer", "managment" beside "manager"), is
        kept: the engine suggests the word with that letter."""
        endings = _data()["family_endings"]
        if self._families is None:
            flagged = {self.text[i.start:i.end].lower() for i in self.draft.grammar.issues if _dictionary_miss(i)}
            c = self.draft.content
            self._families = {w.lower() for w in _TOKEN.findall(self.a, c.start, c.end)
                              if w.isalpha() and w.lower() not in flagged}
        known = self._families
        suggested = {s.text.lower() for s in issue.suggestions if s.text}
        for ending in endings:
            if not ending or not lower.endswith(ending):
                continue
            stem = lower[:-len(ending)]
            if len(stem) < 5 or any(x.startswith(stem) and x.endswith(ending) and len(x) == len(lower) + 1
                                    for x in suggested):
                continue  # a letter dropped at the seam: "transfering" (transferring), "managment" (management)
            for other in ("", "e", *endings):
                word = stem + other
                if word != lower and word in known:
                    return word
        return None

    def _preposition_before_noun_phrase(self, span: Span) -> bool:
        """The words after 'to' are adjectives (a list of them, with commas and 'and') ending in a noun:
        "to careful, compassionate care", "to early, quiet starts". 'too' would end the phrase at the adjective
        ("it was to late, so I left")."""
        doc = self.draft.annotated("pos")
        if doc is None:
            return False
        base = self.draft.content.start
        k = next((t.i for t in doc if base + t.idx == span.start), None)
        if k is None:
            return False
        adjectives = 0
        for tok in doc[k + 1:k + 8]:
            if tok.pos_ == "ADJ":
                adjectives += 1
            elif tok.text == "," or tok.lower_ in ("and", "or") or tok.pos_ == "ADV":
                continue
            else:
                return adjectives > 0 and tok.pos_ in ("NOUN", "PROPN")
        return False

    def _alone_on_line(self, span: Span, core: str) -> bool:
        start = self.text.rfind("\n", 0, span.start) + 1
        end = self.text.find("\n", span.end)
        return self.text[start:end if end >= 0 else len(self.text)].strip() in (core + ",", core + ":")

    def _panel(self) -> bool:
        from followlint.anatomy.message_kind import detect_kind

        return detect_kind(self.draft).kind == "panel"

    def _known_capitalised(self, core: str) -> bool:
        """A known name written in lower case ("marcus" for the interviewer Marcus)."""
        return fold(core) in self._context_names

    @property
    def _context_names(self) -> set[str]:
        names: set[str] = set()
        ctx = self.draft.context
        for value in (*ctx.interviewers, ctx.company or ""):
            names.update(fold(t) for t in _TOKEN.findall(value) if t[:1].isupper())
        return names

    # -- helpers --

    def _in_excluded(self, span: Span) -> bool:
        if any(span.overlaps(e) for e in self.excluded):
            return True
        # blanked in the analysis text (quoted reply, directive) but not in the original
        return span.end > span.start and not self.a[span.start:span.end].strip()

    def _names_overlap(self, span: Span) -> bool:
        """The span holds a name from the context, greeting or signature ("Will", "Hope", "Rose")."""
        for m in _TOKEN.finditer(self.text, span.start, span.end):
            core = _core(m.group(0))
            if core and core[0].isupper() and fold(core) in self.context_words:
                return True
        return False

    def sentence_start(self, pos: int) -> bool:
        return _sentence_start(self.draft, pos, self.honorifics)

    def proper_nouns(self) -> set[str]:
        """Capitalised words this draft uses in mid-sentence: it treats them as names everywhere."""
        if self._proper is None:
            out = set()
            c = self.draft.content
            for m in _TOKEN.finditer(self.a, c.start, c.end):
                core = _core(m.group(0))
                if core and _titlecase(core) and not _sentence_start(self.draft, m.start(), self.honorifics):
                    out.add(fold(core))
            self._proper = out
        return self._proper

    def _entity_at(self, span: Span, multi_token: bool = False) -> bool:
        """Inside a name spaCy recognised (of several words, with ``multi_token``)."""
        if self._entities is None:
            self._entities = []
            doc = self.draft.doc  # runs spaCy's NER only now, when a capitalised unknown word needs it
            if doc is not None and getattr(doc, "ents", None) is not None:
                base = self.draft.content.start
                self._entities = [(base + e.start_char, base + e.end_char, len(e)) for e in doc.ents
                                  if e.label_ in NAME_LABELS]
        return any(s < span.end and span.start < e and (n > 1 or not multi_token) for s, e, n in self._entities)


def _context_words(draft) -> set[str]:
    """Words that are names here: front matter context, greeting, signature, address block, e-mail headers."""
    words: set[str] = set()
    particles = frozenset(_data()["name_particles"])  # "Van der Berg", "da Silva", "bin Hamad"
    ctx = draft.context
    for value in (*ctx.interviewers, ctx.company or "", ctx.role or ""):
        words.update(fold(t) for t in _TOKEN.findall(value))
        words.update(fold(p) for t in _TOKEN.findall(value) for p in re.split(r"[-'’.]", t) if p)
    a = draft.analysis
    if draft.greeting is not None:
        tokens = _TOKEN.findall(a[draft.greeting.start:draft.greeting.end])
        words.update(fold(t) for t in tokens[1:] if t[:1].isupper() or t in particles)
    for span in (draft.signature_name, draft.signature, draft.header_block):
        if span is not None:
            words.update(fold(t) for t in _TOKEN.findall(a[span.start:span.end]) if t[:1].isupper() or t in particles)
    for key in ("from", "to"):
        value = (draft.headers or {}).get(key)
        if value:
            words.update(fold(t) for t in _TOKEN.findall(value) if t[:1].isupper())
    words.discard("")
    return words


def _excluded_spans(draft) -> list[Span]:
    c = draft.content
    a = draft.analysis
    spans = list(draft.contacts)
    for pattern in (_patterns()["placeholder"], EMAIL, URL, PHONE):
        spans.extend(Span(m.start(), m.end()) for m in pattern.finditer(a, c.start, c.end))
    # a handle ("@kmehta", "@dana.r"): a name on a platform, never a word to spell-check
    spans.extend(Span(m.start(), m.end()) for m in _HANDLE.finditer(a, c.start, c.end))
    # a word glued to a placeholder: "[Name]'s", "[Company]s"
    for m in re.finditer(r"(?<=[\]}>])['’]?s\b", a[c.start:c.end]):
        spans.append(Span(c.start + m.start(), c.start + m.end()))
    return spans


def _sentence_start(draft, pos: int, honorifics) -> bool:
    """Whether the word at ``pos`` starts a sentence (or a line of its own such as a list item)."""
    a = draft.analysis
    lo = draft.content.start
    i = pos - 1
    saw_newline = False
    while i >= lo and (a[i] in " \t\r\n" or a[i] in _OPENERS):
        if a[i] == "\n":
            if saw_newline:
                return True  # a blank line: a new paragraph
            saw_newline = True
        i -= 1
    if i < lo:
        return True
    if draft.greeting is not None and i == draft.greeting.end - 1:
        return True
    ch = a[i]
    if ch in _SENTENCE_END:
        if ch == ".":
            m = re.search(r"([^\W\d_]+)\.$", a[max(lo, i - 12):i + 1])
            if m and (m.group(1).lower() in honorifics or len(m.group(1)) == 1):
                return False  # "Mr. Wojciechowski", "J. Okafor"
        return True
    if ch in ":;" and saw_newline:
        return True
    if saw_newline:
        # a line that starts with a bullet, or follows a line with no closing punctuation (a signature line)
        line_start = a.rfind("\n", lo, pos) + 1
        if _LINE_BULLET.match(a, line_start, pos):
            return True
    return False


def _core(word: str) -> str:
    core = word.strip("\"'“”‘’()[]{}<>*_.,;:!?")
    return _POSSESSIVE.sub("", core) if len(core) > 2 else core


def _titlecase(word: str) -> bool:
    """'Okafor', and names with a particle and apostrophe: "O'Callaghan", "D'Souza", "N’Diaye"."""
    if re.fullmatch(r"[A-Z][a-z]?['’][A-Z][a-z]+", word):
        return True
    return len(word) > 1 and word[0].isupper() and word[1:].replace("'", "").replace("’", "").islower()


def _skeleton(word: str) -> str:
    """The consonants of a word, doubled letters as one and c/k/s/z as one sound: "commitment" -> "kmtmnt"."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    letters = re.sub(r"[cksz]", "k", letters)
    letters = re.sub(r"(.)\1+", r"\1", letters)
    return re.sub(r"[aeiouy]", "", letters)


def _same_skeleton(word: str, suggestion: str) -> bool:
    """Whether a slip could have turned ``suggestion`` into ``word``: the same consonants, or two letters
    swapped among them ("lisence"), letters only dropped or swapped, or "ly" for "ally" ("basicly" beside
    "basic")."""
    a, b = _skeleton(word), _skeleton(suggestion)
    if a == b or (len(a) == len(b) and OSA.distance(a, b) == 1 and sorted(a) == sorted(b)):
        return True
    if not Counter(word) - Counter(suggestion):
        # Letters dropped or swapped, none added ("neiborhood", "recommdation", "sublcuase"): the commonest
        # slips of all lose consonants too. A term adds letters of its own ("varroa", "bycatch").
        return True
    return word.endswith("ly") and a == b + "l"


def _acronym(word: str) -> bool:
    letters = word.rstrip("s") if len(word) > 2 else word
    return len(letters) >= 2 and letters.replace("&", "").replace(".", "").isupper()


def _camel(word: str) -> bool:
    return bool(re.search(r"[a-z][A-Z]|^[a-z]+[A-Z]", word))


# --- building items ---------------------------------------------------------------------------

def _clean(message: str) -> str:
    message = re.sub(r"`([^`]*)`", r"'\1'", message.strip())
    return message if message.endswith((".", "?", "!")) else message + "."


def _item(issue: EngineIssue, rule: str, span: Span, word: str, extra: tuple = ()) -> Item:
    """``extra``: other engines' or kinds' suggestions for the same span, listed after the issue's own."""
    replacements = []
    edits = []
    for s in issue.suggestions:
        if s.kind == REMOVE:
            replacements.append("")
            edits.append(Edit(span.start, span.end, ""))
        elif s.kind == INSERT_AFTER:
            replacements.append(word + s.text)
            edits.append(Edit(span.end, span.end, s.text))
        else:
            replacements.append(s.text)
            edits.append(Edit(span.start, span.end, s.text))
    replacements += [s.text for s in extra if s.kind not in (REMOVE, INSERT_AFTER)]
    replacements = [r for r in dict.fromkeys(replacements) if r != word][:3]
    fix = None
    if edits:
        first = edits[0]
        title = (f"Replace '{word}' with '{first.replacement}'" if first.start != first.end or not word
                 else f"Insert '{first.replacement}' after '{word}'")
        if first.replacement == "" and first.start != first.end:
            title = f"Remove '{word}'"
        case_only = first.start != first.end and first.replacement.lower() == word.lower()
        fix = Fix((first,), title, safe=_safe(issue) or case_only)
    if rule == "misspelled-word" and _dictionary_miss(issue):
        if replacements:
            listed = "', '".join(r for r in replacements if r)
            message = (f"'{word}' is not in the dictionary; did you mean '{listed}'? (A term of your trade? Add "
                       "it to the `vocabulary` setting.)")
        else:
            message = (f"'{word}' is not in the dictionary. If it is a name or a term, add it to the "
                       "`vocabulary` setting.")
    elif rule == "repeated-word":
        message = f"'{word}' repeats a word; remove the second one."
    else:
        message = _clean(issue.message)
        if replacements and replacements[0] and f"'{replacements[0]}'" not in message:
            message += f" Suggestion: '{replacements[0]}'."
    return Item(rule, span, message, tuple(replacements), fix, issue.engine)


def _capitalise_item(issue: EngineIssue, span: Span, word: str, core: str, fixed: str | None = None) -> Item:
    fixed = fixed or core[:1].upper() + core[1:]
    start = span.start + word.find(core) if core in word else span.start
    target = Span(start, start + len(core))
    return Item("capitalization", target, f"'{core}' is a name; write '{fixed}'.", (fixed,),
                Fix((Edit(target.start, target.end, fixed),), f"Capitalise '{core}'", safe=True), issue.engine)


# --- checks that need no engine ---------------------------------------------------------------

def _salutation_items(draft, ctx: _Context) -> list[Item]:
    out: list[Item] = []
    a = draft.analysis
    g = draft.greeting
    if g is not None:
        text = a[g.start:g.end]
        first = _TOKEN.search(text)
        if first and first.group(0)[0].islower():
            s = g.start + first.start()
            fixed = first.group(0)[0].upper() + first.group(0)[1:]
            out.append(Item("capitalization", Span(s, s + len(first.group(0))),
                            f"Start the greeting with a capital letter: '{fixed}'.", (fixed,),
                            Fix((Edit(s, s + 1, fixed[0]),), f"Capitalise '{first.group(0)}'", safe=True)))
        line_end = a.find("\n", g.end)
        rest = a[g.end:line_end if line_end >= 0 else len(a)]
        if (text.rstrip()[-1:].isalnum() and not rest.strip() and draft.body is not None
                and draft.body.start > g.end and not _patterns()["placeholder"].fullmatch(text.split(None, 1)[-1])):
            out.append(Item("punctuation", g, f"Put a comma after the greeting: '{text.rstrip()},'.",
                            (text.rstrip() + ",",), Fix((Edit(g.end, g.end, ","),), "Add a comma after the greeting",
                                                        safe=True)))
    c = draft.closing
    if c is not None:
        text = a[c.start:c.end]
        tokens = list(_TOKEN.finditer(text))
        edits = []
        for k, m in enumerate(tokens):
            w = m.group(0)
            if k == 0 and w[0].islower():
                edits.append(Edit(c.start + m.start(), c.start + m.start() + 1, w[0].upper()))
            elif k > 0 and w[0].isupper() and w != "I" and w[1:].islower():
                edits.append(Edit(c.start + m.start(), c.start + m.start() + 1, w[0].lower()))
        if edits:
            chars = list(text)
            for e in edits:
                chars[e.start - c.start] = e.replacement
            fixed = "".join(chars)
            out.append(Item("capitalization", c, f"Write the sign-off as '{fixed}': only its first word takes a capital.",
                            (fixed,), Fix(tuple(edits), f"Write '{fixed}'", safe=True)))
        name = draft.signature_name
        if (text.rstrip()[-1:].isalnum() and name is not None and name.start >= c.end
                and not _patterns()["placeholder"].search(a[name.start:name.end])):
            out.append(Item("punctuation", c, f"Put a comma after the sign-off: '{text.rstrip()},'.",
                            (text.rstrip() + ",",), Fix((Edit(c.end, c.end, ","),), "Add a comma after the sign-off",
                                                        safe=True)))
    return out




def _end_punctuation_items(draft, ctx: _Context) -> list[Item]:
    """A body paragraph of prose whose last sentence has no full stop."""
    out: list[Item] = []
    a = draft.analysis
    for para in draft.paragraphs:
        body = a[para.start:para.end]
        last_line_start = body.rfind("\n") + 1
        last_line = body[last_line_start:]
        if any(_LINE_BULLET.match(line) for line in body.splitlines()):
            continue  # a list
        end = len(body.rstrip())
        k = end
        while k > 0 and body[k - 1] in "\"'”’»)]}*_":
            k -= 1
        if k == 0 or not body[k - 1].isalnum():
            continue
        if last_line.lstrip()[:1] in "[{<(":
            continue  # a template's instruction line: "[Optional: include ...]"
        if re.match(r"[ \t]*[*_]*[^\W\d_][\w'’/& -]{0,30}?[*_]*:[*_]*[ \t]", last_line):
            continue  # a field, not a sentence: "Availability: Mondays, Wednesdays and Fridays"
        words = _patterns()["placeholder"].sub(" ", last_line).split()
        if len(words) < 5:
            continue  # a short line (a heading, a label, a name) or a template's instruction in brackets
        if any(e.start < para.start + k <= e.end and not _patterns()["placeholder"].fullmatch(a[e.start:e.end]) for e in ctx.excluded):
            continue  # ends in a URL, an e-mail address or a phone number
        if not any(ch.islower() for ch in last_line):
            continue
        m = re.search(r"[^\W_][\w'’-]*$", body[:k])
        word_span = Span(para.start + m.start(), para.start + k) if m else Span(para.start + k - 1, para.start + k)
        out.append(Item("punctuation", word_span, "This sentence has no full stop at the end.", (".",),
                        Fix((Edit(word_span.end, word_span.end, "."),), "Add a full stop", safe=False)))
    return out


# --- the rules ----------------------------------------------------------------------------------

class _GrammarRule(BaseRule):
    """One of the six: it reports the shared analysis's items for its own name."""

    #: rules/data files it reads besides its own (the engines' rule mapping; chat-speak is slang's)
    data_files = ("grammar", "slang")

    def check(self, draft, options) -> Iterator[Finding]:
        severity = _data()["severity"].get(self.meta.name, self.meta.severity)
        for item in items_for(draft, self.meta.name):
            level = Severity.INFO if item.demoted else item.severity or severity
            yield self.finding(item.span, item.message, severity=level,
                               suggestions=item.suggestions, fix=item.fix)


def _meta(name: str, code: str, summary: str, docs: RuleDocs, fix: str = "sometimes", **kw) -> RuleMeta:
    return RuleMeta(name=name, code=code, category=CATEGORY, severity=Severity.WARNING, summary=summary,
                    scope="whole", docs=docs, fix=fix, needs_grammar=True, **kw)
