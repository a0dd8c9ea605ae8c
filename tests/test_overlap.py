"""One span, one finding: rules flagging the same word with conflicting fixes are settled after the rules run."""

from __future__ import annotations

from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.core.overlap import resolve_overlaps

HEY = ("hey Dana,\n\nThank you for the conversation about the analyst role at Corvid Labs.\n\n"
       "cheers\nSam Rivera\nsam@example.com\n")


def _f(rule, code, category, start, end, replacement=None, message="m", severity=Severity.WARNING, safe=True):
    fix = Fix((Edit(start, end, replacement),), f"Replace with {replacement!r}", safe) if replacement else None
    return Finding(rule, code, category, severity, message, Span(start, end),
                   (replacement,) if replacement else (), fix)


def test_one_finding_per_word_with_the_wording_advice(cli, write):
    path = write("hey.txt", HEY)
    doc = cli("check", str(path), "--output-format", "json").json
    on_hey = [f for f in doc["files"][0]["findings"] if f["line"] == 1 and f["column"] == 1]
    assert [f["rule"] for f in on_hey] == ["casual-greeting"]
    on_cheers = [f for f in doc["files"][0]["findings"] if f["line"] == 5]
    assert [f["rule"] for f in on_cheers] == ["casual-sign-off"]


def test_the_fix_agrees_with_the_only_finding(cli, write):
    path = write("hey.txt", HEY)
    cli("check", str(path), "--fix", "--unsafe-fixes")
    text = path.read_text()
    assert text.startswith("Hi Dana,") or text.startswith("Dear Dana,")
    assert "\nBest regards,\nSam Rivera" in text and ",," not in text


def test_mechanics_lose_to_wording_and_moot_advice_is_dropped():
    cap = _f("capitalization", "G104", "grammar-typos", 0, 3, "Hey", "Capitalise it.")
    tone = _f("casual-greeting", "T100", "casual-tone", 0, 3, "Hi", "Too casual.", safe=False)
    assert resolve_overlaps([cap, tone]) == [tone]
    assert resolve_overlaps([tone, cap]) == [tone]


def test_advice_the_winner_does_not_cover_is_merged():
    tone = _f("casual-sign-off", "T105", "casual-tone", 0, 6, None, "Casual sign-off.")
    tone = Finding(tone.rule, tone.code, tone.category, tone.severity, tone.message, tone.span, ("Best regards,",))
    comma = _f("punctuation", "G105", "grammar-typos", 0, 6, "cheers,", "Add a comma.")
    (only,) = resolve_overlaps([comma, tone])
    assert only.rule == "casual-sign-off" and only.message == "Casual sign-off. Also: Add a comma."
    assert only.fix is None


def test_different_words_and_sentence_wide_findings_are_left_alone():
    word = _f("slang", "T101", "casual-tone", 10, 15, "going to")
    other = _f("capitalization", "G104", "grammar-typos", 20, 24, "Dana")
    sentence = _f("long-sentence", "L101", "excessive-length", 0, 200, "x")
    no_advice = Finding("reading-grade", "L103", "excessive-length", Severity.INFO, "m", Span(10, 15))
    findings = [word, other, sentence, no_advice]
    assert resolve_overlaps(findings) == findings
