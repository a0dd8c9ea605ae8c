"""LanguageTool as the opt-in grammar engine, against a loopback server that speaks /v2/check.

An outage (refused, slow, HTTP 500, not JSON) costs one note for the run; Harper checks the drafts
instead, so no finding is lost and the exit code does not change.
"""

from __future__ import annotations

import json
import time

import pytest

from followlint.grammar import languagetool
from followlint.grammar.engines import EngineUnavailable
from followlint.core.config import parse_config, resolve_rules
from followlint.anatomy.draft import parse_draft
from followlint.core.engine import Services, lint_draft
from followlint.grammar.service import GrammarService, GrammarSettings
from followlint.core.registry import build_registry
from ltserver import LTServer, refused_url

REGISTRY = build_registry(include_plugins=False)

DRAFT = """Hi Dana,

Thank you for the conversation on Tuesday. I recieved the case study and He have read it twice.

Best regards,
Jordan Lee
"""


def lint(text: str, grammar: dict, services: Services | None = None, **extra):
    cfg = parse_config({"grammar": grammar, "select": ["grammar-typos"], **extra}, None)
    services = services or Services()
    result = lint_draft(parse_draft(text, "draft.txt"), resolve_rules(cfg, REGISTRY), services, config=cfg)
    return result, services


def spans(result, text):
    return [(f.rule, text[f.span.start:f.span.end]) for f in result.findings]


def test_languagetool_matches_become_findings():
    with LTServer("ok") as lt:
        result, services = lint(DRAFT, {"engine": "languagetool", "languagetool-url": lt.url})
    assert services.notes == []
    assert ("misspelled-word", "recieved") in spans(result, DRAFT)
    assert ("grammar-error", "have") in spans(result, DRAFT)
    found = {f.rule: f for f in result.findings}
    assert found["misspelled-word"].suggestions == ("received",)
    assert found["misspelled-word"].fix.safe is False
    assert result.draft.grammar.engines == ("languagetool",)
    path, fields = lt.requests[0]
    assert path == "/v2/check"
    assert fields["language"] == "en-US"
    assert "recieved the case study" in fields["text"]
    assert "TYPOGRAPHY" in fields["disabledCategories"].split(",")
    assert "I_LOWERCASE" in fields["disabledRules"].split(",")


def test_a_languagetool_category_can_carry_its_own_severity():
    text = DRAFT.replace("on Tuesday", "on February 30")
    with LTServer("ok") as lt:
        result, _ = lint(text, {"engine": "languagetool", "languagetool-url": lt.url})
    found = {text[f.span.start:f.span.end]: f for f in result.findings}
    assert found["February 30"].rule == "word-choice"
    assert str(found["February 30"].severity) == "info"  # SEMANTICS: the writer knows the date best
    assert str(found["have"].severity) == "warning"


def test_names_are_filtered_for_languagetool_too():
    text = DRAFT.replace("I recieved", "Ms. Okafor sent")
    with LTServer("ok") as lt:
        result, _ = lint(text, {"engine": "languagetool", "languagetool-url": lt.url})
    assert ("misspelled-word", "Okafor") not in spans(result, text)


def test_both_engines_report_a_typo_once():
    with LTServer("ok") as lt:
        result, services = lint(DRAFT, {"engine": "both", "languagetool-url": lt.url})
    assert services.notes == []
    assert result.draft.grammar.engines == ("languagetool", "harper")
    assert spans(result, DRAFT).count(("misspelled-word", "recieved")) == 1


def test_dialect_sets_the_language_field():
    with LTServer("ok") as lt:
        lint(DRAFT, {"engine": "languagetool", "languagetool-url": lt.url, "dialect": "british"})
    assert lt.requests[0][1]["language"] == "en-GB"


def _harper_only():
    result, _ = lint(DRAFT, {"engine": "harper"})
    return spans(result, DRAFT)


@pytest.mark.parametrize("mode,expected", [
    ("error", "answered HTTP 500"),
    ("garbage", "did not answer with JSON"),
    ("shape", "without a 'matches' list"),
])
def test_a_failing_server_costs_one_note_and_harper_takes_over(mode, expected):
    with LTServer(mode) as lt:
        services = Services()
        first, _ = lint(DRAFT, {"engine": "languagetool", "languagetool-url": lt.url}, services)
        second, _ = lint(DRAFT, {"engine": "languagetool", "languagetool-url": lt.url}, services)
    assert len(services.notes) == 1, services.notes
    note = services.notes[0]
    assert expected in note and lt.url in note and "Harper" in note
    assert "\n" not in note
    assert len(lt.requests) == 1  # no second request in the same run
    assert spans(first, DRAFT) == spans(second, DRAFT) == _harper_only()
    assert first.draft.grammar.engines == ("harper",)


def test_a_slow_server_times_out():
    with LTServer("slow", delay=3) as lt:
        started = time.perf_counter()
        result, services = lint(DRAFT, {"engine": "languagetool", "languagetool-url": lt.url, "timeout": 0.3})
        elapsed = time.perf_counter() - started
    assert elapsed < 2.5
    assert services.notes == [f"grammar: LanguageTool at {lt.url} did not answer within 0.3 s; Harper checks the "
                              "drafts instead"]
    assert spans(result, DRAFT) == _harper_only()


def test_connection_refused():
    url = refused_url()
    result, services = lint(DRAFT, {"engine": "languagetool", "languagetool-url": url})
    assert len(services.notes) == 1
    assert services.notes[0].startswith(f"grammar: LanguageTool at {url} is unreachable (")
    assert spans(result, DRAFT) == _harper_only()


def test_both_engines_with_an_outage_keep_harper_alone():
    result, services = lint(DRAFT, {"engine": "both", "languagetool-url": refused_url()})
    assert "only Harper checks the drafts" in services.notes[0]
    assert spans(result, DRAFT) == _harper_only()


def test_local_server_without_an_installation_fails_fast(tmp_path, monkeypatch):
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "lt-cache"))
    monkeypatch.setenv("FOLLOWLINT_LANGUAGETOOL_HOME", str(tmp_path / "followlint-lt"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    started = time.perf_counter()
    result, services = lint(DRAFT, {"engine": "languagetool", "local-server": True})
    assert time.perf_counter() - started < 5
    assert len(services.notes) == 1
    assert "no LanguageTool is installed" in services.notes[0]
    assert "never downloads" in services.notes[0]
    assert "followlint languagetool install" in services.notes[0]
    assert not (tmp_path / "lt-cache").exists()  # not even the cache folders are created
    assert not (tmp_path / "followlint-lt").exists()
    assert spans(result, DRAFT) == _harper_only()


def test_the_public_api_only_when_asked():
    service = GrammarService()
    assert service._languagetool_url(GrammarSettings(engine="languagetool")) == languagetool.DEFAULT_URL
    assert service._languagetool_url(GrammarSettings(engine="languagetool", public_api=True)) == \
        languagetool.PUBLIC_API_URL
    assert service._languagetool_url(GrammarSettings(engine="languagetool", public_api=True,
                                                     languagetool_url="http://127.0.0.1:9")) == "http://127.0.0.1:9"


def test_check_url_forms():
    assert languagetool.check_url("http://h:8081") == "http://h:8081/v2/check"
    assert languagetool.check_url("http://h:8081/") == "http://h:8081/v2/check"
    assert languagetool.check_url("http://h:8081/v2") == "http://h:8081/v2/check"
    assert languagetool.check_url("http://h:8081/v2/check") == "http://h:8081/v2/check"


def test_utf16_offsets_are_converted():
    text = "Great chat 🎉 today. I recieved it."
    with LTServer("ok") as lt:
        issues = languagetool.check(text, lt.url)
    typo = [i for i in issues if i.kind == "TYPOS"][0]
    assert text[typo.start:typo.end] == "recieved"


def test_malformed_match_is_an_outage_not_a_crash():
    with pytest.raises(EngineUnavailable, match="without offset and length"):
        languagetool.parse_matches({"matches": [{"message": "x"}]}, "text")
    assert languagetool.parse_matches({"matches": [{"offset": 50, "length": 3}]}, "short") == []


def test_cli_exit_code_is_unchanged_by_an_outage(cli, write):
    draft = write("note.txt", DRAFT)
    down = write("down/.followlint.toml", f'[grammar]\nengine = "languagetool"\nlanguagetool-url = "{refused_url()}"\n')
    write("down/note.txt", DRAFT)
    healthy = cli("check", str(draft), "--output-format", "json", "--select", "grammar-typos")
    outage = cli("check", str(down.parent / "note.txt"), "--output-format", "json", "--select", "grammar-typos")
    assert outage.code == healthy.code == 1
    doc = json.loads(outage.out)
    assert len(doc["notes"]) == 1 and "unreachable" in doc["notes"][0]
    rules = lambda d: sorted((f["rule"], f["start"], f["end"]) for r in d["files"] for f in r["findings"])  # noqa: E731
    assert rules(doc) == rules(json.loads(healthy.out))
