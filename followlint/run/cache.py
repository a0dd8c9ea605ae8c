"""The result cache: an unchanged draft under an unchanged configuration is not linted again.

An entry is keyed by a hash of

- the draft's text and format (the format comes from the file's suffix), and
- a *salt* computed once per run and configuration: the cache format, followlint's
  version and a fingerprint of its code and rule packs (so an edited rule in a
  development checkout never serves stale results), the enabled rules with their
  resolved options and severities, the whole config table plus the contents of
  its vocabulary files, the context given on the command line, the engines'
  versions (spaCy, the model, harper-py) and today's date (timeliness checks
  compare against it, so entries expire at midnight).

It stores what the rules found (findings, score), never the draft: the runner
re-parses the text, which is cheap without spaCy, so a cached result renders
exactly like a fresh one. Runs whose results depend on something outside the
machine (a LanguageTool server) are not cached, nor are results with a crashed
rule or an input error.

Where: ``--cache-dir``, else ``$FOLLOWLINT_CACHE_DIR``, else ``cache-dir`` in
the config, else the user cache directory (platformdirs: ``~/.cache/followlint``
on Linux). One JSON file per entry, ``v<format>/<date>/<xx>/<key>.json``, written
to a temporary file and renamed into place, so concurrent runs never see half an
entry; an entry that fails to load is ignored (and rewritten by the run that
lints the draft again). Since the date is part of every key, folders of earlier
days can never be hit again: the first run that writes on a new day deletes them,
so the cache holds at most two days of results.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
from functools import cached_property
from pathlib import Path
from typing import Any

from followlint import __version__
from followlint.core.finding import Edit, FileResult, Finding, Fix, Severity, Span

CACHE_FORMAT = 1
ENV_DIR = "FOLLOWLINT_CACHE_DIR"
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# followlint's result cache; safe to delete.\n"


def default_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("followlint", appauthor=False))


def resolve_dir(flag: str | os.PathLike | None, config_dir: str | None) -> Path:
    """--cache-dir, then $FOLLOWLINT_CACHE_DIR, then the config's cache-dir, then the user cache dir."""
    for value in (flag, os.environ.get(ENV_DIR), config_dir):
        if value:
            return Path(value).expanduser()
    return default_dir()


# --- (de)serialising results ---------------------------------------------------

def finding_to_json(f: Finding) -> list:
    fix = None if f.fix is None else [f.fix.title, f.fix.safe, [[e.start, e.end, e.replacement] for e in f.fix.edits]]
    return [f.rule, f.code, f.category, int(f.severity), f.message, f.span.start, f.span.end,
            list(f.suggestions), fix, f.url]


def finding_from_json(row: list) -> Finding:
    rule, code, category, severity, message, start, end, suggestions, fix, url = row
    if fix is not None:
        title, safe, edits = fix
        fix = Fix(tuple(Edit(int(s), int(e), str(r)) for s, e, r in edits), str(title), bool(safe))
    if not all(isinstance(v, str) for v in (rule, code, category, message)) or not isinstance(suggestions, list):
        raise ValueError("malformed finding")
    return Finding(rule, code, category, Severity(severity), message, Span(int(start), int(end)),
                   tuple(str(s) for s in suggestions), fix, url if isinstance(url, str) else None)


def payload(result: FileResult) -> dict:
    """What a cache entry (and a worker's answer) holds for one linted draft."""
    return {"findings": [finding_to_json(f) for f in result.findings], "score": result.score,
            "error": result.error, "notes": list(result.notes), "extras": result.extras,
            "fixable": bool(getattr(result.draft, "fixable", True))}


def check_entry(data: dict, text: str) -> None:
    """Raise ValueError unless a cache entry fits the draft it is for: findings and fixes inside the
    text, notes and extras of the right shape. A damaged or planted entry is then a miss, never a
    crash further on (in a reporter or the duplicate pass)."""
    from followlint.checks.duplicate_message import SKETCH, valid_sketch

    rows = data.get("findings")
    if not isinstance(rows, list) or not isinstance(data.get("notes", []), list):
        raise ValueError("malformed entry")
    for row in rows:
        if not isinstance(row, list) or len(row) != 10:
            raise ValueError("malformed finding")
        f = finding_from_json(row)
        spans = [(f.span.start, f.span.end)] + [(e.start, e.end) for e in (f.fix.edits if f.fix else ())]
        if not all(0 <= a <= b <= len(text) for a, b in spans):
            raise ValueError("finding outside the text")
    extras = data.get("extras", {})
    if not isinstance(extras, dict) or (SKETCH in extras and not valid_sketch(extras[SKETCH], len(text))):
        raise ValueError("malformed extras")


def apply_payload(result: FileResult, data: dict) -> FileResult:
    """Fill ``result`` (path and draft already set) from :func:`payload` output."""
    result.findings = [finding_from_json(row) for row in data["findings"]]
    score = data.get("score")
    result.score = score if isinstance(score, int) and not isinstance(score, bool) else None
    error = data.get("error")
    result.error = error if isinstance(error, str) else None
    notes = data.get("notes")
    if isinstance(notes, list):
        result.notes = [str(n) for n in notes]
    extras = data.get("extras")
    result.extras = extras if isinstance(extras, dict) else {}
    if isinstance(result.draft, CachedDraft) and data.get("fixable") is False:
        result.draft.fixable = False
    return result


class CachedDraft:
    """The Draft of a result that came from the cache or a worker, parsed only when needed.

    Reporters read ``path``, ``text``, ``lines``, ``position`` and ``fixable``; for a plain-text
    or Markdown draft the text *is* the file's text, so a fully cached run parses no draft at
    all. Reading anything else (the anatomy, the context...) parses the draft once and
    answers from the real Draft.
    """

    fixable = True
    doc = None
    _doc = None
    _lazy_doc = None

    def __init__(self, text: str, path: str, parse) -> None:
        self.text = text
        self.path = path
        self._parse = parse

    @cached_property
    def lines(self):
        from followlint.anatomy.lines import LineIndex

        return LineIndex(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    @property
    def real(self):
        draft = self.__dict__.get("_real")
        if draft is None:
            draft = self.__dict__["_real"] = self._parse()
        return draft

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_real", "_parse"):
            raise AttributeError(name)
        return getattr(self.real, name)


def stand_in(text: str, path: str, context=None, fixable: bool | None = None):
    """A CachedDraft where that is exact, else the parsed Draft. Exact: plain text and Markdown, and an
    e-mail linted as it is on disk (``fixable``); not a decoded e-mail, whose text is the decoded body."""
    from followlint.anatomy.draft import detect_format, parse_draft

    if detect_format(path) == "email" and fixable is not True:
        return parse_draft(text, path, context=context)
    return CachedDraft(text, path, lambda: parse_draft(text, path, context=context))


# --- the salt --------------------------------------------------------------------

def _tree_fingerprint(root, h) -> None:
    """Names, sizes and modification times of the source and data files below ``root``."""
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name == "__pycache__" or entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    stack.append(entry.path)
                elif entry.name.endswith((".py", ".yaml", ".yml", ".txt", ".json")):
                    st = entry.stat()
                    h.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
            except OSError:
                continue


_code_salt: str | None = None


def code_fingerprint() -> str:
    """followlint's own code and rule packs, as installed (computed once per process)."""
    global _code_salt
    if _code_salt is None:
        from followlint.core.data import pack_root

        h = hashlib.blake2b(digest_size=16)
        _tree_fingerprint(Path(__file__).resolve().parents[1], h)
        try:
            _tree_fingerprint(pack_root(), h)
        except Exception:
            pass
        _code_salt = h.hexdigest()
    return _code_salt


def _dist_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _rule_fingerprint(rule) -> list:
    """A plugin's rule: its metadata, the file its class lives in (built-in ones are in code_fingerprint)
    and, for a rule-pack rule, the digest of its YAML."""
    module = sys.modules.get(type(rule).__module__)
    where = getattr(module, "__file__", None) or ""
    stamp = ""
    if where and not where.startswith(str(Path(__file__).resolve().parents[1])):
        try:
            st = os.stat(where)
            stamp = f"{where}:{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            stamp = where
    return [repr(rule.meta), stamp, getattr(rule, "source_digest", "")]  # a YAML rule: its file's content


def _jsonable(value: Any) -> Any:
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


def uses_remote_engine(cfg) -> bool:
    """True when findings may come from a LanguageTool server, whose answers we can't fingerprint."""
    return str(cfg.grammar.get("engine", "harper")) in ("languagetool", "both")


def today() -> str:
    return dt.date.today().isoformat()


def config_salt(cfg, active, context=None, settings=None, day: str | None = None) -> str:
    """Everything besides the draft's text that decides its findings, hashed."""
    from followlint.core.config import MAX_VOCABULARY_BYTES
    from followlint.core.engine import nlp_needs
    from followlint.core.rule import options_as_dict

    vocab_files = []
    for path in cfg.vocabulary_files:
        try:
            with open(path, "rb") as fh:  # bounded: the config refuses bigger word lists
                digest = hashlib.blake2b(fh.read(MAX_VOCABULARY_BYTES + 1), digest_size=16).hexdigest()
            vocab_files.append([path, digest])
        except OSError as exc:
            vocab_files.append([path, f"unreadable: {exc.strerror}"])
    engines: dict[str, Any] = {"harper-py": _dist_version("harper-py")}
    if nlp_needs(active):
        from followlint.anatomy.nlp import engine_versions

        engines.update(engine_versions())
    parts = {
        "format": CACHE_FORMAT,
        "followlint": __version__,
        "code": code_fingerprint(),
        "python": sys.version_info[:2],
        "today": day or today(),
        "engines": engines,
        "rules": [[a.rule.meta.name, a.rule.meta.code, str(a.severity) if a.severity else None,
                   _jsonable(options_as_dict(a.options)), *_rule_fingerprint(a.rule)] for a in active],
        "config": _jsonable(cfg.raw),
        "config_path": cfg.path,
        "vocabulary_files": vocab_files,
        "context": _jsonable(context),
        "settings": _jsonable(settings or {}),
    }
    blob = json.dumps(parts, sort_keys=True, default=repr).encode()
    return hashlib.blake2b(blob, digest_size=20).hexdigest()


# --- the store -------------------------------------------------------------------

class ResultCache:
    """One cache directory; :meth:`key` per draft, :meth:`get` / :meth:`put` per entry."""

    def __init__(self, root: Path, day: str | None = None) -> None:
        self.root = Path(root)
        self.day = day or today()  # fixed for the run, like the salt: a run over midnight stays consistent
        self.base = self.root / f"v{CACHE_FORMAT}" / self.day
        self.disabled_reason: str | None = None
        self._made: set[str] = set()
        self._pruned = False

    @staticmethod
    def key(salt: str, text: str, fmt: str) -> str:
        h = hashlib.blake2b(digest_size=20)
        h.update(salt.encode())
        h.update(b"\0" + fmt.encode() + b"\0")
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def _path(self, key: str) -> Path:
        return self.base / key[:2] / f"{key[2:]}.json"

    def get(self, key: str) -> dict | None:
        """The stored payload, or None (missing, unreadable or corrupt: all are a miss)."""
        if self.disabled_reason:
            return None
        try:
            with open(self._path(key), "rb") as fh:
                data = json.loads(fh.read())
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("findings"), list):
            return None
        return data

    def put(self, key: str, data: dict) -> None:
        """Store atomically: write a temporary file next to the entry, then rename it into place."""
        if self.disabled_reason:
            return
        path = self._path(key)
        folder = str(path.parent)
        if not self._pruned:
            self._pruned = True
            self.prune()
        try:
            if folder not in self._made:
                if not self.root.exists():
                    self.root.mkdir(parents=True, exist_ok=True)
                    try:
                        (self.root / "CACHEDIR.TAG").write_text(TAG, encoding="utf-8")
                    except OSError:
                        pass
                os.makedirs(folder, exist_ok=True)
                self._made.add(folder)
            blob = json.dumps({**data, "key": key}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError as exc:
            # A read-only or full disk must not fail the lint: stop caching for this run and say so once.
            self.disabled_reason = f"result cache disabled: cannot write to {self.root} ({exc.strerror or exc})"

    def prune(self) -> None:
        """Delete the folders of days before yesterday (their keys carry their date: never hit again)."""
        cutoff = (dt.date.fromisoformat(self.day) - dt.timedelta(days=1)).isoformat()
        try:
            days = list(os.scandir(self.base.parent))
        except OSError:
            return
        for entry in days:
            if entry.is_dir() and len(entry.name) == 10 and entry.name < cutoff:
                shutil.rmtree(entry.path, ignore_errors=True)
