"""Engine guarantees that no single rule can break: bounded findings per rule."""

from __future__ import annotations

from followlint.core.config import Config, resolve_rules
from followlint.anatomy.draft import parse_draft
from followlint.core.engine import MAX_FINDINGS_PER_RULE, Services, lint_draft
from followlint.core.finding import Severity
from followlint.core.registry import build_registry


def test_a_flood_of_matches_is_capped_with_a_note():
    registry = build_registry(include_plugins=False)
    active = [a for a in resolve_rules(Config(), registry) if a.rule.meta.name == "excessive-exclamation"]
    draft = parse_draft("Hi Dana,\n\n" + "Great!! " * 5000 + "\n\nBest,\nJo\n", "a.txt")
    findings = lint_draft(draft, active, Services()).findings
    assert len(findings) == MAX_FINDINGS_PER_RULE + 1
    assert findings[-1].severity is Severity.INFO and "More than" in findings[-1].message
