"""LanguageTool itself (not the stand-in): what a user with `followlint languagetool install` sees.

These tests need Java 17+ and the pinned LanguageTool. They use a server `followlint languagetool start`
left running, or start one on a free loopback port for the session; without Java or the jars they skip
and say why. The stand-in server (tests/ltserver.py) covers the failure modes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from followlint.core.config import parse_config, resolve_rules
from followlint.anatomy.draft import parse_draft
from followlint.core.engine import Services, lint_draft
from followlint.languagetool import home, server
from followlint.core.registry import build_registry

pytestmark = pytest.mark.languagetool
REGISTRY = build_registry(include_plugins=False)
GOOD = sorted((Path(__file__).parent / "drafts" / "good").iterdir())


@pytest.fixture(scope="session")
def lt_url():
    """The URL of a real LanguageTool: the running one, else one started for this session."""
    state = server.running()
    if state is not None and server.answering(state, timeout=30):
        yield state.url
        return
    problem = server.java_problem()
    if problem:
        pytest.skip(f"needs a real LanguageTool: {problem}")
    inst = home.installed()
    if inst is None:
        pytest.skip(f"needs a real LanguageTool: none installed in {home.home()} (`followlint languagetool install`)")
    try:
        run = server.RunServer(inst)
    except server.ServerError as exc:
        pytest.skip(f"needs a real LanguageTool: it did not start: {exc}")
    yield run.url
    run.close()


def letter(body: str) -> str:
    return f"Hi Dana,\n\n{body}\n\nBest regards,\nJordan Lee\njordan.lee@example.com\n"


def lint(text: str, engine: str, url: str, name: str = "draft.txt"):
    cfg = parse_config({"grammar": {"engine": engine, "languagetool-url": url, "timeout": 30},
                        "select": ["grammar-typos"]}, None)
    services = Services()
    result = lint_draft(parse_draft(text, name), resolve_rules(cfg, REGISTRY), services, config=cfg)
    return result, services


def lt_issues(result, text):
    return [text[i.start:i.end] for i in result.draft.grammar.issues if i.engine == "languagetool"]


def test_looking_forward_to_join_is_found_by_languagetool_with_both_engines(lt_url):
    text = letter("Thank you for the tour on Tuesday. I am looking forward to join your team.")
    result, services = lint(text, "both", lt_url)
    assert services.notes == []  # no fallback note: LanguageTool answered
    assert result.draft.grammar.engines == ("languagetool", "harper")
    assert any("join" in words for words in lt_issues(result, text))
    # one engine finding where both engines flag the slip (usage-slip is followlint's own phrase check)
    on_join = [f for f in result.findings if f.span.start <= text.index("join") < f.span.end and f.rule != "usage-slip"]
    assert len(on_join) == 1 and on_join[0].suggestions[0].endswith("joining")


def test_languagetool_alone_reports_grammar(lt_url):
    text = letter("Thank you for the tour on Tuesday. He have shown me the whole plant.")
    result, services = lint(text, "languagetool", lt_url)
    assert services.notes == [] and result.draft.grammar.engines == ("languagetool",)
    (finding,) = [f for f in result.findings if f.rule == "grammar-error"]
    assert text[finding.span.start:finding.span.end] == "have" and "has" in finding.suggestions


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_a_clean_draft_gets_no_grammar_finding(lt_url, path):
    result, services = lint(path.read_text(encoding="utf-8"), "both", lt_url, path.name)
    assert services.notes == []
    assert [(f.rule, f.message) for f in result.findings] == []


def test_british_spellings_and_trade_compounds_pass(lt_url):
    text = letter("I enjoyed hearing about the graduate programme and the cron-triggered jobs at the centre.")
    result, _ = lint(text, "languagetool", lt_url)
    assert {"programme", "centre"} <= set(lt_issues(result, text))  # LanguageTool's en-US flags them...
    assert result.findings == []  # ...followlint accepts another dialect's spelling, as with Harper


def test_both_engines_give_one_finding_per_span(lt_url):
    text = letter("I recieved the case study and definately want to continue. Its a great team.")
    result, services = lint(text, "both", lt_url)
    assert services.notes == []
    for word in ("recieved", "definately"):
        assert word in lt_issues(result, text)
        assert word in [text[i.start:i.end] for i in result.draft.grammar.issues if i.engine == "harper"]
    spans = sorted((f.span.start, f.span.end) for f in result.findings)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), [(f.rule, f.message) for f in result.findings]
    found = {text[f.span.start:f.span.end]: f for f in result.findings}
    assert found["recieved"].suggestions[0] == "received"
    assert found["definately"].suggestions[0] == "definitely"


def test_cli_with_engine_both_reports_languagetool_findings(cli, write, lt_url):
    write(".followlint.toml", f'[grammar]\nengine = "both"\nlanguagetool-url = "{lt_url}"\ntimeout = 30\n')
    draft = write("note.txt", letter("I am looking forward to join your team. He have shown me the plant."))
    done = cli("check", str(draft), "--output-format", "json", "--select", "grammar-typos")
    doc = json.loads(done.out)
    assert done.code == 1 and doc.get("notes", []) == []
    assert {f["rule"] for r in doc["files"] for f in r["findings"]} >= {"grammar-error"}


def test_local_server_uses_the_running_server(lt_url):
    if server.running() is None:
        pytest.skip("no server started with `followlint languagetool start` is running")
    cfg = parse_config({"grammar": {"engine": "languagetool", "local-server": True, "timeout": 30},
                        "select": ["grammar-typos"]}, None)
    services = Services()
    text = letter("He have shown me the plant.")
    result = lint_draft(parse_draft(text, "d.txt"), resolve_rules(cfg, REGISTRY), services, config=cfg)
    assert services.notes == [] and result.draft.grammar.engines == ("languagetool",)
    assert [f.rule for f in result.findings] == ["grammar-error"]


def test_local_server_starts_the_installed_one_once_and_leaves_it_running(lt_url, tmp_path, monkeypatch):
    inst = home.installed()
    if inst is None or inst.source != "followlint":
        pytest.skip("needs followlint's own LanguageTool install")
    own_home = tmp_path / "lt-home"  # the same jars, but no server recorded there yet
    (own_home / inst.version).mkdir(parents=True)
    (own_home / inst.version / "lib").symlink_to(home.lib_dir(), target_is_directory=True)
    (own_home / inst.version / "installed").write_text(inst.version, encoding="utf-8")
    monkeypatch.setenv(home.HOME_ENV, str(own_home))
    cfg = parse_config({"grammar": {"engine": "languagetool", "local-server": True, "timeout": 30},
                        "select": ["grammar-typos"]}, None)
    services = Services()
    text = letter("He have shown me the plant.")
    try:
        result = lint_draft(parse_draft(text, "d.txt"), resolve_rules(cfg, REGISTRY), services, config=cfg)
        state = server.running()
        assert state is not None and server.answering(state)  # it outlives the run, for the next one
        assert len(services.notes) == 1 and "started LanguageTool 6.8" in services.notes[0]
        assert "followlint languagetool stop" in services.notes[0]
        assert result.draft.grammar.engines == ("languagetool",)
        assert [f.rule for f in result.findings] == ["grammar-error"]
    finally:
        server.stop()
    assert server.running() is None
