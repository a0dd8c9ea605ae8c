#!/usr/bin/env python3
"""Write docs/rules.md, the rules reference, from the registry (tests/test_docs.py checks it is current).

    python scripts/rules_doc.py            # print the reference
    python scripts/rules_doc.py --write    # replace docs/rules.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from followlint.core.registry import build_registry
from followlint.core.ruledoc import reference

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def main() -> int:
    text = reference(list(build_registry(include_plugins=False)))
    if "--write" in sys.argv[1:]:
        TARGET.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
