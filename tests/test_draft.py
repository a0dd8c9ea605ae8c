"""The Draft parser: anatomy spans, front matter, e-mail, line:col."""

from __future__ import annotations

import pytest

from followlint.anatomy.context import ContextError
from followlint.anatomy.draft import DraftError, parse_draft

GOOD = """Subject: Thank you - Data Analyst interview

Dear Ms. Okafor,

Thank you for meeting with me on Tuesday about the Data Analyst role at Corvid Labs.
I enjoyed hearing how your team rebuilt the QBR dashboards.

I look forward to hearing about next steps.

Best regards,
Jordan Lee
jordan.lee@example.com
(555) 010-0199
"""


def text_of(d, span):
    return d.text[span.start:span.end] if span else None


def test_anatomy_of_a_plain_text_draft():
    d = parse_draft(GOOD, "a.txt")
    assert text_of(d, d.subject) == "Thank you - Data Analyst interview"
    assert text_of(d, d.greeting) == "Dear Ms. Okafor,"
    assert text_of(d, d.closing) == "Best regards,"
    assert text_of(d, d.signature_name) == "Jordan Lee"
    assert len(d.paragraphs) == 2
    assert text_of(d, d.body).startswith("Thank you for meeting")
    assert text_of(d, d.body).endswith("next steps.")
    assert [text_of(d, c) for c in d.contacts] == ["jordan.lee@example.com", "(555) 010-0199"]


def test_front_matter_is_context_and_never_linted():
    text = "---\ninterviewers: [Dana Whitfield, Sam Ortiz]\ncompany: Corvid\nkind: panel\nunknown: x\n---\nHi Dana,\n\nThanks.\n\nBest,\nJo\n"
    d = parse_draft(text, "a.md")
    assert d.context.interviewers == ("Dana Whitfield", "Sam Ortiz")
    assert d.context.company == "Corvid" and d.context.kind == "panel"
    assert "interviewers" not in d.analysis and len(d.analysis) == len(text)
    assert text_of(d, d.greeting) == "Hi Dana,"


def test_front_matter_errors_name_the_line():
    with pytest.raises(DraftError, match="line 3"):
        parse_draft("---\na: 1\nb: [unclosed\n---\nHi,\n", "a.md")
    with pytest.raises(ContextError, match="interview_date"):
        parse_draft("---\ninterview_date: soon\n---\nHi Dana,\n", "a.md")
    with pytest.raises(ContextError, match="unknown kind"):
        parse_draft("---\nkind: postcard\n---\nHi Dana,\n", "a.md")


def test_crlf_and_lone_cr_positions():
    for nl in ("\r\n", "\r", "\n"):
        text = nl.join(["Hi Dana,", "", "Thanks for the chat.", "", "Best,", "Jo", ""])
        d = parse_draft(text, "a.txt")
        assert d.position(d.body.start) == (3, 1)
        assert d.position(d.closing.start) == (5, 1)
        assert text_of(d, d.signature_name) == "Jo"


def test_columns_count_code_points():
    text = "Hi Dana 👋,\n\nGreat 🎉 talk today about the café.\n\nBest,\nJo\n"
    d = parse_draft(text, "a.txt")
    idx = text.index("talk")
    assert d.position(idx) == (3, 9)


def test_email_plain_part_keeps_original_offsets():
    raw = ("From: Jo Lee <jo@example.com>\r\nTo: Dana Whitfield <dana@corvid.example>\r\n"
           "Subject: Thank you\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n"
           "Hi Dana,\r\n\r\nThanks for today.\r\n\r\nOn Mon, Nov 23, 2026 Dana wrote:\r\n> See you at 10.\r\n")
    d = parse_draft(raw, "m.eml")
    assert d.fixable
    assert text_of(d, d.subject) == "Thank you"
    assert text_of(d, d.greeting) == "Hi Dana,"
    assert "See you" not in d.view(d.content)
    assert d.context.interviewers == ("Dana Whitfield",)
    assert str(d.context.send_date) == "2026-11-24"


def test_html_only_email_is_turned_into_text():
    raw = ("From: a@example.com\nSubject: Hi\nContent-Type: text/html\n\n"
           "<html><body><p>Hi Dana,</p><p>Thanks for <b>today</b>.</p><p>Best,<br>Jo</p></body></html>\n")
    d = parse_draft(raw, "m.eml")
    assert not d.fixable
    assert text_of(d, d.greeting) == "Hi Dana,"
    assert "Thanks for today." in text_of(d, d.body)


def test_not_an_email():
    with pytest.raises(DraftError):
        parse_draft("just some words\n", "m.eml")


def test_quoted_reply_lines_are_excluded():
    text = "Hi Dana,\n\nThanks again.\n\n> old text hey gonna\n\nBest,\nJo\n"
    d = parse_draft(text, "a.txt")
    assert "gonna" not in d.analysis
    assert text_of(d, d.closing) == "Best,"


def test_panel_greeting_keeps_all_names():
    d = parse_draft("Hi Blaze, Daniel, and Rhea,\n\nThank you all.\n\nBest,\nJo\n", "a.txt")
    assert text_of(d, d.greeting) == "Hi Blaze, Daniel, and Rhea,"


def test_inline_greeting_and_sign_off_on_one_line():
    d = parse_draft("Jo Lee 4 March Dear Ms. Doyle: I am still keen on the post. Yours truly, Jo Lee\n", "a.txt")
    assert text_of(d, d.greeting) == "Dear Ms. Doyle:"
    assert text_of(d, d.closing) == "Yours truly,"
    assert text_of(d, d.signature_name) == "Jo Lee"
    assert text_of(d, d.body) == "I am still keen on the post."


@pytest.mark.parametrize("text", ["", "   \n\n  ", "\ufeff"])
def test_empty_drafts_parse(text):
    d = parse_draft(text, "a.txt")
    assert d.body is None and d.greeting is None


def test_a_crlf_line_break_inside_a_paragraph_is_not_a_blank_line():
    for nl in ("\r\n", "\n", "\r"):
        text = nl.join(["Hi Dana,", "", "Line one of the first", "paragraph ends here.", "",
                        "Second paragraph.", "", "Best,", "Jo", ""])
        d = parse_draft(text, "a.txt")
        assert len(d.paragraphs) == 2, repr(nl)


def test_a_sentence_above_the_name_is_not_a_sign_off():
    d = parse_draft("Hi Dana,\n\nThe tour was great.\n\nThank you for your time\nJordan Lee\n", "a.txt")
    assert d.closing is None
    assert d.text[d.signature_name.start:d.signature_name.end] == "Jordan Lee"


@pytest.mark.parametrize("number", ["07700 900123", "+44 7700 900123", "020 7946 0958", "06 12 34 56 78",
                                    "+49 30 1234567", "(555) 010-0199", "+1 555 010 0199", "0300 123 4567"])
def test_phone_numbers_from_many_countries_are_contacts(number):
    d = parse_draft(f"Dear Ms. Okafor,\n\nThank you.\n\nBest regards,\nJordan Lee\n{number}\n", "d.txt")
    assert [d.text[c.start:c.end] for c in d.contacts] == [number]


@pytest.mark.parametrize("text", ["on 01.02.2026", "from 0.9 to 0.3 percent", "for 05-10 years", "on 2026-11-25",
                                  "at 10:30", "in 2019 and 2020"])
def test_dates_figures_and_times_are_not_phone_numbers(text):
    d = parse_draft(f"Dear Ms. Okafor,\n\nWe met {text}.\n\nBest regards,\nJordan Lee\n", "d.txt")
    assert d.contacts == []
