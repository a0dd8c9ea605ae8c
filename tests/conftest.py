"""Shared fixtures. The network is blocked for every test (pytest-socket, loopback allowed)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from followlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    @property
    def json(self):
        return json.loads(self.out)


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory, monkeypatch):
    """Each test gets an empty result cache (never the user's), so no test sees another's results."""
    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(tmp_path_factory.mktemp("followlint-cache")))


@pytest.fixture
def cli():
    """Run the CLI in-process (fast: spaCy and Harper load once per test session)."""

    def run(*args: str, stdin: str | bytes | None = None) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        data = stdin.encode() if isinstance(stdin, str) else stdin
        code = main(list(args), stdout=out, stderr=err, stdin=io.BytesIO(data or b""))
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def write(tmp_path):
    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    return _write
