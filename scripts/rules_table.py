#!/usr/bin/env python3
"""Print the README's rule table from the registry (tests/test_registry.py checks the README against it).

    python scripts/rules_table.py            # print the table
    python scripts/rules_table.py --write    # replace the table in README.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from followlint.core.registry import build_registry

HEADER = "| code | name | category | default | what it flags |\n|---|---|---|---|---|\n"
README = Path(__file__).resolve().parent.parent / "README.md"


def table() -> str:
    rules = build_registry(include_plugins=False).rules
    rules = rules.values() if isinstance(rules, dict) else rules
    rows = [f"| {r.meta.code} | `{r.meta.name}` | {r.meta.category} | {r.meta.severity} | {r.meta.summary} |"
            for r in sorted(rules, key=lambda r: r.meta.code)]
    return HEADER + "\n".join(rows)


def main() -> int:
    if "--write" not in sys.argv[1:]:
        print(table())
        return 0
    text = README.read_text(encoding="utf-8")
    start = text.index(HEADER)
    end = text.index("\n\n", start)
    README.write_text(text[:start] + table() + text[end:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
