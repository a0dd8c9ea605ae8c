"""Offsets <-> line:column, built once per text.

Lines end at ``\\r\\n``, ``\\n`` or a lone ``\\r``, so positions stay right for files
saved on any platform. Columns count code points, 1-based.
"""

from __future__ import annotations

import bisect
import re

_LINE_END = re.compile(r"\r\n|\n|\r")


class LineIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        ends = []
        for match in _LINE_END.finditer(text):
            ends.append(match.start())
            starts.append(match.end())
        ends.append(len(text))
        self.starts = starts
        self.ends = ends  # end of each line, before its terminator

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """0-based line holding ``offset`` (an offset inside a CRLF counts as its line)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of :meth:`position`."""
        return self.starts[line - 1] + column - 1

    def line_end_at(self, offset: int) -> int:
        """End (before the terminator) of the line holding ``offset``: where a one-line span must stop."""
        return self.ends[self.line_of(offset)]

    def line_span(self, line: int) -> tuple[int, int]:
        """(start, end) of 1-based ``line`` without its terminator."""
        return self.starts[line - 1], self.ends[line - 1]

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self.text[start:end]

    def lines(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends))


def utf16_column(line_text: str, column: int) -> int:
    """Convert a 1-based code-point column to a 1-based UTF-16 code-unit column."""
    prefix = line_text[: column - 1]
    return 1 + sum(2 if ord(ch) > 0xFFFF else 1 for ch in prefix)
