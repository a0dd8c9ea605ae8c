"""Run the active rules over one draft: prepare what they need, isolate crashes,
apply severity overrides and suppression, and return sorted findings.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any

from followlint.config import ActiveRule
from followlint.draft import Draft
from followlint.finding import FileResult, Finding, Severity, Span
from followlint.suppress import apply_suppressions

INTERNAL_ERROR = ("internal-error", "X001", "internal")
ISSUES_URL = "https://github.com/followlint/followlint/issues"


@dataclass
class Services:
    """Shared, lazily built helpers (spaCy, grammar engines). One per run."""

    settings: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    _nlp: Any = None

    def nlp(self):
        if self._nlp is None:
            from followlint.nlp import load_pipeline

            self._nlp = load_pipeline()
            if self._nlp.note and self._nlp.note not in self.notes:
                self.notes.append(self._nlp.note)
        return self._nlp


def prepare(draft: Draft, active: list[ActiveRule], services: Services) -> None:
    """Give the draft what its rules declared they need (a spaCy Doc)."""
    if draft.doc is None and any(a.rule.meta.needs_nlp for a in active) and draft.content.end > draft.content.start:
        draft.doc = services.nlp()(draft.analysis[draft.content.start:draft.content.end])
        draft.__dict__.pop("sentences", None)  # recompute from the Doc


def lint_draft(draft: Draft, active: list[ActiveRule], services: Services | None = None) -> FileResult:
    services = services or Services()
    prepare(draft, active, services)
    findings: list[Finding] = []
    crashed = False
    for item in active:
        try:
            produced = list(item.rule.check(draft, item.options))
        except Exception as exc:  # a crashing rule must not take the others down
            crashed = True
            findings.append(_internal_error(draft, item.rule.meta.name, exc))
            continue
        for f in produced:
            if not (0 <= f.span.start <= f.span.end <= len(draft.text)):
                crashed = True
                findings.append(_internal_error(draft, item.rule.meta.name,
                                                ValueError(f"span {f.span} outside the text")))
                continue
            findings.append(f.with_severity(item.severity) if item.severity else f)
    findings = apply_suppressions(_dedupe(findings), draft)
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    result = FileResult(path=draft.path, findings=findings, draft=draft, notes=list(draft.notes))
    if crashed:
        result.error = "a rule crashed (see internal-error findings)"
    return result


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.code, f.span, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _internal_error(draft: Draft, rule: str, exc: BaseException) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    location = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    name, code, category = INTERNAL_ERROR
    return Finding(rule=name, code=code, category=category, severity=Severity.ERROR,
                   message=f"rule {rule} crashed: {type(exc).__name__}: {exc}{location}. "
                           f"This is a bug in followlint or a plugin; please report it ({ISSUES_URL}).",
                   span=Span(0, 0))
