"""Reporters turn FileResults into output; they never decide what is a finding."""

from __future__ import annotations

import importlib

#: --output-format name -> "module:Class", imported only when chosen (rich is slow to import).
REPORTERS: dict[str, str] = {
    "full": "followlint.reporters.full:FullReporter",
    "concise": "followlint.reporters.concise:ConciseReporter",
    "json": "followlint.reporters.json:JsonReporter",
}


def get_reporter(name: str):
    module, _, attr = REPORTERS[name].partition(":")
    return getattr(importlib.import_module(module), attr)
