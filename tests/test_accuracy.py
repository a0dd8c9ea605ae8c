"""Whole-product accuracy: good drafts stay quiet, and the labelled corpus keeps its floor.

The project's own golden drafts live in tests/drafts/. The shared corpus (../shared/corpus)
is not in a user's clone; those tests skip cleanly when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from followlint.config import Config, resolve_rules
from followlint.draft import _FRONT_MATTER, parse_draft
from followlint.engine import Services, lint_draft
from followlint.finding import Severity
from followlint.registry import build_registry

HERE = Path(__file__).parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
REGISTRY = build_registry(include_plugins=False)
ACTIVE = resolve_rules(Config(), REGISTRY)
SERVICES = Services()


def lint(text: str, name: str):
    return lint_draft(parse_draft(text, name), ACTIVE, SERVICES)


def serious(result):
    return [f for f in result.findings if f.severity >= Severity.WARNING]


@pytest.mark.parametrize("path", sorted((HERE / "drafts" / "good").iterdir()), ids=lambda p: p.name)
def test_good_drafts_have_no_warnings(path):
    result = lint(path.read_text(encoding="utf-8"), path.name)
    assert not serious(result), [(f.rule, f.message) for f in serious(result)]


@pytest.mark.parametrize("path", sorted((HERE.parent / "examples").glob("good-*")), ids=lambda p: p.name)
def test_good_examples_have_no_warnings(path):
    result = lint(path.read_text(encoding="utf-8"), path.name)
    assert not serious(result), [(f.rule, f.message) for f in serious(result)]


def _corpus():
    if not CORPUS.is_dir():
        return []
    out = []
    for path in sorted(list(CORPUS.glob("*.md")) + list(CORPUS.glob("real/*.md"))):
        if path.name == "INDEX.md":
            continue
        text = path.read_text(encoding="utf-8")
        m = _FRONT_MATTER.match(text)
        meta = yaml.safe_load(m.group(1)) if m else {}
        if "expected" in meta:
            out.append((path, set(meta["expected"] or []), text[m.end():]))
    return out


CORPUS_DRAFTS = _corpus()
needs_corpus = pytest.mark.skipif(not CORPUS_DRAFTS, reason="../shared/corpus is not present")


@needs_corpus
def test_clean_corpus_drafts_raise_no_warning():
    flagged = {}
    for path, expected, body in CORPUS_DRAFTS:
        if not expected:
            found = serious(lint(body, path.name.replace(".md", ".txt")))
            if found:
                flagged[path.name] = [(f.rule, f.message) for f in found]
    assert not flagged


@needs_corpus
def test_no_unfilled_placeholder_is_missed():
    missed = [path.name for path, expected, body in CORPUS_DRAFTS
              if "unfilled-placeholder" in expected
              and not any(f.category == "unfilled-placeholder" and f.severity is Severity.ERROR
                          for f in lint(body, path.name.replace(".md", ".txt")).findings)]
    assert not missed
