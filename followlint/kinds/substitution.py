"""``kind: substitution`` — flag an observed word and offer the preferred one as a fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from followlint.core.finding import Edit, Finding, Fix, Span
from followlint.kinds.base import RuleSource, check_keys, compile_pattern, finditer, meta_from
from followlint.core.rule import BaseRule

EXTRA_KEYS = {"swap": dict, "fix": str}


@dataclass(frozen=True)
class SubstitutionOptions:
    exceptions: tuple[str, ...] = ()


class SubstitutionRule(BaseRule):
    Options = SubstitutionOptions

    def __init__(self, src: RuleSource) -> None:
        check_keys(src, EXTRA_KEYS, ("swap",))
        swap = src.data["swap"]
        if not swap or not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
            raise src.error("swap", "'swap' must map observed text to preferred text")
        fix = src.data.get("fix", "unsafe")
        if fix not in ("safe", "unsafe", "none"):
            raise src.error("fix", "'fix' must be safe, unsafe or none")
        self.meta = meta_from(src, "body", fix="never" if fix == "none" else "always")
        self.fix_mode = fix
        ignorecase = src.data.get("ignorecase", True)
        self.swaps = [(compile_pattern(src, "swap", rf"(?<![\w'’])(?:{observed})(?![\w'’])", ignorecase), preferred)
                      for observed, preferred in sorted(swap.items(), key=lambda kv: -len(kv[0]))]
        self.message = src.data["message"]

    def check(self, draft, options: SubstitutionOptions) -> Iterator[Finding]:
        skip = {e.lower() for e in options.exceptions}
        taken: list[Span] = []
        for scope in draft.scope_spans(self.meta.scope):
            for pattern, preferred in self.swaps:
                for m in finditer(pattern, draft.analysis, scope.start, scope.end):
                    span = Span(m.start(), m.end())
                    if m.group(0).lower() in skip or any(span.overlaps(t) for t in taken):
                        continue
                    taken.append(span)
                    # "\1" in the preferred text repeats a group of the observed pattern ("discussed about" -> "discussed").
                    replacement = _match_case(m.group(0), m.expand(preferred) if "\\" in preferred else preferred)
                    fix = None
                    if self.fix_mode != "none":
                        fix = Fix((Edit(span.start, span.end, replacement),), f"Replace with '{replacement}'",
                                  safe=self.fix_mode == "safe")
                    yield self.finding(span, self.message.format(match=m.group(0), suggestion=replacement),
                                       suggestions=(replacement,), fix=fix)


def _match_case(observed: str, preferred: str) -> str:
    if observed[:1].isupper() and preferred[:1].islower():
        return preferred[:1].upper() + preferred[1:]
    return preferred
