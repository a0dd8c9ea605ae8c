"""Code-point offsets <-> LSP positions in each encoding the protocol allows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followlint.lsp.positions import UTF8, UTF16, UTF32, PositionMap

TEXT = "Hi Dan\u00e1 \U0001F642,\r\nthe the\rend\n"


def test_columns_count_the_encodings_units():
    at = TEXT.index(",")
    assert PositionMap(TEXT, UTF16).position(at) == (0, 10)  # the emoji is two UTF-16 units
    assert PositionMap(TEXT, UTF32).position(at) == (0, 9)
    assert PositionMap(TEXT, UTF8).position(at) == (0, 13)  # á is two bytes, the emoji four
    assert PositionMap(TEXT, UTF16).position(TEXT.index("the")) == (1, 0)  # after \r\n
    assert PositionMap(TEXT, UTF16).position(TEXT.index("end")) == (2, 0)  # after a lone \r


def test_a_position_past_the_line_or_the_text_is_clamped():
    positions = PositionMap(TEXT, UTF16)
    assert positions.offset(1, 99) == TEXT.index("\rend")
    assert positions.offset(40, 0) == len(TEXT)


@given(st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", "\u00e9", "\U0001F389", "\u4e2d"]), max_size=40)
       .map("".join), st.sampled_from([UTF8, UTF16, UTF32]))
def test_every_offset_outside_a_line_break_round_trips(text, encoding):
    positions = PositionMap(text, encoding)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            continue  # inside a \r\n: no position names it
        assert positions.offset(*positions.position(offset)) == offset
