"""Context-aware personalisation: the greeting names the listed interviewer(s), a panel note
addresses every panelist, and the message names the company and the role it is about.

All four rules are silent unless the context (front matter, CLI flags or e-mail headers)
gives the interviewers, company or role: missing context switches them off, never on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from followlint.core.data import load_data
from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.anatomy.names import fold, match_ref, mentions, parse_greeting, people
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

_WORD = re.compile(r"[^\W_][\w'’&.-]*")
_BODY_COLLECTIVE = re.compile(
    r"\b(?:each|all|both|every one) of you\b|\byou all\b|\beveryone\b|\beverybody\b"
    r"|\b(?:whole|entire|full) (?:interview |hiring )?(?:panel|team|group|committee)\b"
    r"|\b(?:the|your) (?:interview )?panel\b|\b(?:the|your) (?:hiring|search|selection) committee\b",
    re.I)


def _join(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


class InterviewerNameMismatch(BaseRule):
    meta = RuleMeta(
        name="interviewer-name-mismatch", code="P200", category="missing-interviewer-name",
        severity=Severity.ERROR, scope="greeting", fix="sometimes",
        summary="The greeting names someone other than the listed interviewer, or misspells the name.",
        docs=RuleDocs(
            what="With the interviewer(s) given in the context (front matter `interviewers`, `--interviewer`, "
                 "or the To: name of an .eml), a greeting whose name is not one of them, or is a near miss of "
                 "one ('Dear Ms. Whitman' to Dana Whitfield). A first name ('Hi Dana'), a title and surname "
                 "('Dear Ms. Whitfield'), the full name and common short forms ('Bob' for Robert) all match. "
                 "Greetings that name nobody ('Dear Hiring Manager') or hold a placeholder are reported by "
                 "missing-interviewer-name and unfilled-placeholder instead.",
            why="Getting the name wrong is the one mistake an interviewer is sure to notice: it says the note was "
                "copied from another application or written in a hurry. It undoes the personal touch the "
                "greeting is for.",
            example="---\ninterviewers: Dana Whitfield\n---\nDear Ms. Whitman,",
            instead="Dear Ms. Whitfield,",
            fix_safety="The suggested spelling replaces the name in the greeting; it is offered as an unsafe fix "
                       "because only you know who you are writing to.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        persons = people(draft)
        if not persons:
            return
        greeting = parse_greeting(draft)
        if greeting is None or greeting.placeholder:
            return
        listed = _join([p.display for p in persons])
        for ref in greeting.names:
            match = match_ref(ref, persons)
            if match.exact:
                continue
            if match.suggestion:
                fix = Fix((Edit(ref.span.start, ref.span.end, match.suggestion),),
                          f"Write '{match.suggestion}'", safe=False) if draft.fixable else None
                yield self.finding(ref.span, f"'{ref.text}' looks like a misspelling of the interviewer's name "
                                             f"({match.person.display}); write '{match.suggestion}'.",
                                   suggestions=(match.suggestion,), fix=fix)
            else:
                who = "the interviewer is" if len(persons) == 1 else "the interviewers are"
                yield self.finding(ref.span, f"The greeting addresses '{ref.text}', but {who} {listed}; "
                                             "check you are writing to the right person.",
                                   suggestions=tuple(_forms(ref, persons)))


def _forms(ref, persons) -> list[str]:
    out = []
    for p in persons:
        if ref.title and len(p.written) > 1:
            out.append(f"{ref.text.split()[0]} {p.written[-1]}")
        else:
            out.append(p.written[0])
    return out


class PanelIncomplete(BaseRule):
    meta = RuleMeta(
        name="panel-incomplete", code="P201", category="panel-incomplete",
        severity=Severity.WARNING, scope="greeting",
        summary="A note to several interviewers leaves some of them out and has no collective salutation.",
        docs=RuleDocs(
            what="When the context lists two or more interviewers, a message that neither names each of them "
                 "(in the greeting or the body: first name, surname or full name) nor addresses them together "
                 "('Dear Hiring Team', 'Hi all', 'thank you all', 'each of you', 'the whole panel'). "
                 "Silent without a list of interviewers: a panel note written to one panelist is fine.",
            why="After a panel interview, a panelist who is left out of a note that thanks the others by name "
                "reads it as a slight, and panelists compare notes.",
            example="---\ninterviewers: [Dana Whitfield, Raj Patel, Lee Chen]\n---\nHi Dana and Raj,\n\n"
                    "Thank you both for the conversation about the analytics roadmap.",
            instead="Hi Dana, Raj and Lee,\n\nThank you all for the conversation about the analytics roadmap.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        persons = people(draft)
        if len(persons) < 2 or draft.body is None:
            return
        greeting = parse_greeting(draft)
        if greeting is not None and greeting.collective:
            return
        body = draft.view(draft.body)
        if _BODY_COLLECTIVE.search(body):
            return
        seen = draft.view(draft.greeting) + "\n" + body
        missing = [p.display for p in persons if not mentions(seen, p, fuzzy=True)]
        if not missing:
            return
        anchor = draft.greeting or draft.anchor
        yield self.finding(anchor, f"This note to {len(persons)} interviewers does not address {_join(missing)}; "
                                   "name each panelist or use a collective salutation such as 'Dear hiring team'.",
                           suggestions=("Dear hiring team,",))


# --- company and role -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _name_lists() -> dict:
    data = load_data("names")
    return {key: frozenset(fold(str(w)) for w in data[key])
            for key in ("company_suffixes", "company_generic_words", "role_modifiers")}


def _words(text: str) -> list[str]:
    return [w for w in (fold(m.group(0)) for m in _WORD.finditer(text)) if w]


def _seen_text(draft) -> str:
    """Where a mention counts: subject, greeting and body (not the signature)."""
    return "\n".join(draft.view(s) for s in (draft.subject, draft.greeting, draft.body) if s is not None)


def _contains_sequence(words: list[str], seq: list[str]) -> bool:
    n = len(seq)
    return n > 0 and any(words[i:i + n] == seq for i in range(len(words) - n + 1))


def _same_word(a: str, b: str) -> bool:
    """'analyst'~'analysts', 'engineer'~'engineering': equal or a shared stem of 5+ letters."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 3


def company_mentioned(company: str, text: str) -> bool:
    lists = _name_lists()
    words = _words(text)
    wordset = set(words)
    wordset |= {w[:-1] for w in words if w.endswith("s")}  # "Acme's" folds to "acmes"
    name = [w for w in _words(company) if w not in lists["company_suffixes"]] or _words(company)
    if not name:
        return True
    if _contains_sequence(words, name) or "".join(name) in wordset:
        return True
    distinctive = [w for w in name if w not in lists["company_generic_words"] and len(w) >= 3]
    if any(w in wordset for w in distinctive):
        return True
    raw_words = [m.group(0) for m in _WORD.finditer(company)]
    if len(name) >= 2:  # "Electronic Arts" -> "EA"
        initials = "".join(w[0] for w in name)
        if re.search(rf"\b{re.escape(initials)}\b", text, re.I):
            return True
    return any(w.isupper() and len(w) >= 2 and re.search(rf"\b{re.escape(w)}\b", text) for w in raw_words)


def role_mentioned(role: str, text: str) -> bool:
    lists = _name_lists()
    words = _words(text)
    core = [w for w in _words(role) if w not in lists["role_modifiers"]] or _words(role)
    if not core:
        return True
    if any(_same_word(w, core[-1]) for w in words):  # the head noun: "analyst", "engineer", "designer"
        return True
    if len(core) >= 2:
        initials = "".join(w[0] for w in core)
        if len(initials) >= 2 and re.search(rf"\b{re.escape(initials)}s?\b", text, re.I):  # "PM", "SRE"
            return True
    return False


class CompanyNotMentioned(BaseRule):
    meta = RuleMeta(
        name="company-not-mentioned", code="P202", category="generic-phrasing",
        severity=Severity.WARNING, scope="body",
        summary="The company given in the context is never named in the message.",
        docs=RuleDocs(
            what="With `company` in the context, a message whose subject, greeting and body never name it. "
                 "The distinctive part of the name is enough ('Northwind' for 'Northwind Traders Inc.', 'EA' "
                 "for 'Electronic Arts'); legal suffixes and generic words ('Inc', 'Labs', 'Group') are ignored.",
            why="A note that never names the employer could have been sent to any of them, and interviewers can "
                "tell. Naming the company and what draws you to it is the cheapest way to show the note is "
                "written for them.",
            example="---\ncompany: Northwind Traders\n---\nThank you for the interview. I am very interested in "
                    "the position and hope to hear from you.",
            instead="Thank you for the interview. Northwind's plan to move wholesale orders online is exactly the "
                    "kind of project I want to work on.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        company = draft.context.company
        if not company or draft.body is None or company_mentioned(company, _seen_text(draft)):
            return
        if draft.context.kind == "linkedin-note" and draft.context.role and role_mentioned(draft.context.role,
                                                                                           _seen_text(draft)):
            return  # a 300-character note may name just one of the two
        yield self.finding(draft.anchor, f"The message never names the company ({company}); say what draws you "
                                         "to it so the note could not have gone to any employer.")


class RoleNotMentioned(BaseRule):
    meta = RuleMeta(
        name="role-not-mentioned", code="P203", category="generic-phrasing",
        severity=Severity.WARNING, scope="body",
        summary="The role given in the context is never named in the message.",
        docs=RuleDocs(
            what="With `role` in the context, a message whose subject, greeting and body never name the job. "
                 "The role's main word is enough ('the analyst position' for 'Senior Data Analyst'), and so is "
                 "its abbreviation ('PM' for 'Product Manager'); seniority words are ignored.",
            why="Hiring managers interview for several openings at once; naming the role tells them at a glance "
                "which conversation you mean and shows the note is not a template.",
            example="---\nrole: Data Analyst\n---\nThank you for meeting with me about the position.",
            instead="Thank you for meeting with me about the Data Analyst position.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        role = draft.context.role
        if not role or draft.body is None or role_mentioned(role, _seen_text(draft)):
            return
        if draft.context.kind == "linkedin-note" and draft.context.company and company_mentioned(
                draft.context.company, _seen_text(draft)):
            return
        yield self.finding(draft.anchor, f"The message never names the role ({role}); mention it so the reader "
                                         "knows at once which interview you mean.")
