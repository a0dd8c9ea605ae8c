"""Turn one YAML file from a rule pack into a Rule (Vale-style ``kind:``).

A pack is data, never code: files are read with ``yaml.safe_load`` semantics,
checked against a small schema (errors name the file and line), and patterns are
compiled once with the ``regex`` module and matched under a time bound, so a
catastrophic pattern in an untrusted pack cannot hang CI.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Iterator

import regex
import yaml

from followlint.core.finding import Severity
from followlint.core.rule import SCOPES, RuleDocs, RuleMeta

#: Seconds one pattern may spend on one scope of a draft before the rule is stopped, plus
#: PATTERN_TIMEOUT_PER_CHAR for each character of the scope: a shipped pattern runs at ~1 us a
#: character, so a long (legitimate) draft gets time in proportion and a catastrophic pattern is
#: still stopped within a few seconds.
PATTERN_TIMEOUT = 0.25
PATTERN_TIMEOUT_PER_CHAR = 5e-6
#: A wall-clock time-out in which this thread got less than STARVED_CPU_SHARE of the budget in CPU
#: was the machine's doing (load, or the GIL held by an engine warming up): retried, with
#: STARVED_WALL_FACTOR times the wall time, up to STARVED_RETRIES times.
STARVED_CPU_SHARE = 0.5
STARVED_WALL_FACTOR = 4.0
STARVED_RETRIES = 3
#: And in total: all of one rule's patterns on one draft (1,000 paragraphs each just under the bound
#: above took 75 s), and all rules' patterns on one draft together; each plus so much per character.
RULE_TIMEOUT, RULE_TIMEOUT_PER_CHAR = 2.0, 20e-6
DRAFT_TIMEOUT, DRAFT_TIMEOUT_PER_CHAR = 10.0, 50e-6

COMMON_KEYS = {
    "kind": str, "name": str, "code": str, "category": str, "level": str, "scope": str,
    "summary": str, "message": str, "link": str, "ignorecase": bool, "default": bool,
    "docs": dict, "examples": dict, "description": str,
}


class PackError(ValueError):
    """A malformed rule file; the message starts with ``file:line:``."""


class PatternTimeout(RuntimeError):
    """A rule's patterns ran out of time on a draft: reported as that, not as a crash or as clean."""


_budget = threading.local()


class PatternBudget:
    """The time the patterns of one draft's rules may spend matching: :meth:`rule` around each rule's
    check. Only time inside the patterns counts (not a spaCy parse a rule triggers on the way)."""

    def __init__(self, chars: int) -> None:
        self.rule_seconds = RULE_TIMEOUT + chars * RULE_TIMEOUT_PER_CHAR
        self.draft_seconds = DRAFT_TIMEOUT + chars * DRAFT_TIMEOUT_PER_CHAR
        self.draft_used = 0.0
        self.rule_used = 0.0

    def left(self) -> float:
        return min(self.rule_seconds - self.rule_used, self.draft_seconds - self.draft_used)

    def spend(self, seconds: float) -> None:
        self.rule_used += seconds
        self.draft_used += seconds

    @contextmanager
    def rule(self) -> Iterator[None]:
        previous = getattr(_budget, "current", None)
        _budget.current, self.rule_used = self, 0.0
        try:
            yield
        finally:
            _budget.current = previous


@dataclass(frozen=True)
class RuleSource:
    path: str
    data: dict
    lines: dict[str, int]  # top-level key -> 1-based line

    def line(self, key: str | None = None) -> int:
        return self.lines.get(key, 1) if key else 1

    def error(self, key: str | None, message: str) -> PackError:
        return PackError(f"{self.path}:{self.line(key)}: {message}")


#: libyaml when PyYAML has it: every run reads the packs, and the pure-Python parser takes ~25 ms.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_rule_file(path: str, text: str) -> RuleSource:
    try:
        try:
            node = yaml.compose(text, Loader=_FAST_LOADER)
            data = yaml.load(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:  # report the error as the pure-Python parser words and places it
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise PackError(f"{path}:{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise PackError(f"{path}:1: a rule file must be a YAML mapping")
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
    return RuleSource(path, data, lines)


def check_keys(src: RuleSource, extra: dict[str, Any], required: tuple[str, ...],
               base_required: tuple[str, ...] = ("code", "category", "message")) -> None:
    allowed = {**COMMON_KEYS, **extra}
    for key, value in src.data.items():
        if key not in allowed:
            raise src.error(key, f"unknown key {key!r} for kind {src.data.get('kind')!r}")
        expected = allowed[key]
        if expected is not None and not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise src.error(key, f"{key!r} must be {_describe(expected)}, got {type(value).__name__}")
    for key in base_required + required:
        if key not in src.data:
            raise src.error(None, f"missing required key {key!r}")


def _describe(t: Any) -> str:
    if isinstance(t, tuple):
        return " or ".join(_describe(x) for x in t)
    return {str: "text", bool: "true or false", int: "a whole number", list: "a list",
            dict: "a mapping", float: "a number"}.get(t, str(t))


def meta_from(src: RuleSource, default_scope: str, fix: str = "never") -> RuleMeta:
    d = src.data
    name = d.get("name") or PurePath(src.path).stem
    try:
        severity = Severity.parse(d.get("level", "warning"))
    except ValueError as exc:
        raise src.error("level", str(exc)) from None
    scope = d.get("scope", default_scope)
    if scope not in SCOPES:
        raise src.error("scope", f"unknown scope {scope!r} (use one of: {', '.join(SCOPES)})")
    docs = d.get("docs") or {}
    meta = RuleMeta(
        name=name, code=d["code"], category=d["category"], severity=severity,
        summary=d.get("summary") or d.get("description") or d.get("message", "").replace("{match}", "…"),
        scope=scope, fix=fix, default_enabled=d.get("default", True), url=d.get("link"),
        docs=RuleDocs(what=str(docs.get("what", "")), why=str(docs.get("why", "")),
                      example=str(docs.get("example", "")), instead=str(docs.get("instead", "")),
                      fix_safety=str(docs.get("fix_safety", ""))),
        source=src.path,
    )
    try:
        meta.validate()
    except ValueError as exc:
        raise src.error("code" if "code" in str(exc) else "category" if "category" in str(exc) else "name",
                        str(exc)) from None
    return meta


def compile_pattern(src: RuleSource, key: str, pattern: str, ignorecase: bool) -> "regex.Pattern":
    flags = regex.V1 | (regex.IGNORECASE if ignorecase else 0)
    try:
        return regex.compile(pattern, flags)
    except regex.error as exc:
        raise src.error(key, f"bad pattern {pattern!r}: {exc}") from None


def word_alternation(tokens: list[str]) -> str:
    """Tokens matched as whole words (Vale's ``tokens``); each token may be a regex."""
    ordered = sorted(tokens, key=len, reverse=True)
    # A space in a token matches any run of whitespace, so hard-wrapped drafts still match.
    spaced = [re_space(t) for t in ordered]
    return r"(?<![\w'’])(?:" + "|".join(f"(?:{t})" for t in spaced) + r")(?![\w'’])"


def re_space(token: str) -> str:
    return regex.sub(r"(?<!\\) ", r"\\s+", token)


def finditer(pattern: "regex.Pattern", text: str, start: int, end: int):
    """All matches of ``pattern`` in ``text[start:end]``, within the pattern's and the rule's budget.

    Budgets are CPU seconds of this thread, not wall time: while an engine warms up in a background
    thread (holding the GIL) or the machine is loaded, a pattern that needs microseconds can wait a
    quarter of a second for the CPU, and that is not catastrophic backtracking. ``regex`` bounds by
    wall time, so a wall time-out that used little CPU is retried with more wall time."""
    budget = PATTERN_TIMEOUT + max(0, end - start) * PATTERN_TIMEOUT_PER_CHAR
    total: PatternBudget | None = getattr(_budget, "current", None)
    left = budget if total is None else min(budget, total.left())
    started = time.thread_time()
    try:
        wall = left
        for _attempt in range(STARVED_RETRIES + 1 if left > 0 else 0):
            try:
                return list(pattern.finditer(text, start, end, timeout=wall))
            except TimeoutError:
                if time.thread_time() - started >= left * STARVED_CPU_SHARE:
                    break  # the time went into matching: a genuine time-out
                wall *= STARVED_WALL_FACTOR
        if total is not None and left < budget:  # the rule's or the draft's total ran out, not this call's
            raise PatternTimeout(_out_of_budget(total))
        raise PatternTimeout(f"pattern {pattern.pattern[:60]!r} took longer than {budget:.2f}s on "
                             f"{end - start:,} characters (catastrophic backtracking?)")
    finally:
        if total is not None:
            total.spend(time.thread_time() - started)


def _out_of_budget(total: PatternBudget) -> str:
    return (f"its patterns used up their time on this draft ({total.rule_seconds:.1f} s "
            f"per rule, {total.draft_seconds:.1f} s for all rules together)")


def string_list(src: RuleSource, key: str) -> list[str]:
    value = src.data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise src.error(key, f"{key!r} must be a list of strings")
    return value
