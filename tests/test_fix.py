"""--fix, --unsafe-fixes and --diff: what is applied, how overlaps resolve, how files are written."""

from __future__ import annotations

import codecs
import os
import random
import stat
import sys

import pytest
from fixrules import TEST_RULES, fix_rules  # noqa: F401  (fixture)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from followlint.core.config import CliOverrides, Config, resolve_rules
from followlint.anatomy.draft import parse_draft
from followlint.core.engine import lint_draft
from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.core.fix import apply_fixes, fix_text, line_ending, unified_diff

BAD = "Hey Dana!!\n\nthx for the chat, u were great and I'm gonna follow up!!\n"


def finding(edits, safe=True, code="TST101", title="fix"):
    edits = tuple(Edit(*e) for e in edits)
    start = min(e.start for e in edits)
    return Finding("test-swap", code, "casual-tone", Severity.WARNING, "m", Span(start, start),
                   fix=Fix(edits, title, safe=safe))


# --- apply_fixes --------------------------------------------------------------

def test_safe_only_unless_unsafe():
    text = "ab cd"
    fs = [finding([(0, 2, "AB")], safe=True), finding([(3, 5, "CD")], safe=False)]
    assert apply_fixes(text, fs).text == "AB cd"
    assert apply_fixes(text, fs, unsafe=True).text == "AB CD"


def test_overlapping_fixes_resolve_by_position_then_code_whatever_the_input_order():
    text = "Hey Dana!!"
    greeting = finding([(0, 3, "Hi"), (8, 10, ",")], code="TST104")  # two edits, all or nothing
    bang = finding([(8, 10, "!")], code="TST102")
    inner = finding([(1, 2, "E")], code="TST101")  # overlaps the greeting's first edit
    for order in ([greeting, bang, inner], [inner, bang, greeting], [bang, inner, greeting]):
        out = apply_fixes(text, order)
        assert out.text == "Hi Dana,"
        assert out.applied == [greeting]
        assert set(map(id, out.skipped)) == {id(bang), id(inner)}


def test_insertions_at_one_point_conflict_but_an_insertion_next_to_a_replacement_does_not():
    text = "abc"
    first, second = finding([(1, 1, "X")], code="TST101"), finding([(1, 1, "Y")], code="TST102")
    assert apply_fixes(text, [second, first]).text == "aXbc"
    replace = finding([(1, 2, "B")], code="TST103")
    assert apply_fixes(text, [replace, first]).text == "aXBc"


def test_a_fix_with_a_bad_edit_is_skipped_whole():
    text = "abc"
    out = apply_fixes(text, [finding([(0, 1, "A"), (2, 9, "C")]), finding([(0, 2, "x"), (1, 3, "y")], code="TST102")])
    assert out.text == "abc" and not out.applied and len(out.skipped) == 2


def test_inserted_line_breaks_follow_the_file():
    text = "line one\r\nline two\r\n"
    assert line_ending(text) == "\r\n"
    out = apply_fixes(text, [finding([(len(text), len(text), "\nBest regards,\nSam\n")])])
    assert out.text == "line one\r\nline two\r\n\r\nBest regards,\r\nSam\r\n"
    assert line_ending("no breaks") == "\n" and line_ending("a\rb\rc\nd") == "\r"


def test_a_fix_that_changes_nothing_is_not_counted():
    out = apply_fixes("thanks", [finding([(0, 6, "thanks")])])
    assert out.text == "thanks" and not out.applied and not out.skipped


# --- properties --------------------------------------------------------------

ALPHABET = "ab \n\r😀é!"


@st.composite
def text_and_fixes(draw):
    text = draw(st.text(alphabet=ALPHABET, max_size=30))
    n = len(text)
    fixes = []
    for i in range(draw(st.integers(0, 6))):
        edits = []
        for _ in range(draw(st.integers(1, 2))):
            start = draw(st.integers(0, n))
            end = draw(st.integers(start, n))
            edits.append((start, end, draw(st.text(alphabet="xyz😀 ", max_size=4))))
        fixes.append(finding(edits, safe=draw(st.booleans()), code=f"TST{100 + i}", title=str(i)))
    return text, fixes


def _conflict(a, b):
    return (a.start < b.end and b.start < a.end) or a.start == a.end == b.start == b.end


@settings(max_examples=300, deadline=None)
@given(text_and_fixes(), st.booleans(), st.randoms(use_true_random=False))
def test_property_text_outside_the_applied_edits_is_unchanged(case, unsafe, rnd):
    text, fixes = case
    out = apply_fixes(text, fixes, unsafe=unsafe, eol="\n")
    edits = sorted({e for f in out.applied for e in f.fix.edits}, key=lambda e: (e.start, e.end))
    # applied edits never conflict, and only allowed fixes are applied
    assert all(not _conflict(a, b) for i, a in enumerate(edits) for b in edits[i + 1:])
    assert all(f.fix.safe or unsafe for f in out.applied)
    # the result is exactly: untouched text between the edits, and the replacements in their places
    pos, rebuilt = 0, []
    for e in edits:
        assert text[pos:e.start] == out.text[len("".join(rebuilt)):len("".join(rebuilt)) + e.start - pos]
        rebuilt += [text[pos:e.start], e.replacement]
        pos = e.end
    rebuilt.append(text[pos:])
    assert out.text == "".join(rebuilt)
    # every fix left out was allowed but conflicts with an applied one, is malformed, or is a no-op
    for f in out.skipped:
        own = list(set(f.fix.edits))
        malformed = any(_conflict(a, b) for i, a in enumerate(own) for b in own[i + 1:])
        assert malformed or any(_conflict(a, b) for a in own for b in edits)
    # deterministic: the input order does not matter
    shuffled = list(fixes)
    rnd.shuffle(shuffled)
    assert apply_fixes(text, shuffled, unsafe=unsafe, eol="\n").text == out.text


def _linter(registry_rules=True):
    from followlint.core.registry import build_registry

    registry = build_registry()
    active = resolve_rules(Config(), registry, CliOverrides(select=("TST",)))

    def lint(text):
        return lint_draft(parse_draft(text, "draft.txt"), active)

    return lint


WORDS = ["Hey", "Hi", "Dana", "Dana!!", "thx", "Thx", "u", "gonna", "great", "!!", "!", ",", "\n", "\r\n",
         "\n\n", "Best", "regards,", "Sam", "😀", "you", "for", "the", "chat."]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.booleans())
def test_property_fixing_twice_equals_fixing_once(fix_rules, words, unsafe):  # noqa: F811
    text = " ".join(words)
    lint = _linter()
    once = fix_text(text, lint, unsafe=unsafe)
    assert once.converged
    twice = fix_text(once.text, lint, unsafe=unsafe)
    assert twice.text == once.text and twice.fixed == 0
    # what remains has no fix this mode could still apply
    assert not apply_fixes(once.text, once.result.findings, unsafe=unsafe).applied


# --- the CLI -----------------------------------------------------------------

def test_fix_applies_safe_fixes_and_reports_what_remains(cli, write, fix_rules):  # noqa: F811
    path = write("note.txt", BAD)
    r = cli("check", str(path), "--select", "TST", "--fix", "--output-format", "concise")
    fixed = path.read_text(encoding="utf-8")
    assert fixed == "Hi Dana,\n\nthanks for the chat, you were great and I'm gonna follow up!\n\nBest regards,\nSam\n"
    assert r.code == 1  # 'gonna' (unsafe) remains, a warning
    assert "[TST101] test-swap: 'gonna'" in r.out
    assert f"{path}:3:" in r.out  # positions of the fixed text
    assert "Fixed 5 findings." in r.out and "1 fixable with --fix --unsafe-fixes" in r.out
    again = cli("check", str(path), "--select", "TST", "--fix", "--unsafe-fixes", "--output-format", "json")
    assert again.code == 0 and again.json["summary"]["fixed"] == 1 and again.json["summary"]["findings"] == 0
    assert "going to" in path.read_text(encoding="utf-8")


def test_diff_prints_a_patch_and_changes_nothing(cli, write, fix_rules, tmp_path):  # noqa: F811
    path = write("note.txt", BAD)
    before = path.read_bytes()
    r = cli("check", str(path), "--select", "TST", "--diff")
    assert path.read_bytes() == before
    assert r.code == 1
    assert r.out.startswith(f"--- {path}\n+++ {path}\n@@ ")
    assert "-Hey Dana!!\n+Hi Dana,\n" in r.out and "+Best regards,\n" in r.out
    assert "Would fix 5 findings in 1 file." in r.err and "1 more fix available with --unsafe-fixes" in r.err
    # the diff is a real patch: applying it gives what --fix writes
    if not __import__("shutil").which("patch"):
        return
    import subprocess

    copy = write("copy/note.txt", BAD)
    subprocess.run(["patch", "-s", str(copy)], input=r.out.encode(), check=True)
    cli("check", str(path), "--select", "TST", "--fix")
    assert copy.read_bytes() == path.read_bytes()


def test_diff_with_nothing_to_fix_exits_zero(cli, write, fix_rules):  # noqa: F811
    path = write("ok.txt", "Hi Dana,\n\nThanks.\n\nBest regards,\nSam\n")
    r = cli("check", str(path), "--select", "TST", "--diff")
    assert (r.code, r.out) == (0, "") and "No fixes to apply." in r.err


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                          ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)])
@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_fix_keeps_encoding_bom_and_line_endings(cli, write, fix_rules, encoding, bom, eol):  # noqa: F811
    text = "Hey Dana!!\n\nthx 😀 for the chat\n".replace("\n", eol)
    path = write("note.txt", bom + text.encode(encoding))
    r = cli("check", str(path), "--select", "TST", "--fix")
    assert r.code == 0, r.out + r.err
    raw = path.read_bytes()
    assert raw.startswith(bom)
    expected = "Hi Dana,\n\nthanks 😀 for the chat\n\nBest regards,\nSam\n".replace("\n", eol)
    assert raw == bom + expected.encode(encoding)


def test_fix_writes_atomically_and_keeps_mode_and_symlinks(cli, write, fix_rules, tmp_path):  # noqa: F811
    path = write("real/note.txt", BAD)
    os.chmod(path, 0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(path)
    r = cli("check", str(link), "--select", "TST", "--fix")
    assert r.code == 1
    assert link.is_symlink() and "Hi Dana," in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["note.txt"]  # no temporary file left behind


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_a_one_line_error_and_the_file_is_unchanged(cli, write, fix_rules):  # noqa: F811
    path = write("locked/note.txt", BAD)
    os.chmod(path.parent, 0o555)
    try:
        r = cli("check", str(path), "--select", "TST", "--fix", "--output-format", "concise")
    finally:
        os.chmod(path.parent, 0o755)
    assert r.code == 2
    assert f"followlint: error: {path}: cannot write the fixed file (Permission denied); not written" in r.err
    assert path.read_text(encoding="utf-8") == BAD
    assert "Traceback" not in r.err


def test_write_error_is_reported_even_as_root(cli, write, fix_rules, monkeypatch):  # noqa: F811
    import followlint.core.fix as fix

    def refuse(path, data, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fix, "write_atomic", refuse)
    path = write("note.txt", BAD)
    r = cli("check", str(path), "--select", "TST", "--fix", "--output-format", "json")
    assert r.code == 2 and "cannot write the fixed file (Permission denied)" in r.err
    assert path.read_text(encoding="utf-8") == BAD
    # the findings reported are those of the file as it still is
    assert r.json["summary"]["fixed"] == 0 and r.json["files"][0]["findings"][0]["line"] == 1


def test_fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr(cli, fix_rules):  # noqa: F811
    r = cli("check", "-", "--select", "TST", "--fix", "--output-format", "concise", stdin=BAD.replace("\n", "\r\n"))
    assert r.out == ("Hi Dana,\r\n\r\nthanks for the chat, you were great and I'm gonna follow up!\r\n"
                     "\r\nBest regards,\r\nSam\r\n")
    assert "-:3:" in r.err and "'gonna'" in r.err and r.code == 1
    d = cli("check", "-", "--select", "TST", "--diff", "--stdin-filename", "note.txt", stdin=BAD)
    assert d.out.startswith("--- note.txt\n+++ note.txt\n") and d.code == 1


def test_stdin_fix_echoes_the_text_when_nothing_applies(cli, fix_rules):  # noqa: F811
    text = "Hi Dana,\n\nThanks.\n\nBest regards,\nSam\n"
    r = cli("check", "-", "--select", "TST", "--fix", stdin=text)
    assert r.out == text and r.code == 0


EML = ("From: Sam <sam@example.com>\nTo: Dana Okafor <dana@example.com>\nSubject: Thanks\n"
       "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
       "Hey Dana!!=0A=0Athx for the chat=\n today.\n")


def test_decoded_email_bodies_are_never_rewritten(cli, write, fix_rules):  # noqa: F811
    path = write("note.eml", EML)
    r = cli("check", str(path), "--select", "TST", "--fix", "--unsafe-fixes", "--output-format", "json")
    assert path.read_text(encoding="utf-8") == EML
    assert r.json["summary"]["fixed"] == 0 and r.json["summary"]["findings"] >= 2
    d = cli("check", str(path), "--select", "TST", "--diff")
    assert d.out == "" and d.code == 0


def test_verbatim_email_is_fixed_in_place(cli, write, fix_rules):  # noqa: F811
    eml = "From: Sam <sam@example.com>\nTo: Dana <dana@example.com>\nSubject: Thanks\n\nthx for the chat!!\n"
    path = write("note.eml", eml)
    cli("check", str(path), "--select", "TST101,TST102", "--fix")
    assert path.read_text(encoding="utf-8") == eml.replace("thx", "thanks").replace("!!", "!")


def test_unified_diff_marks_a_missing_final_newline():
    d = unified_diff("a\nb", "a\nc", "x.txt")
    assert d.endswith("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")
    assert unified_diff("same", "same", "x.txt") == ""


def test_fixes_that_undo_each_other_stop(fix_rules):  # noqa: F811
    flip = {"a": "b", "b": "a"}

    def lint(text):
        from followlint.core.finding import FileResult

        draft = parse_draft(text, "x.txt")
        return FileResult("x.txt", [finding([(0, 1, flip[text[0]])])], draft=draft)

    out = fix_text("a", lint)
    assert not out.converged and out.text in ("a", "b")


def test_shuffled_findings_from_real_rules_fix_the_same(fix_rules):  # noqa: F811
    lint = _linter()
    result = lint(BAD)
    findings = list(result.findings)
    expected = apply_fixes(BAD, findings, unsafe=True).text
    rnd = random.Random(4)
    for _ in range(20):
        rnd.shuffle(findings)
        assert apply_fixes(BAD, findings, unsafe=True).text == expected
    assert len(TEST_RULES) == 4


CASUAL = ["Hey", "Hi", "Dana", "Dana!!", "thx", "Thx", "u", "gonna", "asap", "!!", "?!", "awesome", "AWESOME",
          "😀", "🙏", ":)", "chat", "Cheers,", "Best regards,", "Sam", "\n", "\r\n", "\n\n", "Sent from my iPhone",
          "the", "team", "interview", "for", "I", "was", "great", "."]


def _shipped_fixers():
    from followlint.core.registry import build_registry

    registry = build_registry(include_plugins=False)
    fixers = tuple(r.meta.code for r in registry if r.meta.fix != "never")
    active = resolve_rules(Config(), registry, CliOverrides(select=fixers)) if fixers else []

    def lint(text):
        return lint_draft(parse_draft(text, "draft.txt"), active)

    return fixers, lint


def test_shipped_rules_fix_a_casual_draft():
    fixers, lint = _shipped_fixers()
    if not fixers:
        pytest.skip("no shipped rule has a fix yet")
    out = fix_text("Hey Dana!!\n\nthx for the chat, u were awesome 😀\n\nCheers,\nSam\n", lint, unsafe=True)
    assert out.converged and out.fixed >= 3
    assert not apply_fixes(out.text, out.result.findings, unsafe=True).applied


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(CASUAL), max_size=30), st.booleans())
def test_property_shipped_fixes_settle_and_fixing_twice_equals_once(words, unsafe):
    """The same properties over every shipped rule that can fix (other work adds such rules)."""
    fixers, lint = _shipped_fixers()
    assume(fixers)
    text = " ".join(words)
    once = fix_text(text, lint, unsafe=unsafe)
    assert once.converged, once.text
    twice = fix_text(once.text, lint, unsafe=unsafe)
    assert twice.text == once.text and twice.fixed == 0


def test_read_only_file_is_not_replaced(cli, write, fix_rules):  # noqa: F811
    path = write("note.txt", BAD)
    os.chmod(path, 0o444)
    try:
        r = cli("check", str(path), "--select", "TST", "--fix")
        assert r.code == 2 and "cannot write the fixed file (the file is read-only); not written" in r.err
        assert path.read_text(encoding="utf-8") == BAD
    finally:
        os.chmod(path, 0o644)
