"""Drive a run: paths -> drafts -> results, one config per directory, in a stable order.

With a result cache (``Run.cache``), an unchanged draft under an unchanged
configuration is answered from the cache (followlint.run.cache). ``lint_targets``
lints many drafts over ``jobs`` worker processes when there are enough uncached
ones (followlint.run.workers); the output order is always the input order.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from followlint.core.config import ActiveRule, CliOverrides, Config, ConfigCache, resolve_rules
from followlint.anatomy.context import ContextError, DraftContext
from followlint.anatomy.draft import DraftError, parse_draft
from followlint.core.engine import Services, lint_draft
from followlint.run.files import InputError, decode_stdin, read_draft
from followlint.core.finding import FileResult

if TYPE_CHECKING:
    from followlint.checks.duplicate_message import PassStats
    from followlint.core.registry import Registry
    from followlint.run.cache import ResultCache


def _slim(draft) -> None:
    """After linting, keep what reporters and run-level passes read (text, anatomy, line index) and
    drop what the rules computed on the way (the spaCy Doc, word spans, the grammar report: 3-4x the
    draft's size), so results waiting in a run-level pass don't grow memory with the number of drafts.
    Anything dropped is recomputed if someone asks for it again."""
    from functools import cached_property

    draft._lazy_doc = None
    for name, attr in vars(type(draft)).items():
        if isinstance(attr, cached_property) and name != "lines":
            draft.__dict__.pop(name, None)
    if getattr(draft, "grammar", None) is not None:
        draft.grammar = None


@dataclass(frozen=True)
class SpawnSpec:
    """What a spawned worker process needs to rebuild the Run (a forked one inherits it); picklable."""

    explicit_config: str | None
    overrides: CliOverrides
    context: DraftContext | None
    cache_root: str | None
    settings: dict
    cache_day: str | None = None
    trust_config: bool = False

    def build(self) -> Run:
        from followlint.anatomy import readability
        from followlint.run.cache import ResultCache
        from followlint.core.registry import build_registry

        readability.use_cache_dir(self.cache_root)
        return Run(registry=build_registry(),
                   configs=ConfigCache(Path(self.explicit_config) if self.explicit_config else None,
                                       trust=self.trust_config),
                   overrides=self.overrides, context=self.context,
                   services=Services(settings=dict(self.settings)),
                   cache=ResultCache(Path(self.cache_root), self.cache_day) if self.cache_root else None)


@dataclass
class Run:
    """Everything one invocation shares across files."""

    registry: Registry
    configs: ConfigCache
    overrides: CliOverrides = field(default_factory=CliOverrides)
    context: DraftContext | None = None
    services: Services = field(default_factory=Services)
    #: followlint.run.cache.ResultCache, or None for no caching (the CLI turns it on; --no-cache off)
    cache: ResultCache | None = None
    #: worker processes for lint_targets (1: everything in this process)
    jobs: int = 1
    #: the run-level duplicate-message pass (--no-duplicates turns it off; so does duplicates = false)
    duplicates: bool = True
    #: what the duplicate pass did (comparisons, drafts), filled in by finalize; None: not counted
    duplicate_stats: PassStats | None = None
    _active: dict[int, list[ActiveRule]] = field(default_factory=dict)
    _salts: dict[int, str | None] = field(default_factory=dict)
    _dup_rules: dict[int, ActiveRule | None] = field(default_factory=dict)

    def spawn_spec(self) -> SpawnSpec:
        """This run's settings for a spawned worker process (followlint.run.workers) to rebuild it."""
        cache_root = str(self.cache.root) if self.cache is not None else None
        explicit = str(self.configs.explicit) if self.configs.explicit is not None else None
        return SpawnSpec(explicit, self.overrides, self.context, cache_root, dict(self.services.settings),
                         self.cache.day if self.cache is not None else None, self.configs.trust)

    def active_rules(self, cfg: Config) -> list[ActiveRule]:
        key = id(cfg)
        if key not in self._active:
            self._active[key] = resolve_rules(cfg, self.registry, self.overrides)
        return self._active[key]

    # --- the result cache ---------------------------------------------------------

    def cache_key(self, text: str, path: str, cfg: Config) -> str | None:
        """The draft's cache key, or None when this run or config is not cached."""
        if self.cache is None:
            return None
        salt = self._salts.get(id(cfg), "")
        if salt == "":
            from followlint.run.cache import config_salt, uses_remote_engine

            salt = None if uses_remote_engine(cfg) else config_salt(
                cfg, self.active_rules(cfg), self.context, self.services.settings, self.cache.day)
            self._salts[id(cfg)] = salt
        if salt is None:
            return None
        from followlint.run.cache import ResultCache
        from followlint.anatomy.draft import detect_format

        return ResultCache.key(salt, text, detect_format(path))

    def cached(self, text: str, path: str, key: str | None) -> FileResult | None:
        """The cached result for this draft (its Draft re-parsed, so it renders like a fresh one)."""
        if key is None or self.cache is None:
            return None
        data = self.cache.get(key)
        if data is None:
            return None
        from followlint.run.cache import apply_payload, check_entry, stand_in

        try:
            check_entry(data, text)
            draft = stand_in(text, path, self.context, data.get("fixable"))
            return apply_payload(FileResult(path=path, draft=draft), data)
        except (DraftError, ContextError, KeyError, TypeError, ValueError, OverflowError,
                AttributeError):  # a corrupt entry is a miss
            return None

    def store(self, key: str | None, result: FileResult) -> None:
        """Cache a fresh result, unless a rule crashed on it or it never got linted."""
        if key is None or self.cache is None or result.error is not None or result.draft is None:
            return
        from followlint.run.cache import payload

        self.cache.put(key, payload(result))
        reason = self.cache.disabled_reason
        if reason and reason not in self.services.notes:
            self.services.notes.append(reason)

    # --- linting --------------------------------------------------------------------

    def lint_text(self, text: str, path: str, cfg: Config) -> FileResult:
        key = self.cache_key(text, path, cfg)
        hit = self.cached(text, path, key)
        if hit is not None:
            return hit
        result = self.lint_fresh(text, path, cfg)
        self.store(key, result)
        return result

    def lint_fresh(self, text: str, path: str, cfg: Config) -> FileResult:
        """Parse and lint, ignoring the cache."""
        try:
            draft = parse_draft(text, path, context=self.context)
        except (DraftError, ContextError) as exc:
            return FileResult(path=path, error=str(exc).removeprefix(f"{path}: "))
        active = self.active_rules(cfg)
        self.services.warm_up(active, cfg)  # spaCy and Harper build side by side
        result = lint_draft(draft, active, self.services, config=cfg)
        if self.duplicates and result.error is None:
            from followlint.checks.duplicate_message import SKETCH, sketch

            result.extras[SKETCH] = sketch(draft)  # cached with the findings: a warm run needs no parse
        _slim(draft)
        return result

    def read(self, path: str) -> tuple[str, Config] | FileResult:
        """A draft's text and config, or the FileResult saying why it can't be read."""
        cfg = self.configs.for_path(Path(path))
        try:
            text, _encoding = read_draft(path, cfg.max_file_size)
        except InputError as exc:
            return FileResult(path=path, error=exc.message)
        return text, cfg

    def lint_file(self, path: str) -> FileResult:
        got = self.read(path)
        if isinstance(got, FileResult):
            return got
        text, cfg = got
        return self.lint_text(text, path, cfg)

    def lint_targets(self, targets) -> Iterator[FileResult]:
        """One result per target (a path or an InputError from discovery), in the targets' order."""
        from followlint.run.workers import iter_results

        return iter_results(self, targets)

    def lint_stdin(self, raw: bytes, filename: str | None) -> FileResult:
        path = filename or "-"
        cfg = self.configs.for_path(Path(filename) if filename else None)
        try:
            text, _encoding = decode_stdin(raw, path, cfg.max_file_size)
        except InputError as exc:
            return FileResult(path=path, error=exc.message)
        return self.lint_text(text, path, cfg)

    # --- run-level passes -------------------------------------------------------------

    def finalize(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """What needs the whole run, applied after linting and caching, order kept: the
        duplicate-message pass across drafts (followlint.checks.duplicate_message; it buffers the run),
        then each draft's score (followlint.core.score)."""
        from followlint.core.score import score_result

        timings = os.environ.get("FOLLOWLINT_TIMINGS")  # a file: the benchmarks read the pass's cost there
        if self.duplicates:
            from followlint.checks.duplicate_message import PassStats, find_duplicates

            if timings and self.duplicate_stats is None:
                self.duplicate_stats = PassStats()

            from followlint.run.repository import other_sketches

            results = find_duplicates(results, self._duplicate_rule, self.context,
                                      others=lambda linted: other_sketches(self, linted),
                                      stats=self.duplicate_stats)
        for result in results:
            yield score_result(result)
        if timings and self.duplicate_stats is not None:
            import dataclasses
            import json

            with open(timings, "w", encoding="utf-8") as fh:
                json.dump({"duplicates": dataclasses.asdict(self.duplicate_stats)}, fh)

    def _duplicate_rule(self, result: FileResult) -> ActiveRule | None:
        cfg = self.configs.for_path(Path(result.path) if result.path != "-" else None)
        if not cfg.duplicates:
            return None
        if id(cfg) not in self._dup_rules:  # once per config, not once per draft
            self._dup_rules[id(cfg)] = next(
                (a for a in self.active_rules(cfg) if a.rule.meta.name == "duplicate-message"), None)
        return self._dup_rules[id(cfg)]
