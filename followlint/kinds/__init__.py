"""Vale-style rule kinds: each turns one YAML file into a Rule."""

from __future__ import annotations

import hashlib

from followlint.kinds.base import PackError, RuleSource, read_rule_file
from followlint.kinds.existence import ExistenceRule
from followlint.kinds.metric import MetricRule
from followlint.kinds.pattern import PatternRule
from followlint.kinds.substitution import SubstitutionRule

KINDS = {
    "existence": ExistenceRule,
    "pattern": PatternRule,
    "substitution": SubstitutionRule,
    "metric": MetricRule,
}


def rule_from_yaml(path: str, text: str):
    src = read_rule_file(path, text)
    kind = src.data.get("kind")
    if kind not in KINDS:
        raise src.error("kind", f"unknown kind {kind!r} (use one of: {', '.join(KINDS)})")
    rule = KINDS[kind](src)
    # The result cache's key covers this: a rule pack edited in place must not serve old results.
    rule.source_digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return rule


__all__ = ["KINDS", "PackError", "RuleSource", "rule_from_yaml"]
