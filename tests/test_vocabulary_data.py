"""The anatomy's vocabulary is data (rules/data/*.yaml): the files load, hold what the code reads, and the
phrases in them still do their job in a draft."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from followlint.anatomy import draft as draft_module
from followlint.anatomy import message_kind
from followlint.anatomy.draft import parse_draft, split_sentences
from followlint.anatomy.names import parse_greeting
from followlint.anatomy.specifics import _masked, anchor_words
from followlint.checks.casual_sign_off import _chatty
from followlint.checks.duplicate_message import masked_words
from followlint.checks.no_specific_detail import _FIT_CLAIM
from followlint.core.data import LazyPattern, load_data

#: data file -> keys the code reads -> whether the entries are Python `re` fragments (compiled on their own)
EXPECTED = {
    "message-kind": {"follow_up": True, "recent_thanks": True, "recent_times": True, "second_interview": True,
                     "panel": True, "honorifics": True, "vocative_next": True, "name_list_leads": True,
                     "linkedin_strong": True, "linkedin_weak": True, "other": True, "thanks_stems": True},
    "draft-parts": {"salutations": True, "inline_salutations": True, "sign_offs": True, "trailing_sign_offs": True,
                    "trailing_sign_off_extras": True, "name_particles": True, "device_signatures": True,
                    "sentence_abbreviations": False},
    "specifics": {"paren_slot_words": True, "role_nouns": True, "when_words": False, "role_words": False,
                  "vague_counts": False},
    "duplicate-message": {"keep_capitalised": False},
}
#: keys added to files that hold other lists too
EXTRA_KEYS = {"greeting": {"stand_in_titles": True}, "names": {"placeholder_words": True},
              "casual-sign-off": {"chatty_greetings": True, "laughter": True, "pal_words": True},
              "no-specific-detail": {"fit_adjectives": True, "fit_nouns": True, "fit_objects": True}}


def _lists():
    for name, keys in [*EXPECTED.items(), *EXTRA_KEYS.items()]:
        for key, is_regex in keys.items():
            yield name, key, is_regex


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_data_file_has_exactly_the_lists_the_code_reads(name):
    data = load_data(name)
    assert isinstance(data, dict)
    assert set(data) == set(EXPECTED[name])


@pytest.mark.parametrize(("name", "key", "is_regex"), list(_lists()))
def test_lists_are_distinct_non_empty_strings(name, key, is_regex):
    items = load_data(name)[key]
    assert isinstance(items, list) and items, f"{name}.yaml: {key} is not a non-empty list"
    for item in items:
        # YAML reads a bare 'on', 'no' or 'yes' as a boolean: such words must be quoted in the file.
        assert isinstance(item, str) and item.strip() == item and item, f"{name}.yaml: {key}: {item!r}"
        if is_regex:
            re.compile(item)
    assert len(set(items)) == len(items), f"{name}.yaml: {key} repeats {[i for i in items if items.count(i) > 1]}"


def test_patterns_are_built_from_the_data():
    cues = load_data("message-kind")
    assert message_kind._FOLLOW_UP.pattern == "|".join(cues["follow_up"])
    assert message_kind._LINKEDIN_STRONG.pattern == "|".join(cues["linkedin_strong"])
    parts = load_data("draft-parts")
    assert draft_module.salutations() == "|".join(parts["salutations"])
    assert f"(?:{draft_module.sign_offs()})" in draft_module._SIGN_OFF_LINE.pattern


def test_importing_the_anatomy_reads_no_data_file():
    """The lists are read when a draft first needs them: `followlint rules` imports every check."""
    code = ("import followlint.anatomy.draft, followlint.anatomy.message_kind, followlint.anatomy.names, "
            "followlint.anatomy.greeting, followlint.anatomy.specifics, followlint.checks.duplicate_message\n"
            "from followlint.core.data import load_data\n"
            "print(load_data.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "0"


def test_lazy_pattern_compiles_once():
    calls = []

    def build():
        calls.append(1)
        return r"\bcue\b"

    p = LazyPattern(build, re.I)
    assert not calls
    assert p.search("A CUE here") and p.findall("cue cue") == ["cue", "cue"] and p.sub("x", "cue") == "x"
    assert len(calls) == 1


# --- each moved vocabulary still works in a draft ---------------------------------------------------

@pytest.mark.parametrize(("body", "kind"), [
    ("I wanted to touch base about the analyst role.", "follow-up"),            # follow_up
    ("Thank you all for your time at the interview.", "panel"),                 # panel
    ("I am glad we could meet for the final round.", "second-interview"),       # second_interview
    ("Thank you for the coffee chat about the team.", "other"),                 # other
    ("Thanks so much for the chat this morning; just following up on a question.", "thank-you"),  # recent_thanks
])
def test_a_cue_from_the_data_sets_the_kind(body, kind):
    d = parse_draft(f"Hi Dana,\n\n{body}\n\nBest regards,\nJo Reyes\n", "a.txt")
    assert d.kind == kind, d.kind_guess


def test_a_linkedin_cue_from_the_data_makes_a_connection_note():
    d = parse_draft("Hi Dana, I enjoyed the panel talk. I sent a connection request so we can keep talking.\n", "a.md")
    assert d.kind == "linkedin-note"


def test_a_collective_greeting_over_named_panellists_is_a_panel():
    # honorifics: "Ms. ..., Mr. ..." in the body under "Dear hiring team,"
    d = parse_draft("Dear hiring team,\n\nThank you, Ms. Takahashi and Mr. Delgado, for your questions.\n", "a.txt")
    assert d.kind == "panel"


def test_thanks_stems_find_a_thank_you():
    assert message_kind.thanks_for_interview(parse_draft("Hi Dana,\n\nI appreciated the tour.\n", "a.txt"))
    assert not message_kind.thanks_for_interview(parse_draft("Hi Dana,\n\nAny news on the role?\n", "a.txt"))


def test_salutation_and_sign_off_from_the_data_find_the_parts():
    d = parse_draft("howdy dana,\n\nThanks for the walk round the lab on Friday.\n\nNgā mihi nui, Aroha Ngata\n", "a.txt")
    assert d.view(d.greeting) == "howdy dana,"
    assert d.view(d.closing) == "Ngā mihi nui,"
    assert d.view(d.signature_name) == "Aroha Ngata"


def test_inline_salutation_after_an_address_block():
    d = parse_draft("Acme Ltd, 1 High Street Dear Ms. Lee, thank you for the tour.\n", "a.txt")
    assert d.view(d.greeting) == "Dear Ms. Lee,"


def test_trailing_sign_off_sentence_closes_the_note():
    d = parse_draft("Hi Dana,\n\nI enjoyed the visit. Feel free to ask me anything. Thank you so much.\n", "a.txt")
    assert d.view(d.closing) == "Thank you so much."


def test_name_particles_make_a_bare_signed_name():
    d = parse_draft("Hi Dana,\n\nThank you for the tour of the plant on Friday.\n\nAna de la Cruz\n", "a.txt")
    assert d.view(d.signature_name) == "Ana de la Cruz"


def test_device_signature_lines_are_recognised():
    assert draft_module._PHONE_SIGNATURE.match("Sent from my iPhone")
    assert draft_module._PHONE_SIGNATURE.match("Get Outlook for Android")


def test_abbreviations_do_not_end_a_sentence():
    d = parse_draft("Hi Dana,\n\nI met Dr. Lee and Ms. Ray, e.g. at lunch. It went well.\n", "a.txt")
    sentences = [d.analysis[s.start:s.end] for s in split_sentences(d.analysis, d.paragraphs)]
    assert sentences == ["I met Dr. Lee and Ms. Ray, e.g. at lunch.", "It went well."]


def test_stand_in_title_makes_a_slot_greeting():
    assert parse_draft("Dear Ms. Recruiter:\n\nThank you.\n", "a.txt").greeting_class == ("slot", "Ms. Recruiter")


def test_placeholder_word_in_the_greeting():
    d = parse_draft("Dear name,\n\nThank you for the interview.\n", "a.txt")
    greeting = parse_greeting(d)
    assert greeting is not None and greeting.placeholder


def test_specifics_slot_words_and_role_nouns():
    slot = "(insert the project)"
    assert _masked(f"I liked {slot} a lot") == f"I liked {' ' * len(slot)} a lot"
    assert _masked("I liked (see the project) a lot") == "I liked (see the project) a lot"  # not a slot word
    d = parse_draft("Hi Dana,\n\nThank you for talking with me about the Staff Nurse post on Ward 7.\n", "a.txt")
    assert {"staff", "nurse"} <= anchor_words(d)


def test_masking_keeps_function_words_and_masks_names():
    text = "Hi {n},\n\nThank you, {n}, for the interview about the role. I enjoyed our talk about the team.\n"
    a, b = (parse_draft(text.format(n=n), "a.txt") for n in ("Dana", "Raj"))
    words = masked_words(a)
    assert words[:3] == ["thank", "you", "<cap>"] and "i" in words
    assert words == masked_words(b)


@pytest.mark.parametrize(("greeting", "body", "chatty"), [
    ("Hey Dana,", "Thank you for the tour of the lab.", True),            # chatty_greetings
    ("Hi Dana,", "Thank you for the tour, ha ha, the lab was great.", True),  # laughter
    ("Hi Dana,", "Thanks again, mate, for the tour of the lab.", True),   # pal_words
    ("Hi Dana,", "Thank you for the tour of the lab.", False),
])
def test_chatty_signals_from_the_data_make_cheers_casual(greeting, body, chatty):
    assert _chatty(parse_draft(f"{greeting}\n\n{body}\n\nCheers,\nJo\n", "a.txt")) is chatty


def test_fit_claim_words_from_the_data():
    assert _FIT_CLAIM.search("I would be a great fit for your team.")
    assert _FIT_CLAIM.search("an excellent match for my qualifications")
    assert not _FIT_CLAIM.search("a great fit for the weekend")
