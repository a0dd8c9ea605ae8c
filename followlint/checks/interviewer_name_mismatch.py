"""interviewer-name-mismatch (P200): the greeting names someone other than the listed interviewer,
or misspells the name."""

from __future__ import annotations

from typing import Iterator

from followlint.anatomy.names import match_ref, parse_greeting, people
from followlint.checks._mentions import join_names
from followlint.core.finding import Edit, Finding, Fix, Severity
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta


class InterviewerNameMismatch(BaseRule):
    #: rules/data files it reads besides its own (titles and nicknames (followlint.anatomy.names))
    data_files = ("names",)
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
        listed = join_names([p.display for p in persons])
        for ref in greeting.names:
            match = match_ref(ref, persons)
            if match.exact:
                continue
            if match.suggestion and match.person is not None:
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
