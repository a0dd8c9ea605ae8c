"""Configuration: ``[tool.followlint]`` in pyproject.toml or ``.followlint.toml``.

Found upward from each linted file (the nearest wins) or given with ``--config``.
Every key is validated; an unknown rule, option or a wrong type is a ConfigError
that names the file and the key, and the CLI turns it into exit code 2.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followlint.core.finding import Severity
from followlint.core.rule import OptionError, build_options
from followlint.core.selectors import any_match, specificity

CONFIG_FILES = (".followlint.toml", "followlint.toml", "pyproject.toml")
DEFAULT_MAX_FILE_SIZE = 1_000_000  # bytes; a follow-up is a few KB
#: Above this no draft can be linted anyway (1,000,000 characters of UTF-8 are at most 4 MB); a bigger
#: number (1e400 is an int in TOML's eyes once written out) only made reads overflow.
MAX_MAX_FILE_SIZE = 100_000_000
#: Longest config file and vocabulary file read (a word list of 100,000 words is ~1 MB).
MAX_CONFIG_BYTES = 1_000_000
MAX_VOCABULARY_BYTES = 1_000_000
#: Setting this (to anything but "" or 0) trusts a config found in the checkout like one given with --config.
TRUST_ENV = "FOLLOWLINT_TRUST_CONFIG"
#: Seconds a LanguageTool request may take, at most (inf or 1e308 overflowed the socket timeout).
MAX_TIMEOUT = 600

#: top-level key -> expected type(s)
TOP_LEVEL_KEYS: dict[str, Any] = {
    "select": list, "extend-select": list, "ignore": list, "fail-level": str,
    "rules": dict, "grammar": dict, "vocabulary": list, "vocabulary-file": (str, list),
    "max-file-size": int, "exclude": list, "extend-exclude": list, "respect-gitignore": bool, "force-exclude": bool,
    "cache-dir": str, "duplicates": bool,
}
GRAMMAR_KEYS: dict[str, Any] = {
    "engine": str, "languagetool-url": str, "timeout": (int, float), "dialect": str,
    "language": str, "public-api": bool, "local-server": bool,
}
GRAMMAR_ENGINES = ("harper", "languagetool", "both", "none")
GRAMMAR_DIALECTS = ("american", "british", "australian", "canadian", "indian")


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    path: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_level: str | None = None
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    grammar: dict[str, Any] = field(default_factory=dict)
    vocabulary: tuple[str, ...] = ()
    vocabulary_files: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: None: the defaults (followlint.run.files.DEFAULT_EXCLUDE); a list replaces them
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    cache_dir: str | None = None
    duplicates: bool = True
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def effective_exclude(self) -> tuple[str, ...]:
        """Every pattern a folder walk skips: ``exclude`` (or the defaults), then ``extend-exclude``."""
        from followlint.run.files import DEFAULT_EXCLUDE

        return tuple(DEFAULT_EXCLUDE if self.exclude is None else self.exclude) + self.extend_exclude

    @property
    def root(self) -> Path:
        return Path(self.path).parent if self.path else Path.cwd()


def _where(path: str | None, key: str) -> str:
    # a .followlint.toml has no [followlint] table: name its keys as they are written there
    key = key.replace("[followlint] ", "").replace("[followlint.", "[")
    return f"{path or '<defaults>'}: {key}"


def _check_type(value: Any, expected: Any, where: str) -> None:
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if not ok:
        names = expected if isinstance(expected, tuple) else (expected,)
        label = " or ".join({list: "a list", dict: "a table", str: "text", int: "a whole number",
                             float: "a number", bool: "true or false"}.get(t, t.__name__) for t in names)
        raise ConfigError(f"{where}: expected {label}, got {type(value).__name__} {value!r}")


def parse_config(data: dict[str, Any], path: str | None, section: str = "tool.followlint",
                 trusted: bool = True) -> Config:
    """Validate a mapping (already read from TOML) into a Config."""
    cfg = Config(path=path, raw=data)
    for key, value in data.items():
        where = _where(path, f"[{section}] {key}")
        if key not in TOP_LEVEL_KEYS:
            if section != "tool.followlint" and key in ("tool", "followlint") and isinstance(value, dict):
                raise ConfigError(_wrong_form(path, key, value))
            raise ConfigError(f"{where}: unknown setting (known: {', '.join(sorted(TOP_LEVEL_KEYS))}). "
                              f"{forms_hint(section)}")
        _check_type(value, TOP_LEVEL_KEYS[key], where)
        if isinstance(value, list) and key != "vocabulary-file":
            for item in value:
                _check_type(item, str, where)
    cfg.select = tuple(data["select"]) if "select" in data else None
    cfg.extend_select = tuple(data.get("extend-select", ()))
    cfg.ignore = tuple(data.get("ignore", ()))
    if "fail-level" in data:
        try:
            Severity.parse(data["fail-level"])
        except ValueError as exc:
            raise ConfigError(f"{_where(path, f'[{section}] fail-level')}: {exc}") from None
        cfg.fail_level = data["fail-level"]
    for name, table in data.get("rules", {}).items():
        _check_type(table, dict, _where(path, f"[{section}.rules.{name}]"))
    cfg.rules = {name: dict(table) for name, table in data.get("rules", {}).items()}
    cfg.grammar = _parse_grammar(data.get("grammar", {}), path, section)
    cfg.vocabulary = tuple(data.get("vocabulary", ()))
    files = data.get("vocabulary-file", ())
    files = [files] if isinstance(files, str) else list(files)
    for name in files:
        _check_type(name, str, _where(path, f"[{section}] vocabulary-file"))
    base = Path(path).parent if path else Path.cwd()
    cfg.vocabulary_files = tuple(str((base / f).resolve()) for f in files)
    for name, resolved in zip(files, cfg.vocabulary_files):
        where = _where(path, f"[{section}] vocabulary-file")
        if not trusted and not _inside(base, resolved):
            raise ConfigError(_untrusted(where, f"{name!r} is outside the folder of this config", "read it"))
        if not Path(resolved).is_file():
            raise ConfigError(f"{where}: {name!r} not found (paths are relative to the config file)")
        if Path(resolved).stat().st_size > MAX_VOCABULARY_BYTES:
            raise ConfigError(f"{where}: {name!r} is over {MAX_VOCABULARY_BYTES:,} bytes; a word list is not that long")
    cfg.max_file_size = data.get("max-file-size", DEFAULT_MAX_FILE_SIZE)
    if not 0 < cfg.max_file_size <= MAX_MAX_FILE_SIZE:
        raise ConfigError(f"{_where(path, f'[{section}] max-file-size')}: must be a positive number of bytes, "
                          f"at most {MAX_MAX_FILE_SIZE:,}")
    cfg.exclude = tuple(data["exclude"]) if "exclude" in data else None
    cfg.extend_exclude = tuple(data.get("extend-exclude", ()))
    cfg.respect_gitignore = data.get("respect-gitignore", True)
    cfg.force_exclude = data.get("force-exclude", False)
    cfg.cache_dir = str((base / data["cache-dir"]).resolve()) if "cache-dir" in data else None
    if cfg.cache_dir and not trusted and not _inside(base, cfg.cache_dir):
        raise ConfigError(_untrusted(_where(path, f"[{section}] cache-dir"),
                                     f"{data['cache-dir']!r} is outside the folder of this config",
                                     "write there (nor prune it)", "--cache-dir or FOLLOWLINT_CACHE_DIR"))
    if not trusted:
        _check_untrusted_grammar(cfg.grammar, path, section)
    cfg.duplicates = data.get("duplicates", True)
    return cfg


def _inside(base: Path, target: str) -> bool:
    """Whether ``target`` (resolved: symlinks followed) is in the folder ``base`` or below it."""
    return Path(target).resolve().is_relative_to(base.resolve())


def _untrusted(where: str, what: str, cannot: str, instead: str = "--config") -> str:
    return (f"{where}: {what}; a config found in the checkout cannot make followlint {cannot}. Use {instead}, "
            f"or trust this checkout's config with --trust-config (or {TRUST_ENV}=1)")


def _check_untrusted_grammar(grammar: dict, path: str | None, section: str) -> None:
    """A checkout's config may not send drafts off the machine: a LanguageTool server other than this
    machine's, or the public API."""
    url = grammar.get("languagetool-url")
    where = _where(path, f"[{section}.grammar]")
    if url is not None and not _loopback(url):
        raise ConfigError(_untrusted(f"{where} languagetool-url", f"{url!r} is not on this machine",
                                     "send drafts there"))
    if grammar.get("public-api"):
        raise ConfigError(_untrusted(f"{where} public-api", "the public LanguageTool API is off this machine",
                                     "send drafts there"))


def _loopback(url: str) -> bool:
    import urllib.parse

    try:
        host = urllib.parse.urlsplit(url).hostname or ""
    except ValueError:
        return False
    return host in ("localhost", "::1") or (host.startswith("127.") and host.replace(".", "").isdigit())


def _read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file (a config, a word list); ConfigError past that."""
    from followlint.run.files import open_regular

    try:
        with open_regular(str(path)) as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    except Exception as exc:  # InputError: a FIFO or a device
        raise ConfigError(f"{path}: cannot read config ({getattr(exc, 'message', exc)})") from None
    if len(raw) > limit:
        raise ConfigError(f"{path}: config is over {limit:,} bytes")
    return raw


def trust_from_env() -> bool:
    import os

    return os.environ.get(TRUST_ENV, "") not in ("", "0")


def forms_hint(section: str) -> str:
    """Which form of the settings this kind of file expects (the other form is a common copy-paste slip)."""
    if section == "tool.followlint":
        return ("pyproject.toml takes the settings under [tool.followlint] ([tool.followlint.grammar], "
                "[tool.followlint.rules.NAME]); a .followlint.toml takes them at its top level ([grammar]).")
    return ("This file takes the settings at its top level (select = [...], [grammar], [rules.NAME]); "
            "the [tool.followlint...] form is for pyproject.toml.")


def _wrong_form(path: str | None, key: str, value: dict) -> str:
    """The error for a pyproject.toml-style table copied into .followlint.toml."""
    inner = value.get("followlint", value) if key == "tool" else value
    prefix = "tool.followlint" if key == "tool" else "followlint"
    tables = sorted(k for k, v in inner.items() if isinstance(v, dict)) if isinstance(inner, dict) else []
    example = tables[0] if tables else "grammar"
    name = Path(path).name if path else "this file"
    return (f"{path or '<config>'}: [{prefix}.{example}] is the pyproject.toml form; {name} takes the same "
            f"settings without the '{prefix}.' prefix: write [{example}] (and top-level keys such as "
            f"select = [...] instead of [{prefix}]).")


def _parse_grammar(table: dict, path: str | None, section: str) -> dict:
    out = {}
    for key, value in table.items():
        where = _where(path, f"[{section}.grammar] {key}")
        norm = key.replace("_", "-")
        if norm not in GRAMMAR_KEYS:
            raise ConfigError(f"{where}: unknown setting (known: {', '.join(sorted(GRAMMAR_KEYS))}). "
                              f"{forms_hint(section)}")
        _check_type(value, GRAMMAR_KEYS[norm], where)
        out[norm] = value
    if out.get("engine", "harper") not in GRAMMAR_ENGINES:
        raise ConfigError(f"{_where(path, f'[{section}.grammar] engine')}: must be one of {', '.join(GRAMMAR_ENGINES)}")
    if "timeout" in out and not 0 < out["timeout"] <= MAX_TIMEOUT:  # also false for nan; inf overflowed a socket
        raise ConfigError(f"{_where(path, f'[{section}.grammar] timeout')}: must be a positive number of seconds, "
                          f"at most {MAX_TIMEOUT}")
    if "dialect" in out and out["dialect"].lower() not in GRAMMAR_DIALECTS:
        raise ConfigError(f"{_where(path, f'[{section}.grammar] dialect')}: must be one of {', '.join(GRAMMAR_DIALECTS)}")
    url = out.get("languagetool-url")
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise ConfigError(f"{_where(path, f'[{section}.grammar] languagetool-url')}: must start with http:// or "
                          f"https://, e.g. \"http://127.0.0.1:8081\"")
    return out


def load_config_file(path: Path, trusted: bool = False) -> Config | None:
    """Read one config file; None when it is a pyproject.toml without [tool.followlint].

    ``trusted``: the user named it (--config) or trusts the checkout; otherwise it is someone else's
    file, which may not make followlint write or read outside its folder or send drafts elsewhere."""
    raw = _read_bounded(path, MAX_CONFIG_BYTES)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("followlint")
        if section is None:
            return None
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.followlint] must be a table")
        return parse_config(section, str(path), "tool.followlint", trusted)
    return parse_config(data, str(path), "followlint", trusted)


def find_config(start: Path) -> Path | None:
    """Nearest config file at or above ``start`` (a directory)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml":
                    try:
                        if b"[tool.followlint" not in _read_bounded(candidate, MAX_CONFIG_BYTES):
                            continue
                    except ConfigError:
                        continue
                return candidate
    return None


class ConfigCache:
    """Per-directory discovery with one parsed Config per file, for runs over many drafts."""

    def __init__(self, explicit: Path | None = None, trust: bool | None = None) -> None:
        self.explicit = explicit
        #: trust configs found in the checkout like --config (--trust-config, FOLLOWLINT_TRUST_CONFIG)
        self.trust = trust_from_env() if trust is None else trust
        self._by_dir: dict[Path, Config] = {}
        self._by_file: dict[Path | None, Config] = {}
        self._by_raw: dict[str, Config] = {}  # the folder as given: resolve() is a syscall per draft

    def for_path(self, draft_path: Path | None) -> Config:
        if self.explicit is not None:
            return self._load(self.explicit)
        raw = str(draft_path.parent) if draft_path else None
        if raw is not None and raw in self._by_raw:
            return self._by_raw[raw]
        folder = (draft_path.parent if draft_path else Path.cwd()).resolve()
        if folder not in self._by_dir:
            self._by_dir[folder] = self._load(find_config(folder))
        if raw is not None:
            self._by_raw[raw] = self._by_dir[folder]
        return self._by_dir[folder]

    def _load(self, path: Path | None) -> Config:
        if path not in self._by_file:
            cfg = load_config_file(path, trusted=self.trust or path == self.explicit) if path is not None else None
            self._by_file[path] = cfg or Config()
        return self._by_file[path]


# --- resolution against the registry -----------------------------------------

@dataclass
class ActiveRule:
    rule: Any
    options: Any
    severity: Severity | None  # None: the rule's own per-finding severity


@dataclass
class CliOverrides:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def resolve_rules(cfg: Config, registry, cli: CliOverrides | None = None) -> list[ActiveRule]:
    """Pick the enabled rules and build their options; every name is checked against the registry."""
    cli = cli or CliOverrides()
    for source, selectors in (("select", cfg.select or ()), ("extend-select", cfg.extend_select),
                              ("ignore", cfg.ignore)):
        _check_selectors(selectors, registry, _where(cfg.path, source))
    for source, selectors in (("--select", cli.select or ()), ("--extend-select", cli.extend_select),
                              ("--ignore", cli.ignore)):
        _check_selectors(selectors, registry, source)
    for name in cfg.rules:
        if registry.get(name) is None:
            raise ConfigError(f"{_where(cfg.path, f'[rules.{name}]')}: unknown rule {name!r}")
    select = cli.select if cli.select is not None else cfg.select
    extend = cfg.extend_select + cli.extend_select
    ignore = cfg.ignore + cli.ignore
    active = []
    for rule in registry:
        meta = rule.meta
        if not _enabled(meta, select, extend, ignore):
            continue
        table = dict(cfg.rules.get(meta.name) or cfg.rules.get(meta.code) or {})
        severity = None
        level = table.pop("severity", None)
        if level is not None:
            where = _where(cfg.path, f"[rules.{meta.name}] severity")
            if not isinstance(level, str):
                raise ConfigError(f"{where}: expected text (error, warning or info)")
            try:
                severity = Severity.parse(level)
            except ValueError as exc:
                raise ConfigError(f"{where}: {exc}") from None
        try:
            options = build_options(rule.Options, table, _where(cfg.path, f"[rules.{meta.name}]"))
        except OptionError as exc:
            raise ConfigError(str(exc)) from None
        except TypeError as exc:
            raise ConfigError(f"{_where(cfg.path, f'[rules.{meta.name}]')}: {exc}") from None
        active.append(ActiveRule(rule, options, severity))
    return active


def _check_selectors(selectors, registry, where: str) -> None:
    for sel in selectors:
        if not any(_match(sel, r.meta) for r in registry):
            raise ConfigError(f"{where}: {sel!r} matches no rule (see `followlint rules`)")


def _match(sel: str, meta) -> bool:
    return any_match((sel,), meta)


def _enabled(meta, select, extend, ignore) -> bool:
    if select is None:
        chosen = meta.default_enabled or any_match(extend, meta)
        best_select = max((specificity(s, meta) for s in extend if _match(s, meta)), default=-1)
        if meta.default_enabled:
            best_select = max(best_select, 0)
    else:
        pool = tuple(select) + tuple(extend)
        matching = [s for s in pool if _match(s, meta)]
        # ALL or a category/prefix only turns on default rules; name or code turns on opt-in ones too.
        chosen = any(meta.default_enabled or specificity(s, meta) >= 100 for s in matching)
        best_select = max((specificity(s, meta) for s in matching), default=-1)
    if not chosen:
        return False
    best_ignore = max((specificity(s, meta) for s in ignore if _match(s, meta)), default=-1)
    return best_ignore < 0 or best_select > best_ignore
