"""Read the data files that ship in ``rules/`` (phrase lists, thresholds) through importlib.resources."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def pack_root():
    """The installed ``rules/`` folder (``followlint.rules`` inside the wheel)."""
    return resources.files("followlint.rules")


@lru_cache(maxsize=None)
def load_data(name: str) -> Any:
    """Load ``rules/data/<name>.yaml``; the file is part of the package, so a missing one is a bug."""
    text = pack_root().joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    # libyaml's loader when PyYAML has it: the phrase lists parse ~10x faster (start-up of every worker).
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
