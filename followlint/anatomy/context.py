"""Who the draft is for, and when: parsed from front matter, CLI flags or e-mail headers.

Missing context never causes an error; it only switches context-aware checks on.
A value of the wrong type does, naming the key, because silently ignoring it would
switch a check off without the user knowing.
"""

from __future__ import annotations

import datetime as dt
import reprlib
from dataclasses import dataclass, fields, replace

KINDS = ("thank-you", "follow-up", "panel", "second-interview", "linkedin-note", "other")

#: Spellings people use for the same kind (the shared corpus says follow-up-no-response).
KIND_ALIASES = {
    "thank-you": "thank-you",
    "thankyou": "thank-you",
    "thanks": "thank-you",
    "follow-up": "follow-up",
    "followup": "follow-up",
    "follow-up-no-response": "follow-up",
    "follow-up-after-silence": "follow-up",
    "panel": "panel",
    "panel-thank-you": "panel",
    "second-interview": "second-interview",
    "final-interview": "second-interview",
    "linkedin-note": "linkedin-note",
    "linkedin": "linkedin-note",
    "other": "other",
}

CONTEXT_KEYS = ("interviewers", "company", "role", "interview_date", "send_date", "kind")


class ContextError(ValueError):
    """A context value of the wrong type or an unknown kind; the message names the key."""


@dataclass(frozen=True)
class DraftContext:
    interviewers: tuple[str, ...] = ()
    company: str | None = None
    role: str | None = None
    interview_date: dt.date | None = None
    send_date: dt.date | None = None
    kind: str | None = None

    @classmethod
    def from_mapping(cls, data: dict, source: str = "front matter") -> "DraftContext":
        """Validate the known keys of ``data``; unknown keys are ignored."""
        values: dict = {}
        aliases = {"interviewer": "interviewers", "interview-date": "interview_date",
                   "send-date": "send_date"}
        for raw_key, value in data.items():
            key = aliases.get(str(raw_key), str(raw_key))
            if key not in CONTEXT_KEYS or value is None:
                continue
            values[key] = _validate(key, value, source)
        return cls(**values)

    def merged_over(self, base: "DraftContext") -> "DraftContext":
        """This context's set values win over ``base``'s."""
        changes = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
        return replace(base, **changes)

    def as_dict(self) -> dict:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out


def _validate(key: str, value, source: str):
    if key == "interviewers":
        if isinstance(value, str):
            names = [part.strip() for part in value.replace(";", ",").split(",")]
            return tuple(n for n in names if n)
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return tuple(v.strip() for v in value if v.strip())
        raise ContextError(f"{source}: 'interviewers' must be a name or a list of names")
    if key in ("company", "role"):
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip() or None
        raise ContextError(f"{source}: {key!r} must be text")
    if key in ("interview_date", "send_date"):
        return parse_date(value, key, source)
    if key == "kind":
        kind = KIND_ALIASES.get(str(value).strip().lower().replace("_", "-").replace(" ", "-")) \
            if isinstance(value, (str, int, float)) else None
        if kind is None:
            raise ContextError(f"{source}: unknown kind {_shown(value)} (use one of: {', '.join(KINDS)})")
        return kind
    raise AssertionError(key)


def parse_date(value, key: str = "date", source: str = "context") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise ContextError(f"{source}: {key!r} must be a date like 2026-11-25, got {_shown(value)}")


def _shown(value) -> str:
    """A short repr for a message: front matter is untrusted, and YAML aliases can nest a list
    a billion items deep ("billion laughs") that a plain repr() would try to build."""
    return _REPR.repr(value)


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxstring, _REPR.maxother = 2, 4, 4, 60, 60
