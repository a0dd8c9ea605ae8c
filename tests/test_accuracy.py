"""Whole-product accuracy: good drafts stay quiet, and the labelled corpus keeps its floor.

The project's own golden drafts live in tests/drafts/. The shared corpus (../shared/corpus)
is not in a user's clone; those tests skip cleanly when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from followlint.core.config import Config, resolve_rules
from followlint.anatomy.context import DraftContext
from followlint.anatomy.draft import _FRONT_MATTER, parse_draft
from followlint.core.engine import Services, lint_draft
from followlint.core.finding import Severity
from followlint.core.registry import build_registry

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


HELDOUT = HERE / "drafts" / "heldout"
_KINDS = dict(line.split("\t") for line in (HELDOUT / "good" / "KINDS.tsv").read_text(encoding="utf-8").splitlines()
              if line.strip())
_LABELS = {name: set(labels.split(",")) for name, labels in
           (line.split("\t") for line in (HELDOUT / "bad" / "LABELS.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip())}


@pytest.mark.parametrize("name", sorted(_KINDS), ids=str)
@pytest.mark.parametrize("kind_given", [False, True], ids=["kind-detected", "kind-given"])
def test_heldout_good_drafts_have_no_warnings(name, kind_given):
    text = (HELDOUT / "good" / name).read_text(encoding="utf-8")
    draft = parse_draft(text, name, context=DraftContext(kind=_KINDS[name]) if kind_given else None)
    found = serious(lint_draft(draft, ACTIVE, SERVICES))
    assert not found, [(f.rule, f.message) for f in found]


#: Flaws followlint does not catch yet, with the reason (kept in the set so the figures stay honest).
_KNOWN_MISSES = {(name, label) for name, label, _why in
                 (line.split("\t") for line in (HELDOUT / "bad" / "KNOWN_MISSES.tsv").read_text(encoding="utf-8")
                  .splitlines() if line.strip())}


@pytest.mark.parametrize("name", sorted(_LABELS), ids=str)
def test_heldout_bad_drafts_are_caught_in_every_labelled_category(name):
    result = lint((HELDOUT / "bad" / name).read_text(encoding="utf-8"), name)
    expected = {label for label in _LABELS[name] if (name, label) not in _KNOWN_MISSES}
    assert expected <= {f.category for f in serious(result)}


def test_known_misses_are_real_labels():
    assert all(label in _LABELS[name] for name, label in _KNOWN_MISSES)


#: Floors on the shared corpus (scripts/evaluate.py prints the figures; docs/accuracy.md).
#: missing-closing-or-contact precision is held lower on purpose: of its two false alarms, one is a
#: two-line LinkedIn note whose kind cannot be told from the text, and one follows the issue's rule
#: ("a sign-off with no name -> warning") where the corpus index counts a bare sign-off as a closing.
FLOORS = {
    "grammar-typos": (0.9, 0.9),
    "casual-tone": (0.9, 0.9),
    "excessive-length": (0.9, 0.9),
    "missing-interviewer-name": (0.9, 0.9),
    "generic-phrasing": (0.9, 0.9),
    "missing-closing-or-contact": (0.85, 0.9),
    "unfilled-placeholder": (0.9, 1.0),
}


@needs_corpus
def test_corpus_accuracy_keeps_its_floor():
    tp = dict.fromkeys(FLOORS, 0)
    fp, fn = dict(tp), dict(tp)
    for path, expected, body in CORPUS_DRAFTS:
        found = {f.category for f in serious(lint(body, path.name.replace(".md", ".txt")))}
        for category in FLOORS:
            if category in found and category in expected:
                tp[category] += 1
            elif category in found:
                fp[category] += 1
            elif category in expected:
                fn[category] += 1
    below = {}
    for category, (min_precision, min_recall) in FLOORS.items():
        precision = tp[category] / ((tp[category] + fp[category]) or 1)
        recall = tp[category] / ((tp[category] + fn[category]) or 1)
        if precision < min_precision or recall < min_recall:
            below[category] = (round(precision, 2), round(recall, 2))
    assert not below
