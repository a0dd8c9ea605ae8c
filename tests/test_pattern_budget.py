"""The pattern time bound counts the CPU a pattern used, not the time it waited for the CPU.

A cold run warms spaCy and Harper in a background thread that holds the GIL for long stretches, and
a pre-commit hook may run on a loaded machine: a pattern that needs microseconds then waits a quarter
of a second on the wall clock. That once turned good drafts into ``rule-timeout`` errors (exit 2).
"""

from __future__ import annotations

import time

import pytest
import regex

from followlint.kinds import base
from followlint.kinds.base import PatternBudget, PatternTimeout, finditer


class StarvedPattern:
    """Behaves like a pattern whose thread got no CPU for the first ``starved`` calls."""

    def __init__(self, starved: int) -> None:
        self.real = regex.compile(r"\bthanks\b")
        self.pattern = self.real.pattern
        self.starved = starved
        self.walls: list[float] = []

    def finditer(self, text, start, end, timeout):
        self.walls.append(timeout)
        if len(self.walls) <= self.starved:
            time.sleep(timeout)  # waiting, not computing: no CPU used
            raise TimeoutError("regex timed out")
        return self.real.finditer(text, start, end, timeout=timeout)


class BusyPattern:
    """Behaves like a catastrophic pattern: it burns CPU until its time runs out (CPU time, so the test
    means the same on a loaded machine)."""

    pattern = "(a+)+$"

    def __init__(self) -> None:
        self.calls = 0

    def finditer(self, text, start, end, timeout):
        self.calls += 1
        until = time.thread_time() + timeout
        while time.thread_time() < until:
            pass
        raise TimeoutError("regex timed out")


def test_a_starved_pattern_is_retried_and_finds_its_matches(monkeypatch):
    monkeypatch.setattr(base, "PATTERN_TIMEOUT", 0.05)
    text = "Many thanks for your time."
    pattern = StarvedPattern(starved=2)
    matches = finditer(pattern, text, 0, len(text))  # type: ignore[arg-type]
    assert [m.group() for m in matches] == ["thanks"]
    assert len(pattern.walls) == 3 and pattern.walls[1] > pattern.walls[0]


def test_waiting_does_not_spend_the_rules_budget(monkeypatch):
    monkeypatch.setattr(base, "PATTERN_TIMEOUT", 0.05)
    budget = PatternBudget(30)
    text = "Many thanks for your time."
    with budget.rule():
        finditer(StarvedPattern(starved=1), text, 0, len(text))  # type: ignore[arg-type]
    assert budget.draft_used < 0.05


def test_a_pattern_that_burns_its_cpu_budget_still_times_out(monkeypatch):
    monkeypatch.setattr(base, "PATTERN_TIMEOUT", 0.05)
    pattern = BusyPattern()
    with pytest.raises(PatternTimeout, match="catastrophic backtracking"):
        finditer(pattern, "a" * 40 + "b", 0, 41)  # type: ignore[arg-type]
    assert pattern.calls == 1  # no retry when the time went into matching


def test_a_real_catastrophic_pattern_is_stopped():
    started = time.monotonic()
    with pytest.raises(PatternTimeout):
        finditer(regex.compile(r"(a|aa)+$"), "a" * 60 + "b", 0, 61)
    assert time.monotonic() - started < 5
