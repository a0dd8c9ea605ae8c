"""The repository's other drafts, for the duplicate-message pass of a run over only some of them.

A pre-commit hook passes the staged drafts only; a note copied from one already committed is still
a copy. So when a run's drafts live under a *root* (the folder of the configuration file found for them: ``.followlint.toml``
or a ``pyproject.toml`` with ``[tool.followlint]``; an empty ``.followlint.toml`` at the top of a drafts
repository is enough), the duplicate pass also compares them with every other
draft under that root (found as ``followlint check ROOT`` would find them, ``exclude`` included). Those
drafts are never linted or reported; a finding on a run's draft may name them.

Their sketches (followlint.checks.duplicate_message.sketch: masked body, company, MinHash) come from a
*sketch index* in the result cache, one JSON file per root, keyed by each file's size and modification
time: a commit that changes one draft reads the index, stats the other files and sketches only what
changed (a parse, no spaCy, no grammar engine). Without a cache (``--no-cache``), every other draft is
sketched from scratch. ``--no-duplicates`` (or ``duplicates = false``) turns all of this off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from followlint.core.config import Config

INDEX_FORMAT = 1


def draft_root(path: str, cfg, explicit: bool = False) -> Path | None:
    """The folder whose drafts a run's draft is compared with: the folder of the config file found
    for it (not one named with ``--config``, which may live anywhere). None without one: a draft
    outside a configured drafts folder is compared with the run's drafts only."""
    if getattr(cfg, "path", None) and not explicit:
        return Path(cfg.path).resolve().parent
    return None


def _stamp(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


class SketchIndex:
    """Sketches of the drafts under one root, by path relative to it, with each file's stamp."""

    def __init__(self, root: Path, cache_root: Path | None, salt: str) -> None:
        self.root = root
        self.file = None
        if cache_root is not None:
            key = hashlib.blake2b(f"{INDEX_FORMAT}\0{root}\0{salt}".encode(), digest_size=16).hexdigest()
            self.file = Path(cache_root) / "sketches" / f"{key}.json"
        self.entries: dict[str, list] = {}
        self.changed = False
        if self.file is not None:
            try:
                data = json.loads(self.file.read_bytes())
                if isinstance(data, dict) and data.get("root") == str(root) and isinstance(data.get("files"), dict):
                    self.entries = data["files"]
            except (OSError, ValueError):
                pass

    def get(self, rel: str, stamp: list[int]):
        """(True, sketch) when the index has this file at this stamp, else (False, None)."""
        entry = self.entries.get(rel)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == stamp:
            return True, entry[1]
        return False, None

    def put(self, rel: str, stamp: list[int], data) -> None:
        if self.entries.get(rel) != [stamp, data]:
            self.entries[rel] = [stamp, data]
            self.changed = True

    def save(self, keep: set[str] | None = None) -> None:
        if keep is not None:
            for rel in [r for r in self.entries if r not in keep]:  # deleted or now excluded drafts
                del self.entries[rel]
                self.changed = True
        if self.file is None or not self.changed:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            blob = json.dumps({"root": str(self.root), "files": self.entries}, separators=(",", ":")).encode()
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.file.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, self.file)
        except OSError:
            pass  # a read-only cache only costs the next run some parsing


def _salt(context) -> str:
    from followlint.run.cache import code_fingerprint

    return hashlib.blake2b(repr(context).encode(), digest_size=8).hexdigest() + code_fingerprint()


def other_sketches(run, linted: dict[str, dict | None]) -> Iterator[tuple[str, dict]]:
    """(path, sketch) of every draft under the roots of ``linted`` (real path -> the run's sketch, or None)
    that the run did not lint and whose config keeps the duplicate check on. Updates the sketch index
    with the run's own sketches too, so the next partial run finds them there."""
    from followlint.run.files import InputError, discover

    by_root: dict[Path, Config] = {}
    for real in linted:
        cfg = run.configs.for_path(Path(real))
        root = draft_root(real, cfg, explicit=run.configs.explicit is not None)
        if root is not None and root not in by_root:
            by_root[root] = cfg
    cache_root = getattr(run.cache, "root", None)
    salt = _salt(run.context)
    for root, cfg in by_root.items():
        index = SketchIndex(root, cache_root, salt)
        keep: set[str] = set()
        for path in discover([str(root)], cfg.exclude):
            if isinstance(path, InputError):
                continue
            real = os.path.realpath(path)
            rel = os.path.relpath(real, root)
            keep.add(rel)
            stamp = _stamp(real)
            if stamp is None:
                continue
            if real in linted:
                index.put(rel, stamp, linted[real])
                continue
            if not run.configs.for_path(Path(real)).duplicates:
                continue
            hit, data = index.get(rel, stamp)
            if not hit:
                data = _sketch_file(run, real)
                index.put(rel, stamp, data)
            if data is not None:
                yield _shown(real), data
        index.save(keep)


def _sketch_file(run, path: str) -> dict | None:
    from followlint.anatomy.context import ContextError
    from followlint.anatomy.draft import DraftError, parse_draft
    from followlint.checks.duplicate_message import sketch
    from followlint.run.files import InputError, read_draft

    cfg = run.configs.for_path(Path(path))
    try:
        text, _encoding = read_draft(path, cfg.max_file_size)
        return sketch(parse_draft(text, path, context=run.context))
    except (InputError, DraftError, ContextError, ValueError):
        return None


def _shown(real: str) -> str:
    """A path as a finding names it: relative to the working directory when it is below it."""
    rel = os.path.relpath(real)
    return real if rel.startswith("..") else rel
