"""A progress bar for long runs on a terminal, and nothing anywhere else.

Shown only when stdout and stderr are terminals, ``CI`` is not set, ``TERM`` is not
``dumb``, the output format is one a person reads (full, concise), and there are
at least MIN_FILES drafts. While it is shown, everything the reporter writes goes
through rich's console, above the bar, which disappears when the run ends.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Iterable, Iterator, Mapping

if TYPE_CHECKING:
    from followlint.core.finding import FileResult

MIN_FILES = 20
FORMATS = ("full", "concise")


def wanted(stdout: IO[str], stderr: IO[str], files: int, output_format: str,
           env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    if files < MIN_FILES or output_format not in FORMATS:
        return False
    if env.get("CI") or env.get("TERM") == "dumb" or env.get("FOLLOWLINT_NO_PROGRESS"):
        return False
    return _isatty(stdout) and _isatty(stderr)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class Tracker:
    """What the CLI talks to: streams to write to, and ``advance(path)`` after each draft."""

    def __init__(self, stdout: IO[str], stderr: IO[str], bar=None, task=None) -> None:
        self.stdout, self.stderr = stdout, stderr
        self._bar, self._task = bar, task

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def advance(self, path: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, path=_short(clean(path)))

    def track(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """Pass ``results`` through, advancing the bar as each draft is linted (before any run-level pass)."""
        for result in results:
            self.advance(result.path)
            yield result


def clean(path: str) -> str:
    from followlint.reporters.base import clean_path

    return clean_path(path)


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1):]


@contextmanager
def progress(stdout: IO[str], stderr: IO[str], total: int, enabled: bool) -> Iterator[Tracker]:
    if not enabled:
        yield Tracker(stdout, stderr)
        return
    from rich.console import Console
    from rich.file_proxy import FileProxy
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=stdout, force_terminal=True, highlight=False, emoji=False, markup=False, soft_wrap=True)
    columns = (TextColumn("Linting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[path]}", markup=False))
    with Progress(*columns, console=console, transient=True, redirect_stdout=False, redirect_stderr=False) as bar:
        task = bar.add_task("lint", total=total, path="")
        out, err = FileProxy(console, stdout), FileProxy(console, stderr)
        try:
            yield Tracker(out, err, bar, task)
        finally:
            out.flush()
            err.flush()
