"""The resident process (followlint.run.resident): identical output, private socket, fallback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow

FLAWED = "hey dana!!!\n\nthanks for the chat, it was awesome!!! gonna send my portfolio.\n\ncheers\n"


def _env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env.update(NO_COLOR="1", XDG_RUNTIME_DIR=str(tmp_path / "run"), FOLLOWLINT_RESIDENT_IDLE="120", **extra)
    (tmp_path / "run").mkdir(exist_ok=True, mode=0o700)
    return env


def _client(tmp_path, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "followlint.run.resident", *args], capture_output=True,
                          cwd=tmp_path, env=_env(tmp_path), input=stdin, timeout=600)


def test_output_is_identical_with_and_without_the_resident_process(tmp_path):
    (tmp_path / "note.txt").write_text(FLAWED, encoding="utf-8")
    args = ("check", "note.txt", "--output-format", "json", "--no-cache")
    direct = subprocess.run([sys.executable, "-m", "followlint", *args], capture_output=True, cwd=tmp_path,
                            env=_env(tmp_path), timeout=600)
    first = _client(tmp_path, *args)  # no resident process yet: in-process, and one starts
    sockets = []
    deadline = time.monotonic() + 300
    while not sockets and time.monotonic() < deadline:
        sockets = list((tmp_path / "run").glob("followlint-*/*.sock"))
        time.sleep(0.5)
    assert sockets, "the resident process never started"
    folder = sockets[0].parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(sockets[0].stat().st_mode) == 0o600
    try:
        time.sleep(1)
        second = _client(tmp_path, *args)
        piped = _client(tmp_path, "check", "-", "--stdin-filename", "note.txt", "--output-format", "json",
                        "--no-cache", stdin=FLAWED.encode())
        for got in (first, second):
            assert (got.returncode, got.stdout, got.stderr) == (direct.returncode, direct.stdout, direct.stderr)
        assert piped.returncode == direct.returncode and b"gonna" in piped.stdout
    finally:
        assert _client(tmp_path, "--stop").returncode == 0
    deadline = time.monotonic() + 30
    while sockets[0].exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not sockets[0].exists()
