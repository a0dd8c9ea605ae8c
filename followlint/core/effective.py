"""The option values a rule really uses, for ``followlint config`` and ``followlint rule``.

Some rule options were declared with a 0 (or empty) sentinel meaning "the shipped default in
rules/data/*.yaml"; printing the sentinel tells a user their threshold is 0. This module puts
the shipped value in its place. Once an option's dataclass default is the real value, its
entry here is never used (the value is no longer the sentinel), so it is safe to keep or drop.
"""

from __future__ import annotations

from typing import Any, Callable

from followlint.core.data import load_data

#: (rule name, option key as printed) -> the shipped value the rule uses when the option is unset
SHIPPED: dict[tuple[str, str], Callable[[], Any]] = {
    ("excessive-length", "max-words"): lambda: dict(load_data("length")["max_words"]),
    ("excessive-length", "error-words"): lambda: load_data("length")["error_words"],
    ("long-sentence", "max-words"): lambda: load_data("length")["max_sentence_words"],
    ("too-many-paragraphs", "max-paragraphs"): lambda: load_data("length")["max_paragraphs"],
    ("reading-grade", "max-grade"): lambda: load_data("length")["max_grade"],
    ("no-specific-detail", "min-signals"): lambda: load_data("specificity")["min_signals"],
    ("casual-register", "min-markers"): lambda: load_data("casual")["register_min_markers"],
}


def effective_options(rule_name: str, options: dict[str, Any]) -> dict[str, Any]:
    """``options`` (from core.rule.options_as_dict) with each unset sentinel replaced by the shipped value;
    a table option such as excessive-length's per-kind ``max-words`` shows the shipped table merged with
    the configured entries."""
    out = dict(options)
    for key, value in options.items():
        shipped = SHIPPED.get((rule_name, key))
        if shipped is None:
            continue
        if isinstance(value, dict):
            out[key] = {**shipped(), **value}
        elif value in (0, 0.0, None) and not isinstance(value, bool):
            out[key] = shipped()
    return out
