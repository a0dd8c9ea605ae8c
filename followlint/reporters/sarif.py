"""``--output-format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Columns are UTF-16 code units (``run.columnKind`` says so explicitly), which is what
GitHub code scanning expects: an emoji before a finding counts 2. Regions are 1-based
and ``endColumn`` is exclusive, as SARIF defines it. Paths under the working
directory are relative to ``%SRCROOT%`` (the working directory), others are
absolute ``file://`` URIs.
"""

from __future__ import annotations

import json
import os
from typing import Any
from pathlib import Path, PurePath
from urllib.parse import quote

from followlint import __version__
from followlint.core.engine import INTERNAL_ERROR, REPORT_HINT
from followlint.core.finding import FileResult, Finding, Severity
from followlint.reporters.base import Reporter, Summary, utf16_point, utf16_position

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_location(path: str, cwd: str | None = None) -> dict:
    """A SARIF artifactLocation: relative to %SRCROOT% when under ``cwd``, else an absolute file URI."""
    cwd = cwd or os.getcwd()
    if path == "-":
        return {"uri": "stdin"}
    absolute = os.path.abspath(path)
    rel = os.path.relpath(absolute, cwd) if os.path.splitdrive(absolute)[0] == os.path.splitdrive(cwd)[0] else None
    if rel is not None and not rel.startswith(os.pardir):
        return {"uri": quote(PurePath(rel).as_posix()), "uriBaseId": SRCROOT}
    return {"uri": Path(absolute).as_uri()}


def _folder_uri(folder: str) -> str:
    uri = Path(folder).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _text(value: str) -> dict:
    return {"text": value}


def rule_descriptor(rule) -> dict:
    """A reportingDescriptor built from a rule's metadata and docs."""
    m = rule.meta
    d = m.docs
    full = d.what or m.summary
    text_parts = [full]
    md_parts = [full]
    for title, body in (("Why it hurts a follow-up", d.why), ("Example", d.example),
                        ("Use instead", d.instead), ("Fix safety", d.fix_safety)):
        if not body:
            continue
        text_parts.append(f"{title}: {body}")
        if title in ("Example", "Use instead"):
            md_parts.append(f"**{title}**\n\n" + "\n".join("    " + line for line in body.splitlines()))
        else:
            md_parts.append(f"**{title}**: {body}")
    text_parts.append(f"Run `followlint rule {m.name}` for details.")
    md_parts.append(f"Run `followlint rule {m.name}` for details.")
    out = {
        "id": m.code,
        "name": m.name,
        "shortDescription": _text(m.summary),
        "fullDescription": _text(full),
        "help": {"text": "\n\n".join(text_parts), "markdown": "\n\n".join(md_parts)},
        "defaultConfiguration": {"level": LEVEL[m.severity], "enabled": bool(m.default_enabled)},
        "properties": {"category": m.category, "tags": [m.category], "fix": m.fix},
    }
    if m.url:
        out["helpUri"] = m.url
    return out


def _internal_descriptor(code: str, name: str) -> dict:
    summary = ("A rule crashed on this draft; its findings are missing." if code == INTERNAL_ERROR[1]
               else "A rule ran out of time on this draft; its findings are incomplete." if code == "X002"
               else f"Findings of rule {name}.")
    return {"id": code, "name": name, "shortDescription": _text(summary), "fullDescription": _text(summary),
            "help": {"text": f"{summary} {REPORT_HINT.capitalize()}.",
                     "markdown": f"{summary} {REPORT_HINT.capitalize()}."},
            "defaultConfiguration": {"level": "error"},
            "properties": {"category": "internal", "tags": ["internal"]}}


class SarifReporter(Reporter):
    def start(self) -> None:
        self.cwd = os.getcwd()
        self.results: list[dict] = []
        self.used: dict[str, tuple[str, object]] = {}  # code -> (name, rule or None)
        self.notifications: list[dict] = []
        self.failed = False

    def add(self, result: FileResult) -> None:
        location = artifact_location(result.path, self.cwd)
        if result.error:
            self.failed = True
            if result.draft is None:
                self.notifications.append({"level": "error", "message": _text(f"{result.path}: {result.error}"),
                                           "locations": [{"physicalLocation": {"artifactLocation": location}}]})
        for f in result.findings:
            self.results.append(self._result(result, f, location))

    def _result(self, result: FileResult, f: Finding, location: dict) -> dict:
        if f.code not in self.used:
            rule = self.rules.get(f.code) if self.rules is not None else None
            self.used[f.code] = (f.rule, rule)
        pos = utf16_position(result, f)
        region: dict[str, Any] = {"startLine": pos["line"], "startColumn": pos["column"],
                  "endLine": pos["end_line"], "endColumn": pos["end_column"]}
        draft = result.draft
        if self.show_source and draft is not None:
            region["snippet"] = _text(draft.text[f.span.start:f.span.end])
        out: dict[str, Any] = {
            "ruleId": f.code,
            "level": LEVEL[f.severity],
            "message": _text(f.message),
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
            "properties": {"rule": f.rule, "category": f.category, "severity": str(f.severity)},
        }
        kind = result.extras.get("kind")
        if isinstance(kind, dict) and kind.get("name"):  # the draft's kind sets limits: say which, and why
            out["properties"]["messageKind"] = kind["name"]
            out["properties"]["messageKindReason"] = kind.get("reason", "")
        if f.suggestions:
            out["properties"]["suggestions"] = list(f.suggestions)
        if f.url:
            out["properties"]["url"] = f.url
        if f.fix is not None and f.fix.edits and draft is not None and getattr(draft, "fixable", False):
            replacements = []
            for e in sorted(f.fix.edits, key=lambda e: (e.start, e.end)):
                start_line, start_col = utf16_point(draft, e.start)
                end_line, end_col = utf16_point(draft, e.end)
                replacements.append({
                    "deletedRegion": {"startLine": start_line, "startColumn": start_col,
                                      "endLine": end_line, "endColumn": end_col},
                    "insertedContent": _text(e.replacement)})
            out["fixes"] = [{"description": _text(f.fix.title + ("" if f.fix.safe else " (unsafe fix)")),
                             "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
                             "properties": {"safe": f.fix.safe}}]
        return out

    def finish(self, summary: Summary) -> None:
        codes = sorted(self.used)
        index = {code: i for i, code in enumerate(codes)}
        rules = []
        for code in codes:
            name, rule = self.used[code]
            rules.append(rule_descriptor(rule) if rule is not None else _internal_descriptor(code, name))
        for r in self.results:
            r["ruleIndex"] = index[r["ruleId"]]
        notifications = self.notifications + [{"level": "note", "message": _text(note)} for note in summary.notes]
        invocation: dict[str, Any] = {"executionSuccessful": not self.failed}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        run = {
            "tool": {"driver": {"name": "followlint", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": _folder_uri(self.cwd)}},
            "columnKind": "utf16CodeUnits",
            "results": self.results,
        }
        doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        json.dump(doc, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
