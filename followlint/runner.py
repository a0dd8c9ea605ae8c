"""Drive a run: paths -> drafts -> results, one config per directory, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from followlint.config import ActiveRule, CliOverrides, Config, ConfigCache, resolve_rules
from followlint.context import ContextError, DraftContext
from followlint.draft import DraftError, parse_draft
from followlint.engine import Services, lint_draft
from followlint.files import InputError, decode, discover, read_draft
from followlint.finding import FileResult


@dataclass
class Run:
    """Everything one invocation shares across files."""

    registry: object
    configs: ConfigCache
    overrides: CliOverrides = field(default_factory=CliOverrides)
    context: DraftContext | None = None
    services: Services = field(default_factory=Services)
    _active: dict[int, list[ActiveRule]] = field(default_factory=dict)

    def active_rules(self, cfg: Config) -> list[ActiveRule]:
        key = id(cfg)
        if key not in self._active:
            self._active[key] = resolve_rules(cfg, self.registry, self.overrides)
        return self._active[key]

    def lint_text(self, text: str, path: str, cfg: Config) -> FileResult:
        try:
            draft = parse_draft(text, path, context=self.context)
        except (DraftError, ContextError) as exc:
            return FileResult(path=path, error=str(exc).removeprefix(f"{path}: "))
        return lint_draft(draft, self.active_rules(cfg), self.services)

    def lint_file(self, path: str) -> FileResult:
        cfg = self.configs.for_path(Path(path))
        try:
            text, _encoding = read_draft(path, cfg.max_file_size)
        except InputError as exc:
            return FileResult(path=path, error=exc.message)
        return self.lint_text(text, path, cfg)

    def lint_stdin(self, raw: bytes, filename: str | None) -> FileResult:
        path = filename or "-"
        cfg = self.configs.for_path(Path(filename) if filename else None)
        try:
            if len(raw) > cfg.max_file_size:
                raise InputError(path, f"input is {len(raw):,} bytes, over the {cfg.max_file_size:,}-byte limit")
            text, _encoding = decode(raw, path)
        except InputError as exc:
            return FileResult(path=path, error=exc.message)
        return self.lint_text(text, path, cfg)

    def lint_paths(self, paths: list[str], exclude: tuple[str, ...] = ()) -> Iterator[FileResult]:
        for item in discover(paths, exclude):
            if isinstance(item, InputError):
                yield FileResult(path=item.path, error=item.message)
            else:
                yield self.lint_file(item)
