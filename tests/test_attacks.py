"""Hostile drafts, checkouts, caches and servers (issue 16): no crash, hang, injection or lost byte.

Each test names the class of attack it covers and fails on the code before the fix. The hang cases run
the CLI in a subprocess with a time bound. Bad-input classes that were already handled are in
test_bad_input.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLLOWLINT_BIN = Path(sys.executable).with_name("followlint")
GOOD = ("Dear Ms. Okafor,\n\nThank you for meeting with me on Tuesday about the analyst role at Corvid Labs. "
        "I enjoyed hearing how your team rebuilt the dashboards.\n\nI look forward to hearing from you.\n\n"
        "Best regards,\nJordan Lee\njordan.lee@example.com\n")
FLAWED = "hey dana!!!\n\nthanks for the chat, it was awesome!!! gonna send my portfolio.\n\ncheers\n"


def env(tmp_path: Path, **extra: str) -> dict:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    out.update({"NO_COLOR": "1", "FOLLOWLINT_CACHE_DIR": str(tmp_path / "cache"), **extra})
    return out


def run(tmp_path: Path, *args: str, stdin: bytes | None = None, timeout: float = 120,
        cwd: Path | None = None, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(FOLLOWLINT_BIN), *args], input=stdin, capture_output=True, timeout=timeout,
                          env=env(tmp_path, **extra), cwd=cwd or tmp_path)


def no_traceback(*streams: str | bytes) -> None:
    for s in streams:
        assert ("Traceback" not in s) if isinstance(s, str) else (b"Traceback" not in s), s


# --- lost data: stdin --fix ---------------------------------------------------------------------

STDIN_BAD = {
    "invalid-utf8": b"Hi Dana,\n\nthanks \xff for the chat!!!\n",
    "nul": b"Hi Dana,\x00\n\nthanks for the chat!!!\n",
    "over-max-file-size": b"hey dana!!! " * 100_000,
    "utf16-truncated": b"\xff\xfeH\x00i\x00x",
}


@pytest.mark.parametrize("case", sorted(STDIN_BAD))
def test_stdin_fix_echoes_input_that_cannot_be_linted(cli, case):
    raw = STDIN_BAD[case]
    r = cli("check", "--fix", "-", "--output-format", "concise", stdin=raw)
    assert r.code == 2 and "-: error:" in r.err, r.err
    assert r.out.encode("utf-8", "surrogateescape") == raw  # byte for byte, also past max-file-size


def test_stdin_fix_echoes_input_on_a_config_error(cli, write, tmp_path, monkeypatch):
    """Any error, not only a bad draft: a broken config must not empty the editor's buffer either."""
    write(".followlint.toml", "select = [\n")
    monkeypatch.chdir(tmp_path)
    r = cli("check", "--fix", "-", stdin=FLAWED)
    assert r.code == 2 and "invalid TOML" in r.err
    assert r.out == FLAWED


def test_stdin_fix_echo_is_byte_exact_through_a_real_pipe(tmp_path):
    raw = STDIN_BAD["invalid-utf8"] + b"\r\n\xc3\x28 end"
    r = run(tmp_path, "check", "--fix", "-", stdin=raw)
    assert r.returncode == 2 and r.stdout == raw
    no_traceback(r.stderr)


def test_endless_stdin_is_read_only_up_to_max_file_size(tmp_path):
    with open("/dev/zero", "rb") as zero:
        started = time.monotonic()
        r = subprocess.run([str(FOLLOWLINT_BIN), "check", "-"], stdin=zero, capture_output=True, timeout=60,
                           env=env(tmp_path))
    assert time.monotonic() - started < 60
    assert r.returncode == 2 and b"-: error: input is over the 1,000,000-byte limit" in r.stderr, r.stderr
    no_traceback(r.stderr)


# --- lost data: --fix on disk ------------------------------------------------------------------

FIXABLE = "Hi Dana,\n\nThank you for the chat about the role!!! i enjoyed it.\n\nBest regards,\nJo Lee\njo@example.com\n"


def test_fix_refuses_a_file_edited_while_it_was_being_fixed(cli, write, monkeypatch):
    """The edit lands between the re-read and the rename (here: while the new file is synced to disk)."""
    from followlint.core import fix as fix_module
    path = write("a.txt", FIXABLE)
    real_fsync = os.fsync

    def edit_meanwhile(fd):
        real_fsync(fd)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("P.S. written by the user meanwhile\n")

    monkeypatch.setattr(fix_module.os, "fsync", edit_meanwhile)
    r = cli("check", "--fix", str(path), "--no-cache")
    assert r.code == 2, (r.out, r.err)
    assert "modified after followlint read it" in r.err and "not written" in r.err
    assert path.read_text() == FIXABLE + "P.S. written by the user meanwhile\n"
    assert [p.name for p in path.parent.iterdir()] == ["a.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_fix_as_root_keeps_owner_and_group(cli, write):
    path = write("a.txt", FIXABLE)
    os.chown(path, 1234, 5678)
    path.chmod(0o640)
    assert cli("check", "--fix", str(path), "--no-cache").code in (0, 1)
    st = path.stat()
    assert path.read_text() != FIXABLE  # it was fixed
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (1234, 5678, 0o640)


def test_fix_keeps_extended_attributes(cli, write):
    path = write("a.txt", FIXABLE)
    try:
        os.setxattr(path, "user.followlint-test", b"kept")
    except (OSError, AttributeError):
        pytest.skip("no user extended attributes on this file system")
    assert cli("check", "--fix", str(path), "--no-cache").code in (0, 1)
    assert path.read_text() != FIXABLE
    assert os.getxattr(path, "user.followlint-test") == b"kept"


def test_fix_refuses_to_split_hard_links(cli, write, tmp_path):
    path = write("a.txt", FIXABLE)
    other = tmp_path / "linked.txt"
    os.link(path, other)
    r = cli("check", "--fix", str(path), "--no-cache")
    assert r.code == 2 and "hard links" in r.err and "not written" in r.err, r.err
    assert path.read_text() == other.read_text() == FIXABLE
    assert path.stat().st_ino == other.stat().st_ino and path.stat().st_nlink == 2


def test_fix_cleans_temporary_files_left_by_a_killed_run(cli, write, tmp_path):
    path = write("a.txt", FIXABLE)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = [tmp_path / f".a.txt.{dead}.x1y2z3{'.followlint-tmp'}", tmp_path / ".a.txt.abc123.followlint-tmp"]
    for p in stale:
        p.write_text("half a fix")
    old = time.time() - 7200
    os.utime(stale[1], (old, old))  # an older name without a pid: removed by age
    live = tmp_path / f".a.txt.{os.getpid()}.q9w8e7.followlint-tmp"  # a run that is still writing
    live.write_text("in flight")
    other = tmp_path / f".b.txt.{dead}.zzz.followlint-tmp"  # another draft's: not this run's business
    other.write_text("b")
    assert cli("check", "--fix", str(path), "--no-cache").code in (0, 1)
    assert not any(p.exists() for p in stale)
    assert live.exists() and other.exists()


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_workers_die_with_the_main_process(tmp_path, sig):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(300):
        (drafts / f"d{i:03}.txt").write_text(f"Hi Dana,\n\nThanks for the chat about role {i}!!! it was great.\n\n"
                                             f"Best,\nJo {i}\n")
    proc = subprocess.Popen([str(FOLLOWLINT_BIN), "check", str(drafts), "-j", "2", "--output-format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(tmp_path),
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(list((tmp_path / "cache").rglob("*.json"))) < 3:
            time.sleep(0.05)
        children = _children(proc.pid)
        assert children, "no worker processes started"
        os.kill(proc.pid, sig)  # the main process only, as a supervisor or a CI runner's timeout does
        _, err = proc.communicate(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and [c for c in children if _running(c)]:
            time.sleep(0.05)
        assert not [c for c in children if _running(c)], "worker processes outlived the run"
        if sig == signal.SIGTERM:
            assert proc.returncode == 128 + sig and b"Traceback" not in err, err
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pytest.skip("no /proc here")


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# --- injection: control characters and workflow commands in human formats ---------------------------

HOSTILE_NAME = "a\n::error file=x::forged\x1b[31m\u202e.md"
HOSTILE_DRAFT = ('---\ninterviewer: "Dana\\e[2J\\n::add-mask::secret"\ncompany: "Acme\\r::warning::forged"\n---\n'
                 "Hi Sam,\n\nThanks for the chat \x1b]0;pwned\x07 about the role at Acme!!! it was great.\n\n"
                 "Best,\nJo\n")
HOSTILE_ERROR = '---\nkind: "x\\n::error::forged\\e[2J"\n---\nHi\n'
FORGED = ("\x1b[31m", "\x1b[2J", "\x1b]0;", "\x07", "\x9b", "\u202e")


def _hostile_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / HOSTILE_NAME).write_text(HOSTILE_DRAFT)
    (repo / "::error::b.md").write_text(HOSTILE_ERROR)
    return repo


def _assert_nothing_injected(text: str, github: bool = False) -> None:
    for seq in FORGED:
        assert seq not in text, (seq, text)
    for line in text.splitlines():
        if github and line.startswith(("::error file=", "::warning file=", "::notice file=", "::notice title=")):
            continue
        assert not line.lstrip().startswith("::"), line


@pytest.mark.parametrize("args", [("--output-format", "full"), ("--output-format", "concise"),
                                  ("--output-format", "github"), ("--statistics",),
                                  ("--statistics", "--output-format", "concise"), ("--fix", "--diff"),
                                  ("--min-score", "99", "-q")])
def test_no_control_character_or_workflow_command_reaches_the_log(cli, tmp_path, monkeypatch, args):
    repo = _hostile_repo(tmp_path)
    monkeypatch.chdir(repo)
    for target in (".", HOSTILE_NAME, "::error::b.md"):
        r = cli("check", target, "--no-cache", *args)
        assert r.code in (1, 2), r.err
        no_traceback(r.out, r.err)
        _assert_nothing_injected(r.err, github="github" in args)
        if "--diff" not in args:  # a diff carries the draft's lines as they are, for patch
            _assert_nothing_injected(r.out, github="github" in args)
    assert "forged" in cli("check", ".", "--no-cache", *args).err + cli("check", ".", "--no-cache", *args).out


def test_no_raw_control_character_in_colour_output(tmp_path):
    """Through rich, with colour on: only followlint's own colour codes are escape sequences."""
    repo = _hostile_repo(tmp_path)
    r = run(tmp_path, "check", ".", "--no-cache", cwd=repo, FORCE_COLOR="1", NO_COLOR="")
    out, err = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 2 and "\x1b[" in out  # coloured
    for seq in ("\x1b[2J", "\x1b]0;", "\x07", "\x9b", "\u202e"):
        assert seq not in out + err, seq
    assert "forged\\x1b[31m" in out and not [l for l in (out + err).splitlines() if l.lstrip().startswith("::")]


# --- crashes: lone surrogates ----------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "github"])
def test_lone_surrogate_in_front_matter_is_an_input_error(tmp_path, fmt):
    (tmp_path / "a-bad.md").write_text('---\ncompany: "A \\ud800"\ninterviewer: ["B \\udfff"]\n---\nHi Dana,\n')
    (tmp_path / "b-good.txt").write_text(FLAWED)
    r = run(tmp_path, "check", ".", "--output-format", fmt)
    no_traceback(r.stdout, r.stderr)
    assert r.returncode == 2, r.stderr
    text = (r.stdout + r.stderr).decode("utf-8")  # valid UTF-8: no surrogate reached the output
    assert "lone surrogate" in text and "b-good.txt" in text
    if fmt in ("json", "sarif"):
        __import__("json").loads(r.stdout)


@pytest.mark.parametrize("fmt", ["full", "json", "github"])
def test_lone_surrogate_in_a_languagetool_answer_is_printable(tmp_path, fmt):
    from ltserver import LTServer

    (tmp_path / "a.txt").write_text("Hi Dana,\n\nI recieved it.\n\nBest regards,\nJo Lee\njo@example.com\n")
    with LTServer("surrogate") as lt:
        (tmp_path / ".followlint.toml").write_text(f'[grammar]\nengine = "languagetool"\nlanguagetool-url = "{lt.url}"\n')
        r = run(tmp_path, "check", "a.txt", "--output-format", fmt)
    no_traceback(r.stdout, r.stderr)
    assert r.returncode in (0, 1), r.stderr  # the finding is info: exit 0 is right
    text = r.stdout.decode("utf-8")
    assert "rece\ufffdved" in text, text


# --- hangs: e-mail headers ---------------------------------------------------------------------

def _eml(headers: str, body: str = "Hi Dana,\n\nThanks for the chat.\n\nBest,\nJo\n") -> str:
    return f"From: Jo <jo@example.com>\n{headers}\n\n{body}"


_WORDS = " ".join(f"=?utf-8?q?n{i}?=" for i in range(50_000))
_CT = "text/plain; " + "; ".join(f'a{i}="b"' for i in range(2000))
HOSTILE_EMAILS = {
    "to-50k-encoded-words": _eml(f"To: {_WORDS} <d@x.example>"),
    "to-folded-encoded-words": _eml("To: " + "\n ".join(_WORDS.split(" ")[:30_000]) + " <d@x.example>"),
    "subject-encoded": _eml("Subject: " + " ".join(f"=?utf-8?b?{'eHh4' * 10}?=" for _ in range(15_000))),
    "25k-recipients": _eml("To: " + ", ".join(f"=?utf-8?q?P{i}?= <p{i}@x.example>" for i in range(25_000))),
    "80k-headers": _eml("".join(f"X-H{i}: v\n" for i in range(80_000)).rstrip("\n")),
    "content-type-parameters": _eml(f"Content-Type: {_CT}"),
    "20k-parts": _eml('Content-Type: multipart/mixed; boundary="xx"', "--xx\n\nhello\n" * 20_000 + "--xx--\n"),
    "parts-with-parameters": _eml('Content-Type: multipart/mixed; boundary="xx"',
                                  f"--xx\nContent-Type: {_CT[:8000]}\n\nhello\n" * 100 + "--xx--\n"),
}


def test_hostile_email_headers_are_refused_quickly(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name, text in HOSTILE_EMAILS.items():
        (drafts / f"{name}.eml").write_text(text)
    (drafts / "zz-good.eml").write_text(_eml("To: Dana Whitfield <d@x.example>\nSubject: Thank you"))
    (drafts / ".followlint.toml").write_text("max-file-size = 3000000\n")  # the size limit is not the defence
    started = time.monotonic()
    r = run(tmp_path, "check", str(drafts), "--output-format", "concise", "-q", timeout=90)
    assert time.monotonic() - started < 60
    err = r.stderr.decode()
    no_traceback(err)
    assert r.returncode == 2, err
    for name in HOSTILE_EMAILS:
        (line,) = [l for l in err.splitlines() if l.startswith(str(drafts / f"{name}.eml") + ": error: ")]
        assert "not linted" in line and ("limit" in line or "more than" in line), line
    assert "zz-good.eml" not in err  # the good draft was checked normally


def test_an_ordinary_multipart_email_is_still_linted(cli, write):
    raw = _eml('To: Dana Whitfield <d@x.example>\nSubject: Thanks\nMIME-Version: 1.0\n'
               'Content-Type: multipart/alternative; boundary="b1"',
               '--b1\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 7bit\n\n'
               "Hi Dana,\n\nThanks for the chat!!!\n\nBest,\nJo\n--b1\nContent-Type: text/html; charset=utf-8\n\n"
               "<p>Hi Dana,</p>\n--b1--\n")
    r = cli("check", str(write("m.eml", raw)), "--output-format", "json")
    assert r.code == 1 and "error" not in r.json["files"][0]


# --- hangs: special files ------------------------------------------------------------------------

def test_fifos_and_devices_are_refused_not_read(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    os.mkfifo(drafts / "pipe.txt")
    (drafts / "link-to-pipe.txt").symlink_to(drafts / "pipe.txt")
    (drafts / "tty.txt").symlink_to("/dev/zero")  # a character device that never ends
    (drafts / "good.txt").write_text(FLAWED)
    names = ["pipe.txt", "link-to-pipe.txt", "tty.txt"]
    for args in ([str(drafts / n) for n in names] + [str(drafts / "good.txt")], [str(drafts)]):
        for extra in ((), ("--fix",)):
            r = run(tmp_path, "check", *args, *extra, "--output-format", "concise", timeout=60)
            err = r.stderr.decode()
            no_traceback(err)
            if args == [str(drafts)]:  # a directory walk never picks them up
                assert r.returncode == 1 and "good.txt" in r.stdout.decode(), err
                continue
            assert r.returncode == 2, err
            assert "good.txt" in r.stdout.decode()  # the other drafts were still checked
            for name in names:
                (line,) = [l for l in err.splitlines() if l.startswith(str(drafts / name) + ": error: ")]
                assert "not a regular file" in line, line
