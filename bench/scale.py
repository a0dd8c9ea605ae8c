#!/usr/bin/env python3
"""How followlint scales with the size of a drafts repository (issue 18), on generated templated drafts.

    .venv/bin/python bench/scale.py                       # 1,000 and 10,000 drafts, full runs + the pass alone
    .venv/bin/python bench/scale.py --full 1000 --pass-only 1000 10000 50000

For each size N it generates N templated thank-you/follow-up drafts of 150-250 words (bench/drafts.py:
one in five a copy of a few fixed templates with names swapped, the rest built from shared sentence
frames), then:

- **full run** (``--full``): ``followlint check`` over them, cold cache, default jobs, full output to
  /dev/null: wall time, peak RSS (the largest process of the run), the per-draft cost (wall time
  outside the duplicate pass, divided by N) and the duplicate pass (its own time, comparisons per
  draft; read from the file ``$FOLLOWLINT_TIMINGS`` names);
- **the duplicate pass alone** (``--pass-only``): every draft parsed and sketched as a worker does
  (no spaCy, no grammar), then the pass over the sketches: sketching cost per draft, the pass's
  time, comparisons per draft and the peak RSS of the process doing it.

The load average is printed with each row: the machine may be shared, so compare rows of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from drafts import generate  # noqa: E402
from run import followlint_cmd, load, timed  # noqa: E402


def full_run(folder: Path, n: int, work: Path) -> dict:
    timings = work / f"timings-{n}.json"
    env = {**os.environ, "FOLLOWLINT_NO_PROGRESS": "1", "NO_COLOR": "1", "FOLLOWLINT_TIMINGS": str(timings)}
    env.pop("FOLLOWLINT_CACHE_DIR", None)
    before = load()
    result = timed(followlint_cmd() + ["check", str(folder), "--cache-dir", str(work / f"cache-{n}")],
                   env=env, timeout=4 * 3600)
    if result["rc"] not in (0, 1):
        print(f"[scale] exit code {result['rc']}: {result['stderr'][-300:]}", file=sys.stderr)
    stats = json.loads(timings.read_text())["duplicates"] if timings.exists() else {}
    dup = stats.get("seconds", 0.0)
    return {"n": n, "wall": result["wall"], "rss_mb": result["rss_mb"], "per_draft_ms": (result["wall"] - dup) / n * 1000,
            "cpu": result["cpu"], "cpu_per_draft_ms": (result["cpu"] - stats.get("cpu_seconds", dup)) / n * 1000,
            "dup_s": dup, "dup_share": dup / result["wall"], "comparisons": stats.get("comparisons", 0),
            "per_draft_comparisons": stats.get("comparisons", 0) / n, "load": f"{before} / {load()}"}


def pass_only(folder: Path, n: int) -> dict:
    """Parse + sketch every draft, then the pass, in a child process (its own peak RSS)."""
    code = r"""
import json, sys, time, resource
from pathlib import Path
from followlint.anatomy.draft import parse_draft
from followlint.checks import duplicate_message as d
paths = sorted(p for p in Path(sys.argv[1]).rglob('*') if p.is_file())
t = time.process_time()
entries = []
for i, p in enumerate(paths):
    s = d.sketch(parse_draft(p.read_text(encoding='utf-8'), str(p)))
    if s is not None:
        entries.append(d._entry(i, str(p), s))
sketch_s = time.process_time() - t
stats = d.PassStats()
t, c = time.perf_counter(), time.process_time()
groups = d.duplicate_groups(entries, stats=stats)
pass_s, pass_cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"sketch_ms": sketch_s / len(paths) * 1000, "pass_s": pass_s, "pass_cpu": pass_cpu, "comparisons": stats.comparisons,
                  "exact": stats.exact, "groups": len(groups), "grouped": sum(len(g) for g in groups),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
    before = load()
    proc = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, cwd=HERE.parent)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    data.update(n=n, per_draft_comparisons=data["comparisons"] / n, load=f"{before} / {load()}")
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--full", type=int, nargs="*", default=[1000, 10000], help="sizes for full runs")
    ap.add_argument("--pass-only", type=int, nargs="*", default=[1000, 10000], help="sizes for the pass alone")
    ap.add_argument("--keep", action="store_true", help="keep the generated drafts")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="followlint-scale-"))
    folders: dict[int, Path] = {}

    def drafts(n: int) -> Path:
        if n not in folders:
            folders[n] = work / f"drafts-{n}"
            generate(folders[n], n, seed=18, templated=True)
        return folders[n]

    try:
        rows_pass = [pass_only(drafts(n), n) for n in args.pass_only]
        rows_full = []
        for n in args.full:
            print(f"[scale] full run over {n:,} drafts (load {load()}) ...", file=sys.stderr, flush=True)
            rows_full.append(full_run(drafts(n), n, work))
        print(f"\nCPUs available: {len(os.sched_getaffinity(0))}; load average now {load()}.\n")
        if rows_pass:
            print("Duplicate pass alone (drafts parsed and sketched in one process, then the pass):\n")
            print("| drafts | sketch per draft (CPU ms) | pass wall (s) | pass CPU (s) | comparisons | per draft | drafts grouped | "
                  "peak RSS (MB) | load before / after |")
            print("|---:|---:|---:|---:|---:|---:|---:|---:|---|")
            for r in rows_pass:
                print(f"| {r['n']:,} | {r['sketch_ms']:.2f} | {r['pass_s']:.2f} | {r['pass_cpu']:.2f} | {r['comparisons']:,} | "
                      f"{r['per_draft_comparisons']:.2f} | {r['grouped']:,} in {r['groups']:,} | {r['rss_mb']:.0f} | "
                      f"{r['load']} |")
        if rows_full:
            print("\nFull runs (`followlint check`, cold cache, default jobs):\n")
            print("| drafts | wall (s) | per draft (ms) | CPU (s) | CPU per draft (ms) | duplicate pass (s) | "
                  "share of the run | comparisons per draft | peak RSS (MB) | load before / after |")
            print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
            for r in rows_full:
                print(f"| {r['n']:,} | {r['wall']:.1f} | {r['per_draft_ms']:.1f} | {r['cpu']:.1f} | "
                      f"{r['cpu_per_draft_ms']:.1f} | {r['dup_s']:.2f} | "
                      f"{r['dup_share'] * 100:.1f} % | {r['per_draft_comparisons']:.2f} | {r['rss_mb']:.0f} | "
                      f"{r['load']} |")
        if args.keep:
            print(f"\ndrafts kept in {work}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
