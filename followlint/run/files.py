"""Finding drafts on disk and reading them safely.

Every problem with a path becomes an InputError with a one-line message; the CLI
reports it and exits 2 at the end, after linting every other file.

Walking a folder (``followlint check .``) skips, as ruff does:

- what git ignores: the ``.gitignore`` files from the repository's root down to each folder, and
  ``.git/info/exclude`` (matched with pathspec, git's own pattern rules; ``respect-gitignore =
  false`` turns this off). Outside a git repository the ``.gitignore`` files inside the folder
  still count;
- the ``exclude`` patterns (default :data:`DEFAULT_EXCLUDE`: repository files that are not drafts,
  such as ``requirements.txt`` and ``LICENSE.txt``; setting ``exclude`` replaces them) and the
  ``extend-exclude`` patterns (added to them). A pattern matches a file or folder name, or its
  path relative to the folder being walked (``fnmatch``: ``*`` also crosses ``/``);
- hidden folders, version-control and virtual-environment folders (:data:`SKIP_DIRS`).

A file named on the command line is linted whatever these say.
"""

from __future__ import annotations

import codecs
import errno
import fnmatch
import os
import stat
from pathlib import Path
from typing import IO, Iterator

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".eml")
#: Characters one draft may have whatever max-file-size says: spaCy refuses longer texts (its
#: max_length), and a follow-up is a few thousand characters.
MAX_CHARS = 1_000_000
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".followlint_cache", ".tox"}
#: Files a repository of drafts has that are not drafts (case-insensitive names); ``exclude`` replaces
#: this list, ``extend-exclude`` adds to it.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    "readme.md", "readme.txt", "changelog.md", "changelog.txt", "license.md", "license.txt", "licence.md",
    "licence.txt", "index.md", "contributing.md", "code_of_conduct.md", "security.md", "notice.txt",
    "authors.txt", "requirements*.txt", "constraints*.txt", "robots.txt", "cmakelists.txt", "llms.txt",
)


class InputError(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def discover(paths: list[str], exclude: tuple[str, ...] | None = None, *, extend_exclude: tuple[str, ...] = (),
             gitignore: bool = True, force_exclude: bool = False) -> Iterator[str | InputError]:
    """Yield draft paths in a stable order; errors are yielded, not raised, so one bad path stops nothing.

    ``exclude``: patterns that replace :data:`DEFAULT_EXCLUDE` (None: the defaults); ``extend_exclude``:
    more patterns; ``gitignore``: skip what git ignores; ``force_exclude``: apply all that to files named
    explicitly too (pre-commit and CI pass file names; ruff's ``--force-exclude``)."""
    patterns = tuple(DEFAULT_EXCLUDE if exclude is None else exclude) + tuple(extend_exclude)
    for raw in paths:
        path = Path(raw)
        if force_exclude and raw != "-" and os.path.isfile(path) and _force_excluded(path, patterns, gitignore):
            continue
        if not os.path.lexists(path):
            yield InputError(raw, "no such file or directory")
        elif path.is_dir():
            found = False
            for item in _walk(path, patterns, GitIgnore.for_walk(path) if gitignore else None):
                found = True
                yield item
            if not found:
                yield InputError(raw, f"no drafts found (looked for {', '.join(DRAFT_SUFFIXES)})")
        elif not path.exists():
            yield InputError(raw, "broken symbolic link")
        else:
            yield raw  # an explicitly named file is linted whatever its suffix


class GitIgnore:
    """The ``.gitignore`` rules that apply under a folder: those of the repository above it, then each
    folder's own as the walk enters it (a deeper file's patterns are relative to its folder)."""

    def __init__(self) -> None:
        self.specs: list[tuple[Path, object]] = []  # (folder the patterns are relative to, spec)

    @classmethod
    def for_walk(cls, root: Path) -> "GitIgnore":
        out = cls()
        root = root.resolve()
        repo = next((folder for folder in (root, *root.parents) if (folder / ".git").exists()), None)
        if repo is not None:
            out.add(repo, repo / ".git" / "info" / "exclude")
            chain = [folder for folder in (root, *root.parents) if folder == repo or repo in folder.parents]
            for folder in reversed(chain[1:]):  # the repository's root down to the walk's parent
                out.add(folder, folder / ".gitignore")
        return out

    def add(self, folder: Path, file: Path) -> None:
        try:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        import pathspec

        self.specs.append((folder, pathspec.GitIgnoreSpec.from_lines(lines)))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for folder, spec in self.specs:
            try:
                rel = path.relative_to(folder).as_posix()
            except ValueError:
                continue
            if spec.match_file(rel + "/" if is_dir else rel):  # type: ignore[attr-defined]
                return True
        return False


def _walk(root: Path, exclude: tuple[str, ...], gitignore: GitIgnore | None = None) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()
    base = root.resolve() if gitignore is not None else root
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError:
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop or a second way into the same folder
            continue
        seen.add(key)
        resolved = base / os.path.relpath(folder, root) if gitignore is not None else folder
        if gitignore is not None:
            gitignore.add(resolved, resolved / ".gitignore")
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(str(folder), f"cannot list directory ({exc.strerror})")  # type: ignore[misc]
            continue
        subdirs = []
        for entry in entries:
            rel = os.path.relpath(entry.path, root)
            if _excluded(rel, entry.name, exclude):
                continue
            try:
                if entry.is_dir():
                    if entry.name not in SKIP_DIRS and not entry.name.startswith(".") and not (
                            gitignore is not None and gitignore.ignored(resolved / entry.name, True)):
                        subdirs.append(Path(entry.path))
                elif entry.is_file() and entry.name.lower().endswith(DRAFT_SUFFIXES):
                    if gitignore is not None and gitignore.ignored(resolved / entry.name, False):
                        continue
                    yield entry.path
            except OSError:
                continue
        stack.extend(reversed(subdirs))


def _force_excluded(path: Path, patterns: tuple[str, ...], gitignore: bool) -> bool:
    """Whether a named file would have been skipped by a walk from the working directory."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        rel = str(path)
    parts = Path(rel).parts
    for i in range(1, len(parts) + 1):  # the file, or a folder it is in, matches a pattern
        if _excluded(str(Path(*parts[:i])), parts[i - 1], patterns):
            return True
    if gitignore:
        folder = path.resolve().parent
        ignore = GitIgnore.for_walk(folder)
        ignore.add(folder, folder / ".gitignore")
        return ignore.ignored(path.resolve(), False)
    return False


def _excluded(rel: str, name: str, patterns: tuple[str, ...]) -> bool:
    rel = rel.replace(os.sep, "/")
    lower = name.lower()
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) or fnmatch.fnmatch(lower, p) for p in patterns)


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """(text, encoding label). Raises InputError for binary or undecodable bytes."""
    if raw.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", raw
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", raw
    else:
        encoding, body = "utf-8", raw
        if b"\x00" in raw[:8192]:
            raise InputError(path, "looks like a binary file (contains NUL bytes); not linted")
    if encoding == "utf-8-sig":
        body = raw[len(codecs.BOM_UTF8):]  # decoded as plain UTF-8, so error positions follow the text
    try:
        text = body.decode("utf-8" if encoding == "utf-8-sig" else encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":
            raise InputError(path, f"not valid UTF-16 ({exc.reason}); save the draft as UTF-8") from None
        # Line and column the way followlint reports positions (code points; \r\n, \n or a lone \r ends a line).
        from followlint.anatomy.lines import LineIndex

        before = body[:exc.start].decode("utf-8")
        line, column = LineIndex(before).position(len(before))
        raise InputError(path, f"not valid UTF-8: byte 0x{body[exc.start]:02x} at line {line}, column {column}; "
                               "save the draft as UTF-8") from None
    if encoding == "utf-8-sig":
        text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise InputError(path, "looks like a binary file (contains NUL characters); not linted")
    if len(text) > MAX_CHARS:
        raise InputError(path, f"draft is {len(text):,} characters, over the {MAX_CHARS:,}-character limit "
                               "of the language analysis; split it")
    return text, encoding


def open_regular(path: str) -> IO[bytes]:
    """Open a draft for reading, refusing anything but a regular file. A FIFO or a character device
    (a draft symlinked to /dev/tty or to a named pipe) would block the run forever: it is opened
    without blocking and checked on the open descriptor, so it cannot be swapped in after a check."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        if not stat.S_ISREG(mode):
            kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) \
                else "a socket" if stat.S_ISSOCK(mode) else "not a regular file"
            raise InputError(path, f"is {kind}, not a regular file; not linted")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_draft(path: str, max_size: int) -> tuple[str, str]:
    """Read and decode one draft; size-limited so a huge file can't stall a commit hook."""
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_size:
                raise InputError(path, f"file is {size:,} bytes, over the {max_size:,}-byte limit "
                                       "(raise max-file-size in the config to lint it)")
            raw = fh.read(max_size + 1)
        if len(raw) > max_size:  # grew since stat()
            raise InputError(path, f"file is over the {max_size:,}-byte limit "
                                   "(raise max-file-size in the config to lint it)")
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    return decode(raw, path)


def read_stream(stream: IO[bytes], max_size: int) -> bytes:
    """At most ``max_size + 1`` bytes of ``stream``: enough to tell that an input is too long without
    reading an endless one (``< /dev/zero``) into memory."""
    chunks, left = [], max_size + 1
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def decode_stdin(raw: bytes, path: str, max_size: int) -> tuple[str, str]:
    """Decode a draft read from standard input, under the same size limit as a file."""
    if len(raw) > max_size:
        raise InputError(path, f"input is over the {max_size:,}-byte limit "
                               "(raise max-file-size in the config to lint it)")
    return decode(raw, path)
