"""Findings of a `followlint check --output-format json` run, normalised for comparison with a stored
expectation (tests/test_results_identical.py): per draft (path relative to the folder checked), its
score and each finding's rule, code, severity, span, message and suggestions.

Harper lists the suggestions of a few lints in an order that changes from process to process (its
hash maps), so suggestions are compared as sets and a message's quoted words in sorted order.

    python tests/results_snapshot.py RUN.json FOLDER > tests/data/expected/NAME.json
"""

from __future__ import annotations

import json
import os
import re
import sys

_QUOTED = re.compile(r"'[^']*'")


def _message(text: str) -> list:
    return [_QUOTED.sub("'…'", text), sorted(_QUOTED.findall(text))]


def normalise(doc: dict, folder: str) -> dict:
    prefixes = sorted({folder.rstrip("/") + "/", os.path.abspath(folder) + "/"}, key=len, reverse=True)

    def message(text: str) -> list:
        for prefix in prefixes:  # duplicate-message names other drafts by the path they were given as
            text = text.replace(prefix, "")
        return _message(text)

    out = {}
    for item in doc["files"]:
        rel = os.path.relpath(item["path"], folder).replace(os.sep, "/")
        findings = sorted([f["code"], f["rule"], f["severity"], f["start"], f["end"], *message(f["message"]),
                           sorted(f.get("suggestions") or [])] for f in item["findings"])
        out[rel] = {"score": item.get("score"), "error": item.get("error"), "findings": findings}
    return dict(sorted(out.items()))


if __name__ == "__main__":
    doc = json.loads(open(sys.argv[1], encoding="utf-8").read())
    json.dump(normalise(doc, sys.argv[2]), sys.stdout, indent=0, ensure_ascii=False)
    sys.stdout.write("\n")
