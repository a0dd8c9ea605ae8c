"""A progress bar for long runs on a terminal, and nothing anywhere else.

Shown only when stdout and stderr are terminals, ``CI`` is not set, ``TERM`` is not
``dumb``, the output format is one a person reads (full, concise), and there are
at least MIN_FILES drafts. While it is shown, everything the reporter writes goes
through rich's console, above the bar, which disappears when the run ends.

The bar is erased by moving the cursor up over the lines it drew, so it must never be
wider than the terminal really is: a bar that the terminal wraps onto a second line
leaves its first line behind ("0/25" above the summary). Its width is therefore the
terminal's size as the terminal driver reports it (not ``COLUMNS``, which can be stale
after a resize or exported by a script), one column less, so the last column never
triggers a wrap; the path column is cut to fit. Python-level writes to
``sys.stdout``/``sys.stderr`` while the bar is shown (a library's warning from a
warm-up thread) go above the bar too.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, Any, Iterable, Iterator, Mapping

if TYPE_CHECKING:
    from followlint.core.finding import FileResult

MIN_FILES = 20
STARTING = "starting the language engines…"
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

    def __init__(self, stdout: IO[str] | Any, stderr: IO[str] | Any, bar=None, task=None) -> None:
        self.stdout, self.stderr = stdout, stderr
        self._bar, self._task = bar, task

    @property
    def shown(self) -> bool:
        return self._bar is not None

    #: cells the path column may use (set by :func:`progress` from the terminal's width)
    path_width = 40

    def advance(self, path: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, path=_short(clean(path), self.path_width))

    def track(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """Pass ``results`` through, advancing the bar as each draft is linted (before any run-level pass)."""
        for result in results:
            self.advance(result.path)
            yield result


def clean(path: str) -> str:
    from followlint.reporters.base import clean_path

    return clean_path(path)


def _short(path: str, width: int = 40) -> str:
    if width <= 1:
        return ""
    return path if len(path) <= width else "…" + path[-(width - 1):]


#: Cells the bar takes besides the path: "Linting " + bar + " 9999/9999 0:00:00 " (rich adds spaces).
_FIXED = len("Linting ") + 1 + len(" 9999/9999 ") + len("0:00:00 ")
BAR_WIDTH = 40


def bar_layout(columns: int) -> tuple[int, int, int]:
    """(console width, bar width, path width) for a terminal ``columns`` wide: the line always fits."""
    width = max(20, columns - 1)
    bar = max(10, min(BAR_WIDTH, width - _FIXED - 10))
    path = max(0, width - _FIXED - bar - 1)
    return width, bar, path


def terminal_columns(*streams) -> int:
    """The real width of the terminal behind the first stream that is one (the driver's, not COLUMNS)."""
    for stream in streams:
        try:
            return os.get_terminal_size(stream.fileno()).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


@contextmanager
def progress(stdout: IO[str], stderr: IO[str], total: int, enabled: bool) -> Iterator[Tracker]:
    if not enabled:
        yield Tracker(stdout, stderr)
        return
    from rich.console import Console
    from rich.file_proxy import FileProxy
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    width, bar_width, path_width = bar_layout(terminal_columns(stdout, stderr))
    console = Console(file=stdout, force_terminal=True, highlight=False, emoji=False, markup=False, soft_wrap=True,
                      width=width)
    columns = (TextColumn("Linting"), BarColumn(bar_width=bar_width), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[path]}", markup=False))
    with Progress(*columns, console=console, transient=True, redirect_stdout=True, redirect_stderr=True) as bar:
        # until the first draft is done (a cold run first loads spaCy and Harper: seconds), say why it waits
        task = bar.add_task("lint", total=total, path=_short(STARTING, path_width))
        out, err = FileProxy(console, stdout), FileProxy(console, stderr)
        tracker = Tracker(out, err, bar, task)
        tracker.path_width = path_width
        try:
            yield tracker
        finally:
            out.flush()
            err.flush()
