"""The Rule protocol every check satisfies, Python module or YAML file alike.

A rule is pure: it gets a parsed Draft and its resolved options and yields
Findings. It does no I/O, prints nothing and reads no config. Severity overrides,
selection and suppression are the engine's job.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Protocol, runtime_checkable

from followlint.core.finding import CATEGORIES, Finding, Fix, Severity, Span
from followlint.anatomy.nlp import normalize_needs

NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3}$")
SCOPES = ("subject", "greeting", "body", "closing", "signature", "sentence", "paragraph", "whole")


@dataclass(frozen=True)
class RuleDocs:
    """Rendered by ``followlint rule NAME`` (ruff's page layout)."""

    what: str = ""
    why: str = ""
    example: str = ""
    instead: str = ""
    fix_safety: str = ""


@dataclass(frozen=True)
class RuleMeta:
    name: str
    code: str
    category: str
    severity: Severity
    summary: str
    scope: str = "whole"
    docs: RuleDocs = field(default_factory=RuleDocs)
    fix: str = "never"  # never | sometimes | always
    default_enabled: bool = True
    #: What the rule reads from ``draft.doc``: False (nothing), True (everything) or annotation
    #: names such as ("ents",) or ("pos", "lemma") -- see followlint.anatomy.nlp.ANNOTATIONS. Only the
    #: spaCy pipes some enabled rule reads are loaded and run, so name the few you need.
    needs_nlp: bool | tuple[str, ...] = False
    #: The rule reads ``draft.grammar`` (the grammar engines' report, see followlint.grammar.service).
    needs_grammar: bool = False
    url: str | None = None
    source: str = "followlint"  # where the rule came from, for duplicate-id errors

    def validate(self) -> None:
        if not NAME_RE.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")
        if not CODE_RE.match(self.code):
            raise ValueError(f"rule {self.name}: code {self.code!r} must be 1-4 capitals and 3 digits")
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.name}: unknown category {self.category!r}")
        if self.scope not in SCOPES:
            raise ValueError(f"rule {self.name}: unknown scope {self.scope!r}")
        try:
            normalize_needs(self.needs_nlp)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"rule {self.name}: needs_nlp: {exc}") from None


@runtime_checkable
class Rule(Protocol):
    meta: RuleMeta
    Options: type

    def check(self, draft: Any, options: Any) -> Iterable[Finding]: ...


@dataclass(frozen=True)
class NoOptions:
    """Rules without options use this."""


class BaseRule:
    """Convenience base for Python checks: metadata as class attributes."""

    meta: RuleMeta  # a class attribute for Python rules; set per instance by YAML rule kinds
    Options: type = NoOptions
    #: a YAML rule's file content digest (the result cache's key covers it); empty for Python rules
    source_digest: str = ""

    def check(self, draft: Any, options: Any) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(self, span: Span, message: str, *, severity: Severity | None = None,
                suggestions: Iterable[str] = (), fix: Fix | None = None) -> Finding:
        m = self.meta
        return Finding(rule=m.name, code=m.code, category=m.category, severity=severity or m.severity,
                       message=message, span=span, suggestions=tuple(suggestions), fix=fix, url=m.url)


# --- options ----------------------------------------------------------------

class OptionError(ValueError):
    pass


def option_fields(options_type: type) -> dict[str, dataclasses.Field]:
    """Option names as users write them (kebab-case) to dataclass fields."""
    return {f.name.replace("_", "-"): f for f in dataclasses.fields(options_type)}


def build_options(options_type: type, values: dict[str, Any], where: str) -> Any:
    """Validate user values against the rule's Options dataclass; errors name ``where``."""
    known = option_fields(options_type)
    hints = typing.get_type_hints(options_type)
    kwargs = {}
    for key, value in values.items():
        fld = known.get(key) or known.get(key.replace("_", "-"))
        if fld is None:
            choices = ", ".join(sorted(known)) or "none"
            raise OptionError(f"{where}: unknown option {key!r} (options: {choices})")
        kwargs[fld.name] = _coerce(value, hints[fld.name], f"{where}.{key}")
    return options_type(**kwargs)


def _coerce(value: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is bool:
        if isinstance(value, bool):
            return value
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif hint is str:
        if isinstance(value, str):
            return value
    elif origin in (tuple, list):
        if isinstance(value, (list, tuple)):
            inner = args[0] if args else str
            return tuple(_coerce(v, inner, where) for v in value)
    elif origin is dict:
        if isinstance(value, dict):
            kt, vt = args if args else (str, Any)
            return {str(k): (_coerce(v, vt, where) if vt is not Any else v) for k, v in value.items()}
    elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        if value is None and type(None) in args:
            return None
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _coerce(value, arg, where)
            except OptionError:
                continue
    elif hint is Any:
        return value
    raise OptionError(f"{where}: expected {_type_name(hint)}, got {type(value).__name__} {value!r}")


def _type_name(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin in (tuple, list):
        return "a list"
    if origin is dict:
        return "a table"
    return getattr(hint, "__name__", str(hint))


def options_as_dict(options: Any) -> dict[str, Any]:
    out = {}
    for f in dataclasses.fields(options):
        value = getattr(options, f.name)
        out[f.name.replace("_", "-")] = list(value) if isinstance(value, tuple) else value
    return out
