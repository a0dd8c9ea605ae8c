"""``--output-format json``: the stable, versioned wire format documented in the README."""

from __future__ import annotations

import json
from typing import Any

from followlint.core.finding import FileResult
from followlint.reporters.base import Reporter, Summary, position

SCHEMA_VERSION = 1


def finding_dict(result: FileResult, f) -> dict:
    pos = position(result, f)
    out = {
        "rule": f.rule, "code": f.code, "category": f.category, "severity": str(f.severity),
        "message": f.message, **pos, "start": f.span.start, "end": f.span.end,
        "suggestions": list(f.suggestions),
    }
    if f.fix is not None:
        out["fix"] = {"title": f.fix.title, "safe": f.fix.safe,
                      "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in f.fix.edits]}
    if f.url:
        out["url"] = f.url
    return out


class JsonReporter(Reporter):
    def start(self) -> None:
        self.files: list[dict] = []

    def add(self, result: FileResult) -> None:
        entry: dict[str, Any] = {"path": result.path, "findings": [finding_dict(result, f) for f in result.findings]}
        if result.error:
            entry["error"] = result.error
        if result.score is not None:
            entry["score"] = result.score
        kind = result.extras.get("kind")
        if isinstance(kind, dict) and kind.get("name"):
            entry["kind"] = {"name": kind["name"], "reason": kind.get("reason", "")}
        self.files.append(entry)

    def finish(self, summary: Summary) -> None:
        doc = {"version": SCHEMA_VERSION, "files": self.files, "summary": summary.as_dict()}
        if summary.notes:
            doc["notes"] = summary.notes
        json.dump(doc, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
