"""Rules with known fixes for the fixer and reporter tests, injected as a plugin.

They do not depend on the shipped rules (which other work changes), so the tests
pin the fixer's behaviour, not the rules'. Select them with ``--select TST``.
"""

from __future__ import annotations

import re

import pytest

from followlint.core.finding import Edit, Fix, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

SWAPS = {"thx": ("thanks", True), "gonna": ("going to", False), "u": ("you", True)}
_SWAP = re.compile(r"(?<![\w'])(thx|gonna|u)(?![\w'])", re.I)


class SwapRule(BaseRule):
    """thx -> thanks (safe), u -> you (safe), gonna -> going to (unsafe)."""

    meta = RuleMeta(name="test-swap", code="TST101", category="casual-tone", severity=Severity.WARNING,
                    summary="Test: chat-speak with a replacement.", fix="always",
                    docs=RuleDocs(what="Chat-speak (test rule).", why="Tests need a fix.", example="thx",
                                  instead="thanks", fix_safety="'gonna' is unsafe."))

    def check(self, draft, options):
        for m in _SWAP.finditer(draft.analysis):
            word = m.group(1)
            replacement, safe = SWAPS[word.lower()]
            if word[0].isupper():
                replacement = replacement[0].upper() + replacement[1:]
            yield self.finding(Span(m.start(), m.end()), f"'{word}': write '{replacement}'.",
                               suggestions=(replacement,),
                               fix=Fix((Edit(m.start(), m.end(), replacement),), f"Replace with '{replacement}'",
                                       safe=safe))


class BangRule(BaseRule):
    """'!!' or more -> '!' (safe); overlaps nothing else."""

    meta = RuleMeta(name="test-bang", code="TST102", category="casual-tone", severity=Severity.WARNING,
                    summary="Test: repeated exclamation marks.", fix="always")

    def check(self, draft, options):
        for m in re.finditer(r"!{2,}", draft.analysis):
            yield self.finding(Span(m.start(), m.end()), "One '!' is enough.",
                               fix=Fix((Edit(m.start(), m.end(), "!"),), "Use one '!'", safe=True))


class SignOffRule(BaseRule):
    """No 'Best regards' anywhere -> insert a two-line sign-off at the end (a multi-line insertion)."""

    meta = RuleMeta(name="test-sign-off", code="TST103", category="structure", severity=Severity.INFO,
                    summary="Test: add a sign-off.", fix="always")

    def check(self, draft, options):
        if "Best regards" in draft.analysis or not draft.text.strip():
            return
        end = len(draft.text)
        sep = "" if draft.text.endswith(("\n", "\r")) else "\n"
        yield self.finding(Span(end, end), "Add a sign-off.",
                           fix=Fix((Edit(end, end, f"{sep}\nBest regards,\nSam\n"),), "Add a sign-off", safe=True))


class GreetingRule(BaseRule):
    """'Hey' -> 'Hi' and the greeting's '!' -> ',' as ONE fix with two edits (all or nothing)."""

    meta = RuleMeta(name="test-greeting", code="TST104", category="casual-tone", severity=Severity.WARNING,
                    summary="Test: casual greeting.", fix="always")

    def check(self, draft, options):
        m = re.match(r"Hey( \w+)(!+)", draft.analysis)
        if m:
            yield self.finding(Span(0, m.end()), "Use 'Hi NAME,'.",
                               fix=Fix((Edit(0, 3, "Hi"), Edit(m.start(2), m.end(2), ",")), "Use 'Hi NAME,'",
                                       safe=True))


TEST_RULES = (SwapRule, BangRule, SignOffRule, GreetingRule)


@pytest.fixture
def fix_rules(monkeypatch):
    """Register the test rules as if an installed plugin provided them."""
    import followlint.core.registry as registry

    monkeypatch.setattr(registry, "plugin_items", lambda: [("followlint-test-rules", cls()) for cls in TEST_RULES])
