"""Many drafts over worker processes: same output as one process, in input order; one draft starts no pool."""

from __future__ import annotations

import pytest

from followlint.run import workers as parallel
TEMPLATES = [
    "Hi {name},\n\nThanks for the chat about the {role} role at {company} yesterday. I enjoyed hearing about "
    "the {topic} project.\n\nBest regards,\n{me}\n{me_l}@example.com\n",
    "Hey {name}!!\n\nThx for the chat, it was gonna be a great fit I think. I'm a hard worker.\n\nLet me know asap.\n",
    "Dear {name},\n\nI am writing to follow up on my application for the {role} position. I expect a decision "
    "by Friday.\n\nSincerely,\n{me}\n",
    "---\ninterviewers: [{name}]\ncompany: {company}\nrole: {role}\n---\nDear {name},\n\nThank you for "
    "meeting me to discus the {role} role and {company}'s plans for {topic}. I recieve alot of questions "
    "about it.\n\nKind regards,\n{me}\n",
]
NAMES = ["Dana Okafor", "Raj Patel", "Mia Chen", "Tomasz Nowak", "Ines Duarte", "Kofi Mensah", "Lena Berg"]
COMPANIES = ["Corvid Labs", "Brightline", "Halcyon Bank", "Northwind", "Acme Freight"]
ROLES = ["analyst", "data engineer", "product manager", "designer"]
TOPICS = ["returns processing", "the Leeds warehouse", "fraud scoring", "onboarding"]


def _drafts(write, n: int, folder: str = "drafts"):
    paths = []
    for i in range(n):
        name = NAMES[i % len(NAMES)]
        text = TEMPLATES[i % len(TEMPLATES)].format(
            name=name.split()[0], role=ROLES[i % len(ROLES)], company=COMPANIES[i % len(COMPANIES)],
            topic=TOPICS[i % len(TOPICS)], me=f"Jordan Lee{i}", me_l=f"jordan{i}")
        suffix = ".md" if i % 4 == 3 else ".txt"
        paths.append(write(f"{folder}/{i // 10}/draft{i:03d}{suffix}", text))
    return paths


def test_jobs_give_the_same_output_in_the_same_order(cli, write, tmp_path, monkeypatch):
    started, batches = [], []

    class CountingPool(parallel._Pool):
        def __init__(self, run, jobs):
            started.append(jobs)
            super().__init__(run, jobs)

        def submit(self, run, slots):
            batches.append(len(slots))
            super().submit(run, slots)

    monkeypatch.setattr(parallel, "_Pool", CountingPool)
    _drafts(write, parallel.POOL_MIN + 21)
    (tmp_path / "drafts" / "1" / "broken.txt").write_bytes(b"\x00\x01binary")
    folder = str(tmp_path / "drafts")
    one = cli("check", folder, "--no-cache", "-j1", "--output-format", "json")
    two = cli("check", folder, "--no-cache", "-j2", "--output-format", "json")
    assert one.code == two.code == 2  # the binary file is an input error
    assert started == [2]  # -j1 ran in this process; -j2 forked two workers
    # each worker's first drafts come back after two, not sixteen (the progress bar moves early)
    assert batches[:4] == [parallel.FIRST_BATCH] * 4 and max(batches) <= parallel.BATCH
    assert sum(batches) == parallel.POOL_MIN + 21
    assert one.out == two.out
    paths = [f["path"] for f in one.json["files"]]
    assert len(paths) == parallel.POOL_MIN + 22
    concise1 = cli("check", folder, "--no-cache", "-j1", "--output-format", "concise")
    concise2 = cli("check", folder, "--no-cache", "-j2", "--output-format", "concise")
    assert concise1.out == concise2.out and concise1.err == concise2.err
    assert started == [2, 2]


def test_workers_fill_the_cache_and_a_warm_run_matches(cli, write, tmp_path):
    _drafts(write, parallel.POOL_MIN + 5)
    folder = str(tmp_path / "drafts")
    cache = tmp_path / "cache"
    cold = cli("check", folder, "--cache-dir", str(cache), "-j2", "--output-format", "json")
    assert len(list(cache.rglob("*.json"))) == parallel.POOL_MIN + 5
    warm = cli("check", folder, "--cache-dir", str(cache), "-j2", "--output-format", "json")
    assert cold.out == warm.out


def test_few_drafts_start_no_worker_processes(cli, write, tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for a handful of drafts")

    monkeypatch.setattr(parallel, "_Pool", no_pool)
    _drafts(write, 3)
    r = cli("check", str(tmp_path / "drafts"), "--no-cache", "-j8", "--output-format", "json")
    assert r.code == 1 and len(r.json["files"]) == 3


def test_memory_window_is_bounded(write, tmp_path, monkeypatch):
    """Results stream out: at no point are more than the window's worth of targets held."""
    from followlint.core.config import ConfigCache
    from followlint.core.registry import build_registry
    from followlint.run.runner import Run

    monkeypatch.setattr(parallel, "WINDOW_PER_JOB", 4)
    paths = [str(p) for p in _drafts(write, 30)]
    run = Run(registry=build_registry(), configs=ConfigCache(), jobs=2)
    consumed = []

    def targets():
        for p in paths:
            consumed.append(p)
            yield p

    seen = []
    for result in parallel.iter_results(run, targets()):
        seen.append(result.path)
        assert len(consumed) - len(seen) <= 4 * 2 + 1
    assert seen == paths


@pytest.mark.parametrize("value", ["-1", "two"])
def test_bad_jobs_value_is_a_usage_error(cli, write, value):
    path = write("a.txt", "Hi Dana,\n\nThanks.\n\nBest,\nJo\n")
    r = cli("check", str(path), "--jobs", value)
    assert r.code == 2


def test_results_spooled_to_disk_render_like_the_ones_kept(cli, write, tmp_path, monkeypatch):
    """Past the spool's in-memory share, results wait on disk; the output must not change."""
    from followlint.run import spool
    _drafts(write, 23)
    write("drafts/mail.eml", "From: Jo <jo@example.com>\nTo: Dana Okafor <d@example.com>\nSubject: Thanks\n"
                             "Content-Type: text/html\n\n<p>Dear Dana,</p><p>Thank you for the chat.</p>")
    folder = str(tmp_path / "drafts")
    spilled = []
    real_tempfile = spool.tempfile.TemporaryFile
    monkeypatch.setattr(spool.tempfile, "TemporaryFile", lambda *a, **k: spilled.append(1) or real_tempfile(*a, **k))
    outs = {}
    for share in (10_000, 3):
        monkeypatch.setattr(spool, "IN_MEMORY", share)
        for fmt in ("json", "full", "sarif"):
            outs[share, fmt] = cli("check", folder, "--no-cache", "-j1", "--output-format", fmt).out
    assert len(spilled) == 3  # only the runs with a share of 3 went to disk
    for fmt in ("json", "full", "sarif"):
        assert outs[10_000, fmt] == outs[3, fmt]
    assert '"duplicate-message"' in outs[3, "json"]


def test_a_worker_that_dies_costs_a_note_not_the_run(cli, write, tmp_path, monkeypatch):
    import os

    _drafts(write, parallel.POOL_MIN + 8)
    folder = str(tmp_path / "drafts")
    expected = cli("check", folder, "--no-cache", "-j1", "--output-format", "json").json
    from followlint.run.runner import Run

    main_pid = os.getpid()
    real = Run.lint_fresh

    def dying(self, text, path, cfg):
        if os.getpid() != main_pid and "draft010" in path:
            os._exit(3)  # a worker killed by the OOM killer, or a crash in native code
        return real(self, text, path, cfg)

    monkeypatch.setattr(Run, "lint_fresh", dying)
    r = cli("check", folder, "--no-cache", "-j2", "--output-format", "json")
    assert r.code == 1, r.err
    got = r.json
    assert any("worker process stopped unexpectedly" in n for n in got["notes"])
    assert got["files"] == expected["files"]


def test_spawned_workers_rebuild_the_run(cli, write, tmp_path, monkeypatch):
    """Where fork is unavailable (Windows, macOS) workers are spawned and rebuild the Run from
    runner.SpawnSpec; forced here on Linux, with rules that need no engine so start-up stays cheap."""
    import multiprocessing

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    _drafts(write, parallel.POOL_MIN + 5)
    folder = str(tmp_path / "drafts")
    args = ("check", folder, "--no-cache", "--select", "S100,S101,P101,T100,T105", "--output-format", "json")
    one = cli(*args, "-j1")
    two = cli(*args, "-j2")
    assert one.code == two.code == 1 and one.out == two.out  # a worker that failed to start would add a note
    assert len(one.json["files"]) == parallel.POOL_MIN + 5
