"""The result cache: hits, misses, invalidation, corrupt entries, --no-cache, where it lives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from followlint.run.cache import ResultCache, finding_from_json, finding_to_json
from followlint.core.finding import Edit, Finding, Fix, Severity, Span
from followlint.run.runner import Run

DRAFT = """Hey Dana!!

Thx for the chat yesterday, it was gonna be a great fit I think. I'm a hard worker and a team player.

Let me know asap.
"""


@pytest.fixture
def fresh_calls(monkeypatch):
    """Count the drafts actually linted (cache misses)."""
    calls: list[str] = []
    original = Run.lint_fresh

    def counting(self, text, path, cfg):
        calls.append(path)
        return original(self, text, path, cfg)

    monkeypatch.setattr(Run, "lint_fresh", counting)
    return calls


def _entries(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.json"))


def test_second_run_is_answered_from_the_cache_and_renders_identically(cli, write, tmp_path, fresh_calls):
    path = write("draft.txt", DRAFT)
    cache = tmp_path / "cache"
    outputs = {}
    for fmt in ("json", "full", "concise"):
        first = cli("check", str(path), "--cache-dir", str(cache), "-j1", "--output-format", fmt)
        second = cli("check", str(path), "--cache-dir", str(cache), "-j1", "--output-format", fmt)
        assert first.code == second.code == 1
        assert first.out == second.out and first.err == second.err
        outputs[fmt] = first.out
    assert fresh_calls == [str(path)]  # linted once; every later run was a hit
    assert len(_entries(cache)) == 1
    assert (cache / "CACHEDIR.TAG").is_file()
    assert json.loads(outputs["json"])["files"][0]["findings"]


def test_changed_text_or_config_is_a_miss(cli, write, tmp_path, fresh_calls):
    path = write("draft.txt", DRAFT)
    cache = tmp_path / "cache"
    args = ("check", str(path), "--cache-dir", str(cache), "-j1", "--output-format", "json")
    cli(*args)
    path.write_text(DRAFT.replace("Dana", "Dan"), encoding="utf-8")
    cli(*args)
    assert len(fresh_calls) == 2
    cli(*args, "--ignore", "generic-phrase")  # other rules enabled: other results
    assert len(fresh_calls) == 3
    (tmp_path / ".followlint.toml").write_text('[rules.missing-sign-off]\nseverity = "error"\n', encoding="utf-8")
    r = cli(*args)
    assert len(fresh_calls) == 4
    assert any(f["rule"] == "missing-sign-off" and f["severity"] == "error" for f in r.json["files"][0]["findings"])
    cli(*args)
    assert len(fresh_calls) == 4  # unchanged again: a hit


def test_corrupt_entry_is_ignored_and_rewritten(cli, write, tmp_path, fresh_calls):
    path = write("draft.txt", DRAFT)
    cache = tmp_path / "cache"
    args = ("check", str(path), "--cache-dir", str(cache), "-j1", "--output-format", "json")
    good = cli(*args).out
    (entry,) = _entries(cache)
    for garbage in (b"", b"{not json", b'{"key": "x", "findings": []}', b"[1, 2]",
                    json.dumps({"key": entry.parent.name + entry.stem, "findings": [["broken"]]}).encode()):
        entry.write_bytes(garbage)
        assert cli(*args).out == good
        assert json.loads(entry.read_bytes())["findings"]  # rewritten with the real result
    assert len(fresh_calls) == 6
    assert cli(*args).out == good and len(fresh_calls) == 6


def test_no_cache_neither_reads_nor_writes(cli, write, tmp_path, fresh_calls):
    path = write("draft.txt", DRAFT)
    cache = tmp_path / "cache"
    cli("check", str(path), "--cache-dir", str(cache), "--no-cache", "-j1")
    assert not cache.exists()
    cli("check", str(path), "--cache-dir", str(cache), "-j1")
    cli("check", str(path), "--cache-dir", str(cache), "--no-cache", "-j1")
    assert len(fresh_calls) == 3


def test_cache_dir_from_env_and_config(cli, write, tmp_path, monkeypatch):
    path = write("draft.txt", DRAFT)
    env_dir = tmp_path / "from-env"
    monkeypatch.setenv("FOLLOWLINT_CACHE_DIR", str(env_dir))
    cli("check", str(path), "-j1")
    assert _entries(env_dir)
    monkeypatch.delenv("FOLLOWLINT_CACHE_DIR")
    (tmp_path / ".followlint.toml").write_text('cache-dir = ".followlint_cache"\n', encoding="utf-8")
    cli("check", str(path), "-j1")
    assert _entries(tmp_path / ".followlint_cache")


def test_stdin_is_cached_too(cli, tmp_path, fresh_calls):
    cache = tmp_path / "cache"
    a = cli("check", "-", "--stdin-filename", "note.txt", "--cache-dir", str(cache), stdin=DRAFT)
    b = cli("check", "-", "--stdin-filename", "note.txt", "--cache-dir", str(cache), stdin=DRAFT)
    assert a.out == b.out and a.code == b.code == 1
    assert fresh_calls == ["note.txt"]


def test_unwritable_cache_dir_only_costs_a_note(cli, write, tmp_path):
    path = write("draft.txt", DRAFT)
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache dir should be", encoding="utf-8")
    r = cli("check", str(path), "--cache-dir", str(blocker / "cache"), "-j1", "--output-format", "json")
    assert r.code == 1
    assert r.json["files"][0]["findings"]
    assert any("result cache disabled" in n for n in r.json.get("notes", []))


def test_put_is_atomic_and_leaves_no_temporary_files(tmp_path):
    cache = ResultCache(tmp_path)
    key = ResultCache.key("salt", "text", "text")
    for i in range(3):
        cache.put(key, {"findings": [], "score": i, "error": None})
    assert cache.get(key)["score"] == 2
    assert [p.name for p in tmp_path.rglob("*") if p.is_file() and p.name.startswith(".tmp")] == []
    assert ResultCache.key("salt", "text", "markdown") != key != ResultCache.key("salt2", "text", "text")


def test_finding_round_trip():
    f = Finding("repeated-word", "G101", "grammar-typos", Severity.WARNING, "Repeated 'the'.", Span(3, 7),
                ("the",), Fix((Edit(3, 7, ""),), "Remove the repeat", True), "https://example.invalid/r")
    assert finding_from_json(json.loads(json.dumps(finding_to_json(f)))) == f
    bare = Finding("x-rule", "X101", "internal", Severity.INFO, "m", Span(0, 0))
    assert finding_from_json(finding_to_json(bare)) == bare


def test_cache_is_shared_safely_by_concurrent_processes(write, tmp_path):
    """Two processes linting the same drafts into one cache: both succeed, outputs agree."""
    import subprocess
    import sys

    for i in range(6):
        write(f"d/draft{i}.txt", DRAFT.replace("Dana", f"Dana{i}"))
    cache = tmp_path / "cache"
    cmd = [sys.executable, "-m", "followlint", "check", str(tmp_path / "d"), "--cache-dir", str(cache),
           "--output-format", "json", "-j1", "--select", "casual-tone,generic-phrasing"]
    env = {**os.environ, "FOLLOWLINT_NO_PROGRESS": "1"}
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 1 for p in procs), [o[1] for o in outs]
    assert len({o[0] for o in outs}) == 1
    assert len(_entries(cache)) == 6


def test_warm_run_parses_no_text_draft_even_with_duplicates(cli, write, tmp_path, monkeypatch):
    """Cached findings, score, notes and the duplicate check's sketch are enough to render a text draft."""
    import followlint.anatomy.draft

    body = ("Thank you for the interview for the analyst role yesterday. I enjoyed our talk about the "
            "returns project and the team's plans for next year, and I look forward to hearing from you.")
    write("d/a.txt", f"Dear Dana,\n\n{body}\n\nBest regards,\nJordan Lee\n")
    write("d/b.txt", f"Dear Raj,\n\n{body}\n\nBest regards,\nJordan Lee\n")
    cache = tmp_path / "cache"
    args = ("check", str(tmp_path / "d"), "--cache-dir", str(cache), "-j1", "--output-format", "json")
    cold = cli(*args)
    assert any(f["rule"] == "duplicate-message" for f in cold.json["files"][0]["findings"])
    parsed = []
    real = followlint.anatomy.draft.parse_draft
    monkeypatch.setattr(followlint.anatomy.draft, "parse_draft", lambda *a, **k: parsed.append(a[1]) or real(*a, **k))
    for fmt in ("json", "full", "sarif"):
        warm = cli(*args[:-1], fmt)
        assert warm.code == cold.code
    assert cli(*args).out == cold.out
    assert parsed == []


def test_entries_live_under_their_day_and_older_days_are_pruned(cli, write, tmp_path):
    import datetime as dt

    path = write("draft.txt", DRAFT)
    cache = tmp_path / "cache"
    today = dt.date.today()
    old_days = [(today - dt.timedelta(days=n)).isoformat() for n in (1, 2, 30)]
    for day in old_days:
        (cache / "v1" / day / "ab").mkdir(parents=True)
        (cache / "v1" / day / "ab" / "cdef.json").write_text("{}", encoding="utf-8")
    cli("check", str(path), "--cache-dir", str(cache), "-j1")
    days = sorted(p.name for p in (cache / "v1").iterdir())
    assert days == sorted([old_days[0], today.isoformat()])  # yesterday kept (a run may span midnight)
    (entry,) = (cache / "v1" / today.isoformat()).rglob("*.json")
    assert json.loads(entry.read_text(encoding="utf-8"))["findings"]
