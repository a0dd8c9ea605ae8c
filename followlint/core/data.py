"""Read the data files that ship in ``rules/`` (phrase lists, thresholds) through importlib.resources."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterator

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


class LazyPattern:
    """A regex built from data (``build`` returns its source) and compiled the first time it is used.

    The anatomy's cue phrases live in rules/data; a module-level ``LazyPattern`` keeps importing the
    module free of file reads (``followlint rules`` imports every check), and compiles once per process."""

    __slots__ = ("_build", "_flags", "_compiled")

    def __init__(self, build: Callable[[], str], flags: int = 0) -> None:
        self._build = build
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._build(), self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)


def alternatives(items: list[str]) -> str:
    """Regex fragments from a data list as one alternation, in the list's order (the order can matter:
    a longer phrase before its prefix)."""
    return "|".join(items)
