"""followlint as a library: lint a draft from Python and get the same findings as ``followlint check``.

    import followlint

    result = followlint.lint_text(draft_text, context={"interviewers": ["Dana Lee"], "company": "Acme"})
    for finding in result.findings:
        print(finding.code, finding.rule, finding.message)

A :class:`Linter` keeps spaCy and Harper loaded between calls, so a long-lived process (an editor
server, a web page) pays their start-up once. The module functions share one default Linter.

Thread safety: a Linter serialises its calls with a lock, so one Linter may be shared by threads
(calls run one at a time); create one Linter per thread to lint in parallel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from followlint.core.finding import FileResult, Finding

if TYPE_CHECKING:
    from followlint.core.config import Config
    from followlint.anatomy.context import DraftContext

__all__ = ["Context", "FixResult", "LintResult", "Linter", "lint_paths", "lint_text"]

StrPath = Union[str, "PathLike[str]"]


@dataclass(frozen=True)
class Context:
    """Who the draft is for and when; set values win over the draft's front matter, as the CLI flags do.

    Strings are accepted where a user would type one: ``interviewers="Dana Lee, Raj Patel"``,
    ``interview_date="2026-11-25"``. A wrong value raises ``ValueError`` naming the field.
    """

    interviewers: tuple[str, ...] = ()
    company: str | None = None
    role: str | None = None
    interview_date: dt.date | None = None
    send_date: dt.date | None = None
    kind: str | None = None

    def __init__(self, interviewers: Sequence[str] | str = (), company: str | None = None,
                 role: str | None = None, interview_date: dt.date | str | None = None,
                 send_date: dt.date | str | None = None, kind: str | None = None) -> None:
        checked = _draft_context({"interviewers": interviewers or None, "company": company, "role": role,
                                  "interview_date": interview_date, "send_date": send_date, "kind": kind})
        for f in dataclasses.fields(self):
            object.__setattr__(self, f.name, getattr(checked, f.name))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Context:
        """From a mapping with the field names (``interview-date`` spellings as in front matter work too)."""
        checked = _draft_context(dict(data))
        return cls(**{f.name: getattr(checked, f.name) for f in dataclasses.fields(cls)})


def _draft_context(values: Mapping[str, Any]) -> DraftContext:
    from followlint.anatomy.context import DraftContext

    return DraftContext.from_mapping(dict(values), source="context")


@dataclass(frozen=True)
class LintResult:
    """One draft's findings (sorted by position), its detected kind, its 0-100 score and notes.

    ``error`` is set, with no findings and no score, when the draft could not be read (a file that is
    missing or not text, front matter that is not YAML), as the CLI reports it. ``fixable`` is False when
    the findings' fixes cannot be applied to ``text`` (an e-mail whose body had to be decoded).
    """

    findings: tuple[Finding, ...]
    kind: str
    score: int | None
    notes: tuple[str, ...]
    path: str | None
    text: str
    error: str | None = None
    fixable: bool = True


@dataclass(frozen=True)
class FixResult:
    """The text after applying fixes as ``check --fix`` does, how many were applied, and what remains."""

    text: str
    fixed: int
    result: LintResult


class _FixedConfig:
    """The ConfigCache interface over one already-resolved Config (every draft uses it)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.explicit = config.path

    def for_path(self, draft_path: Path | None) -> Config:
        return self.config


class Linter:
    """A followlint engine that stays loaded: rules, configuration, spaCy and Harper are built once.

    ``config``: a resolved ``followlint.core.config.Config``, a path to a config file (pyproject.toml with
    ``[tool.followlint]``, or .followlint.toml), or None to discover the nearest config file from each
    draft's path (relative paths are taken from ``root``, default the current directory).
    ``select``, ``extend_select`` and ``ignore`` work as the CLI options of the same names (rule names,
    codes, code prefixes or categories) and win over the config file.
    Calls are serialised with a lock (see the module docstring).
    """

    def __init__(self, config: Config | StrPath | None = None, *, root: StrPath | None = None,
                 select: Sequence[str] | None = None, extend_select: Sequence[str] = (),
                 ignore: Sequence[str] = ()) -> None:
        from followlint.core.config import CliOverrides, Config, ConfigCache
        from followlint.core.registry import build_registry
        from followlint.run.runner import Run

        self.root = Path(root) if root is not None else None
        if isinstance(config, Config):
            configs: Any = _FixedConfig(config)
        else:
            path = Path(config) if config is not None else None
            if path is not None and not path.is_file():
                from followlint.core.config import ConfigError

                raise ConfigError(f"{path}: no such config file")
            configs = ConfigCache(path)
        overrides = CliOverrides(select=tuple(select) if select is not None else None,
                                 extend_select=tuple(extend_select), ignore=tuple(ignore))
        self._run = Run(registry=build_registry(), configs=configs, overrides=overrides)
        self._run.active_rules(self._config_for(None))  # a bad config or selector fails here, not later
        self._lock = threading.RLock()

    # --- public ---------------------------------------------------------------------

    def warm_up(self) -> None:
        """Load spaCy and Harper now (they load on the first lint otherwise); returns when they are ready."""
        with self._lock:
            cfg = self._config_for(None)
            run = self._run
            run.services.warm_up(run.active_rules(cfg), cfg)
            run.services.wait()

    def lint_text(self, text: str, *, path: str | None = None,
                  context: Context | Mapping[str, Any] | None = None) -> LintResult:
        """Lint one draft. ``path`` picks the format (.md, .eml, else plain text) and the config file
        (discovered from its folder); the file is not read."""
        with self._lock:
            raw = self._lint(text, path, _to_draft_context(context))
            return self._finish([raw], [text])[0]

    def lint_paths(self, paths: Iterable[StrPath], *,
                   context: Context | Mapping[str, Any] | None = None) -> list[LintResult]:
        """Lint files and folders (drafts found as ``followlint check`` finds them), in a stable order.

        Like the CLI, the drafts of one call are also compared with each other (duplicate-message)."""
        from followlint.run.files import InputError, discover

        with self._lock:
            run = self._run
            run.context = _to_draft_context(context)
            run.duplicates = True
            raw: list[FileResult] = []
            texts: list[str] = []
            for target in discover([str(self._resolve(p)) for p in paths], self._config_for(None).exclude):
                if isinstance(target, InputError):
                    raw.append(FileResult(path=target.path, error=target.message))
                    texts.append("")
                    continue
                got = run.read(target)
                if isinstance(got, FileResult):
                    raw.append(got)
                    texts.append("")
                    continue
                text, cfg = got
                raw.append(run.lint_fresh(text, target, cfg))
                texts.append(text)
            return self._finish(raw, texts)

    def fix_text(self, text: str, *, path: str | None = None,
                 context: Context | Mapping[str, Any] | None = None, unsafe: bool = False) -> FixResult:
        """Apply the draft's fixes until none applies (safe ones; ``unsafe=True`` also the rest), exactly
        as ``followlint check --fix`` does, and lint the fixed text."""
        from followlint.core.fix import fix_text

        with self._lock:
            ctx = _to_draft_context(context)
            outcome = fix_text(text, lambda current: self._lint(current, path, ctx), unsafe=unsafe)
            result = self._finish([outcome.result], [outcome.text])[0]
            return FixResult(text=outcome.text, fixed=outcome.fixed, result=result)

    def explain(self, rule: str) -> str | None:
        """What ``followlint rule NAME`` prints for a rule name or code (Markdown), None for an unknown rule."""
        from followlint.core.ruledoc import explain

        registry: Any = self._run.registry  # never changes after start-up: no lock needed
        found = registry.get(rule)
        return explain(found) if found is not None else None

    # --- internals --------------------------------------------------------------------

    def _resolve(self, path: StrPath) -> Path:
        path = Path(path)
        return self.root / path if self.root is not None and not path.is_absolute() else path

    def _config_for(self, path: str | None) -> Config:
        target = self._resolve(path) if path is not None else (self.root or Path.cwd()) / "draft.txt"
        return self._run.configs.for_path(target)

    def _lint(self, text: str, path: str | None, context: DraftContext | None) -> FileResult:
        """One draft on its own: no duplicate pass (it compares drafts), so no sketch to compute."""
        run = self._run
        run.context = context
        run.duplicates = False
        return run.lint_fresh(text, path or "-", self._config_for(path))

    def _finish(self, raw: list[FileResult], texts: list[str]) -> list[LintResult]:
        """The CLI's run-level passes (duplicates across the drafts, then the score), as LintResults."""
        done = list(self._run.finalize(raw))
        notes = tuple(self._run.services.notes)
        return [_result(r, text, notes) for r, text in zip(done, texts)]


def _to_draft_context(context: Context | Mapping[str, Any] | None) -> DraftContext | None:
    from followlint.anatomy.context import DraftContext

    if context is None or isinstance(context, DraftContext):  # the CLI's own type passes through
        return context
    if isinstance(context, Context):
        values = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
        return _draft_context({k: v for k, v in values.items() if v not in (None, ())})
    return _draft_context(context)


def _result(raw: FileResult, text: str, run_notes: tuple[str, ...]) -> LintResult:
    draft = raw.draft
    path = None if raw.path == "-" else raw.path
    if draft is None:
        return LintResult(findings=(), kind="", score=None, notes=tuple(raw.notes), path=path, text=text,
                          error=raw.error)
    notes = tuple(dict.fromkeys([*raw.notes, *run_notes]))
    return LintResult(findings=tuple(raw.findings), kind=_kind(draft), score=raw.score, notes=notes,
                      path=path, text=getattr(draft, "text", text), error=raw.error,
                      fixable=bool(getattr(draft, "fixable", False)))


def _kind(draft: Any) -> str:
    """The message kind the rules used: the context's, else the one detected from the text."""
    kind = getattr(type(draft), "kind", None)
    if kind is not None:  # a Draft that exposes its kind itself
        value = draft.kind
        return str(getattr(value, "kind", value))
    from followlint.anatomy.message_kind import detect_kind

    return detect_kind(draft).kind


# --- module functions over a shared default Linter -------------------------------------------

_default: Linter | None = None
_default_lock = threading.Lock()


def _default_linter() -> Linter:
    global _default
    with _default_lock:
        if _default is None:
            _default = Linter()
        return _default


def _linter_for(config: Config | StrPath | None) -> Linter:
    return _default_linter() if config is None else Linter(config)


def lint_text(text: str, *, path: str | None = None, context: Context | Mapping[str, Any] | None = None,
              config: Config | StrPath | None = None) -> LintResult:
    """Lint one draft with the shared default Linter (config discovered from ``path`` or the current
    directory), or with a Linter for ``config`` when one is given."""
    return _linter_for(config).lint_text(text, path=path, context=context)


def lint_paths(paths: Iterable[StrPath], *, config: Config | StrPath | None = None) -> list[LintResult]:
    """Lint files and folders with the shared default Linter (or one for ``config``)."""
    return _linter_for(config).lint_paths(paths)
