"""sarif and github output, --statistics, --show-source, and the progress bar.

Positions are checked on a draft with emoji and CRLF line endings: lines count CRLF
once, and SARIF/GitHub columns are UTF-16 code units (an emoji is 2).
"""

from __future__ import annotations

import io
import json

import pytest
from conftest import SHARED
from fixrules import fix_rules  # noqa: F401  (fixture)

from followlint.reporters.github import command, escape_data, escape_property
from followlint.reporters.sarif import artifact_location

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

# line 3: 😀 😀 ' ' t h x , ' ' u ' ' r o c k ! !  (code points 1..16; UTF-16 columns shift by 2 per emoji)
EMOJI_CRLF = "Hey Dana!!\r\n\r\n😀😀 thx, u rock!!\r\n"


def sarif(cli, *args):
    r = cli("check", *args, "--output-format", "sarif")
    return r, json.loads(r.out)


# --- SARIF ---------------------------------------------------------------------

def test_sarif_regions_are_utf16_and_rules_are_described(cli, write, fix_rules, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.chdir(tmp_path)
    write("drafts/note.txt", EMOJI_CRLF)
    r, doc = sarif(cli, "drafts/note.txt", "--select", "TST101,TST102")
    assert r.code == 1
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    (run,) = doc["runs"]
    assert run["columnKind"] == "utf16CodeUnits"
    driver = run["tool"]["driver"]
    assert driver["name"] == "followlint"
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == ["TST101", "TST102"]
    swap = driver["rules"][0]
    assert swap["name"] == "test-swap"
    assert swap["shortDescription"]["text"] == "Test: chat-speak with a replacement."
    assert swap["fullDescription"]["text"] == "Chat-speak (test rule)."
    assert "Why it hurts a follow-up: Tests need a fix." in swap["help"]["text"] and swap["help"]["markdown"]
    assert swap["defaultConfiguration"]["level"] == "warning"
    got = {(res["ruleId"], res["locations"][0]["physicalLocation"]["region"]["startLine"],
            res["locations"][0]["physicalLocation"]["region"]["startColumn"],
            res["locations"][0]["physicalLocation"]["region"]["endLine"],
            res["locations"][0]["physicalLocation"]["region"]["endColumn"]) for res in run["results"]}
    assert got == {("TST102", 1, 9, 1, 11), ("TST101", 3, 6, 3, 9), ("TST101", 3, 11, 3, 12),
                   ("TST102", 3, 17, 3, 19)}
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] == "warning" and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "drafts/note.txt", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    thx = next(res for res in run["results"] if res["locations"][0]["physicalLocation"]["region"]["startColumn"] == 6)
    assert thx["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "thx"
    (fix,) = thx["fixes"]
    assert fix["description"]["text"] == "Replace with 'thanks'"
    (change,) = fix["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": {"startLine": 3, "startColumn": 6, "endLine": 3, "endColumn": 9},
                                       "insertedContent": {"text": "thanks"}}]
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_levels_unsafe_fixes_and_no_show_source(cli, write, fix_rules, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.chdir(tmp_path)
    write("n.txt", "gonna go\n")
    _, doc = sarif(cli, "n.txt", "--select", "TST101,TST103", "--no-show-source")
    results = doc["runs"][0]["results"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"TST101": "warning", "TST103": "note"}
    assert all("snippet" not in r["locations"][0]["physicalLocation"]["region"] for r in results)
    gonna = next(r for r in results if r["ruleId"] == "TST101")
    assert gonna["fixes"][0]["description"]["text"].endswith("(unsafe fix)")
    sign = next(r for r in results if r["ruleId"] == "TST103")  # an insertion: an empty region at the end
    region = sign["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    assert region == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 1}


def test_sarif_input_errors_are_notifications(cli, write, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write("bin.txt", b"\x00\x01binary")
    r, doc = sarif(cli, "bin.txt", "missing.txt")
    assert r.code == 2
    (inv,) = doc["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False
    messages = [n["message"]["text"] for n in inv["toolExecutionNotifications"]]
    assert any(m.startswith("bin.txt: looks like a binary file") for m in messages)
    assert any(m.startswith("missing.txt: no such file") for m in messages)
    assert doc["runs"][0]["results"] == []


def test_sarif_paths_outside_the_working_directory_are_file_uris(tmp_path):
    inside = tmp_path / "a b" / "n.txt"
    assert artifact_location(str(inside), str(tmp_path)) == {"uri": "a%20b/n.txt", "uriBaseId": "%SRCROOT%"}
    assert artifact_location(str(inside), str(tmp_path / "elsewhere")) == {"uri": inside.as_uri()}


def _validate(doc):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"official SARIF schema not available at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)


def test_sarif_validates_against_the_official_schema(cli, write, fix_rules, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.chdir(tmp_path)
    write("a.txt", EMOJI_CRLF)
    write("b.md", "---\ninterviewers: [Dana Okafor]\n---\nHi Dana,\n\nthx!! gonna write soon.\n")
    write("c.txt", b"\x00binary")
    _, doc = sarif(cli, ".", "--extend-select", "TST")
    assert doc["runs"][0]["results"]
    _validate(doc)


def test_sarif_of_the_shipped_rules_validates(cli, write, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write("note.txt", "Hey Dana!!\n\nThx for the chat 😀 u were great, I'm a team player.\n")
    _, doc = sarif(cli, "note.txt")
    described = {rule["id"] for rule in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert described == {r["ruleId"] for r in doc["runs"][0]["results"]}
    assert "S100" in described
    for rule in doc["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    _validate(doc)


# --- GitHub ----------------------------------------------------------------------

def test_github_annotations_have_utf16_positions_on_crlf_and_emoji(cli, write, fix_rules, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.chdir(tmp_path)
    write("drafts/note.txt", EMOJI_CRLF)
    r = cli("check", "drafts/note.txt", "--select", "TST101,TST102", "--output-format", "github")
    assert r.code == 1
    lines = r.out.splitlines()
    assert lines[:4] == [
        "::warning file=drafts/note.txt,line=1,col=9,endLine=1,endColumn=11,title=TST102 test-bang::One '!' is enough.",
        "::warning file=drafts/note.txt,line=3,col=6,endLine=3,endColumn=9,title=TST101 test-swap::"
        "'thx': write 'thanks'. Suggestion: thanks",
        "::warning file=drafts/note.txt,line=3,col=11,endLine=3,endColumn=12,title=TST101 test-swap::"
        "'u': write 'you'. Suggestion: you",
        "::warning file=drafts/note.txt,line=3,col=17,endLine=3,endColumn=19,title=TST102 test-bang::One '!' is enough.",
    ]
    assert lines[4] == "Found 4 findings in 1 file (4 warnings)."
    assert cli("check", "drafts/note.txt", "--select", "TST101", "--output-format", "github", "-q").out.count("\n") == 2


def test_github_escaping():
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("notice", "m", file="x,y:z.txt", line=1, col=None, title="T1: x, y") == \
        "::notice file=x%2Cy%3Az.txt,line=1,title=T1%3A x%2C y::m"


def test_github_file_names_and_levels(cli, write, fix_rules, monkeypatch, tmp_path):  # noqa: F811
    monkeypatch.chdir(tmp_path)
    write("a,b: c.txt", "Hi\n")
    r = cli("check", "a,b: c.txt", "--select", "TST103", "--output-format", "github")
    assert r.out.splitlines()[0] == ("::notice file=a%2Cb%3A c.txt,line=2,col=1,endLine=2,endColumn=1,"
                                     "title=TST103 test-sign-off::Add a sign-off.")
    assert r.code == 0  # info is below the default fail level
    write("bin.txt", b"\x00")
    e = cli("check", "bin.txt", "--output-format", "github")
    assert e.code == 2
    assert e.out.startswith("::error file=bin.txt,title=followlint%3A input error::looks like a binary file")


def test_github_multi_line_findings_give_lines_only(cli, write, monkeypatch, tmp_path):
    from followlint.core.finding import FileResult, Finding, Severity, Span
    from followlint.anatomy.draft import parse_draft
    from followlint.reporters.github import GithubReporter
    from followlint.reporters.base import Summary

    draft = parse_draft("ab\r\ncd\r\n", "x.txt")
    out = io.StringIO()
    rep = GithubReporter(out, quiet=True)
    rep.start()
    rep.add(FileResult("x.txt", [Finding("r", "X001", "internal", Severity.ERROR, "two\nlines", Span(1, 5))], draft))
    rep.finish(Summary())
    assert out.getvalue() == "::error file=x.txt,line=1,endLine=2,title=X001 r::two%0Alines\n"


# --- --statistics and --show-source ---------------------------------------------

def test_statistics_counts_per_rule(cli, write, fix_rules):  # noqa: F811
    a = write("a.txt", "thx thx gonna!!\n")
    b = write("b.txt", "Hi\n\nBest regards,\nSam\n")
    r = cli("check", str(a), str(b), "--select", "TST", "--statistics")
    assert r.code == 1
    assert r.out.splitlines() == [
        "3  TST101  [*] test-swap",
        "1  TST102  [*] test-bang",
        "1  TST103  [*] test-sign-off",
        "Found 5 in total.",
        "[*] fixable with --fix; [-] only with --fix --unsafe-fixes.",
    ]
    j = cli("check", str(a), "--select", "TST101", "--statistics", "--output-format", "json")
    assert j.json == [{"code": "TST101", "rule": "test-swap", "count": 3, "fixable": 2, "unsafe_fixable": 1}]
    bad = cli("check", str(a), "--statistics", "--output-format", "sarif")
    assert bad.code == 2 and "--statistics works with" in bad.err


def test_full_output_respects_no_show_source(cli, write, fix_rules):  # noqa: F811
    path = write("a.txt", "thx\n")
    shown = cli("check", str(path), "--select", "TST101")
    hidden = cli("check", str(path), "--select", "TST101", "--no-show-source")
    assert "1 | thx" in shown.out and "| " not in hidden.out
    assert "safe fix: Replace with 'thanks'" in hidden.out


# --- progress bar ------------------------------------------------------------------

class Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_terminal_outside_ci():
    from followlint.run.progress import MIN_FILES, wanted

    tty, pipe = Tty(), io.StringIO()
    assert wanted(tty, tty, MIN_FILES, "full", env={})
    assert not wanted(tty, tty, MIN_FILES - 1, "full", env={})
    assert not wanted(pipe, tty, MIN_FILES, "full", env={})
    assert not wanted(tty, tty, MIN_FILES, "full", env={"CI": "true"})
    assert not wanted(tty, tty, MIN_FILES, "json", env={})
    assert not wanted(tty, tty, MIN_FILES, "full", env={"TERM": "dumb"})


def test_progress_bar_keeps_every_finding(write, fix_rules, monkeypatch, tmp_path):  # noqa: F811
    from followlint.cli import main
    from followlint.run.progress import MIN_FILES

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("FOLLOWLINT_NO_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    for i in range(MIN_FILES + 5):
        write(f"d/{i:02}.txt", "thx\n")
    out, err = Tty(), Tty()
    code = main(["check", str(tmp_path / "d"), "--select", "TST101", "--output-format", "concise"],
                stdout=out, stderr=err)
    assert code == 1
    text = out.getvalue()
    assert "\x1b[?25l" in text  # the bar was drawn (cursor hidden while it runs)
    for i in range(MIN_FILES + 5):
        assert f"{i:02}.txt:1:1: warning [TST101] test-swap: 'thx'" in text
    assert "Found 25 findings in 25 files" in text
    monkeypatch.setenv("CI", "true")
    out = Tty()
    main(["check", str(tmp_path / "d"), "--select", "TST101", "--output-format", "concise"], stdout=out, stderr=Tty())
    assert "\x1b" not in out.getvalue()


def test_full_output_underlines_in_terminal_cells(cli, write, fix_rules):  # noqa: F811
    path = write("a.txt", "😀😀 thx\r\n")
    lines = cli("check", str(path), "--select", "TST101").out.splitlines()
    at = lines.index("1 | 😀😀 thx")
    assert lines[at + 1] == "  |      ^^^"  # two emoji take four cells, then the space
