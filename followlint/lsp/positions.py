"""Code-point offsets (followlint's spans) <-> LSP positions (line, character in the negotiated encoding).

The protocol counts ``character`` in UTF-16 code units unless client and server agreed on UTF-8 or
UTF-32, and ends lines at ``\\r\\n``, ``\\n`` or ``\\r``: an emoji before a finding moves its column by
two in UTF-16 but by one in Python's string offsets.
"""

from __future__ import annotations

from followlint.anatomy.lines import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str = UTF16) -> int:
    """Length of ``text`` in the encoding's code units."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class PositionMap:
    """Converts offsets of one text; build once per text (it indexes the line starts)."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.lines = LineIndex(text)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = self.lines.line_of(offset)
        start = self.lines.starts[line]
        return line, units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position (clamped to the line, as the protocol asks)."""
        if line >= len(self.lines):
            return len(self.text)
        start, end = self.lines.line_span(line + 1)
        if self.encoding == UTF32:
            return min(start + character, end)
        counted = 0
        for index in range(start, end):
            if counted >= character:
                return index
            counted += units(self.text[index], self.encoding)
        return end
