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
    out.update(NO_COLOR="1", FOLLOWLINT_CACHE_DIR=str(tmp_path / "cache"), **extra)
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
