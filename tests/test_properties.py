"""Property tests for the Draft parser and the line index: any text parses or fails cleanly, every span
is inside the text and in reading order, and line:column round-trips to offsets.

The --fix properties live with the fixer's tests. A long run of the same checks (and of the whole
rule set) is scripts/fuzz_draft.py, kept out of the default test run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followlint.anatomy.context import ContextError
from followlint.anatomy.draft import DraftError, parse_draft
from followlint.core.finding import Span
from followlint.anatomy.lines import LineIndex

#: Pieces that steer the parser into its branches: greetings, sign-offs, front matter, directives,
#: quoted replies, e-mail headers, contacts, every line ending, and characters outside the BMP.
PIECES = [
    "Hi Dana,", "Dear Ms. Okafor,", "Hello", "Best,", "Best regards,", "Thanks,", "Cheers", "Jo Lee",
    "Thank you for the chat.", "I look forward to hearing from you!", "Mr. Smith", "e.g. this", "...", "?!",
    "---", "...", "kind: panel", "company: X", "interviewers: [A, B]", ": [", "<!--", "-->",
    "<!-- followlint-disable T101 -->", "followlint: ignore[S100]", "followlint: ignore", "> quoted",
    "On Mon, Dana wrote:", "From: a@b.example", "Subject: Thanks", "Subject:", "To: Dana <d@x.example>",
    "jo@example.com", "(555) 010-0199", "https://x.example/a", "[Name]", "{company}",
    "\n", "\r\n", "\r", "\n\n", " ", "\t", "\ufeff", "\u00a0", "\u2028", "👋", "谢谢", "e\u0301", "\x0c",
]

draft_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join),
)
ANY_TEXT = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def spans_of(d) -> dict[str, Span]:
    named = {k: getattr(d, k) for k in ("front_matter", "subject", "header_block", "greeting", "body", "closing",
                                          "signature", "signature_name")}
    named["content"] = d.content
    return {k: v for k, v in named.items() if v is not None}


def check_draft(d, text: str) -> None:
    n = len(d.text)
    if d.fixable:
        assert d.text == text  # positions refer to the file as it is
    assert len(d.analysis) == n
    # Blanking keeps line structure: a character is kept, or blanked to a space; line breaks are never
    # blanked, and all read as \n (the \r of \r\n is a space, a lone \r is \n).
    for i, (a, t) in enumerate(zip(d.analysis, d.text)):
        if t == "\r":
            assert a == (" " if d.text[i + 1:i + 2] == "\n" else "\n")
        else:
            assert a == t or (a == " " and t != "\n")
    all_spans = list(spans_of(d).items())
    all_spans += [("paragraph", p) for p in d.paragraphs] + [("contact", c) for c in d.contacts]
    all_spans += [("excluded", x) for x in d.excluded] + [("sentence", s) for s in d.sentences]
    all_spans += [("word", w) for w in d.body_words]
    for name, span in all_spans:
        assert isinstance(span, Span), name
        assert 0 <= span.start <= span.end <= n, (name, span, n)
    for name in ("subject", "greeting", "body", "closing", "signature", "signature_name"):
        if name == "subject" and d.format == "email":
            continue  # an e-mail's subject is its header, above the content
        span = getattr(d, name)
        if span is not None:
            assert d.content.start <= span.start and span.end <= d.content.end, (name, span, d.content)
    # Reading order: subject, greeting, body, sign-off, signature.
    order = [s for s in (d.subject, d.greeting, d.body, d.closing) if s is not None]
    for a, b in zip(order, order[1:]):
        assert a.end <= b.start, (order,)
    if d.closing is not None and d.signature is not None:
        assert d.closing.start <= d.signature.start
    if d.signature_name is not None and d.signature is not None:
        assert d.signature.start <= d.signature_name.start and d.signature_name.end <= d.signature.end
    # Paragraphs and sentences: inside the body, sorted, not overlapping, trimmed.
    for group in (d.paragraphs, d.sentences):
        for a, b in zip(group, group[1:]):
            assert a.end <= b.start, group
        for s in group:
            assert d.body is not None and d.body.start <= s.start and s.end <= d.body.end
            piece = d.analysis[s.start:s.end]
            assert piece and piece == piece.strip()
    if d.body is None:
        assert d.paragraphs == [] and d.sentences == []
    for a, b in zip(d.contacts, d.contacts[1:]):
        assert a.start <= b.start
    # Document-level findings point somewhere real.
    anchor = d.anchor
    assert 0 <= anchor.start <= anchor.end <= n
    line, column = d.position(anchor.start)
    assert 1 <= line <= len(d.lines) and column >= 1


def check_line_index(text: str) -> None:
    idx = LineIndex(text)
    n = len(text)
    for offset in range(n + 1):
        line, column = idx.position(offset)
        assert 1 <= line <= len(idx) and column >= 1
        assert idx.offset(line, column) == offset
    for line in range(1, len(idx) + 1):
        start, end = idx.line_span(line)
        assert 0 <= start <= end <= n
        body = idx.line_text(line)
        assert "\n" not in body and "\r" not in body
        for column in range(1, len(body) + 2):
            assert idx.position(idx.offset(line, column)) == (line, column)
    # Lines end at \r\n, \n or a lone \r, nothing else.
    assert len(idx) == text.count("\n") + text.count("\r") - text.count("\r\n") + 1


@ANY_TEXT
@given(draft_text, st.sampled_from(["a.txt", "a.md"]))
def test_any_text_parses_with_spans_in_bounds_and_in_order(text, path):
    try:
        d = parse_draft(text, path)
    except (DraftError, ContextError) as exc:  # malformed front matter: a clear message, not a crash
        assert str(exc) and "\n" not in str(exc).strip()
        return
    check_draft(d, text)


@ANY_TEXT
@given(draft_text, st.sampled_from(["\n", "\r\n"]))
def test_any_email_parses_or_is_refused_cleanly(body, nl):
    text = nl.join(["From: Jo <jo@example.com>", "To: Dana Whitfield <dana@x.example>", "Subject: Thanks", "", ""]) + body
    for candidate in (text, body):
        try:
            d = parse_draft(candidate, "m.eml")
        except (DraftError, ContextError) as exc:
            assert str(exc)
            continue
        check_draft(d, candidate)


@ANY_TEXT
@given(draft_text)
def test_line_column_round_trips_to_offsets(text):
    check_line_index(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "\n", "\r", "\r\n", "👋", "e\u0301"]), max_size=30).map("".join))
def test_line_endings_do_not_move_columns(text):
    """The same lines joined with \\n, \\r\\n or \\r give the same line:column for every character."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    positions = []
    for nl in ("\n", "\r\n", "\r"):
        joined = nl.join(lines)
        idx = LineIndex(joined)
        positions.append([idx.position(i) for i, ch in enumerate(joined) if ch not in "\r\n"])
    assert positions[0] == positions[1] == positions[2]
