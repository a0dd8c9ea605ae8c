"""spaCy runs only as far as rules read: per-rule annotations, pipe by pipe, same Doc as the full pipeline."""

from __future__ import annotations

import itertools

import pytest

from followlint.anatomy import nlp
from followlint.core.config import ActiveRule
from followlint.anatomy.draft import parse_draft
from followlint.core.engine import Services, lint_draft
from followlint.core.finding import Severity
from followlint.core.rule import BaseRule, RuleMeta

TEXTS = [
    "Dear Ms. Okafor,\n\nThank you for meeting me on Tuesday about the analyst role at Corvid Labs in Leeds. "
    "Your plan to move returns processing north was fascinating.\n\nBest regards,\nJordan Lee\n",
    "Hi Raj, thanks for the call!! I recieve alot of emails but yours stood out. Let me know asap. Cheers, Mia",
    "Good afternoon Dr. Chen. I wanted to follow up on the data engineer position at Halcyon Bank. "
    "I am still very interested. Sincerely, Tomasz Nowak",
]


def _signature(doc):
    return ([t.is_sent_start for t in doc], [(t.tag_, t.pos_, t.lemma_) for t in doc],
            [(e.start, e.end, e.label_) for e in doc.ents])


def test_pipes_applied_one_by_one_in_any_order_match_the_whole_pipeline():
    full = nlp.load_pipeline()
    if full.model is None:
        pytest.skip("no trained spaCy model installed")
    groups = ["sents", "pos", "lemma", "ents"]
    for text in TEXTS:
        reference = _signature(full.nlp(text))
        for order in itertools.permutations(groups):
            lazy = nlp.LazyDoc(nlp.load_pipeline, text)
            for name in order:
                doc = lazy.get((name,))
            assert _signature(doc) == reference, order


def test_needs_are_validated():
    assert nlp.normalize_needs(True) == nlp.DEFAULT_NEEDS
    assert nlp.normalize_needs(False) == frozenset()
    assert nlp.normalize_needs(("ents",)) == {"ents"}
    with pytest.raises(ValueError, match="unknown spaCy annotation"):
        nlp.normalize_needs(("entities",))
    with pytest.raises(ValueError, match="needs_nlp"):
        RuleMeta(name="x-rule", code="X901", category="internal", severity=Severity.INFO, summary="x",
                 needs_nlp=("nope",)).validate()


class _Probe(BaseRule):
    def __init__(self, name, code, needs, read):
        self.meta = RuleMeta(name=name, code=code, category="internal", severity=Severity.INFO, summary="probe",
                             needs_nlp=needs)
        self.read = read
        self.seen = None

    def check(self, draft, options):
        if self.read:
            doc = draft.doc
            self.seen = set(doc.user_data.get("followlint_pipes", ()))
        return iter(())


def test_a_rule_gets_only_the_pipes_it_declared_and_unread_docs_cost_nothing():
    if nlp.load_pipeline().model is None:
        pytest.skip("no trained spaCy model installed")
    ents_rule = _Probe("probe-ents", "X902", ("ents",), read=True)
    lazy_rule = _Probe("probe-lazy", "X903", True, read=False)
    draft = parse_draft(TEXTS[0], "a.txt")
    active = [ActiveRule(ents_rule, None, None), ActiveRule(lazy_rule, None, None)]
    lint_draft(draft, active, Services())
    assert ents_rule.seen == {"tok2vec", "ner"}  # no tagger, lemmatizer or senter: nobody read them
    draft = parse_draft(TEXTS[0], "a.txt")
    lint_draft(draft, [ActiveRule(lazy_rule, None, None)], Services())
    assert draft._lazy_doc is None or draft._lazy_doc._doc is None  # never tokenized


def test_spacy_loads_without_its_command_line_which_still_imports_afterwards():
    import subprocess
    import sys

    code = ("import sys\n"
            "from followlint.anatomy import nlp\n"
            "nlp.load_pipeline(('sents',))\n"
            "assert 'typer' not in sys.modules and 'spacy.cli' not in sys.modules, 'CLI imported'\n"
            "import spacy, spacy.cli.info\n"
            "assert sys.modules['spacy.cli.info'].__file__.endswith('info.py')\n"
            "assert callable(spacy.info)\n"
            "print('ok')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
