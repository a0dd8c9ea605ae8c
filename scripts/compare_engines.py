#!/usr/bin/env python3
"""The grammar engines side by side: grammar-typos precision and recall, seeded-typo recall, cost.

For each engine (harper, languagetool, both) on the labelled corpus folders (front matter
``expected: [...]``, as scripts/evaluate.py reads them): grammar-typos precision and recall per draft,
clean drafts it flags, recall on the seeded misspellings of tests/data/common-misspellings.txt (the
carrier draft of tests/test_grammar.py) and on the grammar slips of tests/data/grammar-slips.txt, and the
median milliseconds to lint one draft (warm).
LanguageTool must be running (``followlint languagetool start``); an outage aborts rather than
silently measuring Harper twice.

    python scripts/compare_engines.py ../shared/corpus ../shared/corpus/real
    python scripts/compare_engines.py --misfires ../shared/corpus ../shared/corpus/real tests/drafts/heldout
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from evaluate import labelled_drafts  # scripts/ is on sys.path when run as a script

from followlint.core.config import parse_config, resolve_rules
from followlint.anatomy.draft import parse_draft
from followlint.core.engine import Services, lint_draft
from followlint.core.finding import Severity
from followlint.core.registry import build_registry

ROOT = Path(__file__).resolve().parent.parent
CATEGORY = "grammar-typos"
_SEEDING = yaml.safe_load((ROOT / "tests" / "data" / "typo-carrier.yaml").read_text(encoding="utf-8"))
CARRIER, MID, START = _SEEDING["carrier"], _SEEDING["mid"], _SEEDING["start"]


class Engine:
    def __init__(self, engine: str, url: str) -> None:
        grammar = {"engine": engine, "timeout": 30.0}
        if engine != "harper":
            grammar["languagetool-url"] = url
        self.name = engine
        self.cfg = parse_config({"grammar": grammar}, None)
        self.active = resolve_rules(self.cfg, build_registry(include_plugins=False))
        self.services = Services()

    def lint(self, text: str, name: str):
        result = lint_draft(parse_draft(text, name), self.active, self.services, config=self.cfg)
        if self.services.notes:
            sys.exit(f"{self.name}: {self.services.notes[0]}")
        return result


def flagged(result) -> list:
    return [f for f in result.findings if f.category == CATEGORY and f.severity >= Severity.WARNING]


def corpus_scores(engine: Engine, drafts) -> dict:
    tp = fp = fn = clean_flagged = clean = 0
    for name, expected, body in drafts:
        hit = bool(flagged(engine.lint(body, name.replace(".md", ".txt"))))
        want = CATEGORY in expected
        tp, fp, fn = tp + (hit and want), fp + (hit and not want), fn + (want and not hit)
        if not expected:
            clean, clean_flagged = clean + 1, clean_flagged + hit
    return {"precision": tp / (tp + fp) if tp + fp else float("nan"), "recall": tp / (tp + fn) if tp + fn else
            float("nan"), "tp": tp, "fp": fp, "fn": fn, "clean": f"{clean_flagged}/{clean}"}


def costs(engines: list[Engine], drafts, rounds: int = 3) -> dict[str, float]:
    """Median milliseconds per draft; the engines take turns on each draft, so a busy machine slows all alike."""
    times: dict[str, list[float]] = {e.name: [] for e in engines}
    for _ in range(rounds):
        for name, _expected, body in drafts:
            for engine in engines:
                started = time.perf_counter()
                engine.lint(body, name.replace(".md", ".txt"))
                times[engine.name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def seeded_recall(engine: Engine) -> float:
    lines = (ROOT / "tests" / "data" / "common-misspellings.txt").read_text(encoding="utf-8").splitlines()
    pairs = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    found = 0
    for i, (bad, *_good) in enumerate(pairs):
        sentence = START.format(W=bad[:1].upper() + bad[1:]) if i % 4 == 0 else MID.format(w=bad)
        text = CARRIER.format(s1=sentence + " " if i % 2 else "",
                              s2="I look forward to hearing from you." if i % 2 else sentence)
        pos = text.index(sentence) + sentence.lower().index(bad)
        result = engine.lint(text, "seeded.txt")
        found += any(f.span.start <= pos < f.span.end and f.category == CATEGORY for f in result.findings)
    return found / len(pairs)


def slip_recall(engine: Engine) -> float:
    """Share of tests/data/grammar-slips.txt sentences with a grammar-typos warning inside the sentence."""
    lines = (ROOT / "tests" / "data" / "grammar-slips.txt").read_text(encoding="utf-8").splitlines()
    slips = [line for line in lines if line.strip() and not line.startswith("#")]
    found = 0
    for slip in slips:
        text = CARRIER.format(s1="", s2=slip)
        start = text.index(slip)
        found += any(start <= f.span.start < start + len(slip) for f in flagged(engine.lint(text, "slip.txt")))
    return found / len(slips)


def misfires(url: str, folders: list[Path]) -> None:
    """LanguageTool rules behind grammar-typos warnings on clean drafts, and their raw match counts."""
    engine = Engine("languagetool", url)
    reported, raw = Counter(), Counter()
    examples: dict[str, list[str]] = {}
    for folder in folders:
        for name, expected, body in labelled_drafts(folder, True):
            if expected:
                continue
            result = engine.lint(body, name.replace(".md", ".txt"))
            issues = [i for i in result.draft.grammar.issues if i.engine == "languagetool"]
            raw.update(i.rule_id for i in issues)
            for f in flagged(result):
                for i in issues:
                    if i.start < f.span.end and f.span.start < i.end:
                        reported[i.rule_id] += 1
                        examples.setdefault(i.rule_id, []).append(
                            f"{folder.name}/{name}: {result.draft.text[i.start:i.end]!r} ({f.rule})")
    print("| LanguageTool rule | warnings on clean drafts | raw matches | e.g. |\n|---|---|---|---|")
    for rule, n in reported.most_common():
        print(f"| {rule} | {n} | {raw[rule]} | {examples[rule][0]} |")
    print("\nraw matches on clean drafts (all rules):", dict(raw.most_common()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus" / "real"])
    parser.add_argument("--languagetool-url", default="http://127.0.0.1:8081")
    parser.add_argument("--engines", default="harper,languagetool,both")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds over the drafts (default 3)")
    parser.add_argument("--misfires", action="store_true",
                        help="list the LanguageTool rules that raise warnings on clean drafts")
    args = parser.parse_args()
    if args.misfires:
        misfires(args.languagetool_url, args.folders)
        return 0
    drafts = [d for folder in args.folders for d in labelled_drafts(folder, True)]
    print(f"{len(drafts)} labelled drafts; grammar-typos counts per draft (warning or error).\n")
    print("| engine | precision | recall | TP | FP | FN | clean drafts flagged | seeded-typo recall | "
          "grammar-slip recall | median ms per draft |\n|---|---|---|---|---|---|---|---|---|---|")
    engines = [Engine(name, args.languagetool_url) for name in args.engines.split(",")]
    cost = costs(engines, drafts, args.rounds)  # also warms every engine up
    for engine in engines:
        s = corpus_scores(engine, drafts)
        print(f"| {engine.name} | {s['precision']:.2f} | {s['recall']:.2f} | {s['tp']} | {s['fp']} | {s['fn']} | "
              f"{s['clean']} | {seeded_recall(engine):.2f} | {slip_recall(engine):.2f} | {cost[engine.name]:.0f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
