"""Bad input, faults and untrusted input (issue 7).

Every bad input gets one clear line naming the file, exit code 2 at the end of the run (after the
other files were checked), no traceback, and the file is left exactly as it was. Faults in rules are
internal-error findings; Ctrl-C is exit 130 with nothing half-written; rule packs and drafts from a
stranger's pull request can't run code or hang CI; nothing opens a network socket by default.

Config-file errors (unknown rule, unknown option, wrong option type, broken TOML) are in
test_config.py, rule-pack schema errors at the unit level in test_registry.py, SARIF's UTF-16
columns in test_output_formats.py; this file covers what they don't.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from followlint.run import files as files_module
from followlint.core import registry as reg
from followlint.core.finding import Severity, Span
from followlint.core.rule import BaseRule, RuleMeta

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "followlint"
FOLLOWLINT_BIN = Path(sys.executable).with_name("followlint")

GOOD = ("Dear Ms. Okafor,\n\nThank you for meeting with me on Tuesday about the analyst role at Corvid Labs. "
        "I enjoyed hearing how your team rebuilt the dashboards.\n\nI look forward to hearing from you.\n\n"
        "Best regards,\nJordan Lee\njordan.lee@example.com\n")
#: findings on several lines and columns (greeting, exclamation marks, slang, no sign-off)
FLAWED = "hey dana!!!\n\nthanks for the chat, it was awesome!!! gonna send my portfolio.\n\ncheers\n"


def snapshot(path: Path) -> tuple[bytes, int] | None:
    try:
        return path.read_bytes(), path.stat().st_mtime_ns
    except OSError:
        return None


def assert_input_error(r, path: Path | str, *fragments: str) -> None:
    """Exit 2, one ``path: error: ...`` line on stderr holding every fragment, no traceback."""
    assert r.code == 2, (r.code, r.out, r.err)
    assert "Traceback" not in r.out + r.err
    lines = [line for line in r.err.splitlines() if line.startswith(f"{path}: error: ")]
    assert len(lines) == 1, r.err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def findings(r, index: int = 0) -> list[tuple]:
    return [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"])
            for f in r.json["files"][index]["findings"]]


# --- input errors -----------------------------------------------------------------------------

EMAIL_NO_TEXT_PART = (b'From: a@b.example\nContent-Type: multipart/mixed; boundary="xx"\n\n--xx\n'
                      b"Content-Type: image/png\n\nabc\n--xx--\n")
EMAIL_BAD_CHARSET = (b"From: a@b.example\nContent-Type: text/plain; charset=no-such-charset\n"
                     b"Content-Transfer-Encoding: quoted-printable\n\nHi =E9 Dana\n")

#: YAML aliases nesting 9**9 strings: repr() or str() of it (in an error message) would never finish
BILLION_LAUGHS = ("---\na: &a [" + ",".join(['"lol"'] * 9) + "]\n" + "".join(
    f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    + "interview_date: *i\n---\nHi Dana,\n").encode()

BAD_FILES = {
    "binary": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ("binary file",)),
    "nul-late": ("a.txt", b"Hi Dana,\n\n" + b"x" * 9000 + b"\x00", ("binary file",)),
    # the byte and its line:column, columns in code points, a lone CR ends a line
    "invalid-utf8": ("a.txt", "Hi Dana,\r\rCafé ".encode() + b"\xff and more\n",
                     ("not valid UTF-8", "byte 0xff at line 3, column 6", "save the draft as UTF-8")),
    "invalid-utf8-after-bom": ("a.txt", b"\xef\xbb\xbfHi \xc3", ("byte 0xc3 at line 1, column 4",)),
    "truncated-utf16": ("a.txt", "\ufeffHi".encode("utf-16-le") + b"x", ("not valid UTF-16",)),
    "front-matter-yaml": ("a.md", b"---\na: 1\nb: [unclosed\n---\nHi Dana,\n", ("front matter is not valid YAML", "line 3")),
    "front-matter-list": ("a.md", b"---\n- a\n- b\n---\nHi Dana,\n", ("front matter must be a YAML mapping",)),
    "front-matter-code": ("a.md", b"---\nx: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\nHi,\n",
                          ("front matter is not valid YAML",)),
    "front-matter-kind": ("a.md", b"---\nkind: postcard\n---\nHi Dana,\n", ("unknown kind 'postcard'",)),
    "front-matter-date": ("a.md", b"---\ninterview_date: soon\n---\nHi Dana,\n", ("interview_date",)),
    "front-matter-bad-date": ("a.md", b"---\ninterview_date: 2026-43-02\n---\nHi Dana,\n",
                              ("front matter has a value that cannot be read", "line 2", "month must be in 1..12")),
    "front-matter-deep": ("a.md", b"---\na: " + b"[" * 5_000 + b"\n---\nHi Dana,\n", ("nested too deeply",)),
    "front-matter-billion-laughs": ("a.md", BILLION_LAUGHS, ("'interview_date' must be a date", "[[[...]")),
    "eml-no-headers": ("m.eml", b"just some words\n", ("not an e-mail message",)),
    "eml-no-text-part": ("m.eml", EMAIL_NO_TEXT_PART, ("no text/plain or text/html part",)),
    "eml-bad-charset": ("m.eml", EMAIL_BAD_CHARSET, ("cannot be decoded",)),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_one_line_exit_two_and_untouched(cli, tmp_path, case):
    name, data, fragments = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(path)
    for fmt in ("full", "concise"):
        assert_input_error(cli("check", str(path), "--output-format", fmt), path, *fragments)
    r = cli("check", str(path), "--output-format", "json")
    assert r.code == 2 and r.json["files"][0]["error"] and r.json["summary"]["input_errors"] == 1
    assert snapshot(path) == before
    assert not Path("/tmp/pwned").exists()


def test_one_bad_file_stops_nothing(cli, write, tmp_path):
    bad = write("drafts/a-bad.txt", b"\x00\x01binary")
    good = write("drafts/b-good.txt", FLAWED)
    r = cli("check", str(tmp_path / "drafts"), "--output-format", "json")
    assert r.code == 2  # an input error wins over findings, but only at the end
    by_path = {f["path"]: f for f in r.json["files"]}
    assert "binary" in by_path[str(bad)]["error"]
    assert by_path[str(good)]["findings"] and "error" not in by_path[str(good)]


@pytest.mark.parametrize("make,fragment", [
    (lambda tmp: tmp / "nope.txt", "no such file or directory"),
    (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "no drafts found"),
    (lambda tmp: (tmp / "dangling.txt").symlink_to(tmp / "gone.txt") or tmp / "dangling.txt", "broken symbolic link"),
])
def test_bad_paths(cli, tmp_path, make, fragment):
    path = make(tmp_path)
    assert_input_error(cli("check", str(path)), path, fragment)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_for_real(cli, write):
    path = write("secret.txt", GOOD)
    path.chmod(0)
    try:
        assert_input_error(cli("check", str(path)), path, "permission denied")
    finally:
        path.chmod(0o644)


def test_permission_denied_file(cli, write, monkeypatch):
    """The same code path as an unreadable file, also when the tests run as root (CI containers)."""
    path = write("secret.txt", GOOD)
    real_open = os.open

    def guarded_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(files_module.os, "open", guarded_open)
    assert_input_error(cli("check", str(path)), path, "permission denied")
    assert path.read_text() == GOOD


def test_permission_denied_directory(cli, write, tmp_path, monkeypatch):
    write("drafts/ok.txt", FLAWED)
    locked = tmp_path / "drafts" / "locked"
    (locked / "inner").mkdir(parents=True)
    (locked / "inner" / "a.txt").write_text(GOOD)
    real_scandir = os.scandir

    def guarded_scandir(folder="."):
        if os.fspath(folder) == str(locked):
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(folder)

    monkeypatch.setattr(files_module.os, "scandir", guarded_scandir)
    r = cli("check", str(tmp_path / "drafts"), "--output-format", "concise")
    assert_input_error(r, locked, "cannot list directory", "Permission denied")
    assert "ok.txt" in r.out  # the readable drafts were still checked


@pytest.mark.parametrize("name,data,fragments", [
    ("pyproject.toml", b'[project]\nname = "x"\n\n[tool.followlint]\nselect = ["S100",\nignore = 5\n',
     ("invalid TOML", "line 6")),
    (".followlint.toml", b"\xff\xfe", ("config is not UTF-8",)),
    (".followlint.toml", b'max-file-size = "1MB"\n', ("max-file-size", "expected a whole number")),
])
def test_config_errors_name_the_file(cli, write, tmp_path, name, data, fragments):
    """More of them (unknown rule or option, wrong option type) are in test_config.py."""
    cfg = write(name, data)
    draft = write("a.txt", GOOD)
    r = cli("check", str(draft))
    assert r.code == 2 and "Traceback" not in r.err
    (line,) = r.err.strip().splitlines()
    assert line.startswith(f"followlint: error: {cfg}: ")
    assert all(f in line for f in fragments), line


# --- encodings, line endings, code points --------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16-le", "utf-16-be"])
def test_bom_encodings_lint_like_utf8(cli, write, encoding):
    plain = cli("check", str(write("plain.txt", FLAWED)), "--output-format", "json")
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path = write(f"bom-{encoding}.txt", bom + FLAWED.encode(encoding))
    before = snapshot(path)
    r = cli("check", str(path), "--output-format", "json")
    assert r.code == plain.code == 1
    assert findings(r) and findings(r) == findings(plain)  # the BOM is not a column
    assert snapshot(path) == before


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_keep_line_and_column(cli, write, newline):
    lf = findings(cli("check", str(write("lf.txt", FLAWED)), "--output-format", "json"))
    path = write("other.txt", FLAWED.replace("\n", newline))
    before = snapshot(path)
    assert findings(cli("check", str(path), "--output-format", "json")) == lf
    assert len({f[1] for f in lf}) >= 3  # findings on several lines, so the line count is really tested
    assert snapshot(path) == before


@pytest.mark.parametrize("name,data", [
    ("empty.txt", b""), ("blank.txt", b"  \n\n\t \r\n"), ("bom-only.txt", b"\xef\xbb\xbf"),
    ("empty.md", b""), ("front-matter-only.md", b"---\ncompany: Corvid\n---\n"), ("empty.eml", b"\n\n"),
])
def test_empty_and_whitespace_drafts_are_clean(cli, tmp_path, name, data):
    """Like ruff and Vale: an empty draft is valid input with nothing to check -- exit 0, no findings."""
    path = tmp_path / name
    path.write_bytes(data)
    r = cli("check", str(path), "--output-format", "json")
    assert r.code == 0, r.out + r.err
    (entry,) = r.json["files"]
    assert entry["findings"] == [] and "error" not in entry
    assert "All clear: 1 draft checked" in cli("check", str(path)).out
    assert path.read_bytes() == data


class MarkRule(BaseRule):
    """Flags the word MARK: a fixed point to measure columns against."""

    meta = RuleMeta(name="test-mark", code="TST901", category="structure", severity=Severity.WARNING,
                    summary="Test: the word MARK.")

    def check(self, draft, options):
        start = draft.analysis.find("MARK")
        while start >= 0:
            yield self.finding(Span(start, start + 4), "MARK")
            start = draft.analysis.find("MARK", start + 4)


class BoomRule(BaseRule):
    meta = RuleMeta(name="test-boom", code="TST902", category="structure", severity=Severity.WARNING,
                    summary="Test: always crashes.")

    def check(self, draft, options):
        raise ZeroDivisionError("the plugin divided by zero")
        yield  # pragma: no cover


class OutOfBoundsRule(BaseRule):
    meta = RuleMeta(name="test-out-of-bounds", code="TST903", category="structure", severity=Severity.WARNING,
                    summary="Test: a span past the end of the draft.")

    def check(self, draft, options):
        yield self.finding(Span(len(draft.text) + 5, len(draft.text) + 9), "past the end")


class FakeEntryPoint:
    def __init__(self, name, value, dist="acme-followlint-tests"):
        self.name, self._value, self.value = name, value, f"{dist}:plugin"
        self.dist = SimpleNamespace(name=dist)

    def load(self):
        return self._value


@pytest.fixture
def plugins(monkeypatch):
    """Install plugin rules the way an installed package would (entry points)."""

    def install(*items):
        eps = [FakeEntryPoint("tests", lambda: list(items))]
        monkeypatch.setattr(reg, "entry_points", lambda group: eps if group == reg.PLUGIN_GROUP else [])

    return install


def test_columns_count_code_points(cli, write, plugins):
    plugins(MarkRule)
    lines = ["Hi Dana 👋, 谢谢 e\u0301 MARK", "😀😀 MARK", "MARK"]
    path = write("unicode.txt", "\n".join(lines) + "\n")
    r = cli("check", str(path), "--select", "TST901", "--output-format", "json")
    got = [(f["line"], f["column"], f["end_column"]) for f in r.json["files"][0]["findings"]]
    # columns are code points: the emoji is 1 column, the combining accent another, CJK 1 each
    # "Hi Dana 👋, 谢谢 e\u0301 " is 17 code points (34 UTF-8 bytes, 18 UTF-16 units): MARK is column 18
    assert got == [(1, 18, 22), (2, 4, 8), (3, 1, 5)]


def test_symlink_loops_in_a_directory_walk(cli, write, tmp_path):
    root = tmp_path / "drafts"
    write("drafts/a.txt", FLAWED)
    write("drafts/sub/b.md", FLAWED)
    (root / "sub" / "up").symlink_to(root)  # sub/up -> drafts: a cycle
    (root / "loop").symlink_to(root / "loop")  # a link to itself (ELOOP when followed)
    (root / "sub" / "again").symlink_to(root / "sub")
    started = time.monotonic()
    r = cli("check", str(root), "--output-format", "json")
    assert time.monotonic() - started < 60
    assert r.code == 1, r.err  # findings, not an error
    paths = sorted(Path(f["path"]).name for f in r.json["files"])
    assert paths == ["a.txt", "b.md"]  # each draft once, however many ways lead to it


# --- size limits and long lines ----------------------------------------------------------------

def test_ten_megabyte_file_is_refused_quickly(cli, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Thanks for the chat. " * 500_000)  # 10.5 MB
    started = time.monotonic()
    r = cli("check", str(path))
    assert time.monotonic() - started < 10
    assert_input_error(r, path, "10,500,000 bytes", "over the 1,000,000-byte limit", "max-file-size")


def test_max_file_size_is_configurable(cli, write, tmp_path):
    path = write("a.txt", GOOD)
    write(".followlint.toml", "max-file-size = 100\n")
    assert_input_error(cli("check", str(path)), path, f"{len(GOOD.encode()):,} bytes", "over the 100-byte limit")
    write(".followlint.toml", "max-file-size = 100000\n")
    assert cli("check", str(path)).code in (0, 1)
    for bad in ('"big"', "0", "-5", "1.5"):
        cfg = write(".followlint.toml", f"max-file-size = {bad}\n")
        r = cli("check", str(path))
        assert r.code == 2 and str(cfg) in r.err and "max-file-size" in r.err and "Traceback" not in r.err, r.err


def test_character_limit_when_max_file_size_is_raised(cli, write, tmp_path):
    """Raising max-file-size can't feed spaCy more than it accepts: a clear error, not internal errors."""
    write(".followlint.toml", "max-file-size = 5000000\n")
    path = write("book.txt", "Thanks. " * 140_000)
    assert_input_error(cli("check", str(path)), path, "1,120,000 characters", "1,000,000-character limit")


def test_stdin_bad_input(cli):
    assert_input_error(cli("check", "-", stdin=b"\x00\x01\x02"), "-", "binary")
    assert_input_error(cli("check", "-", stdin=b"Hi \xff"), "-", "byte 0xff at line 1, column 4")
    assert_input_error(cli("check", "-", stdin=b"x" * 1_000_001), "-", "over the 1,000,000-byte limit")
    r = cli("check", "-", "--output-format", "json", stdin=b"")
    assert r.code == 0 and r.json["files"][0]["findings"] == []


#: Long lines built to trip backtracking: each ran for seconds to minutes before (quadratic regexes in the
#: parser and in suppression parsing); now each parses in well under a second.
PATHOLOGICAL = {
    "dots": "." * 100_000 + "x",
    "sentence-marks": "!?" * 50_000 + "x",
    "a.a.a (no @)": "a." * 50_000,
    "unclosed comments": "<!--" * 25_000,
    "unclosed rule lists": "followlint: ignore[" * 5_300,
    "unclosed html directives": "<!--followlint-disable " * 4_400,
    "sign-off then spaces": "Best, " + " " * 100_000 + "x",
    "sign-off then dots": "Thanks, A" + "." * 100_000 + "!",
    "name then dots": "Yours truly, Jo" + "." * 100_000 + ",",
    "spaces": " " * 100_000 + "x",
    "words": "Thanks" * 16_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_long_lines_parse_in_bounded_time(name):
    from followlint.anatomy.draft import parse_draft
    from followlint.core.suppress import parse_suppressions

    line = PATHOLOGICAL[name]
    for text in ("Hi Dana,\n\n" + line + "\n\nBest,\nJo\n", "Hi Dana,\n\nThanks.\n\nBest, Jo " + line, line):
        for path in ("a.txt", "a.md"):
            started = time.monotonic()
            draft = parse_draft(text, path)
            _ = draft.sentences, draft.body_words, draft.contacts
            parse_suppressions(draft.text, draft.lines)
            assert time.monotonic() - started < 3, (name, path)


def test_many_directives_and_findings_stay_fast():
    """Suppression checks are indexed: thousands of directives times thousands of findings is not a product."""
    from followlint.anatomy.draft import parse_draft
    from followlint.core.suppress import parse_suppressions

    block = "MARK followlint: ignore[test-mark]\n<!-- followlint-disable-next-line TST9 -->\nMARK\n"
    text = "Hi Dana,\n\n" + block * 4000 + "MARK\n"
    draft = parse_draft(text, "a.md")
    started = time.monotonic()
    sup = parse_suppressions(draft.text, draft.lines)
    marks = [draft.position(f.span.start)[0] for f in MarkRule().check(draft, None)]
    kept = [line for line in marks if not sup.covers(line, MarkRule.meta)]
    assert time.monotonic() - started < 5
    assert len(marks) == 8001 and kept == [len(draft.lines) - 1]  # only the last MARK is not suppressed


@pytest.mark.slow
def test_hundred_thousand_character_line_lints_in_bounded_time(cli, write):
    sentence = "Thank you for meeting with me on Tuesday about the analyst role at Corvid Labs, it was great!! "
    soup = "a.a@ <!-- followlint: ignore[ Best, A.... ... e.g. Mr. 😀 谢谢 e\u0301 [Name] ThanksThanksThanks "
    for body in ((sentence * 1100)[:100_000], (soup * 1200)[:100_000]):
        path = write("long.txt", "Hi Dana,\n\n" + body + "\n\nBest regards,\nJo Lee\n")
        started = time.monotonic()
        r = cli("check", str(path), "--output-format", "json", "--no-cache")
        assert time.monotonic() - started < 90
        assert r.code in (0, 1), r.err
        assert not [f for f in r.json["files"][0]["findings"] if f["code"] == "X001"]


# --- faults ------------------------------------------------------------------------------------

def test_a_crashing_rule_is_an_internal_error_and_nothing_else_stops(cli, write, tmp_path, plugins):
    plugins(BoomRule, OutOfBoundsRule, MarkRule)
    a = write("drafts/a.txt", "Hi Dana,\n\nMARK thanks!!!\n")
    b = write("drafts/b.txt", "Hi Sam,\n\nMARK\n")
    r = cli("check", str(tmp_path / "drafts"), "--extend-select", "TST9", "--output-format", "json")
    assert r.code == 2
    assert "Traceback" not in r.out + r.err
    for path in (a, b):
        entry = next(f for f in r.json["files"] if f["path"] == str(path))
        internal = [f for f in entry["findings"] if f["code"] == "X001"]
        assert {f["rule"] for f in internal} == {"internal-error"}
        messages = " ".join(f["message"] for f in internal)
        assert "rule test-boom crashed: ZeroDivisionError: the plugin divided by zero" in messages
        assert "rule test-out-of-bounds crashed" in messages and "outside the text" in messages
        assert messages.count("please report it") == 2 and all(f["severity"] == "error" for f in internal)
        others = {f["rule"] for f in entry["findings"]} - {"internal-error"}
        assert "test-mark" in others and len(others) >= 2  # every other rule still ran
    concise = cli("check", str(a), "--extend-select", "TST9", "--output-format", "concise")
    assert concise.code == 2 and "internal-error" in concise.out and "Traceback" not in concise.err


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env.update(NO_COLOR="1", **extra)
    return env


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_with_no_traceback_and_a_sound_cache(tmp_path, jobs):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(400):
        (drafts / f"d{i:03}.txt").write_text(f"Hi Dana,\n\nThanks for the chat about role {i}!!! it was great.\n\n"
                                             f"Best,\nJo {i}\n")
    cache = tmp_path / "cache"
    proc = subprocess.Popen([str(FOLLOWLINT_BIN), "check", str(drafts), "-j", jobs, "--output-format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(FOLLOWLINT_CACHE_DIR=str(cache)),
                            start_new_session=True)
    try:
        entries = lambda: [p for p in cache.rglob("*.json")]  # noqa: E731
        assert _wait_for(lambda: len(entries()) >= 3, 120), "the run never started writing its cache"
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert b"Traceback" not in out + err and b"interrupted" in err
    assert len(entries()) < 400  # it really stopped early
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)  # no worker process outlives the run
    leftovers = [p for p in cache.rglob("*") if p.is_file() and p.name.startswith(".tmp")]
    assert leftovers == []
    for entry in entries():
        json.loads(entry.read_bytes())  # no half-written cache entry
    for path in drafts.iterdir():
        assert path.read_text().startswith("Hi Dana,")  # check never writes a draft


@pytest.mark.slow
def test_ctrl_c_during_fix_leaves_each_draft_whole(cli, tmp_path):
    original = {f"d{i:03}.txt": f"Hi Dana,\n\nThank you for the chat about role {i}!!! i enjoyed it.\n\n"
                                f"Best regards,\nJo Lee\njo@example.com\n" for i in range(300)}
    reference, drafts = tmp_path / "reference", tmp_path / "drafts"
    for folder in (reference, drafts):
        folder.mkdir()
        for name, text in original.items():
            (folder / name).write_text(text)
    cli("check", "--fix", str(reference), "--no-cache")
    fixed = {p.name: p.read_text() for p in reference.iterdir()}
    assert all(fixed[n] != original[n] for n in original)  # every draft has a safe fix
    proc = subprocess.Popen([str(FOLLOWLINT_BIN), "check", "--fix", str(drafts), "-j", "1", "--no-cache"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), start_new_session=True)
    try:
        changed = lambda: sum((drafts / n).read_text() != t for n, t in original.items())  # noqa: E731
        assert _wait_for(lambda: changed() >= 3, 120), "the fixer never started writing"
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert b"Traceback" not in out + err
    names = sorted(p.name for p in drafts.iterdir())
    assert names == sorted(original)  # no temporary file left behind
    states = [(drafts / n).read_text() for n in names]
    assert all(s in (original[n], fixed[n]) for n, s in zip(names, states))  # whole, never half-written
    assert 0 < sum(s == fixed[n] for n, s in zip(names, states)) < len(names)


# --- untrusted rule packs and repositories --------------------------------------------------------

def _pack(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(body))
    return path


def test_catastrophic_pattern_is_stopped_and_named(cli, write, tmp_path, plugins):
    pack = tmp_path / "pack"
    _pack(pack, "acme-aaa", """\
        kind: existence
        code: ACM901
        category: generic-phrasing
        message: "'{match}' is too many a's."
        scope: body
        patterns: ['(a+)+$']
        """)
    plugins(pack, MarkRule)
    path = write("a.txt", "Hi Dana,\n\nMARK " + "a" * 20_000 + "b\n\nBest regards,\nJo Lee\n")
    started = time.monotonic()
    r = cli("check", str(path), "--extend-select", "ACM9,TST901", "--output-format", "json")
    assert time.monotonic() - started < 20  # unbounded, this pattern runs for hours
    assert r.code == 2 and "Traceback" not in r.err
    found = r.json["files"][0]["findings"]
    (internal,) = [f for f in found if f["code"] == "X002"]  # out of time, not a crash (issue 16)
    assert "rule acme-aaa ran out of time on this draft and was stopped" in internal["message"]
    assert "took longer than" in internal["message"] and "incomplete" in internal["message"]
    assert "test-mark" in {f["rule"] for f in found}  # the other rules still ran


def test_pack_schema_error_names_file_and_line(cli, write, tmp_path, plugins):
    pack = tmp_path / "pack"
    _pack(pack, "acme-bad", """\
        kind: existence
        code: ACM902
        category: generic-phrasing
        message: m
        tokens: [synergy]
        levle: error
        """)
    plugins(pack)
    r = cli("check", str(write("a.txt", GOOD)))
    assert r.code == 2 and "Traceback" not in r.err
    assert "acme-bad.yaml:6: unknown key 'levle'" in r.err and "acme-followlint-tests" in r.err


def test_pack_yaml_cannot_run_code(cli, write, tmp_path, plugins):
    marker = tmp_path / "pwned"
    pack = tmp_path / "pack"
    _pack(pack, "acme-evil", f"""\
        kind: !!python/object/apply:os.system ['touch {marker}']
        code: ACM903
        category: generic-phrasing
        message: m
        tokens: [x]
        """)
    plugins(pack)
    r = cli("check", str(write("a.txt", GOOD)))
    assert r.code == 2 and "invalid YAML" in r.err and "Traceback" not in r.err
    assert not marker.exists()


def _hostile_checkout(root: Path, marker: Path, package_dir: bool = True) -> None:
    """Everything a pull request could add to make a linter run its code or its rules.

    ``package_dir``: also a followlint/ folder. ``python -m followlint`` imports followlint itself from
    the current directory first -- Python's rule, which no code of ours can change -- so SECURITY.md
    says to run the ``followlint`` command (or ``python -P -m followlint``) in an untrusted checkout.
    """
    touch = f"import pathlib; pathlib.Path({str(marker)!r}).write_text(__name__)\n"
    root.mkdir()
    (root / "draft.txt").write_text("Hi Dana,\n\nThanks for the chat about synergy.\n\nBest regards,\nJo Lee\n")
    for name in ("yaml.py", "regex.py", "evilplugin.py", "followlint_plugins.py", "conftest.py", "sitecustomize.py"):
        (root / name).write_text(touch)
    dist = root / "evil_pack-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: evil-pack\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[followlint.plugins]\nevil = evilplugin:rules\n")
    rule = ("kind: existence\ncode: EVL001\ncategory: generic-phrasing\nmessage: \"evil {match}\"\n"
            "tokens: [synergy]\n")
    for folder in ("rules/evil", ".followlint/rules") + (("followlint/rules/generic",) if package_dir else ()):
        (root / folder).mkdir(parents=True)
        (root / folder / "evil-rule.yaml").write_text(rule)
    (root / "pyproject.toml").write_text('[project]\nname = "evil"\nversion = "1"\n'
                                         '[project.entry-points."followlint.plugins"]\nevil = "evilplugin:rules"\n')


@pytest.mark.slow
@pytest.mark.parametrize("how", ["console-script", "python -m", "python -P -m"])
def test_nothing_from_the_linted_repository_is_loaded(tmp_path, how):
    marker = tmp_path / "PWNED"
    repo = tmp_path / "repo"
    _hostile_checkout(repo, marker, package_dir=how != "python -m")
    command = {"console-script": [str(FOLLOWLINT_BIN)], "python -m": [sys.executable, "-m", "followlint"],
               "python -P -m": [sys.executable, "-P", "-m", "followlint"]}[how]
    # The trap is real: plain Python started in the checkout does import its yaml.py.
    subprocess.run([sys.executable, "-c", "import yaml"], cwd=repo, capture_output=True, env=_env())
    assert marker.exists()
    marker.unlink()
    for args in (["check", ".", "--output-format", "json", "--no-cache"], ["rules", "--all", "--output-format", "json"]):
        r = subprocess.run(command + args, cwd=repo, capture_output=True, text=True, env=_env(), timeout=300)
        assert r.returncode in (0, 1), r.stderr
        doc = json.loads(r.stdout)
        if args[0] == "rules":
            ids = {(rule["name"], rule["code"]) for rule in doc}
            assert len(ids) > 10
        else:
            ids = {(f["rule"], f["code"]) for entry in doc["files"] for f in entry["findings"]}
            assert any(entry["path"].endswith("draft.txt") for entry in doc["files"])
        assert not [i for i in ids if "EVL" in i[1] or "evil" in i[0]], ids
        assert not marker.exists(), marker.read_text()
    for bad in ('plugins = ["evilplugin"]\n', 'rules-dir = "rules"\n', 'packs = ["rules/evil"]\n'):
        (repo / ".followlint.toml").write_text(bad)  # no config key loads code or packs from the checkout
        r = subprocess.run(command + ["check", "draft.txt", "--no-cache"], cwd=repo, capture_output=True, text=True,
                           env=_env(), timeout=300)
        assert r.returncode == 2 and "unknown setting" in r.stderr, r.stderr
    assert not marker.exists()


# --- privacy -------------------------------------------------------------------------------------

NO_NETWORK = '''
import os, socket, traceback
_LOG = os.environ["FOLLOWLINT_SOCKET_LOG"]
_NET = (socket.AF_INET, socket.AF_INET6)

def _refuse(what):
    with open(_LOG, "a") as fh:
        fh.write(what + "\\n" + "".join(traceback.format_stack(limit=8)) + "\\n")
    raise OSError(101, "network blocked by the test: " + what)

_real_connect, _real_connect_ex, _real_sendto = socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto
def connect(self, address):
    if self.family in _NET:
        _refuse(f"connect {address!r}")
    return _real_connect(self, address)
def connect_ex(self, address):
    if self.family in _NET:
        _refuse(f"connect_ex {address!r}")
    return _real_connect_ex(self, address)
def sendto(self, *args):
    if self.family in _NET:
        _refuse("sendto")
    return _real_sendto(self, *args)
socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto = connect, connect_ex, sendto
socket.getaddrinfo = lambda *a, **k: _refuse(f"getaddrinfo {a[:2]!r}")
socket.gethostbyname = lambda *a, **k: _refuse(f"gethostbyname {a!r}")
'''


@pytest.mark.slow
def test_default_use_opens_no_network_socket(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK)
    log = tmp_path / "sockets.log"
    drafts = tmp_path / "drafts"
    shutil.copytree(ROOT / "examples", drafts, ignore=shutil.ignore_patterns("ci"))
    (drafts / "extra.txt").write_text(FLAWED)
    env = _env(PYTHONPATH=str(site), FOLLOWLINT_SOCKET_LOG=str(log), FOLLOWLINT_CACHE_DIR=str(tmp_path / "cache"))
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.getaddrinfo('example.com', 80)"],
                           env=env, capture_output=True, text=True)
    assert probe.returncode != 0 and log.exists()  # the block is in place
    log.unlink()
    for args in (["check", str(drafts)], ["check", str(drafts), "-j", "2", "--output-format", "json"],
                 ["check", "--fix", "--diff", str(drafts)], ["rules"], ["rule", "missing-sign-off"],
                 ["config", str(drafts)]):
        r = subprocess.run([str(FOLLOWLINT_BIN), *args], env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode in (0, 1), (args, r.stderr)
        assert not log.exists(), (args, log.read_text())


@pytest.mark.slow
def test_default_use_works_without_a_network_namespace(tmp_path):
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode:
        pytest.skip("unshare -n is not available here")
    path = tmp_path / "a.txt"
    path.write_text(FLAWED)
    r = subprocess.run(["unshare", "-n", str(FOLLOWLINT_BIN), "check", str(path), "--output-format", "json"],
                       capture_output=True, text=True, env=_env(FOLLOWLINT_CACHE_DIR=str(tmp_path / "c")), timeout=300)
    assert r.returncode == 1, r.stderr
    assert json.loads(r.stdout)["files"][0]["findings"]


NETWORK_MODULES = ("socket", "ssl", "http", "urllib.request", "urllib.error", "requests", "httpx", "aiohttp",
                   "ftplib", "smtplib", "telnetlib", "xmlrpc", "websocket", "language_tool_python", "asyncio")


def test_only_the_languagetool_modules_import_network_modules():
    """No telemetry, no update checks: the modules that may talk to a server are the opt-in LanguageTool
    backend (its URL comes from the user's config) and the `followlint languagetool` commands (a server on
    127.0.0.1; the install runs only when the user asks for it)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                if any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    # followlint serve binds a listening socket on this computer; it connects to nothing.
    # followlint lsp talks over stdin/stdout; asyncio only runs its debounce timers.
    # followlint.run.resident talks to this user's own resident process over a unix socket (AF_UNIX only).
    allowed = {"followlint/run/resident.py", "followlint/grammar/languagetool.py", "followlint/languagetool/server.py",
               "followlint/languagetool/install.py", "followlint/web/server.py", "followlint/lsp/server.py",
               # the resident process for commit hooks: a user-only Unix socket on this computer
               "followlint/run/resident.py"}
    assert [o for o in offenders if o.split(":")[0] not in allowed] == []


def test_per_draft_notes_are_shown(cli, write):
    raw = ("From: a@b.example\nTo: Dana Whitfield <d@x.example>\nSubject: Hi\nContent-Type: text/html\n\n"
           "<p>Hi Dana,</p><p>Thanks for the tour of the Leeds site.</p><p>Best,<br>Jo</p>\n")
    path = write("html.eml", raw)
    r = cli("check", str(path), "--no-cache", "--output-format", "json")
    assert any("decoded from HTML" in n and str(path) in n for n in r.json["notes"])
