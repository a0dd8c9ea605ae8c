"""The grammar-typos checks with Harper: precision on clean drafts, recall on seeded typos, the
vocabulary, the dialect, the linter pool and the filters. Golden cases are in tests/rules/."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml

from followlint.grammar import harper as harper_backend
from followlint.checks.grammar import _analysis as grammar
from followlint.core.config import ConfigError, Config, parse_config, resolve_rules
from followlint.anatomy.draft import _FRONT_MATTER, parse_draft
from followlint.core.engine import Services, lint_draft
from followlint.core.finding import Severity
from followlint.core.registry import build_registry

HERE = Path(__file__).parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
REGISTRY = build_registry(include_plugins=False)
SERVICES = Services()
GRAMMAR = parse_config({"select": ["grammar-typos"]}, None)


def lint(text: str, cfg: Config = GRAMMAR, name: str = "draft.md"):
    return lint_draft(parse_draft(text, name), resolve_rules(cfg, REGISTRY), SERVICES, config=cfg)


def found(result) -> list[tuple[str, str]]:
    return [(f.rule, result.draft.text[f.span.start:f.span.end]) for f in result.findings
            if f.severity >= Severity.WARNING]


# --- precision ---------------------------------------------------------------------------------

CLEAN = sorted([*(HERE / "data" / "clean").iterdir(), *(HERE / "drafts" / "good").iterdir(),
                *(HERE.parent / "examples").glob("good-*")])


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_drafts_raise_no_grammar_finding(path):
    assert found(lint(path.read_text(encoding="utf-8"), name=path.name)) == []


def _corpus_clean():
    out = []
    for path in sorted([*CORPUS.glob("*.md"), *CORPUS.glob("real/*.md")]) if CORPUS.is_dir() else []:
        m = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        meta = yaml.safe_load(m.group(1)) if m else {}
        if path.name != "INDEX.md" and "expected" in meta and "grammar-typos" not in (meta["expected"] or []):
            out.append(path)
    return out


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_corpus_drafts_without_grammar_label_raise_no_grammar_finding():
    flagged = {p.name: found(lint(p.read_text(encoding="utf-8"), name=p.name)) for p in _corpus_clean()}
    assert len(flagged) > 50
    assert {k: v for k, v in flagged.items() if v} == {}


# --- recall on seeded typos --------------------------------------------------------------------

_SEEDING = yaml.safe_load((HERE / "data" / "typo-carrier.yaml").read_text(encoding="utf-8"))
CARRIER, MID, START = _SEEDING["carrier"], _SEEDING["mid"], _SEEDING["start"]


def _pairs():
    lines = (HERE / "data" / "common-misspellings.txt").read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


def test_seeded_misspellings_are_found_after_filtering():
    pairs = _pairs()
    assert len(pairs) >= 150
    missed = []
    for i, (bad, *_good) in enumerate(pairs):
        at_start = i % 4 == 0  # a quarter of them capitalised at the start of a sentence
        sentence = START.format(W=bad[:1].upper() + bad[1:]) if at_start else MID.format(w=bad)
        text = CARRIER.format(s1=sentence + " " if i % 2 else "",
                              s2="I look forward to hearing from you." if i % 2 else sentence)
        pos = text.index(sentence) + sentence.lower().index(bad)
        result = lint(text)
        if not any(f.span.start <= pos < f.span.end and f.category == "grammar-typos" for f in result.findings):
            missed.append(bad)
    recall = 1 - len(missed) / len(pairs)
    assert recall >= 0.95, (recall, missed)


def test_a_respelling_is_an_unsafe_fix_with_suggestions():
    result = lint("Hi Dana,\n\nI definately enjoyed the tour.\n\nBest regards,\nJordan Lee\n")
    (f,) = [f for f in result.findings if f.rule == "misspelled-word"]
    assert f.suggestions[0] == "definitely"
    assert f.fix.safe is False and f.fix.edits[0].replacement == "definitely"
    assert f.code == "G100" and f.category == "grammar-typos"


# --- vocabulary and dialect --------------------------------------------------------------------

JARGON = "Hi Dana,\n\nThank you for the tour. I enjoyed the deep dive into the flumoxing kerfuffler pipeline.\n\n" \
         "Best regards,\nJordan Lee\n"


def test_vocabulary_list_and_file(tmp_path):
    assert {w for _, w in found(lint(JARGON))} >= {"flumoxing", "kerfuffler"}
    (tmp_path / "accept.txt").write_text("# our team's words\nKerfuffler\n\n", encoding="utf-8")
    cfg = parse_config({"select": ["grammar-typos"], "vocabulary": ["flumoxing"], "vocabulary-file": "accept.txt"},
                       str(tmp_path / ".followlint.toml"))
    assert found(lint(JARGON, cfg)) == []


def test_missing_vocabulary_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="vocabulary-file.*'nope.txt' not found"):
        parse_config({"vocabulary-file": "nope.txt"}, str(tmp_path / ".followlint.toml"))


@pytest.mark.parametrize("grammar,message", [
    ({"timeout": 0}, "positive number of seconds"),
    ({"dialect": "klingon"}, "must be one of american"),
    ({"languagetool-url": "127.0.0.1:8081"}, "must start with http://"),
    ({"engine": "grammarly"}, "must be one of harper"),
])
def test_grammar_settings_are_validated(grammar, message):
    with pytest.raises(ConfigError, match=message):
        parse_config({"grammar": grammar}, "x.toml")


BRITISH = "Hi Dana,\n\nI enjoyed the tour of the centre and the colour studies your team organised.\n\n" \
          "Best regards,\nJordan Lee\n"


def test_other_dialects_are_accepted_unless_one_is_set():
    assert found(lint(BRITISH)) == []
    american = parse_config({"select": ["grammar-typos"], "grammar": {"dialect": "american"}}, None)
    assert {w for _, w in found(lint(BRITISH, american))} == {"centre", "colour", "organised"}
    british = parse_config({"select": ["grammar-typos"], "grammar": {"dialect": "british"}}, None)
    assert found(lint(BRITISH, british)) == []


def test_engine_none_keeps_only_the_engine_free_checks():
    text = "Hi Dana\n\nI definately enjoyed the tour.\n\nBest regards,\nJordan Lee\n"
    none = parse_config({"select": ["grammar-typos"], "grammar": {"engine": "none"}}, None)
    assert found(lint(text, none)) == [("punctuation", "Hi Dana")]
    assert ("misspelled-word", "definately") in found(lint(text))


# --- the linter pool -------------------------------------------------------------------------

def test_one_linter_is_built_and_reused(monkeypatch):
    # A fresh pool: the shared one may be due for recycling (RECYCLE_AFTER) after earlier tests.
    monkeypatch.setitem(harper_backend._pools, "american", harper_backend._Pool("american"))
    with harper_backend.borrow() as first:
        pass
    with harper_backend.borrow() as second:
        pass
    assert first is second


def test_warm_up_in_the_background_then_borrow(monkeypatch):
    pool = harper_backend._Pool("american")
    monkeypatch.setitem(harper_backend._pools, "american", pool)
    thread = pool.warm_up()
    assert thread is not None and pool.warm_up() is None  # one build at a time
    linter = pool.acquire()  # waits for the background build rather than starting a second one
    thread.join()
    assert pool.idle == [] and pool.building == 0
    pool.release(linter)
    assert pool.acquire() is linter


def test_threads_lint_at_the_same_time():
    errors, results = [], []

    def work():
        try:
            results.append(len(harper_backend.lint("I recieve alot of emails.")))
        except Exception as exc:  # pragma: no cover - the failure is the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(results) == 4 and len(set(results)) == 1 and results[0] >= 2


def test_harpers_native_debug_output_stays_off_stdout(capfd):
    issues = harper_backend.lint("I am looking forward to meet you.")  # harper-py prints "gerund_form: ..."
    assert [i.kind for i in issues] == ["WordChoice"]
    out, _err = capfd.readouterr()
    assert out == ""
    print("still works")
    assert capfd.readouterr().out == "still works\n"


# --- the filters -----------------------------------------------------------------------------

@pytest.mark.parametrize("word,expected", [("QBR", True), ("KPIs", True), ("R&D", True), ("Okafor", False),
                                           ("I", False)])
def test_acronyms(word, expected):
    assert grammar._acronym(word) is expected


def test_sentence_starts():
    text = "Hi Dana,\n\nI met Mr. Wojciechowski. Okafor came too, with\nLindqvist.\n\n- Corvid\n"
    draft = parse_draft(text, "x.txt")
    honorifics = grammar._data()["honorifics"]
    at = lambda w: grammar._sentence_start(draft, text.index(w), honorifics)  # noqa: E731
    assert at("I met") and at("Okafor") and at("Corvid")
    assert not at("Wojciechowski") and not at("Lindqvist")


def test_capitalised_word_in_mid_sentence_is_a_name_but_not_at_a_sentence_start():
    text = "Hi Dana,\n\nI enjoyed meeting Zorblat. Recieving your notes was a treat.\n\nBest regards,\nJordan Lee\n"
    assert found(lint(text)) == [("misspelled-word", "Recieving")]


def test_a_huge_draft_is_checked_up_to_a_limit_with_a_note(monkeypatch):
    import followlint.grammar.service

    monkeypatch.setattr(followlint.grammar.service, "MAX_CHARS", 400)
    filler = "Thank you for the conversation about the roadmap on Tuesday. " * 10
    text = f"Hi Dana,\n\n{filler}I recieve it.\n\nBest regards,\nJordan Lee\n"
    result = lint(text, name="huge.txt")
    assert [n for n in result.notes if n.startswith("grammar:")] == [
        f"grammar: the draft is {len(text) - 1:,} characters long; only the first 393 were checked for spelling "
        "and grammar"]
    assert not any(f.rule == "misspelled-word" for f in result.findings)
