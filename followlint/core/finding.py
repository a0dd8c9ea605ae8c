"""The one Finding type every rule produces and every reporter consumes.

Spans are code-point offsets into the draft's original text; reporters convert
them to line:column (or UTF-16 columns) through the Draft's line index.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from followlint.anatomy.lines import LineIndex


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_level`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


CATEGORIES: tuple[str, ...] = (
    "grammar-typos",
    "casual-tone",
    "excessive-length",
    "missing-interviewer-name",
    "generic-phrasing",
    "missing-closing-or-contact",
    "unfilled-placeholder",
    "demanding-tone",
    "panel-incomplete",
    "timeliness",
    "duplicate-message",
    "structure",
    "internal",
)


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def shifted(self, delta: int) -> "Span":
        return Span(self.start + delta, self.end + delta)

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    edits: tuple[Edit, ...]
    title: str
    safe: bool = False


@dataclass(frozen=True)
class Finding:
    rule: str
    code: str
    category: str
    severity: Severity
    message: str
    span: Span
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    url: str | None = None

    def with_severity(self, severity: Severity) -> "Finding":
        return Finding(self.rule, self.code, self.category, severity, self.message,
                       self.span, self.suggestions, self.fix, self.url)


class DraftView(Protocol):
    """What reporters, fixes and run-level passes read of a result's draft.

    A freshly linted result carries the parsed ``anatomy.draft.Draft``; one answered from the
    cache or a worker carries ``run.cache.CachedDraft``, which has these without parsing the text
    again (and parses on first use of anything else). Both satisfy this protocol."""

    text: str
    path: str

    @property
    def lines(self) -> LineIndex: ...

    def position(self, offset: int) -> tuple[int, int]: ...


@dataclass
class FileResult:
    """What one linted file produced; reporters only ever see these."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    draft: DraftView | None = None
    error: str | None = None  # an input error that stopped this file from being linted
    notes: list[str] = field(default_factory=list)
    score: int | None = None
    #: per-draft data that run-level passes need (e.g. the duplicate check's sketch of the body),
    #: JSON-serialisable: it is cached with the findings, so a cached draft needs no re-parsing
    extras: dict = field(default_factory=dict)
