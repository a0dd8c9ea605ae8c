"""Speed work must not change what followlint finds: the findings on the test drafts, the examples and
(when present) the shared corpus equal a stored expectation (tests/data/expected/, made with
tests/results_snapshot.py from the output before the speed work).

The date is pinned to the day the expectation was made: timeliness checks compare against today.
To refresh an expectation after a deliberate change of a rule's verdicts:

    followlint check tests/drafts --output-format json --no-cache > run.json
    python tests/results_snapshot.py run.json tests/drafts > tests/data/expected/tests-drafts.json
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from followlint.anatomy import draft as draft_module
from results_snapshot import normalise

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "data" / "expected"
SNAPSHOT_DAY = dt.date(2026, 12, 4)


def _corpus() -> Path | None:
    for candidate in (ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus",
                      Path("/work/shared/corpus")):
        if candidate.is_dir():
            return candidate
    return None


@pytest.mark.parametrize("name, folder", [("tests-drafts", ROOT / "tests" / "drafts"),
                                          ("examples", ROOT / "examples"),
                                          ("shared-corpus", None)])
def test_findings_equal_the_stored_expectation(cli, monkeypatch, name, folder):
    folder = folder or _corpus()
    if folder is None:
        pytest.skip("shared corpus not present")
    monkeypatch.setattr(draft_module, "today", lambda: SNAPSHOT_DAY)
    expected = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    for extra in ([], ["--jobs", "1"]) if name == "examples" else ([],):
        got = normalise(cli("check", str(folder), "--output-format", "json", "--no-cache", *extra).json, str(folder))
        assert sorted(got) == sorted(expected)
        changed = {path: got[path] for path in got if got[path] != expected[path]}
        assert not changed, f"{len(changed)} drafts' findings changed, e.g. {next(iter(changed))}"
