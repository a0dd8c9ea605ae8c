"""Apply fixes: ``--fix``, ``--unsafe-fixes`` and ``--diff``.

A fix is a set of edits into the draft's original text. Fixes are applied all or
nothing, in a deterministic order (position, then rule code, then title), and a
fix whose edits overlap one already taken is left for the next pass. The text is
linted again after every pass until nothing more can be fixed, so the findings
reported afterwards are those of the fixed text.

Files are written atomically (a temporary file in the same folder, then
``os.replace``), in the encoding they were read in (UTF-8, UTF-8 with BOM or
UTF-16 in its original byte order), and inserted line breaks follow the file's
own line endings. A draft whose text is not the file's text (a decoded e-mail
body, ``Draft.fixable`` False) is never rewritten.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import errno
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from followlint.run.files import InputError, decode, decode_stdin, open_regular, read_draft
from followlint.core.finding import Edit, FileResult, Finding

#: Passes of lint-then-fix before giving up on a draft whose fixes keep producing new fixes.
MAX_PASSES = 10

_LINE_BREAK = re.compile(r"\r\n|\n|\r")
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")


# --- choosing and applying edits --------------------------------------------

def is_fixable(f: Finding, unsafe: bool = False) -> bool:
    """Whether ``f`` has a fix that this mode may apply."""
    return f.fix is not None and bool(f.fix.edits) and (f.fix.safe or unsafe)


def _order(f: Finding) -> tuple:
    edits = f.fix.edits  # type: ignore[union-attr]
    return (min(e.start for e in edits), max(e.end for e in edits), f.code, f.rule, f.fix.title,  # type: ignore[union-attr]
            tuple(sorted((e.start, e.end, e.replacement) for e in edits)))


def _conflict(a: Edit, b: Edit) -> bool:
    """Overlapping ranges, an insertion strictly inside the other's range, or two insertions at one point."""
    if a.start < b.end and b.start < a.end:
        return True
    return a.start == a.end == b.start == b.end


def line_ending(text: str) -> str:
    """The file's dominant line ending (``\\n`` when it has none)."""
    counts = {"\r\n": 0, "\n": 0, "\r": 0}
    for m in _LINE_BREAK.finditer(text):
        counts[m.group()] += 1
    best = max(counts, key=lambda k: (counts[k], k == "\n"))
    return best if counts[best] else "\n"


@dataclass
class Applied:
    text: str
    applied: list[Finding] = field(default_factory=list)
    #: Fixable findings not applied in this pass (overlapping an applied fix, or malformed).
    skipped: list[Finding] = field(default_factory=list)


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False, eol: str | None = None) -> Applied:
    """Apply every non-conflicting fix of ``findings`` to ``text`` in one pass.

    The outcome does not depend on the order of ``findings``. A fix that changes
    nothing is neither applied nor skipped, so a fixed text is a fixed point.
    """
    eol = eol or line_ending(text)
    taken: list[Edit] = []
    out = Applied(text)
    for f in sorted((f for f in findings if is_fixable(f, unsafe)), key=_order):
        edits = sorted(set(f.fix.edits), key=lambda e: (e.start, e.end, e.replacement))  # type: ignore[union-attr]
        edits = [Edit(e.start, e.end, _LINE_BREAK.sub(eol, e.replacement)) for e in edits]
        if any(not (0 <= e.start <= e.end <= len(text)) for e in edits) or any(
                _conflict(a, b) for i, a in enumerate(edits) for b in edits[i + 1:]):
            out.skipped.append(f)
            continue
        if all(text[e.start:e.end] == e.replacement for e in edits):
            continue  # already in the fixed form
        if any(_conflict(e, t) for e in edits for t in taken):
            out.skipped.append(f)
            continue
        taken.extend(edits)
        out.applied.append(f)
    if taken:
        taken.sort(key=lambda e: (e.start, e.end))
        parts, pos = [], 0
        for e in taken:
            parts.append(text[pos:e.start])
            parts.append(e.replacement)
            pos = e.end
        parts.append(text[pos:])
        out.text = "".join(parts)
    return out


@dataclass
class FixOutcome:
    text: str
    result: FileResult  # the findings of ``text`` (the fixed text)
    fixed: int = 0
    converged: bool = True
    first: FileResult | None = None  # the findings of the text before any fix


def fix_text(text: str, lint: Callable[[str], FileResult], *, unsafe: bool = False,
             max_passes: int = MAX_PASSES) -> FixOutcome:
    """Lint, fix, lint again until no applicable fix changes the text."""
    result = lint(text)
    first = result
    outcome = FixOutcome(text, result, first=first)
    seen = {text}
    eol = line_ending(text)
    for _ in range(max_passes):
        draft = result.draft
        if draft is None or not getattr(draft, "fixable", False):
            return outcome
        applied = apply_fixes(outcome.text, result.findings, unsafe=unsafe, eol=eol)
        if not applied.applied:
            return outcome
        if applied.text in seen:  # two fixes undo each other; stop before going round in circles
            outcome.converged = False
            return outcome
        seen.add(applied.text)
        result = lint(applied.text)
        outcome = FixOutcome(applied.text, result, outcome.fixed + len(applied.applied), first=first)
    outcome.converged = not apply_fixes(outcome.text, result.findings, unsafe=unsafe, eol=eol).applied
    return outcome


# --- diffs -------------------------------------------------------------------

def unified_diff(before: str, after: str, path: str) -> str:
    """A ``patch``-compatible unified diff; line endings are kept as they are in the file."""
    if before == after:
        return ""
    out = []
    for line in difflib.unified_diff(_LINES.findall(before), _LINES.findall(after), fromfile=path, tofile=path):
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --- files -------------------------------------------------------------------

def encode_like(text: str, encoding: str, raw: bytes) -> bytes:
    """Encode ``text`` the way ``raw`` was encoded (``encoding`` is the label from files.decode)."""
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16":
        if raw.startswith(codecs.BOM_UTF16_BE):
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding)


#: Suffix of the temporary file a fix is written to before it is renamed over the draft.
TMP_SUFFIX = ".followlint-tmp"
#: A temporary file of a run that no longer exists is stale; one of no known run after this long, too.
STALE_AFTER = 3600.0


def identity(path: str) -> tuple[int, int, int, int]:
    """What changes when anyone writes the file: device, inode, size, modification time."""
    st = os.stat(path)
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def write_atomic(path: str, data: bytes, expect: tuple[int, int, int, int] | None = None) -> None:
    """Replace the file's content in one step: a crash leaves either the old or the new file, never half.

    The new file keeps the old one's owner, mode and extended attributes. ``expect`` (from
    :func:`identity` when the file was read): refuse if the file changed since, checked right before the
    rename, so an edit made while followlint worked is never overwritten. A hard-linked file is refused:
    a rename would split the links (the other names would keep the old text).
    """
    target = os.path.realpath(path)  # keep a symlink a symlink
    folder = os.path.dirname(target) or "."
    st = os.stat(target)
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o222:  # a rename would get round a read-only file; respect it (even as root)
        raise PermissionError(errno.EACCES, "the file is read-only")
    if st.st_nlink > 1:
        raise OSError(errno.EMLINK, f"it has {st.st_nlink} hard links, which replacing it would split; "
                                    "apply the fixes by hand or with --diff")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.{os.getpid()}.", suffix=TMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            _keep_owner(fh.fileno(), st)
            os.fchmod(fh.fileno(), mode)
            _copy_xattrs(target, fh.fileno())
            os.fsync(fh.fileno())
        if expect is not None and identity(target) != expect:
            raise InputError(path, "it was modified after followlint read it")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _keep_owner(fd: int, st: os.stat_result) -> None:
    """Give the new file the old one's owner and group (a fix run as root must not re-own a file)."""
    new = os.fstat(fd)
    if (new.st_uid, new.st_gid) == (st.st_uid, st.st_gid) or not hasattr(os, "fchown"):
        return
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except PermissionError:
        raise PermissionError(errno.EPERM, f"it belongs to {st.st_uid}:{st.st_gid}, and a rewritten file "
                                           "would not") from None


def _copy_xattrs(source: str, fd: int) -> None:
    """Copy extended attributes (ACLs, tags, quarantine flags) onto the new file; refuse if one can't be."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return
        raise
    for name in names:
        value = os.getxattr(source, name)
        with contextlib.suppress(OSError):
            if os.getxattr(fd, name) == value:
                continue
        try:
            os.setxattr(fd, name, value)
        except OSError as exc:
            if name == "security.selinux":  # the folder's label applies; only privileged relabelling differs
                continue
            raise OSError(exc.errno, f"cannot keep its extended attribute {name} ({exc.strerror})") from None


def clean_stale_tmp(path: str) -> None:
    """Delete temporary files a killed fix left beside ``path`` (SIGKILL inside the write window):
    those of a process that is gone, and any older than STALE_AFTER."""
    target = os.path.realpath(path)
    folder, base = os.path.dirname(target) or ".", os.path.basename(target)
    prefix = f".{base}."
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(TMP_SUFFIX)]
    except OSError:
        return
    now = time.time()
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and (
                    not _alive(entry.name[len(prefix):]) or now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER):
                os.unlink(entry.path)


def _alive(rest: str) -> bool:
    """Whether the process named in a temporary file's name (``<pid>.<random><suffix>``) still runs."""
    pid, _, _ = rest.partition(".")
    if not pid.isdigit():
        return True  # an older name without a pid: only its age decides
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


@dataclass
class FileFix:
    """What fixing one file did."""

    result: FileResult  # findings that remain (of the fixed text)
    original: str | None = None
    text: str | None = None  # the fixed text
    fixed: int = 0
    wrote: bool = False
    write_error: str | None = None
    note: str | None = None

    @property
    def changed(self) -> bool:
        return self.text is not None and self.original is not None and self.text != self.original


def fix_file(run, path: str, *, unsafe: bool = False, write: bool = True) -> FileFix:
    """Fix one file on disk (``write=False``: compute the fixed text only, for ``--diff``)."""
    cfg = run.configs.for_path(Path(path))
    if write:
        clean_stale_tmp(path)
    try:
        original, encoding = read_draft(path, cfg.max_file_size)
        before = identity(path)  # a change before this is caught by the text comparison before writing
    except OSError as exc:
        return FileFix(FileResult(path=path, error=f"cannot read ({exc.strerror or exc})"))
    except InputError as exc:
        return FileFix(FileResult(path=path, error=exc.message))
    outcome = fix_text(original, lambda text: run.lint_text(text, path, cfg), unsafe=unsafe)
    done = FileFix(outcome.result, original, outcome.text, outcome.fixed)
    if not outcome.converged:
        done.note = f"{path}: fixes did not settle after {MAX_PASSES} passes; the remaining findings need a look"
    if not write or not done.changed:
        return done
    try:
        with open_regular(path) as fh:
            raw = fh.read(cfg.max_file_size + 1)
        if decode(raw, path)[0] != original:
            raise InputError(path, "its text is different now")
        write_atomic(path, encode_like(outcome.text, encoding, raw), expect=before)
    except InputError as exc:
        done.write_error = f"changed on disk while it was being fixed ({exc.message}); not written"
    except UnicodeEncodeError as exc:
        done.write_error = f"fixed text cannot be saved as {encoding} ({exc.reason}); not written"
    except OSError as exc:
        done.write_error = f"cannot write the fixed file ({exc.strerror or exc}); not written"
    else:
        done.wrote = True
        return done
    done.result = outcome.first or done.result  # nothing was written: report the file as it is
    return done


def fix_stdin(run, raw: bytes, filename: str | None, *, unsafe: bool = False) -> FileFix:
    """Fix text read from stdin; the caller prints ``FileFix.text`` (the original when nothing changed)."""
    path = filename or "-"
    cfg = run.configs.for_path(Path(filename) if filename else None)
    try:
        original, _encoding = decode_stdin(raw, path, cfg.max_file_size)
    except InputError as exc:
        return FileFix(FileResult(path=path, error=exc.message))
    outcome = fix_text(original, lambda text: run.lint_text(text, path, cfg), unsafe=unsafe)
    done = FileFix(outcome.result, original, outcome.text, outcome.fixed)
    if not outcome.converged:
        done.note = f"{path}: fixes did not settle after {MAX_PASSES} passes; the remaining findings need a look"
    return done


@dataclass
class FixTally:
    """Totals over a run with ``--fix`` / ``--diff``."""

    unsafe: bool = False
    diff: bool = False
    fixed: int = 0
    files_changed: int = 0
    write_errors: int = 0
    notes: list[str] = field(default_factory=list)

    def record(self, done: FileFix, stdin: bool = False) -> None:
        self.fixed += done.fixed if (self.diff or done.wrote or stdin) else 0
        if done.changed and (self.diff or done.wrote or stdin):
            self.files_changed += 1
        if done.write_error:
            self.write_errors += 1
        if done.note:
            self.notes.append(done.note)
