"""One way to name rules everywhere (config, CLI, suppression comments).

A selector matches a rule by its name (``casual-greeting``), its code
(``T100``), a code prefix (``T``, ``T1``), its category (``casual-tone``) or ``ALL``.
"""

from __future__ import annotations

import re
from typing import Iterable

_CODE_PREFIX = re.compile(r"^[A-Z]{1,4}[0-9]{0,3}$")


def matches(selector: str, meta) -> bool:
    sel = selector.strip()
    if not sel:
        return False
    if sel.upper() == "ALL":
        return True
    if sel == meta.name or sel == meta.category:
        return True
    return bool(_CODE_PREFIX.match(sel)) and meta.code.startswith(sel)


def any_match(selectors: Iterable[str], meta) -> bool:
    return any(matches(s, meta) for s in selectors)


def specificity(selector: str, meta) -> int:
    """Longer, more precise selectors win when select and ignore disagree (flake8's DecisionEngine)."""
    sel = selector.strip()
    if sel == meta.name or sel == meta.code:
        return 100
    if sel == meta.category:
        return 50
    if sel.upper() == "ALL":
        return 0
    return len(sel)


def split_list(value: str) -> list[str]:
    return [part for part in re.split(r"[\s,]+", value.strip()) if part]
