"""Reporters turn FileResults into output; they never decide what is a finding."""

from __future__ import annotations

import importlib

#: --output-format name -> "module:Class", imported only when chosen (rich is slow to import).
REPORTERS: dict[str, str] = {
    "full": "followlint.reporters.full:FullReporter",
    "concise": "followlint.reporters.concise:ConciseReporter",
    "json": "followlint.reporters.json:JsonReporter",
    "sarif": "followlint.reporters.sarif:SarifReporter",
    "github": "followlint.reporters.github:GithubReporter",
}

#: --statistics replaces the findings with a count per rule; text for the human formats, JSON for json.
STATISTICS_REPORTERS: dict[str, str] = {
    "full": "followlint.reporters.statistics:StatisticsReporter",
    "concise": "followlint.reporters.statistics:StatisticsReporter",
    "json": "followlint.reporters.statistics:JsonStatisticsReporter",
}


def get_reporter(name: str, statistics: bool = False):
    module, _, attr = (STATISTICS_REPORTERS if statistics else REPORTERS)[name].partition(":")
    return getattr(importlib.import_module(module), attr)
