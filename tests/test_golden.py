"""Golden drafts per rule (sqlfluff style): tests/rules/<rule-name>.yaml.

Each file::

    rule: missing-sign-off
    cases:
      - name: no sign-off at all
        text: |            # the draft, exactly
          Hi Dana, ...
        format: txt        # optional: txt (default), md or eml
        words: 210         # optional: replace WORDS in the text by this many filler words
        config: {}         # optional: options for this rule ([tool.followlint.rules.<rule>])
        context: {}        # optional: front-matter context (interviewers, kind, ...)
        findings:          # expected findings of THIS rule; [] means it must stay quiet
          - {line: 3, col: 1, end_line: 3, end_col: 18, severity: warning}

A meta-test fails when a registered rule has no golden file, or no failing and no passing case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from followlint.core.config import ActiveRule
from followlint.anatomy.context import DraftContext
from followlint.anatomy.draft import parse_draft
from followlint.core.engine import Services, lint_draft
from followlint.core.finding import Severity
from followlint.core.registry import build_registry
from followlint.core.rule import build_options

GOLDEN = Path(__file__).parent / "rules"
REGISTRY = build_registry(include_plugins=False)
SERVICES = Services()
#: Rules whose golden cases live elsewhere (they need several files or a live peer).
EXEMPT: set[str] = {"duplicate-message"}  # run-level: tests/test_duplicates.py


def filler_words(n: int) -> str:
    """``n`` words of plain prose in ten-word sentences (``words: N`` in a case replaces WORDS)."""
    vocab = "the returns plan for Leeds needs clear data and steady weekly reviews".split()
    words = [vocab[i % len(vocab)] for i in range(n)]
    sentences = [" ".join(words[i:i + 10]).capitalize() + "." for i in range(0, n, 10)]
    return " ".join(sentences)


def _cases():
    for path in sorted(GOLDEN.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


@pytest.mark.parametrize("rule_name,case", list(_cases()))
def test_golden(rule_name, case):
    rule = REGISTRY.get(rule_name)
    assert rule is not None, f"unknown rule {rule_name}"
    fmt = case.get("format", "txt")
    context = DraftContext.from_mapping(case.get("context", {}), source="golden") if case.get("context") else None
    text = case["text"].replace("WORDS", filler_words(case.get("words", 0)))
    draft = parse_draft(text, f"golden.{fmt}", context=context)
    options = build_options(rule.Options, case.get("config", {}), "golden")
    result = lint_draft(draft, [ActiveRule(rule, options, None)], SERVICES)
    got = []
    for f in result.findings:
        assert f.rule == rule_name, f"{f.rule}: {f.message}"
        line, col = draft.position(f.span.start)
        end_line, end_col = draft.position(f.span.end)
        got.append({"line": line, "col": col, "end_line": end_line, "end_col": end_col,
                    "severity": str(f.severity), "text": draft.text[f.span.start:f.span.end]})
    expected = case["findings"]
    assert len(got) == len(expected), f"expected {expected}, got {got}"
    for want, have in zip(expected, got):
        for key, value in want.items():
            assert have[key] == value, f"{key}: expected {value!r}, got {have[key]!r} in {have}"


def test_every_rule_has_failing_and_passing_golden_cases():
    files = {}
    for path in GOLDEN.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        files[data["rule"]] = data["cases"]
    missing = []
    for rule in REGISTRY:
        name = rule.meta.name
        if name in EXEMPT:
            continue
        cases = files.get(name, [])
        if not any(c["findings"] for c in cases) or not any(not c["findings"] for c in cases):
            missing.append(name)
    assert not missing, f"rules without a failing and a passing golden case: {missing}"


def test_severities_are_valid():
    for rule in REGISTRY:
        assert isinstance(rule.meta.severity, Severity)
