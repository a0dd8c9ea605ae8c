"""The anatomy's vocabulary is data (rules/data/*.yaml): the files load, hold what the code reads, and the
phrases in them still do their job in a draft."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from followlint.anatomy import draft as draft_module
from followlint.anatomy import message_kind, stance
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
    # stance: every list is a re fragment list except the guards (each re.escape'd into a lookbehind of
    # its own) and the kind verbs (compared as whole words)
    "stance": {key: key not in ("obligation_guards", "kind_verbs") for key in (
        "obligation_guards", "obligation_hedges_before", "obligation_modals", "obligation_hedges_after", "kind_verbs",
        "hear_from", "answer_nouns", "deadline_counts", "deadline_spans", "deadline_dates", "deadline_weekdays",
        "courtesy_cues", "courtesy_nouns", "lesson_subjects", "lesson_modals", "duty_nouns",
        "guess_verbs", "after_guess", "verdict_be_forms", "certainty_adverbs", "verdict_qualifiers",
        "conclusion_modals", "conclusion_verbs", "promise_verbs", "promised_subjects", "promised_contact",
        "order_softeners", "order_verbs", "order_by_times", "order_weekdays", "order_within_counts",
        "order_within_units", "order_urgency",
        "how_hard_adjectives", "doubted_subjects", "doubt_intensifiers", "doubted_verbs", "why_so_adjectives",
        "never_forms", "neglected_stems", "still_words", "silence_nouns", "entitlement_verbs", "owed_nouns",
        "owed_subjects", "owed_hedges_before", "owed_hedges_after", "owed_modals", "owed_answers",
        "owed_neglect_subjects", "owed_negative_modals", "owed_neglects",
        "presumed_adjectives", "presumed_nouns", "presumed_jobs", "awaited_nouns",
        "verdict_intensifiers", "verdict_adjectives", "earliest_orders", "today_orders", "today_words",
        "treated_people", "surely_subjects", "chased_verbs", "courtesy_replies")},
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
    words = load_data("stance")
    assert "(?P<modal>{})".format("|".join(words["obligation_modals"])) in stance._OBLIGATION.pattern
    assert stance._kind_verbs() == frozenset(words["kind_verbs"])


def test_importing_the_anatomy_reads_no_data_file():
    """The lists are read when a draft first needs them: `followlint rules` imports every check."""
    code = ("import followlint.anatomy.draft, followlint.anatomy.message_kind, followlint.anatomy.names, "
            "followlint.anatomy.greeting, followlint.anatomy.specifics, followlint.anatomy.stance, "
            "followlint.checks.duplicate_message, followlint.checks.reader_pressure\n"
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


# --- stance.yaml: each list still fills its shape (reader-pressure) ---------------------------------
# (list, the entry the sentence needs, sentence, what reader-pressure reports in it: (matched text, shape));
# each sentence is found differently, or not left alone, once its entry is removed from the data.
_LABELS = {message: label for label, message in stance._MESSAGES.items()}
STANCE_CASES = [
    ("obligation_guards", "if", "Let me know if you need to reschedule.", []),
    ("obligation_hedges_before", "at the very least", "You at the very least owe me a reply.",
     [("You at the very least owe me", "obligation")]),
    ("obligation_modals", "ought to", "You ought to reply.", [("You ought to reply", "obligation")]),
    ("obligation_hedges_after", "also", "You should also apologise.", [("You should also apologise", "obligation")]),
    ("kind_verbs", "juggle", "You must juggle a lot of candidates.", []),
    ("hear_from", "your team", "I look forward to hearing from your team within the next week.",
     [("hearing from your team within the next week", "deadline")]),
    ("answer_nouns", "decision", "I expect a decision by Friday.", [("a decision by Friday", "deadline")]),
    ("deadline_counts", "two", "I hope to hear back within two days.", [("hear back within two days", "deadline")]),
    ("deadline_spans", "weeks", "I hope to hear back within 3 weeks.", [("hear back within 3 weeks", "deadline")]),
    ("deadline_dates", "the end of (?:the |this )?(?:day|week)", "I hope to hear back by the end of the week.",
     [("hear back by the end of the week", "deadline")]),
    ("deadline_weekdays", "thursday", "I hope to hear from you by next Thursday.",
     [("hear from you by next Thursday", "deadline")]),
    ("courtesy_cues", "basic", "Basic courtesy would be a reply.", [("Basic courtesy", "lesson")]),
    ("courtesy_nouns", "courtesy", "Not even the courtesy of a reply.", [("Not even the courtesy", "lesson")]),
    ("lesson_subjects", "your team", "The courtesy your team should show is a reply.",
     [("courtesy your team should", "lesson")]),
    ("lesson_modals", "ought", "The courtesy you ought to show is a reply.", [("courtesy you ought", "lesson")]),
    ("duty_nouns", "process", "Part of the process is replying.", [("Part of the process is", "lesson")]),
    ("guess_verbs", "guess", "Guess you're not interested.", [("Guess you're", "verdict")]),
    ("after_guess", "you (?:were|weren't|aren't|don't|didn't)", "I guess you weren't impressed.",
     [("I guess you weren't", "verdict")]),
    ("verdict_be_forms", "were", "You were clearly more interested in someone else.",
     [("You were clearly more interested", "verdict")]),
    ("certainty_adverbs", "obviously", "You are obviously not serious.", [("You are obviously not serious", "verdict")]),
    ("verdict_qualifiers", "never", "You were clearly never serious.", [("You were clearly never serious", "verdict")]),
    ("conclusion_modals", "can only", "I can only assume the role is filled.", [("I can only assume", "verdict")]),
    ("conclusion_verbs", "conclude", "I have to conclude the role is filled.", [("I have to conclude", "verdict")]),
    ("promise_verbs", "assured", "I was assured I would hear back soon.", [("I was assured I would hear", "verdict")]),
    ("promised_subjects", "someone would", "I was told someone would get back to me.",
     [("I was told someone would get", "verdict")]),
    ("promised_contact", "be in touch", "I was promised you would be in touch.",
     [("I was promised you would be in touch", "verdict")]),
    ("order_softeners", "kindly", "Kindly confirm by Friday.", [("Kindly confirm by Friday", "order")]),
    ("order_verbs", "get back to me", "Get back to me within 48 hours.", [("Get back to me within 48 hours", "order")]),
    ("order_by_times", "eod", "Send me the form by EOD.", [("Send me the form by EOD", "order")]),
    ("order_weekdays", "sunday", "Reply by Sunday.", [("Reply by Sunday", "order")]),
    ("order_within_counts", "three", "Respond within three days.", [("Respond within three days", "order")]),
    ("order_within_units", "business days?", "Respond within 2 business days.",
     [("Respond within 2 business days", "order")]),
    ("order_urgency", "right away", "Call me right away.", [("Call me right away", "order")]),
    ("how_hard_adjectives", "difficult", "How difficult is it to reply?", [("How difficult is it to", "rhetoric")]),
    ("doubted_subjects", "anyone", "Does anyone even read these emails?", [("Does anyone even read", "rhetoric")]),
    ("doubt_intensifiers", "actually", "Do you actually read applications?", [("Do you actually read", "rhetoric")]),
    ("doubted_verbs", "care", "Do you even care?", [("Do you even care", "rhetoric")]),
    ("why_so_adjectives", "long", "Why does it take so long?", [("Why does it take so long", "rhetoric")]),
    ("never_forms", "couldn't even", "You couldn't even reply.", [("You couldn't even reply", "rhetoric")]),
    ("neglected_stems", "acknowledg", "You never acknowledged my email.", [("You never acknowledged", "rhetoric")]),
    ("still_words", "yet", "I applied in May and yet nothing.", [("and yet nothing", "rhetoric")]),
    ("silence_nouns", "news", "Two weeks on, and still no news.", [("and still no news", "rhetoric")]),
    ("entitlement_verbs", "am owed", "I am owed an explanation.", [("I am owed an explanation", "rhetoric")]),
    ("owed_nouns", "explanation", "I deserve some explanation.", [("I deserve some explanation", "rhetoric")]),
    ("owed_subjects", "somebody", "Somebody should have called me by now.", [("Somebody should have called", "owed")]),
    ("owed_hedges_before", "really", "You really should have replied.", [("You really should have replied", "owed")]),
    ("owed_hedges_after", "surely", "You could surely have told me.", [("You could surely have told me", "owed")]),
    ("owed_modals", "might", "You might have answered my email.", [("You might have answered", "owed")]),
    ("owed_answers", "phoned", "Your office should have phoned.", [("Your office should have phoned", "owed")]),
    ("owed_neglect_subjects", "your (?:team|office|company)", "Your company shouldn't have ignored me.",
     [("Your company shouldn't have ignored", "owed")]),
    ("owed_negative_modals", "ought not to", "You ought not to have kept me waiting.",
     [("You ought not to have kept", "owed")]),
    ("owed_neglects", "left", "Your team shouldn't have left me hanging.", [("Your team shouldn't have left", "owed")]),
    ("presumed_adjectives", "logical", "I am the logical choice.", [("I am the logical choice", "presumption")]),
    ("presumed_nouns", "pick", "I'm clearly the obvious pick.", [("I'm clearly the obvious pick", "presumption")]),
    ("presumed_jobs", "post", "I trust you will offer me the post.",
     [("I trust you will offer me the post", "presumption")]),
    ("awaited_nouns", "decision", "I will be expecting your decision.",
     [("I will be expecting your decision", "presumption")]),
    ("verdict_intensifiers", "frankly", "The delay, which is frankly unacceptable, continues.",
     [("which is frankly unacceptable", "verdict")]),
    ("verdict_adjectives", "inexcusable", "That was inexcusable.", [("That was inexcusable", "verdict")]),
    ("earliest_orders", "revert", "Kindly revert on this at the earliest.",
     [("Kindly revert on this at the earliest", "order")]),
    ("today_orders", "decide", "Please decide today.", [("Please decide today", "order")]),
    ("today_words", "tonight", "Get back to me tonight.", [("Get back to me tonight", "order")]),
    ("treated_people", "interviewees", "Do you treat all your interviewees like this?",
     [("Do you treat all your interviewees", "rhetoric")]),
    ("surely_subjects", "someone", "Surely someone there could reply.", [("Surely someone there could", "rhetoric")]),
    ("chased_verbs", "remind", "I shouldn't have to remind you.", [("I shouldn't have to remind", "rhetoric")]),
    ("courtesy_replies", "update", "I would value the courtesy of an update.",
     [("the courtesy of an update", "rhetoric")]),
]


def test_every_stance_list_has_a_behaviour_case():
    assert [case[0] for case in STANCE_CASES] == list(EXPECTED["stance"])


@pytest.mark.parametrize(("key", "entry", "sentence", "found"), STANCE_CASES, ids=[c[0] for c in STANCE_CASES])
def test_a_stance_word_from_the_data_fills_its_shape(key, entry, sentence, found):
    assert entry in load_data("stance")[key]
    assert [(sentence[s:e], _LABELS[m]) for s, e, m in stance.pressure(sentence)] == found


def test_every_shipped_yaml_reads_the_same_without_libyaml():
    """followlint reads its packs with libyaml when PyYAML has it, and with the pure-Python parser when it
    does not (some platforms' PyYAML): a file only libyaml accepts ('[hours?, days?]' in a flow list)
    would stop every run there."""
    import yaml
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "rules"
    files = sorted(root.rglob("*.yaml"))
    assert len(files) > 20
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in files:
        text = path.read_text(encoding="utf-8")
        try:
            pure = yaml.load(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            pytest.fail(f"{path.relative_to(root)}: the pure-Python YAML parser refuses it: {exc}")
        assert pure == yaml.load(text, Loader=fast), path.name
