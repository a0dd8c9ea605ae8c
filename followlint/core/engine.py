"""Run the active rules over one draft: prepare what they need, isolate crashes,
apply severity overrides and suppression, and return sorted findings.
"""

from __future__ import annotations

import functools
import itertools
import traceback
from dataclasses import dataclass, field
from typing import Any

from followlint.core.config import ActiveRule
from followlint.anatomy.draft import Draft
from followlint.core.finding import FileResult, Finding, Severity, Span
from followlint.core.fixcheck import vet_fixes
from followlint.core.overlap import resolve_overlaps
from followlint.core.suppress import apply_suppressions

INTERNAL_ERROR = ("internal-error", "X001", "internal")
RULE_TIMEOUT = ("rule-timeout", "X002", "internal")
MAX_FINDINGS_PER_RULE = 50
#: What an internal-error finding asks of the user (there is no public issue tracker to link to yet).
REPORT_HINT = "please report it with the output of `followlint --version` and the rule's name"


@dataclass
class Services:
    """Shared, lazily built helpers (spaCy, grammar engines). One per run (one per worker process).

    Nothing heavy is imported until a draft needs it. :meth:`warm_up` starts the
    expensive builds in background threads as soon as the runner knows there is
    work (an uncached draft), so spaCy's import and model load overlap with
    Harper's dictionary build (which releases the GIL) and with reading drafts.
    """

    settings: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    _nlp: Any = None
    _grammar: Any = None
    _nlp_needs: frozenset = frozenset()
    _threads: list = field(default_factory=list)
    _warmed: set = field(default_factory=set)

    def nlp(self):
        if self._nlp is None:
            from followlint.anatomy.nlp import load_pipeline

            pipeline = load_pipeline(self._nlp_needs or None)
            if pipeline.note and pipeline.note not in self.notes:
                self.notes.append(pipeline.note)
            self._nlp = pipeline
        return self._nlp

    def grammar(self):
        """The grammar service (followlint.grammar.service): engines, vocabulary files, outages, shared by the run."""
        if self._grammar is None:
            from followlint.grammar.service import GrammarService

            self._grammar = GrammarService(self.notes)
        return self._grammar

    def configure(self, active: list[ActiveRule]) -> None:
        """Record the spaCy annotations the enabled rules read (the union decides which pipes load)."""
        self._nlp_needs = self._nlp_needs | nlp_needs(active)

    def warm_up(self, active: list[ActiveRule], config: Any = None, *, extra_dialects: bool = False) -> None:
        """Start building, in background threads, every engine the active rules will use.

        spaCy (import and model load, GIL-bound) and each Harper linter (native code that
        releases the GIL) build at the same time. ``extra_dialects``: also the British
        linter the grammar service asks for on some drafts (worth it before forking
        workers, which would otherwise each build their own). A rule may define
        ``warm_up(options)`` to build its own engine; it must be thread-safe and cached,
        so the rule's later call is free. Idempotent: each engine is started once per Services.
        """
        import threading

        self.configure(active)
        jobs = []
        if any(getattr(a.rule.meta, "needs_grammar", False) for a in active):
            from followlint.grammar.service import GrammarSettings

            settings = GrammarSettings.from_config(config)
            dialects = [settings.harper_dialect] if settings.uses_harper else []
            if dialects and extra_dialects and settings.dialect is None:
                dialects.append("british")
            for dialect in dialects:
                if ("harper", dialect) not in self._warmed:
                    self._warmed.add(("harper", dialect))
                    thread = _harper_warm_up(dialect)
                    if thread is not None:
                        self._threads.append(thread)
        if self._nlp_needs and "nlp" not in self._warmed:
            self._warmed.add("nlp")
            jobs.append(self.nlp)
        for item in active:
            hook = getattr(item.rule, "warm_up", None)
            key = ("rule", item.rule.meta.name)
            if callable(hook) and key not in self._warmed:
                self._warmed.add(key)
                jobs.append(functools.partial(hook, item.options))
        for job in jobs:
            thread = threading.Thread(target=_quietly, args=(job,), name="followlint-warm-up", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wait(self) -> None:
        """Join the warm-up threads (before forking workers: a fork must not copy a half-built engine)."""
        while self._threads:
            self._threads.pop().join()


def _harper_warm_up(dialect: str):
    """Start a Harper linter building in the backend's pool (its own thread); None if unavailable."""
    try:
        from followlint.grammar import harper

        return harper.warm_up(dialect)
    except Exception:  # not installed or a bad dialect: the grammar service reports it when used
        return None


def _quietly(job) -> None:
    """A warm-up failure is not reported here: the rule that needs the engine hits it and reports it."""
    try:
        job()
    except Exception:
        pass


def nlp_needs(active: list[ActiveRule]) -> frozenset:
    from followlint.anatomy.nlp import normalize_needs

    out: frozenset = frozenset()
    for item in active:
        out |= normalize_needs(item.rule.meta.needs_nlp)
    return out


def prepare(draft: Draft, active: list[ActiveRule], services: Services) -> None:
    """Give the draft what its rules declared they need: a spaCy Doc, built lazily on first read."""
    if draft._doc is not None or draft._lazy_doc is not None or draft.content.end <= draft.content.start:
        return
    services.configure(active)
    if services._nlp_needs:
        from followlint.anatomy.nlp import LazyDoc

        draft._lazy_doc = LazyDoc(services.nlp, draft.analysis[draft.content.start:draft.content.end])
        draft._nlp_needs = services._nlp_needs
        draft.__dict__.pop("sentences", None)  # recompute from the Doc


def prepare_grammar(draft: Draft, active: list[ActiveRule], services: Services, config: Any = None) -> None:
    """Run the grammar engine(s) before the rules when a rule reads ``draft.grammar`` (rules do no I/O)."""
    if draft.grammar is None and any(getattr(a.rule.meta, "needs_grammar", False) for a in active):
        draft.grammar = services.grammar().analyse(draft, config)


def lint_draft(draft: Draft, active: list[ActiveRule], services: Services | None = None,
               config: Any = None) -> FileResult:
    """``config`` is the draft's followlint.core.config.Config (grammar engine, vocabulary); None: defaults."""
    services = services or Services()
    prepare(draft, active, services)
    prepare_grammar(draft, active, services, config)
    from followlint.anatomy.nlp import normalize_needs

    union = draft._nlp_needs
    from followlint.kinds.base import PatternBudget, PatternTimeout

    findings: list[Finding] = []
    crashed = timed_out = False
    budget = PatternBudget(len(draft.text))
    for item in active:
        # A rule that declared what it reads gets just that annotated; one that didn't, everything.
        draft._nlp_needs = normalize_needs(item.rule.meta.needs_nlp) or union
        try:
            # Bounded: a pathological draft (30,000 "!!") must not produce 30,000 findings.
            with budget.rule():
                produced = list(itertools.islice(item.rule.check(draft, item.options), MAX_FINDINGS_PER_RULE + 1))
        except PatternTimeout as exc:  # not a bug, and not clean either: say the draft was not fully checked
            timed_out = True
            findings.append(_out_of_time(item.rule.meta.name, exc))
            continue
        except Exception as exc:  # a crashing rule must not take the others down
            crashed = True
            findings.append(_internal_error(draft, item.rule.meta.name, exc))
            continue
        if len(produced) > MAX_FINDINGS_PER_RULE:
            last = produced[MAX_FINDINGS_PER_RULE - 1]
            produced = produced[:MAX_FINDINGS_PER_RULE] + [Finding(
                rule=last.rule, code=last.code, category=last.category, severity=Severity.INFO,
                message=f"More than {MAX_FINDINGS_PER_RULE} findings from {last.rule} in this draft; "
                        "only the first ones are listed.", span=last.span)]
        for f in produced:
            if not (0 <= f.span.start <= f.span.end <= len(draft.text)):
                crashed = True
                findings.append(_internal_error(draft, item.rule.meta.name,
                                                ValueError(f"span {f.span} outside the text")))
                continue
            findings.append(f.with_severity(item.severity) if item.severity else f)
    draft._nlp_needs = union
    # one span, one finding: rules that flag the same word with conflicting fixes (followlint.core.overlap)
    findings = resolve_overlaps(apply_suppressions(_dedupe(findings), draft))
    # fixes never make a draft worse: one that breaks its sentence becomes a suggestion (core.fixcheck)
    findings = vet_fixes(draft, findings, services, config)
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
    result = FileResult(path=draft.path, findings=findings, draft=draft, notes=list(draft.notes))
    kind = _kind(draft)
    if kind is not None:
        result.extras["kind"] = kind
    if crashed:
        result.error = "a rule crashed (see internal-error findings)"
    elif timed_out:
        result.error = "a rule ran out of time (see rule-timeout findings)"
    return result


def _kind(draft: Draft) -> dict | None:
    """The message kind that sets the draft's limits, and why (``extras["kind"]``: shown by the
    full, JSON and SARIF reports, cached with the findings). None for a draft with no content."""
    if draft.content.end <= draft.content.start:
        return None
    from followlint.anatomy.message_kind import detect_kind

    try:
        guess = detect_kind(draft)
    except Exception:  # the kind is information; the rules that use it report their own crashes
        return None
    return {"name": guess.kind, "reason": guess.reason}


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.code, f.span, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _out_of_time(rule: str, exc: Exception) -> Finding:
    name, code, category = RULE_TIMEOUT
    return Finding(rule=name, code=code, category=category, severity=Severity.ERROR,
                   message=f"rule {rule} ran out of time on this draft and was stopped: {exc}; its findings "
                           "for this draft are incomplete.", span=Span(0, 0))


def _internal_error(draft: Draft, rule: str, exc: BaseException) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    location = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    name, code, category = INTERNAL_ERROR
    return Finding(rule=name, code=code, category=category, severity=Severity.ERROR,
                   message=f"rule {rule} crashed: {type(exc).__name__}: {exc}{location}. "
                           f"This is a bug in followlint or a plugin; {REPORT_HINT}.",
                   span=Span(0, 0))
