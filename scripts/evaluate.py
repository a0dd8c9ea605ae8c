#!/usr/bin/env python3
"""Accuracy of followlint on labelled folders of drafts.

Each draft has YAML front matter with ``expected: [categories]``. Only the text after
the front matter is linted (the labels and notes must not leak into the checks, and
the draft's declared kind is not given to followlint: it must detect it). A category
counts as found when followlint reports at least one finding of that category at
warning or error. Prints per-category precision and recall and how many clean drafts
(expected: []) were flagged; ``--per-rule`` adds each rule's precision, on the clean
drafts and on all drafts.

    python scripts/evaluate.py tests/drafts/unseen/test          # the held-out split: report this one
    python scripts/evaluate.py tests/drafts/unseen/tune --details   # every miss and false alarm
    python scripts/evaluate.py tests/drafts/unseen/test --per-rule
    python scripts/evaluate.py tests/drafts/heldout              # good/KINDS.tsv + bad/LABELS.tsv layout
    python scripts/evaluate.py tests/drafts/unseen/test --engine both   # with LanguageTool (running, or local-server)
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent  # run with the project's venv: followlint must be installed

from followlint.core.config import Config, parse_config, resolve_rules  # noqa: E402
from followlint.anatomy.draft import _FRONT_MATTER, parse_draft  # noqa: E402
from followlint.core.engine import Services, lint_draft  # noqa: E402
from followlint.core.finding import Severity  # noqa: E402
from followlint.core.registry import build_registry  # noqa: E402

CORE = ["grammar-typos", "casual-tone", "excessive-length", "missing-interviewer-name", "generic-phrasing",
        "missing-closing-or-contact", "unfilled-placeholder"]
EXTRA = ["demanding-tone", "panel-incomplete", "timeliness", "structure", "duplicate-message"]


def load(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1)) or {}, text[m.end():]


def labelled_drafts(folder: Path, fragments: bool):
    """(name, expected categories, text) for each labelled draft of ``folder``.

    Two layouts: Markdown drafts with YAML front matter (``expected: [...]``), searched
    recursively, or a held-out set with ``good/KINDS.tsv`` (every draft listed there expects
    nothing) and ``bad/LABELS.tsv`` (``file<TAB>label,label``; tests/drafts/heldout)."""
    kinds, labels = folder / "good" / "KINDS.tsv", folder / "bad" / "LABELS.tsv"
    if kinds.is_file() or labels.is_file():
        for tsv, sub in ((kinds, "good"), (labels, "bad")):
            if not tsv.is_file():
                continue
            for line in tsv.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    name, value = line.split("\t", 1)
                    expected = set() if sub == "good" else {v.strip() for v in value.split(",") if v.strip()}
                    yield f"{sub}/{name}", expected, (folder / sub / name).read_text(encoding="utf-8")
        return
    for path in sorted(folder.rglob("*.md")):
        if path.name.upper() in ("INDEX.MD", "SUMMARY.MD", "README.MD"):
            continue
        meta, body = load(path)
        if "expected" not in meta or (meta.get("fragment") and not fragments):
            continue
        yield str(path.relative_to(folder)), set(meta.get("expected") or []), body


@dataclass
class RuleTally:
    fired: int = 0       # drafts where the rule reported at warning or error
    right: int = 0       # ... and the draft is labelled with the rule's category
    clean_fired: int = 0  # clean drafts (expected: []) where it reported at warning or error
    examples: list = field(default_factory=list)


def evaluate(folders: list[Path], details: bool, fragments: bool, per_rule: bool, grammar: dict | None = None) -> int:
    registry = build_registry(include_plugins=False)
    cfg = parse_config({"grammar": grammar}, None) if grammar else Config()
    active = resolve_rules(cfg, registry)
    services = Services()
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    rules: dict[str, RuleTally] = defaultdict(RuleTally)
    kinds: dict[str, RuleTally] = defaultdict(RuleTally)  # grammar findings by the engine lint kind behind them
    clean_total = clean_flagged = files = 0
    log = []
    for folder in folders:
        for name, expected, body in labelled_drafts(folder, fragments):
            files += 1
            draft = parse_draft(body, name.replace(".md", ".txt"))
            result = lint_draft(draft, active, services, config=cfg)
            found: dict[str, list] = defaultdict(list)
            for f in result.findings:
                if f.severity >= Severity.WARNING:
                    found[f.category].append(f)
            for key in {_kind_key(draft, f) for fs in found.values() for f in fs if f.category == "grammar-typos"}:
                tally = kinds[key]
                tally.fired += 1
                tally.right += "grammar-typos" in expected
                if not expected:
                    tally.clean_fired += 1
            for rule in {f.rule: f for fs in found.values() for f in fs}.values():
                tally = rules[rule.rule]
                tally.fired += 1
                tally.right += rule.category in expected
                if not expected:
                    tally.clean_fired += 1
                    tally.examples.append(f"{name}: '{draft.text[rule.span.start:rule.span.end][:40]}'")
            if not expected:
                clean_total += 1
                if found:
                    clean_flagged += 1
            for cat in set(CORE + EXTRA) | expected | set(found):
                hit, want = cat in found, cat in expected
                if hit and want:
                    tp[cat] += 1
                elif hit:
                    fp[cat] += 1
                    log.append(f"FP {cat:28} {folder.name}/{name}: " + "; ".join(
                        f"{f.rule} '{draft.text[f.span.start:f.span.end][:40]}'" for f in found[cat][:3]))
                elif want:
                    fn[cat] += 1
                    log.append(f"FN {cat:28} {folder.name}/{name}")
    print(f"{files} drafts from {', '.join(str(f) for f in folders)}"
          f"{'' if fragments else ' (fragments left out)'}; findings at warning or error count.\n")
    print(f"| {'category':28} | precision | recall | TP | FP | FN |")
    print(f"|{'-' * 30}|-----------|--------|----|----|----|")
    for cat in CORE + EXTRA:
        t, p, n = tp[cat], fp[cat], fn[cat]
        if t + p + n == 0:
            continue
        prec = f"{t / (t + p):.2f}" if t + p else "  –"
        rec = f"{t / (t + n):.2f}" if t + n else "  –"
        print(f"| {cat:28} | {prec:>9} | {rec:>6} | {t:2} | {p:2} | {n:2} |")
    share = f" ({clean_flagged / clean_total:.0%})" if clean_total else ""
    print(f"\nClean drafts (expected: []) flagged: {clean_flagged} of {clean_total}{share}")
    if per_rule:
        print_rules(rules, clean_total)
        print_rules(kinds, clean_total, label="grammar finding by lint kind")
    for note in services.notes:  # e.g. LanguageTool unreachable: the figures are Harper's then
        print(f"note: {note}")
    if details:
        print("\n" + "\n".join(sorted(log)))
    return 0


def _kind_key(draft, finding) -> str:
    """'rule: engine kind' of a grammar finding: the lint kind of the engine issue it came from (Harper's
    Spelling, Capitalization, ...), or 'own' for followlint's own grammar checks."""
    report = getattr(draft, "grammar", None)
    span = finding.span
    for issue in getattr(report, "issues", None) or ():
        if issue.start < max(span.end, span.start + 1) and span.start < max(issue.end, issue.start + 1):
            return f"{finding.rule}: {issue.engine} {issue.kind}"
    return f"{finding.rule}: own"


def print_rules(rules: dict[str, RuleTally], clean_total: int, label: str = "rule") -> None:
    """Each rule (or lint kind) that reported at warning or error: precision over all drafts and on the
    clean ones ("clean precision" = share of clean drafts it left alone; below 0.95 it should not warn)."""
    if not rules:
        return
    width = max(26, *(len(n) for n in rules))
    print(f"\n| {label:{width}} | fired | precision | clean drafts flagged | clean precision |")
    print(f"|{'-' * (width + 2)}|-------|-----------|----------------------|-----------------|")
    for name, t in sorted(rules.items(), key=lambda kv: (-kv[1].clean_fired, kv[0])):
        clean_prec = f"{1 - t.clean_fired / clean_total:.2f}" if clean_total else "–"
        print(f"| {name:{width}} | {t.fired:5} | {t.right / t.fired:9.2f} | {t.clean_fired:20} | {clean_prec:>15} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[ROOT / "tests" / "drafts" / "unseen" / "test"])
    parser.add_argument("--details", action="store_true", help="list every false alarm and miss")
    parser.add_argument("--per-rule", action="store_true", help="each rule's precision, on clean drafts too")
    parser.add_argument("--no-fragments", dest="fragments", action="store_false",
                        help="leave out drafts marked fragment: true")
    parser.add_argument("--engine", choices=("harper", "languagetool", "both"), default=None,
                        help="the grammar engine (default: the default config's, harper)")
    parser.add_argument("--languagetool-url", default=None, help="a running LanguageTool (default: local-server)")
    args = parser.parse_args()
    missing = [f for f in args.folders if not f.is_dir()]
    if missing:
        print(f"no such folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    grammar = None
    if args.engine:
        grammar = {"engine": args.engine, "timeout": 30.0}
        grammar.update({"languagetool-url": args.languagetool_url} if args.languagetool_url else {"local-server": True})
    return evaluate(args.folders, args.details, args.fragments, args.per_rule, grammar)


if __name__ == "__main__":
    raise SystemExit(main())
