#!/usr/bin/env python3
"""Fuzz the draft pipeline: bytes -> decode -> parse_draft -> (optionally) every default rule.

Kept out of the default test run (it runs for as long as you let it). It checks the same
invariants as tests/test_properties.py -- no crash, every span inside the text and in reading
order, line:column round-trips to offsets -- and, with --rules, that no rule crashes (no
internal-error finding) and every finding's span is inside the draft.

    .venv/bin/pip install atheris            # optional: coverage-guided fuzzing (Python 3.11 wheels on PyPI)
    .venv/bin/python scripts/fuzz_draft.py --seconds 600            # atheris if installed, else hypothesis
    .venv/bin/python scripts/fuzz_draft.py --engine hypothesis --cases 100000
    .venv/bin/python scripts/fuzz_draft.py --rules --seconds 600    # also run every default rule (slower)

A failing input is printed (repr) with its traceback; atheris also saves it as crash-<sha1> in the
current directory. The number of cases run is printed at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the invariant checks are shared with tests/test_properties.py

FORMATS = ("a.txt", "a.md", "m.eml")


class Target:
    """One fuzz case: raw bytes as a draft file, in the format the first byte picks."""

    def __init__(self, rules: bool) -> None:
        from followlint.anatomy.context import ContextError
        from followlint.anatomy.draft import DraftError, parse_draft
        from followlint.run.files import InputError, decode
        from test_properties import check_draft, check_line_index

        self.parse_draft, self.decode = parse_draft, decode
        self.expected = (DraftError, ContextError, InputError)
        self.check_draft, self.check_line_index = check_draft, check_line_index
        self.cases = 0
        self.parsed = 0
        self.active = self.services = None
        if rules:
            from followlint.core.config import Config, resolve_rules
            from followlint.core.engine import Services
            from followlint.core.registry import build_registry

            self.active = resolve_rules(Config(), build_registry())
            self.services = Services()

    def __call__(self, data: bytes) -> None:
        self.cases += 1
        path = FORMATS[data[0] % len(FORMATS)] if data else FORMATS[0]
        raw = data[1:]
        if data and data[0] & 0x10:  # half the cases: always well-formed UTF-8, so the parser sees more
            raw = raw.decode("utf-8", "replace").replace("\x00", "").encode("utf-8")
        try:
            text, _encoding = self.decode(raw, path)
            draft = self.parse_draft(text, path)
        except self.expected as exc:
            message = str(exc)
            assert message and "Traceback" not in message, message
            return
        self.parsed += 1
        self.check_draft(draft, text)
        if len(text) <= 2000:  # the round trip is checked for every offset
            self.check_line_index(draft.text)
        if self.active is not None:
            self._lint(draft)

    def _lint(self, draft) -> None:
        from followlint.core.engine import lint_draft

        result = lint_draft(draft, self.active, self.services)
        crashed = [f.message for f in result.findings if f.code == "X001"]
        assert not crashed, crashed
        for f in result.findings:
            assert 0 <= f.span.start <= f.span.end <= len(draft.text), (f.rule, f.span)
            if f.fix is not None:
                for e in f.fix.edits:
                    assert 0 <= e.start <= e.end <= len(draft.text), (f.rule, e)


def _report(target: Target, started: float, engine: str) -> None:
    print(f"fuzz_draft: {target.cases:,} cases ({target.parsed:,} parsed as drafts) in "
          f"{time.monotonic() - started:,.0f} s with {engine}", flush=True)


def run_atheris(target: Target, seconds: int, cases: int | None, extra: list[str]) -> int:
    import atheris

    started = time.monotonic()

    def one(data: bytes) -> None:
        try:
            target(data)
        except Exception:
            print(f"\nFAILING INPUT: {data!r}", file=sys.stderr)
            traceback.print_exc()
            _report(target, started, "atheris")
            raise
        if target.cases % 50_000 == 0:
            _report(target, started, "atheris")

    argv = [sys.argv[0], f"-max_total_time={seconds}", "-max_len=4096", "-rss_limit_mb=4096", *extra]
    if cases:
        argv.append(f"-runs={cases}")
    # libFuzzer writes what it finds into the first corpus folder: a scratch copy, never the repository.
    corpus = Path(tempfile.mkdtemp(prefix="followlint-fuzz-corpus-"))
    seeds = [p for folder in (ROOT / "tests" / "drafts", ROOT / "examples") if folder.is_dir()
             for p in sorted(folder.rglob("*")) if p.is_file() and p.stat().st_size <= 4096]
    for i, seed in enumerate(seeds):
        fmt = {".md": 1, ".markdown": 1, ".eml": 2}.get(seed.suffix, 0)
        (corpus / f"seed-{i:04}").write_bytes(bytes([fmt]) + seed.read_bytes())
    print(f"fuzz_draft: corpus in {corpus} ({len(seeds)} seed drafts)", flush=True)
    import atexit

    atexit.register(lambda: _report(target, started, "atheris"))
    atheris.Setup(argv + [str(corpus)], one)
    atheris.Fuzz()
    return 0


def run_hypothesis(target: Target, seconds: int, cases: int | None) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from test_properties import draft_text

    started = time.monotonic()
    deadline = started + seconds
    data = st.one_of(
        st.binary(max_size=600),
        st.tuples(st.integers(0, 255), draft_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])).map(
            lambda t: bytes([t[0]]) + t[1].encode(t[2], "surrogatepass")),
    )
    budget = cases or 10_000_000

    # Batches of examples until the time or the case budget runs out (each batch draws afresh).
    @settings(max_examples=2_000, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              phases=[p for p in __import__("hypothesis").Phase if p.name != "explain"])
    @given(data)
    def fuzz(raw: bytes) -> None:
        target(raw)
        if target.cases % 20_000 == 0:
            _report(target, started, "hypothesis")

    while time.monotonic() < deadline and target.cases < budget:
        fuzz()
    _report(target, started, "hypothesis")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--seconds", type=int, default=300, help="stop after this long (default 300)")
    parser.add_argument("--cases", type=int, default=None, help="stop after this many cases")
    parser.add_argument("--rules", action="store_true", help="also lint each draft with every default rule")
    args, extra = parser.parse_known_args()
    os.environ.setdefault("FOLLOWLINT_CACHE_DIR", str(Path("/tmp") / "followlint-fuzz-cache"))
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    if engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=["followlint"]):
            import followlint.anatomy.draft  # noqa: F401
            import followlint.run.files  # noqa: F401
            import followlint.anatomy.lines  # noqa: F401
            import followlint.core.suppress  # noqa: F401
        return run_atheris(Target(args.rules), args.seconds, args.cases, extra)
    return run_hypothesis(Target(args.rules), args.seconds, args.cases)


if __name__ == "__main__":
    raise SystemExit(main())
