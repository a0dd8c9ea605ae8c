"""What the page sends and gets back, as plain data: no web framework here, so it is tested directly.

A draft arrives as pasted text or as the bytes of a dropped file; both go through
the CLI's decoder (followlint.run.files.decode) and its size limit, so the page refuses
exactly what ``followlint check`` refuses, with the same words.

Offsets go back twice: in code points (Python's, and the CLI's JSON) and in UTF-16
code units, which is what JavaScript strings index by; the page uses the latter.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from dataclasses import dataclass
from typing import Any, Mapping

from followlint.anatomy.context import ContextError, DraftContext
from followlint.run.files import DRAFT_SUFFIXES, InputError, decode
from followlint.core.finding import Finding
from followlint.anatomy.lines import LineIndex

#: The context fields the page shows, mapped to the context keys the linter reads.
CONTEXT_FIELDS = ("interviewers", "company", "role", "interview_date", "kind")

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class BadRequest(ValueError):
    """A request the page cannot lint; ``status`` is the HTTP status, the message is shown as is."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class DraftRequest:
    """One parsed request: the decoded draft, its context, and a file name hinting its format."""

    text: str
    context: dict[str, Any]
    path: str | None = None


def parse_request(body: Any, max_size: int) -> DraftRequest:
    """Validate a decoded JSON body: ``{"text": ...}`` or ``{"data": base64, "filename": ...}``, plus context."""
    if not isinstance(body, dict):
        raise BadRequest("the request must be a JSON object with the draft in 'text'")
    filename = body.get("filename") if isinstance(body.get("filename"), str) else None
    text = _draft_text(body, max_size, _label(filename))
    return DraftRequest(text, parse_context(body.get("context")), _path_hint(filename))


def _label(filename: str | None) -> str:
    """How an error names the draft, as the CLI names a file: its base name, or 'pasted draft'."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:120] or "pasted draft"


def _draft_text(body: Mapping[str, Any], max_size: int, label: str) -> str:
    """The draft as the CLI would read it: size limit first, then the same decoder and messages."""
    if isinstance(body.get("data"), str):
        try:
            raw = base64.b64decode(body["data"], validate=True)
        except (binascii.Error, ValueError):
            raise BadRequest(f"{label}: the file did not arrive intact (bad base64); try again") from None
    elif isinstance(body.get("text"), str):
        try:
            raw = body["text"].encode("utf-8")
        except UnicodeEncodeError:
            raise BadRequest(f"{label}: not valid text (a broken character); paste it again") from None
    else:
        raise BadRequest("no draft: send the text in 'text' (or a file's bytes in 'data')")
    if len(raw) > max_size:
        raise BadRequest(f"{label}: {len(raw):,} bytes, over the {max_size:,}-byte limit "
                         "(raise max-file-size in the config to check it)", status=413)
    try:
        return decode(raw, label)[0]
    except InputError as exc:
        raise BadRequest(str(exc)) from None


def _path_hint(filename: str | None) -> str | None:
    """A dropped file's suffix picks its format (.md front matter, .eml headers); the name itself is not used."""
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if filename and "." in filename else ""
    return f"draft{suffix}" if suffix in DRAFT_SUFFIXES else None


def parse_context(raw: Any) -> dict[str, Any]:
    """The page's context fields as a context mapping; empty fields are left out (detected or unknown)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise BadRequest("'context' must be an object")
    values = {key: raw[key] for key in CONTEXT_FIELDS
              if isinstance(raw.get(key), str) and raw[key].strip()}
    try:
        DraftContext.from_mapping(values, source="context")  # the CLI's checks and messages
    except ContextError as exc:
        raise BadRequest(str(exc).removeprefix("context: ").replace("_", " ")) from None
    return values


class Utf16:
    """Code-point offsets of one text -> UTF-16 code units (astral characters count twice)."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._astral, offset)


def finding_json(f: Finding, index: int, lines: LineIndex, utf16: Utf16) -> dict[str, Any]:
    """One finding as the page shows it."""
    line, column = lines.position(f.span.start)
    fix = {"title": f.fix.title, "safe": f.fix.safe} if f.fix is not None and f.fix.edits else None
    return {
        "id": index, "rule": f.rule, "code": f.code, "category": f.category,
        "severity": str(f.severity), "message": f.message, "suggestions": list(f.suggestions),
        "url": f.url, "fix": fix, "line": line, "column": column,
        "start": f.span.start, "end": f.span.end,
        "start16": utf16(f.span.start), "end16": utf16(f.span.end),
    }


def result_json(text: str, result: Any) -> dict[str, Any]:
    """A lint result (followlint.LintResult) of ``text`` as the page's JSON (``error`` alone if unreadable)."""
    if getattr(result, "error", None):
        return {"error": result.error}
    lines, utf16 = LineIndex(text), Utf16(text)
    findings = sorted(result.findings, key=lambda f: (f.span.start, f.span.end, -f.severity, f.code))
    return {
        "text": text,
        "kind": result.kind,
        "score": result.score,
        "notes": list(result.notes),
        "findings": [finding_json(f, i, lines, utf16) for i, f in enumerate(findings)],
        "safe_fixes": sum(1 for f in findings if f.fix is not None and f.fix.safe and f.fix.edits),
    }
