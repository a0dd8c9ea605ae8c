"""duplicate-message: the run-level pass across drafts (followlint.checks.duplicate_message)."""

from __future__ import annotations

import random
import time

import pytest

from followlint.checks import duplicate_message as duplicates
from followlint.anatomy.context import DraftContext
from followlint.anatomy.draft import parse_draft

TEMPLATE = """---
interviewers: {name}
company: {company}
role: {role}
---

Dear {first},

Thank you so much for taking the time to meet with me today about the {role} position at {company}. I truly
enjoyed our conversation and learning more about the team and its goals.

I am very excited about the opportunity to contribute to {company}. My background in customer support and
troubleshooting would allow me to make a strong contribution from the first {when}.

Thank you again for your time and consideration. I look forward to hearing from you about the next steps{tail}.

Sincerely,
Chris Doyle
"""

OTHER = """Hi Dana,

Thanks for walking me through the warehouse scanner rollout on Tuesday. The idea of replacing the paper pick
lists with handhelds in two phases made a lot of sense, and I liked how candid you were about the first pilot.

At Fenwick I ran a similar rollout for three depots, so I would be glad to help plan the second phase.

Best regards,
Chris Doyle
"""


def _note(company, role, name, when="day", tail=""):
    return TEMPLATE.format(company=company, role=role, name=name, first=name.split()[0], when=when, tail=tail)


def _dups(doc):
    return {f["path"].rsplit("/", 1)[-1]: [x for x in f["findings"] if x["rule"] == "duplicate-message"]
            for f in doc["files"]}


@pytest.fixture
def pair(write):
    a = write("drafts/acme.md", _note("Acme Robotics", "Support Engineer", "Rachel Kim"))
    write("drafts/globex.md", _note("Globex Systems", "Technical Support Specialist", "Oliver Grant",
                                        when="week", tail=" in the hiring process"))
    write("drafts/other.md", OTHER)
    return a.parent


def test_near_identical_notes_to_two_employers_are_flagged_on_each(cli, pair):
    r = cli("check", str(pair), "--output-format", "json", "--no-cache")
    found = _dups(r.json)
    assert len(found["acme.md"]) == 1 and len(found["globex.md"]) == 1
    assert found["other.md"] == []
    f = found["acme.md"][0]
    assert f["code"] == "D200" and f["severity"] == "warning" and f["category"] == "duplicate-message"
    assert "globex.md" in f["message"]
    assert (f["line"], f["column"]) == (9, 1)  # the body's first line
    assert r.code == 1


def test_turned_off_by_flag_config_and_ignore(cli, pair, write):
    assert not any(_dups(cli("check", str(pair), "--output-format", "json", "--no-duplicates").json).values())
    assert not any(_dups(cli("check", str(pair), "--output-format", "json", "--ignore", "D200").json).values())
    write("drafts/.followlint.toml", "duplicates = false\n")
    assert not any(_dups(cli("check", str(pair), "--output-format", "json", "--no-cache").json).values())


def test_severity_from_config_and_inline_suppression(cli, pair, write):
    write("drafts/.followlint.toml", '[rules.duplicate-message]\nseverity = "error"\n')
    text = (pair / "acme.md").read_text(encoding="utf-8")
    write("drafts/acme.md", text.replace("Dear Rachel,", "<!-- followlint-disable-file duplicate-message -->\n"
                                                        "Dear Rachel,"))
    found = _dups(cli("check", str(pair), "--output-format", "json", "--no-cache").json)
    assert found["acme.md"] == []
    assert [f["severity"] for f in found["globex.md"]] == ["error"]


def test_same_company_is_not_several_employers(cli, write):
    a = write("d/one.md", _note("Acme Robotics", "Support Engineer", "Rachel Kim"))
    write("d/two.md", _note("Acme Robotics", "Support Engineer", "Oliver Grant"))
    assert not any(_dups(cli("check", str(a.parent), "--output-format", "json", "--no-cache").json).values())


def test_found_again_from_the_cache_and_with_workers(cli, pair, tmp_path):
    cache = str(tmp_path / "cache")
    for _ in range(2):  # cold, then every result from the cache
        found = _dups(cli("check", str(pair), "--output-format", "json", "--cache-dir", cache, "-j", "2").json)
        assert len(found["acme.md"]) == 1 and len(found["globex.md"]) == 1


def test_short_bodies_are_skipped():
    drafts = [parse_draft("Hi Dana,\n\nThank you for your time today.\n\nBest,\nJo\n", f"{i}.txt") for i in range(2)]
    assert all(len(duplicates.masked_words(d)) < duplicates.MIN_WORDS for d in drafts)


def test_masking_hides_names_companies_roles_and_numbers():
    ctx = DraftContext(interviewers=("Rachel Kim",), company="Acme Robotics", role="support engineer")
    d = parse_draft("Dear Rachel,\n\nThank you for the support engineer interview at Acme Robotics on 3 March.\n",
                    "a.txt", context=ctx)
    assert duplicates.masked_words(d) == ["thank", "you", "for", "the", "<role>", "interview", "at", "<org>",
                                          "on", "<num>", "<cap>"]


def _entries(texts):
    return [duplicates._Entry(i, f"{i}.txt", None, t) for i, t in enumerate(texts)]


def _random_note(rng, words):
    return " ".join(rng.choice(words) for _ in range(rng.randint(60, 120)))


def test_scales_linearly_without_all_pairs(monkeypatch):
    """10,000 drafts: 2,000 copies of one template, a few small clusters, the rest distinct."""
    rng = random.Random(7)
    words = [f"w{i}" for i in range(3000)]
    template = _random_note(rng, words)
    texts = [template + f" tail{i % 3}" for i in range(2000)]
    for _ in range(500):  # pairs with one word changed
        base = _random_note(rng, words).split()
        texts.append(" ".join(base))
        base[len(base) // 2] = "changed"
        texts.append(" ".join(base))
    texts += [_random_note(rng, words) for _ in range(7000)]
    calls = 0
    real = duplicates.similarity

    def counting(a, b, cutoff=0):
        nonlocal calls
        calls += 1
        return real(a, b, cutoff)

    monkeypatch.setattr(duplicates, "similarity", counting)
    start = time.perf_counter()
    groups = duplicates.duplicate_groups(_entries(texts))
    elapsed = time.perf_counter() - start
    sizes = sorted(len(g) for g in groups)
    assert sizes[-1] == 2000 and sizes.count(2) == 500 and len(sizes) == 501
    assert calls < 3 * len(texts), calls  # all pairs would be 50 million
    assert elapsed < 60, elapsed


def test_groups_are_deterministic():
    rng = random.Random(1)
    words = [f"w{i}" for i in range(500)]
    base = _random_note(rng, words)
    texts = [base, _random_note(rng, words), base + " extra", base]
    first = [[e.index for e in g] for g in duplicates.duplicate_groups(_entries(texts))]
    assert first == [[0, 2, 3]]
    assert first == [[e.index for e in g] for g in duplicates.duplicate_groups(_entries(texts))]


def test_corpus_has_no_duplicates(cli):
    from pathlib import Path

    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("shared corpus not present")
    r = cli("check", str(corpus), "--output-format", "json", "--select", "D200", "--no-cache")
    assert not any(_dups(r.json).values())


def _masked(text):
    return " ".join(duplicates.masked_words(parse_draft(text, "x.md")))


def test_threshold_separates_edited_copies_from_tailored_notes():
    a = _note("Acme Robotics", "Support Engineer", "Rachel Kim")
    b = _note("Globex Systems", "Technical Support Specialist", "Oliver Grant", when="week")
    reworded = b.replace("I truly\nenjoyed our conversation and learning more about the team and its goals.",
                         "It was great to hear how the group plans its next year.")
    added = reworded.replace("Sincerely,", "I have attached my portfolio for reference.\n\nSincerely,")
    tailored = added.replace("My background in customer support and\ntroubleshooting would allow me to make a "
                             "strong contribution from the first week.",
                             "I bring years of hands-on experience with ticketing tools.")
    for variant in (b, reworded, added):
        assert duplicates.similarity(_masked(a), _masked(variant)) >= duplicates.THRESHOLD
        assert len(duplicates.duplicate_groups(_entries([_masked(a), _masked(variant)]))) == 1
    assert duplicates.similarity(_masked(a), _masked(tailored)) < duplicates.THRESHOLD
    assert duplicates.duplicate_groups(_entries([_masked(a), _masked(tailored), _masked(OTHER)])) == []


def test_a_staged_draft_is_compared_with_the_rest_of_the_repository(cli, write, tmp_path):
    """A pre-commit hook passes only the staged draft: the committed copy under the same config root
    still makes it a duplicate (sketched once, then read from the sketch index in the cache)."""
    write("repo/.followlint.toml", "")
    old = write("repo/sent/acme.md", _note("Acme Robotics", "Support Engineer", "Rachel Kim"))
    write("repo/sent/other.md", OTHER)
    new = write("repo/drafts/globex.md", _note("Globex Systems", "Technical Support Specialist", "Oliver Grant"))
    for _ in range(2):  # the second run reads the other drafts' sketches from the index
        found = _dups(cli("check", str(new), "--output-format", "json").json)
        assert list(found) == ["globex.md"] and len(found["globex.md"]) == 1
        assert "acme.md" in found["globex.md"][0]["message"] and "other.md" not in found["globex.md"][0]["message"]
    import os
    from pathlib import Path

    assert list(Path(os.environ["FOLLOWLINT_CACHE_DIR"]).glob("sketches/*.json"))
    old.write_text(OTHER.replace("Dana", "Sam"), encoding="utf-8")  # the committed copy changed: no duplicate
    assert _dups(cli("check", str(new), "--output-format", "json").json)["globex.md"] == []
    assert _dups(cli("check", str(new), "--output-format", "json", "--no-cache").json)["globex.md"] == []


def test_a_draft_outside_a_configured_folder_is_compared_with_the_run_only(cli, pair):
    found = _dups(cli("check", str(pair / "acme.md"), "--output-format", "json").json)
    assert found["acme.md"] == []
