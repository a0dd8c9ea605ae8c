"""A span of text with whitespace runs as one space, and the way back to the original offsets.

Phrase patterns are matched on the flattened text, so a hard-wrapped draft ("look forward\\nto
hearing") matches like a one-line one; :func:`original_span` maps a match back to its exact span
in the original text.
"""

from __future__ import annotations

import re
from typing import Any

from followlint.core.finding import Span

_SPACES = re.compile(r"\s+")


def flatten(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """``text[start:end]`` with whitespace runs as one space, and each flat index's original offset."""
    out: list[str] = []
    offsets: list[int] = []
    pos = start
    for m in _SPACES.finditer(text, start, end):
        for i in range(pos, m.start()):
            out.append(text[i])
            offsets.append(i)
        out.append(" ")
        offsets.append(m.start())
        pos = m.end()
    for i in range(pos, end):
        out.append(text[i])
        offsets.append(i)
    offsets.append(end)
    return "".join(out), offsets


def original_span(offsets: list[int], m: Any) -> Span:
    """The span in the original text of a match in a :func:`flatten`-ed text (its end is after its last character)."""
    return Span(offsets[m.start()], offsets[m.end() - 1] + 1)
