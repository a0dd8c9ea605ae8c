#!/usr/bin/env python3
"""Seeded-typo recall on real clean drafts: one misspelling from tests/data/common-misspellings.txt
planted in each clean draft (expected: []) of the given folders, found or not at warning or error.

Where the draft already uses the word the misspelling stands for, that word is misspelt in place (the
typo then sits in the writer's own sentence, capitalised or not); otherwise a short sentence carrying it
is added after the body's first sentence. Each of the 175 misspellings is planted once, cycling through
the drafts.

    python scripts/seeded_typos.py tests/drafts/unseen/tune tests/drafts/unseen/test
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from evaluate import labelled_drafts  # noqa: E402
from followlint.anatomy.draft import parse_draft  # noqa: E402
from followlint.core.config import Config, resolve_rules  # noqa: E402
from followlint.core.engine import Services, lint_draft  # noqa: E402
from followlint.core.finding import Severity  # noqa: E402
from followlint.core.registry import build_registry  # noqa: E402

CARRIER = "Our talk about the {w} in the reporting work stayed with me."


OWN_LIST = ROOT / "tests" / "data" / "common-misspellings.txt"


def pairs(path: Path = OWN_LIST) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(p[0], p[1].split("/")[0]) for p in (line.split() for line in lines if line.strip()
                                                  and not line.startswith("#"))]


def plant(body: str, bad: str, good: str) -> tuple[str, int] | None:
    """``body`` with ``bad`` planted, and where it starts."""
    m = re.search(rf"\b{re.escape(good)}\b", body, re.I)
    if m:
        word = bad[:1].upper() + bad[1:] if m.group(0)[:1].isupper() else bad
        return body[:m.start()] + word + body[m.end():], m.start()
    draft = parse_draft(body, "x.txt")
    if draft.body is None:
        return None
    first = re.search(r"[.!?](?=\s)", body[draft.body.start:draft.body.end])
    at = draft.body.start + first.end() if first else draft.body.end
    sentence = " " + CARRIER.format(w=bad)
    return body[:at] + sentence + body[at:], at + sentence.index(bad)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--verbose", action="store_true", help="list the misses")
    parser.add_argument("--misspellings", type=Path, default=OWN_LIST,
                        help="another list in the same format (a larger, independent sample, e.g. from codespell)")
    args = parser.parse_args()
    clean = [(name, body) for folder in args.folders
             for name, expected, body in labelled_drafts(folder, True) if not expected]
    registry = build_registry(include_plugins=False)
    active = resolve_rules(Config(), registry)
    services = Services()
    found = total = 0
    missed = []
    for j, (bad, good) in enumerate(pairs(args.misspellings)):
        name, body = clean[j % len(clean)]
        planted = plant(body, bad, good)
        if planted is None:
            continue
        text, pos = planted
        result = lint_draft(parse_draft(text, name.replace(".md", ".txt")), active, services)
        total += 1
        if any(f.span.start <= pos < f.span.end and f.category == "grammar-typos" and f.severity >= Severity.WARNING
               for f in result.findings):
            found += 1
        else:
            missed.append(f"{bad} ({name})")
    print(f"seeded-typo recall at warning: {found} of {total} = {found / total:.3f} "
          f"({len(clean)} clean drafts)")
    if args.verbose and missed:
        print("missed: " + ", ".join(missed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
