"""Build the set of rules for a run: built-in checks, YAML packs, then plugins.

Built fresh for each run (never a global), so tests and plugins can't leak
state into each other. A duplicate name or code is a hard error naming both sources.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Iterable

from followlint.core.data import pack_root
from followlint.kinds import PackError, rule_from_yaml
from followlint.core.rule import Rule

PLUGIN_GROUP = "followlint.plugins"


class RegistryError(RuntimeError):
    pass


@dataclass
class Registry:
    rules: dict[str, Any] = field(default_factory=dict)  # name -> rule
    by_code: dict[str, Any] = field(default_factory=dict)

    def add(self, rule: Any) -> None:
        meta = rule.meta
        meta.validate()
        for table, key in ((self.rules, meta.name), (self.by_code, meta.code)):
            other = table.get(key)
            if other is not None:
                raise RegistryError(
                    f"duplicate rule id {key!r}: defined by {other.meta.source} and by {meta.source}")
        self.rules[meta.name] = rule
        self.by_code[meta.code] = rule

    def get(self, ident: str) -> Any | None:
        return self.rules.get(ident) or self.by_code.get(ident.upper())

    def __iter__(self):
        return iter(sorted(self.rules.values(), key=lambda r: r.meta.code))

    def __len__(self) -> int:
        return len(self.rules)


def builtin_checks() -> list[Any]:
    from dataclasses import replace

    from followlint.checks import BUILTIN_CHECKS

    out = []
    for dotted in BUILTIN_CHECKS:
        module_name, _, attr = dotted.partition(":")
        rule = getattr(importlib.import_module(module_name), attr)()
        # Where it is defined, by the rule's name alone: followlint/checks/<rule_name>.py
        rule.meta = replace(rule.meta, source=module_name.replace(".", "/") + ".py")
        out.append(rule)
    return out


def rule_files(rule: Any) -> list[tuple[str, str]]:
    """(label, path) of what makes up a shipped rule: the file that defines it (a module of
    followlint/checks or a YAML file of rules/), its data files (rules/data/*.yaml) and its golden
    tests (tests/rules/<rule-name>.yaml, in the source repository). A plugin's rule: where it came from."""
    meta = rule.meta
    shipped = meta.source.startswith(("followlint/", "rules/"))
    out = [("Defined in", meta.source)]
    if not shipped:
        return out
    names = [f"{meta.name}.yaml"] if meta.source.startswith("followlint/") else []
    names += [f"{n}.yaml" for n in getattr(rule, "data_files", ())]
    data = pack_root().joinpath("data")
    for name in dict.fromkeys(names):
        if data.joinpath(name).is_file():
            out.append(("Data", f"rules/data/{name}"))
    out.append(("Golden tests", f"tests/rules/{meta.name}.yaml"))
    return out


def iter_pack_files(root) -> Iterable[tuple[str, str]]:
    """(display path, text) for every rule file under ``root``; ``data/`` holds lists, not rules."""
    stack = [root]
    while stack:
        folder = stack.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                if entry.name not in ("data", "__pycache__"):
                    stack.append(entry)
            elif entry.name.endswith((".yaml", ".yml")):
                rel = f"rules/{entry.name}" if folder == root else f"rules/{folder.name}/{entry.name}"
                yield rel, entry.read_text(encoding="utf-8")


def load_pack(root, label: str | None = None) -> list[Any]:
    rules = []
    for rel, text in iter_pack_files(root):
        path = rel if label is None else f"{label}/{rel.removeprefix('rules/')}"
        rules.append(rule_from_yaml(path, text))
    return rules


def plugin_items() -> Iterable[tuple[str, Any]]:
    """Yield (distribution name, item) from installed plugins; never from the linted repository."""
    for ep in entry_points(group=PLUGIN_GROUP):
        dist = getattr(ep.dist, "name", None) or ep.value
        try:
            provider = ep.load()
            items = provider() if callable(provider) else provider
        except Exception as exc:  # a broken plugin is named, not a traceback
            raise RegistryError(f"plugin {ep.name!r} from {dist} failed to load: {exc}") from None
        for item in items or ():
            yield dist, item


def build_registry(include_plugins: bool = True) -> Registry:
    registry = Registry()
    for rule in builtin_checks():
        registry.add(rule)
    try:
        for rule in load_pack(pack_root()):
            registry.add(rule)
    except PackError as exc:
        raise RegistryError(str(exc)) from None
    if include_plugins:
        for dist, item in plugin_items():
            for rule in _plugin_rules(dist, item):
                if len(rule.meta.code.rstrip("0123456789")) < 3:
                    raise RegistryError(
                        f"plugin {dist}: rule {rule.meta.name} code {rule.meta.code!r} needs a prefix of 3+ letters")
                registry.add(rule)
    return registry


def _plugin_rules(dist: str, item: Any) -> list[Any]:
    from dataclasses import replace

    if isinstance(item, (str, Path)) or hasattr(item, "iterdir"):
        root = Path(item) if isinstance(item, str) else item
        try:
            rules = load_pack(root, label=dist)
        except PackError as exc:
            raise RegistryError(str(exc)) from None
        for rule in rules:
            rule.meta = replace(rule.meta, source=f"{dist} ({rule.meta.source})")
        return rules
    rule = item() if isinstance(item, type) else item
    if not isinstance(rule, Rule):
        raise RegistryError(f"plugin {dist}: {item!r} is neither a rule nor a rule-pack folder")
    rule.meta = replace(rule.meta, source=dist)
    return [rule]
