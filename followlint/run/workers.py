"""Lint many drafts: cache look-ups here, uncached drafts over worker processes, results in input order.

How a run over N targets goes (``iter_results``):

1. This process reads each draft, computes its cache key and answers it from
   the cache when it can. Nothing heavy is imported for that: a fully cached
   run never imports spaCy or Harper.
2. At the first uncached draft it starts building spaCy and Harper in
   background threads (they overlap: Harper releases the GIL) and keeps reading.
3. With ``jobs == 1``, or fewer than ``POOL_MIN`` uncached drafts in the whole
   run, it lints them itself: one draft never pays for worker start-up.
   Otherwise it waits for the engines, then forks ``jobs`` workers, which
   inherit the loaded pipeline and linters (each worker has its own copy, so
   Harper's not-thread-safe linter is never shared) and lint batches of
   ``BATCH`` drafts; each worker writes its results to the cache itself.
4. Results are yielded strictly in input order. At most ``WINDOW`` targets are
   held at a time (texts of drafts in flight, results waiting for an earlier
   one), so memory stays flat however many drafts there are.

Where ``fork`` is not available (Windows, and macOS where it is unsafe), workers
are spawned and build their own engines.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from followlint.run.files import InputError
from followlint.core.finding import FileResult

if TYPE_CHECKING:
    from concurrent.futures import Future

    from followlint.run.runner import Run, SpawnSpec

#: drafts per task sent to a worker (amortises the round trip; small enough to balance the load)
BATCH = 8
#: the size of each worker's first batches (see _flush)
FIRST_BATCH = 2
#: uncached drafts a run must have before worker processes pay for their start-up
POOL_MIN = 2 * BATCH
#: targets held in memory at once (in flight or waiting for an earlier result), per job
WINDOW_PER_JOB = 6 * BATCH


def default_jobs() -> int:
    """The CPUs this process may run on (cgroup/affinity aware where the OS says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class _Slot:
    """One uncached draft on its way through a worker (or this process)."""

    __slots__ = ("path", "text", "cfg", "key", "result", "future", "index")

    def __init__(self, path: str, text: str, cfg, key: str | None) -> None:
        self.path, self.cfg, self.key = path, cfg, key
        self.text: str | None = text  # dropped once linted: a long run must not hold every draft's text
        self.result: FileResult | None = None
        self.future: Future[Any] | None = None
        self.index = 0


# --- worker side -----------------------------------------------------------------

_worker_run: "Run | None" = None  # the Run a worker lints with (inherited through fork, or rebuilt when spawned)
_worker_notes_seen = 0


def _init_worker(spec: SpawnSpec | None, parent: int | None = None) -> None:
    """A worker's start: a spawned one rebuilds the Run from ``spec`` (runner.SpawnSpec, so this module
    never imports the runner; the runner imports it); a forked one (``spec`` None) inherited it."""
    global _worker_run
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _die_with_parent(parent)
    if spec is None:
        return
    _worker_run = spec.build()


def _die_with_parent(parent: int | None) -> None:
    """Linux: the kernel kills this worker when the main process dies, even by SIGKILL (otherwise
    orphaned workers would linger, each holding a spaCy pipeline)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _lint_batch(items: list[tuple[str, str, str | None]]) -> tuple[list[tuple[str, object]], list[str]]:
    """Lint (path, text, cache key) items; answer ("ok", payload) or ("error", message) for each."""
    global _worker_notes_seen
    from followlint.run.cache import payload

    run = _worker_run
    assert run is not None, "_init_worker sets the Run before any batch"
    answers: list[tuple[str, object]] = []
    for path, text, key in items:
        cfg = run.configs.for_path(Path(path))
        result = run.lint_fresh(text, path, cfg)
        run.store(key, result)
        answers.append(("error", result.error) if result.draft is None else ("ok", payload(result)))
    notes = run.services.notes[_worker_notes_seen:]
    _worker_notes_seen = len(run.services.notes)
    trim_heap()
    return answers, notes


_libc: Any = None  # ctypes.CDLL once loaded; False where malloc_trim is not available
_since_trim = 0


def trim_heap() -> None:
    """Give freed heap memory back to the OS. glibc keeps what spaCy and Harper free between drafts
    (~60 MB after a few hundred drafts); malloc_trim costs ~0.5 ms, so once per batch is free."""
    global _libc, _since_trim
    _since_trim = 0
    if _libc is None:
        _libc = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _libc = ctypes.CDLL("libc.so.6")
                _libc.malloc_trim.argtypes = [ctypes.c_size_t]
            except (OSError, AttributeError):
                _libc = False
    if _libc:
        _libc.malloc_trim(0)


# --- main process ------------------------------------------------------------------

def _release_engines(run) -> None:
    """Once the workers have their copies, this process no longer needs spaCy's pipeline: drop it
    (~70 MB), so the main process stays the smaller one however many drafts wait in it. Harper's
    dictionary is a process-wide static and stays. If the workers die, the pipeline loads again."""
    import gc

    from followlint.anatomy import nlp
    run.services._nlp = None
    with nlp._lock:
        nlp._pipelines.clear()
    gc.unfreeze()
    gc.collect()
    gc.freeze()  # what is left is shared with the workers: keep the collector off it again
    trim_heap()


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _Pool:
    def __init__(self, run, jobs: int) -> None:
        import gc
        from concurrent.futures import ProcessPoolExecutor

        global _worker_run, _worker_notes_seen
        ctx = _context()
        spec = None
        self.frozen = False
        if ctx.get_start_method() == "fork":
            _worker_run = run  # the children inherit it, with spaCy and Harper already built
            _worker_notes_seen = len(run.services.notes)
            run.services.wait()  # never fork while an engine is half-built in another thread
            gc.freeze()  # keep the collector from touching (and so copying) inherited pages
            self.frozen = True
        else:
            spec = run.spawn_spec()
        self.executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                            initargs=(spec, os.getpid()))
        self.broken: str | None = None
        self.jobs = jobs
        self.released = ctx.get_start_method() != "fork"

    def submit(self, run, slots: list[_Slot]) -> None:
        """Send a batch to the workers; if they are gone, lint it here instead."""
        from concurrent.futures.process import BrokenProcessPool

        if self.broken is None:
            try:
                future = self.executor.submit(_lint_batch, [(s.path, s.text or "", s.key) for s in slots])
            except (BrokenProcessPool, RuntimeError) as exc:
                self.mark_broken(run, exc)
            else:
                for i, slot in enumerate(slots):
                    slot.future, slot.index = future, i
                if not self.released:  # the workers exist now (fork starts them all at the first submit)
                    self.released = True
                    _release_engines(run)
                return
        for slot in slots:
            _lint_here(run, slot)

    def mark_broken(self, run, exc: BaseException) -> None:
        if self.broken is None:
            self.broken = f"a worker process stopped unexpectedly ({exc or 'no reason given'}); " \
                          "the remaining drafts were linted in the main process"
            run.services.notes.append(self.broken)

    def close(self, interrupted: bool = False) -> None:
        if interrupted:
            for process in list(getattr(self.executor, "_processes", {}).values()):
                try:
                    process.terminate()
                except Exception:
                    pass
        self.executor.shutdown(wait=not interrupted, cancel_futures=True)
        if self.frozen:
            import gc

            gc.unfreeze()  # in-process callers (tests, editors) go on collecting as usual


def iter_results(run, targets) -> Iterator[FileResult]:
    """One FileResult per target (a path, or an InputError from discovery), in the targets' order."""
    jobs = max(1, int(run.jobs or 1))
    window = WINDOW_PER_JOB * jobs
    order: deque = deque()  # FileResult (ready) or _Slot (pending)
    buffered: list[_Slot] = []  # uncached, not yet sent anywhere
    pool: _Pool | None = None
    uncached = 0
    interrupted = True
    try:
        for target in targets:
            if isinstance(target, InputError):
                order.append(FileResult(path=target.path, error=target.message))
            else:
                got = run.read(target)
                if isinstance(got, FileResult):
                    order.append(got)
                else:
                    text, cfg = got
                    key = run.cache_key(text, target, cfg)
                    hit = run.cached(text, target, key)
                    if hit is not None:
                        order.append(hit)
                    else:
                        uncached += 1
                        slot = _Slot(target, text, cfg, key)
                        order.append(slot)
                        if jobs == 1:
                            _lint_here(run, slot)
                        else:
                            if uncached == 1:  # engines build in the background while we keep reading
                                run.services.warm_up(run.active_rules(cfg), cfg)
                            buffered.append(slot)
                            if pool is None and uncached >= POOL_MIN:
                                run.services.warm_up(run.active_rules(cfg), cfg, extra_dialects=True)
                                pool = _Pool(run, jobs)
                                _flush(run, pool, buffered, first=True)
                                buffered = []
                            elif pool is not None and len(buffered) >= BATCH:
                                pool.submit(run, buffered)
                                buffered = []
            # Keep the window bounded: results go out as soon as everything before them is done.
            while order and (_done(order[0]) or len(order) > window):
                if not _done(order[0]) and order[0] in buffered:
                    _flush(run, pool, buffered)
                    buffered = []
                yield _take(run, order, pool)
        _flush(run, pool, buffered)
        buffered = []
        while order:
            yield _take(run, order, pool)
        interrupted = False
    finally:
        if pool is not None:
            pool.close(interrupted=interrupted)


def _done(item) -> bool:
    return isinstance(item, FileResult) or item.result is not None or (item.future is not None and item.future.done())


def _flush(run, pool: _Pool | None, buffered: list[_Slot], first: bool = False) -> None:
    """Send the buffered drafts off: to the workers if there are any, else lint them here.

    ``first``: the pool's first drafts go out in small batches (FIRST_BATCH), one or two a worker,
    so the first results (and the progress bar) come back after a few drafts, not after 16."""
    if not buffered:
        return
    if pool is not None:
        i = 0
        while i < len(buffered):
            size = FIRST_BATCH if first and i < FIRST_BATCH * 2 * pool.jobs else BATCH
            pool.submit(run, buffered[i:i + size])
            i += size
    else:
        for slot in buffered:
            _lint_here(run, slot)


def _lint_here(run, slot: _Slot) -> None:
    global _since_trim
    slot.result = run.lint_fresh(slot.text, slot.path, slot.cfg)
    run.store(slot.key, slot.result)
    slot.text = None
    _since_trim += 1
    if _since_trim >= BATCH:
        trim_heap()


def _take(run, order: deque, pool: _Pool | None) -> FileResult:
    """The next result in input order, waiting for its worker if need be."""
    item = order.popleft()
    if isinstance(item, FileResult):
        return item
    if item.result is None:
        _collect(run, item, pool)
    result, item.result = item.result, None
    return result


def _collect(run, slot: _Slot, pool: _Pool | None) -> None:
    """Turn a worker's answer into this slot's FileResult (re-parsing the draft, which is cheap)."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        assert slot.future is not None
        answers, notes = slot.future.result()
    except BrokenProcessPool as exc:
        # A worker died (killed, out of memory, a crash in native code): finish the job here.
        if pool is not None:
            pool.mark_broken(run, exc)
        _lint_here(run, slot)
        return
    for note in notes:
        if note not in run.services.notes:
            run.services.notes.append(note)
    kind, data = answers[slot.index]
    if kind == "error":
        slot.result = FileResult(path=slot.path, error=data)
    else:
        slot.result = _rebuild(run, slot, data)
    slot.text = None
    slot.future = None


def _rebuild(run, slot: _Slot, data: dict) -> FileResult:
    from followlint.run.cache import apply_payload, stand_in

    draft = stand_in(slot.text or "", slot.path, run.context, data.get("fixable"))
    return apply_payload(FileResult(path=slot.path, draft=draft), data)
