"""Harper, the default grammar engine: embedded, offline, a few milliseconds per draft.

Building a ``harper.Linter`` is the expensive step (0.5-1.3 s: it builds the curated dictionary), and a
Linter is not thread-safe. So linters live in a small pool per dialect: :func:`borrow` hands a thread an
idle linter (waiting for one that is being built rather than building a second), and gives it back
afterwards. :func:`warm_up` builds one in a background thread, so a caller can start it before the
drafts are read::

    from followlint.grammar import harper as harper_backend
    harper_backend.warm_up()            # returns at once; the first lint waits for it if needed
    issues = harper_backend.lint("I recieve alot of emails.")

Which Harper rules run is data: ``harper.disabled`` in rules/data/grammar.yaml.

harper-py 0.2 prints a debug line from native code straight to file descriptor 1 when its
LookingForwardTo rule fires ("gerund_form: ..." for "looking forward to meet"), which would corrupt
``--output-format json`` on stdout, or an editor's language-server messages. followlint never touches
the host's streams to hide it: a text that could make that rule fire (:func:`may_print`) is linted in a
helper process whose descriptor 1 is the null device (followlint.grammar.harper_child), with the same
dialect and rule switches, so its issues are exactly those an in-process lint would give. Every other
text (most drafts) is linted in this process, where nothing prints.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from functools import lru_cache
from typing import Any, Iterator

from followlint.grammar.engines import INSERT_AFTER, REMOVE, REPLACE, EngineIssue, EngineUnavailable, Suggestion
from followlint.core.data import load_data

DIALECTS = ("american", "british", "australian", "canadian", "indian")
DEFAULT_DIALECT = "american"

#: Seconds each Linter took to build, for the performance report (``followlint`` never prints them).
build_seconds: list[float] = []


def _module():
    try:
        import harper
    except Exception as exc:  # not installed, or a wheel for another platform
        raise EngineUnavailable(f"the Harper grammar engine (harper-py) cannot be loaded: {exc}") from None
    return harper


@lru_cache(maxsize=1)
def lint_config() -> dict[str, bool]:
    """Harper's rule switches: its defaults with followlint's ``disabled`` list switched off."""
    data = load_data("grammar")["harper"]
    defaults = _module().get_default_lint_config()
    config = {name: bool(on) for name, on in defaults.items()}
    for name in data.get("disabled", ()):
        if name in config:  # a rule renamed or removed in another Harper version is simply skipped
            config[name] = False
    return config


def _dialect(name: str):
    harper = _module()
    key = (name or DEFAULT_DIALECT).strip().lower()
    if key not in DIALECTS:
        raise ValueError(f"unknown dialect {name!r} (use one of: {', '.join(DIALECTS)})")
    return getattr(harper.Dialect, key.upper())


def build_linter(dialect: str = DEFAULT_DIALECT):
    """A new configured Linter (slow: prefer :func:`borrow`)."""
    harper = _module()
    started = time.perf_counter()
    # Construction prints nothing, so it is not silenced: a background build must never swallow what
    # the main thread writes to stdout meanwhile.
    linter = harper.Linter(_dialect(dialect))
    linter.set_lint_config(lint_config())
    build_seconds.append(time.perf_counter() - started)
    return linter


class _Pool:
    """Idle linters of one dialect; at most one linter per concurrent user is ever built."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.idle: list[Any] = []
        self.building = 0  # builds in progress whose linter nobody has claimed yet
        self.error: BaseException | None = None
        self.cond = threading.Condition()

    def warm_up(self) -> threading.Thread | None:
        with self.cond:
            if self.idle or self.building:
                return None
            self.building += 1
        thread = threading.Thread(target=self._build_into_pool, name=f"harper-warm-up-{self.dialect}", daemon=True)
        thread.start()
        return thread

    def _build_into_pool(self) -> None:
        linter = None
        try:
            linter = build_linter(self.dialect)
        except BaseException as exc:  # reported to the thread that waits for it
            self.error = exc
        with self.cond:
            self.building -= 1
            if linter is not None:
                self.idle.append(linter)
            self.cond.notify_all()

    def acquire(self):
        with self.cond:
            while not self.idle and self.building:
                self.cond.wait()
            if self.idle:
                return self.idle.pop()
            if self.error is not None:
                error, self.error = self.error, None
                if isinstance(error, EngineUnavailable):
                    raise error
            self.building += 1  # claim a build of our own; others may wait for it
        try:
            linter = build_linter(self.dialect)
        finally:
            with self.cond:
                self.building -= 1
                self.cond.notify_all()
        return linter

    def release(self, linter) -> None:
        with self.cond:
            self.idle.append(linter)
            self.cond.notify_all()


_pools: dict[str, _Pool] = {}
_pools_lock = threading.Lock()


def _pool(dialect: str) -> _Pool:
    key = (dialect or DEFAULT_DIALECT).lower()
    with _pools_lock:
        if key not in _pools:
            _dialect(key)  # validate
            _pools[key] = _Pool(key)
        return _pools[key]


def warm_up(dialect: str = DEFAULT_DIALECT) -> threading.Thread | None:
    """Start building a Linter in a background thread (no-op if one exists or is being built)."""
    return _pool(dialect).warm_up()


@contextlib.contextmanager
def borrow(dialect: str = DEFAULT_DIALECT) -> Iterator[Any]:
    """A Linter for this thread's exclusive use until the block ends; built on first use, then reused."""
    pool = _pool(dialect)
    linter = pool.acquire()
    try:
        yield linter
    finally:
        pool.release(linter)


def lint(text: str, dialect: str = DEFAULT_DIALECT) -> list[EngineIssue]:
    """Harper's issues in ``text`` (plain text), offsets in code points of ``text``."""
    if may_print(text):
        return [_issue_from_wire(item) for item in _helper().lint(text, _dialect_key(dialect), lint_config())]
    with borrow(dialect) as linter:
        # lint() rather than organized_lints(): the same lints without the rule names, 5x faster
        # (8 ms rather than 45 ms for a 100-word draft); the lint kind is what followlint maps.
        # dedup=False: a word reported under two kinds ("usefull": misspelling and missing space) keeps
        # both, so the checks can pick the better suggestion ("useful", not "use full").
        lints = linter.lint(text, language="plaintext", dedup=False)
    return [_issue(item) for item in lints]


def flagged_words(words: list[str], dialect: str) -> set[str]:
    """Which of ``words`` the ``dialect`` dictionary does not know (one lint call for all of them)."""
    pending = [w for w in dict.fromkeys(words) if w not in _word_cache.get(dialect, {})]
    cache = _word_cache.setdefault(dialect, {})
    if pending:
        text = "\n\n".join(pending)
        starts = []
        pos = 0
        for word in pending:
            starts.append(pos)
            pos += len(word) + 2
        bad_starts = {i.start for i in lint(text, dialect) if i.kind == "Spelling"}
        for word, start in zip(pending, starts):
            cache[word] = start in bad_starts
    return {w for w in words if cache.get(w)}


_word_cache: dict[str, dict[str, bool]] = {}

_SUGGESTION_KINDS = {0: REPLACE, 1: REMOVE, 2: INSERT_AFTER}


def _issue(item) -> EngineIssue:
    suggestions = tuple(Suggestion(_SUGGESTION_KINDS.get(int(s.kind), REPLACE), s.replacement_text)
                        for s in item.suggestions)
    return EngineIssue(engine="harper", rule_id=item.lint_kind, kind=item.lint_kind, start=item.span.start,
                       end=item.span.end, message=item.message, suggestions=suggestions)


# --- keeping native debug output off the host's stdout ------------------------------------------

#: Harper rules that print to descriptor 1 when they fire, with what must follow in the text for them
#: to fire: LookingForwardTo prints for "looking forward to" + a verb that does not end in "ing".
_NOISY = re.compile(r"\blooking\s+forward\s+to\s+([^\W\d_][\w'’-]*)", re.IGNORECASE)
#: Words after "looking forward to" that Harper never reads as a verb (checked by tests/test_api_streams.py).
_NEVER_VERBS = frozenset(
    "the your our my a an this that these those his her their its any some each every all both more next "
    "it you him them us me what another".split())


def may_print(text: str) -> bool:
    """Whether linting ``text`` in this process could make harper-py print (see the module docstring)."""
    if not lint_config().get("LookingForwardTo", False):
        return False
    for match in _NOISY.finditer(text):
        word = match.group(1)
        if not word.endswith("ing") and word.lower() not in _NEVER_VERBS:
            return True
    return False


def _dialect_key(name: str) -> str:
    _dialect(name)  # validate
    return (name or DEFAULT_DIALECT).strip().lower()


def _issue_from_wire(item: list) -> EngineIssue:
    kind, start, end, message, suggestions = item
    return EngineIssue(engine="harper", rule_id=kind, kind=kind, start=start, end=end, message=message,
                       suggestions=tuple(Suggestion(_SUGGESTION_KINDS.get(k, REPLACE), t) for k, t in suggestions))


class _Helper:
    """The helper process for texts that could print: started on first use, one request at a time.

    A forked worker process starts its own (the parent's pipes are not its to use).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.proc: subprocess.Popen | None = None
        self.pid = 0

    def lint(self, text: str, dialect: str, config: dict[str, bool]) -> list:
        request = json.dumps({"text": text, "dialect": dialect, "config": config}) + "\n"
        with self.lock:
            for attempt in (1, 2):  # one restart if the helper died since the last call
                proc = self._running()
                try:
                    proc.stdin.write(request)  # type: ignore[union-attr]
                    proc.stdin.flush()  # type: ignore[union-attr]
                    line = proc.stdout.readline()  # type: ignore[union-attr]
                except (OSError, ValueError):
                    line = ""
                if line:
                    reply = json.loads(line)
                    if "error" in reply:
                        raise EngineUnavailable(f"the Harper grammar engine failed: {reply['error']}")
                    return reply["lints"]
                self._stop()
        raise EngineUnavailable("the Harper grammar engine's helper process stopped unexpectedly")

    def _running(self) -> subprocess.Popen:
        if self.proc is None or self.pid != os.getpid() or self.proc.poll() is not None:
            _module()  # raise EngineUnavailable here if harper-py is missing
            from followlint.grammar import harper_child

            env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
            self.proc = subprocess.Popen(
                [sys.executable, "-u", harper_child.__file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, encoding="utf-8", env=env, close_fds=True)
            self.pid = os.getpid()
        return self.proc

    def _stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or self.pid != os.getpid():
            return
        with contextlib.suppress(Exception):
            proc.stdin.close()  # type: ignore[union-attr]  # the helper exits at end of input
            proc.wait(timeout=5)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        with contextlib.suppress(Exception):
            proc.stdout.close()  # type: ignore[union-attr]


_helper_instance = _Helper()


def _helper() -> _Helper:
    return _helper_instance


@atexit.register
def _stop_helper() -> None:
    with _helper_instance.lock:
        _helper_instance._stop()
