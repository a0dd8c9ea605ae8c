"""duplicate-message: the same body sent to several employers, found across all drafts of one run.

This is a run-level pass, not a per-draft rule: the runner hands it every FileResult
of the run (in output order) and it appends a finding to each draft whose body is
near-identical to another draft's, then yields the results in the same order.

How it works, and why it stays linear in the number of drafts:

1. **Mask.** Each body (greeting and signature left out) is lower-cased and split into
   words; the draft's own interviewers, company and role, every capitalised word that
   is not a common function word (names, companies, places; the words kept are in
   ``rules/data/duplicate-message.yaml``), and every number become placeholders, so
   "Thank you, Dana, for the Acme interview" and "Thank you, Raj, for the Globex
   interview" mask to the same words.
2. **Sketch.** The masked words are cut into overlapping 3-word shingles; a 96-value
   MinHash signature estimates the Jaccard similarity of two drafts' shingle sets.
3. **Bucket (LSH).** The signature is cut into 32 bands of 3 values; drafts sharing a
   band land in the same bucket. Only drafts that share a bucket are ever compared:
   a pair with Jaccard 0.5 shares a bucket with probability 0.986 (near-duplicates
   below score about 0.55), one with 0.1 (the 99th percentile of unrelated pairs in
   the corpus) with 0.03, and a typical unrelated pair (0.004) almost never.
4. **Verify, a bounded number of times per draft.** Drafts made from one template share
   many buckets without being copies, so a bucket's members alone would make the work
   grow with the square of the number of drafts. Drafts are taken one at a time: a
   bucket keeps at most ``MAX_REPRESENTATIVES`` representatives, one per group found so
   far; a draft's candidates are the representatives of its buckets, ranked by how many
   of the 96 MinHash values they share with it (an estimate of the shingle Jaccard),
   and it is compared with at most ``MAX_COMPARISONS`` of them, best first, skipping
   groups it has already joined. A body equal to an earlier one (after masking) joins
   its group without a comparison. A candidate pair is a duplicate when the masked
   bodies' character-level similarity (rapidfuzz ``ratio``, 0-100) is at least
   ``THRESHOLD`` = 80. Calibrated on the shared corpus (68 drafts, many of them
   templates for the same situations): the most similar pair of *different* notes there
   scores 70. The same five-sentence note with names, company and role swapped scores
   97; with one sentence reworded 89; with a sentence reworded and one added 85; with
   two of its five sentences rewritten 72, by which point it is partly tailored and is
   not reported. 80 sits between 70 and 85 with room on both sides. 10,000 templated
   drafts cost under ``MAX_COMPARISONS`` comparisons each (bench/scale.py measures it).
5. **Report.** Drafts linked by verified pairs form a group; every draft of a group
   with at least two drafts gets one warning naming the others. A group whose drafts
   all name the same company in their context is the same employer, not "several
   employers", and is not reported.

The sketch (masked body, company, signature) is computed when a draft is linted and cached
with its findings, so a warm run re-computes none. A run over some drafts of a configured
folder (a pre-commit hook passes the staged ones) also compares them with the folder's
other drafts: see followlint.run.repository.

Bodies shorter than ``MIN_WORDS`` masked words are skipped: two one-line notes saying
"Thank you for your time today" are not a reused template.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from followlint.core.data import load_data
from followlint.core.finding import FileResult, Finding, Severity, Span
from followlint.core.rule import BaseRule, RuleDocs, RuleMeta

THRESHOLD = 80.0
MIN_WORDS = 12
SHINGLE = 3
BANDS, ROWS = 32, 3
PERMUTATIONS = BANDS * ROWS
MAX_REPRESENTATIVES = 16
#: character-level comparisons per draft, at most (with the best-ranked representatives of other groups)
MAX_COMPARISONS = 8
_PRIME = 4294967311  # smallest prime above 2**32

_TOKEN = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")


@lru_cache(maxsize=1)
def _keep_capitalised() -> frozenset[str]:
    """Words masking keeps when capitalised (rules/data/duplicate-message.yaml), read on first use."""
    return frozenset(load_data("duplicate-message")["keep_capitalised"])


class DuplicateMessage(BaseRule):
    """Registered so the rule can be selected, ignored, configured and documented like any other.

    Its findings come from :func:`find_duplicates`, which needs every draft of the run;
    checking one draft on its own can never find a duplicate, so ``check`` yields nothing.
    """

    meta = RuleMeta(
        name="duplicate-message", code="D200", category="duplicate-message", severity=Severity.WARNING,
        scope="body",
        summary="The same message body sent to several employers (across the drafts of one run).",
        docs=RuleDocs(
            what="Two or more drafts in one run whose bodies are near-identical once names, companies, roles and "
                 "numbers are masked (character similarity 80/100 or more after masking; see the README). Every "
                 "draft of such a group gets one warning naming the others. Groups whose drafts all give the "
                 "same `company` in their context are not reported. Turn the check off with `--no-duplicates` or "
                 "`duplicates = false` in the config.",
            why="A classic follow-up mistake: a note that could be pasted into any application "
                "reads as one. Tailor each message to the specific interview: what you discussed, what you "
                "would bring to that team.",
            example="acme.md:   Thank you for meeting with me about the analyst role at Acme. I am excited ...\n"
                    "globex.md: Thank you for meeting with me about the analyst role at Globex. I am excited ...",
            instead="Keep the shape if you like, but give each note its own middle: the project, question or "
                    "person that only that interview gave you.",
        ),
    )

    def check(self, draft, options) -> Iterator[Finding]:
        return iter(())


# --- masking and sketching --------------------------------------------------------------------------

def masked_words(draft) -> list[str]:
    """The body's words with names, companies, roles, capitalised words and numbers masked."""
    if draft.body is None:
        return []
    text = draft.view(draft.body)
    ctx = draft.context
    marks: dict[str, str] = {}
    for value, tag in [(n, "<name>") for n in ctx.interviewers] + [(ctx.company, "<org>"), (ctx.role, "<role>")]:
        for word in _TOKEN.findall(value or ""):
            marks.setdefault(word.casefold(), tag)
    keep = _keep_capitalised()
    out = []
    for word in _TOKEN.findall(text):
        low = word.casefold()
        if low in marks:
            out.append(marks[low])
        elif any(c.isdigit() for c in word):
            out.append("<num>")
        elif word[0].isupper() and low not in keep:
            out.append("<cap>")
        else:
            out.append(low)
    # runs of one placeholder ("Dana Whitfield", "Acme Data Labs") count once
    collapsed = [w for i, w in enumerate(out) if not (w.startswith("<") and i and out[i - 1] == w)]
    return collapsed


@lru_cache(maxsize=1)
def _coefficients():
    import numpy as np

    rng = np.random.default_rng(20261125)
    a = rng.integers(1, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
    return a, b


def signature(words: list[str]):
    """MinHash of the word shingles: PERMUTATIONS values (numpy uint32: each value's low 32 bits)."""
    import numpy as np

    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64, count=len(shingles))
    a, b = _coefficients()
    # (a * x + b) mod p with a, x < 2**32 and b < 2**32 stays below 2**64: no overflow.
    values = (hashes[:, None] * a[None, :] + b[None, :]) % np.uint64(_PRIME)
    # Values are below p = 2**32 + 15; keeping the low 32 bits merges 15 values out of 4 billion.
    return values.min(axis=0).astype(np.uint32)


#: FileResult.extras key of a draft's sketch (computed when the draft is linted, cached with its findings)
SKETCH = "duplicates"


def sketch(draft) -> dict | None:
    """What the pass needs from one draft, small and JSON-serialisable: the masked body, the
    context's company and the MinHash signature (base64). None for a body too short to compare."""
    words = masked_words(draft)
    if len(words) < MIN_WORDS:
        return None
    anchor = draft.anchor
    return {"text": " ".join(words), "company": draft.context.company, "sig": encode_signature(signature(words)),
            "anchor": [anchor.start, anchor.end]}


def valid_sketch(value: object, text_length: int) -> bool:
    """Whether ``value`` has the shape :func:`sketch` gives (None included): a cache entry is data from
    disk, and the pass must not crash on a damaged one."""
    if value is None:
        return True
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return False
    company, sig, anchor = value.get("company"), value.get("sig"), value.get("anchor")
    return ((company is None or isinstance(company, str)) and (sig is None or isinstance(sig, str))
            and (anchor is None or (isinstance(anchor, list) and len(anchor) == 2
                                    and all(type(n) is int for n in anchor) and 0 <= anchor[0] <= anchor[1] <= text_length)))


def encode_signature(sig) -> str:
    import base64

    return base64.b64encode(sig.astype("<u4").tobytes()).decode("ascii")


def decode_signature(data: str):
    import base64

    import numpy as np

    sig = np.frombuffer(base64.b64decode(data), dtype="<u4")
    if sig.shape != (PERMUTATIONS,):
        raise ValueError("malformed signature")
    return sig.astype(np.uint32)


def band_keys(sig) -> list[bytes]:
    """The LSH bucket keys of a signature: one per band (the band's number and its values)."""
    raw = sig.astype("<u4").tobytes()
    width = ROWS * 4
    return [bytes((band,)) + raw[band * width:(band + 1) * width] for band in range(BANDS)]


def similarity(a: str, b: str, cutoff: float = 0) -> float:
    """rapidfuzz ``ratio`` (0-100); below ``cutoff`` it may answer 0 (and stops early)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b, score_cutoff=cutoff)


# --- the pass --------------------------------------------------------------------------------------

@dataclass
class _Entry:
    index: int
    path: str
    company: str | None
    text: str  # masked words joined by spaces
    sig: object = None  # signature() (numpy), when the sketch came with the result; else computed from text
    anchor: list[int] | None = None  # where the finding goes (the draft's anchor), likewise
    report: bool = True  # False: a draft outside the run (the repository's other drafts), never reported


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)  # the earliest draft is the root: deterministic


@dataclass
class PassStats:
    """What one duplicate pass did (for the scaling benchmark)."""

    drafts: int = 0
    comparisons: int = 0
    exact: int = 0  # drafts whose masked body equals an earlier one's: joined without a comparison
    outside: int = 0  # drafts from outside the run (the repository's others) taken into the pass
    seconds: float = 0.0  # the pass itself (grouping and the others' sketches), not the wait for results


def duplicate_groups(entries: Iterable[_Entry], threshold: float = THRESHOLD,
                     stats: PassStats | None = None) -> list[list[_Entry]]:
    """Groups (in input order) of entries whose masked bodies are near-identical.

    Online, one entry at a time, with a bounded amount of work per entry: its candidates are the
    representatives found in its LSH buckets (at most ``MAX_REPRESENTATIVES`` per bucket, one per
    group), ranked by how many MinHash values they share with it (an estimate of the shingle
    Jaccard), and only the best ``MAX_COMPARISONS`` of other groups are compared character by
    character. A masked body equal to an earlier one joins its group without a comparison.
    """
    import numpy as np

    stats = stats if stats is not None else PassStats()
    buckets: dict[bytes, list[int]] = {}
    groups = _Groups()
    kept: list[_Entry] = []
    texts: dict[int, str] = {}  # representatives' masked bodies (the only ones ever compared again)
    sigs: dict[int, object] = {}
    exact: dict[int, int] = {}  # hash of a masked body -> the first entry with it
    for pos, entry in enumerate(entries):
        kept.append(entry)
        stats.drafts += 1
        sig = entry.sig if entry.sig is not None else signature(entry.text.split())
        entry.sig = None  # the pass keeps its own copy only while the entry is a representative
        keys = band_keys(sig)
        same = exact.setdefault(hash(entry.text), pos)
        if same != pos and kept[same].text == entry.text:
            groups.union(same, pos)
            stats.exact += 1
            continue
        candidates: dict[int, None] = {}
        for key in keys:
            for rep in buckets.get(key, ()):
                candidates[rep] = None
        if candidates:
            reps = list(candidates)
            shared = (np.stack([sigs[r] for r in reps]) == sig).sum(axis=1)  # type: ignore[arg-type]
            ranked = sorted(range(len(reps)), key=lambda i: (-int(shared[i]), reps[i]))
            compared = 0
            for i in ranked:
                rep = reps[i]
                if groups.find(rep) == groups.find(pos):
                    continue
                if compared >= MAX_COMPARISONS:
                    break
                compared += 1
                if similarity(texts[rep], entry.text, threshold) >= threshold:
                    groups.union(rep, pos)
            stats.comparisons += compared
        root = groups.find(pos)
        representative = False
        for key in keys:
            members = buckets.setdefault(key, [])
            if len(members) < MAX_REPRESENTATIVES and all(groups.find(m) != root for m in members):
                members.append(pos)
                representative = True
        if representative:
            texts[pos] = entry.text
            sigs[pos] = sig
        else:
            entry.text = None  # type: ignore[assignment]  # never compared again: memory stays flat in the number of drafts
    by_root: dict[int, list[_Entry]] = {}
    for pos, entry in enumerate(kept):
        by_root.setdefault(groups.find(pos), []).append(entry)
    return [g for g in by_root.values() if len(g) > 1]


def _several_employers(group: list[_Entry]) -> bool:
    companies = {(e.company or "").casefold().strip() for e in group}
    return "" in companies or len(companies) > 1


def find_duplicates(results: Iterable[FileResult],
                    rule_for: Callable[[FileResult], object | None], context=None,
                    others: Callable[[dict], Iterable[tuple[str, dict]]] | None = None,
                    stats: PassStats | None = None) -> Iterator[FileResult]:
    """Yield ``results`` in order, with a duplicate-message finding added where one applies.

    ``rule_for(result)`` returns the active duplicate-message rule for that file (an
    ActiveRule, for its severity override) or None when the rule is off for it.
    Buffers the run: nothing is yielded before the last result has arrived. Only the
    sketches stay in memory; the results wait in a ResultSpool (on disk past a few
    thousand drafts; ``context`` is the run's, for re-parsing a spooled draft on demand).

    ``others(linted)``, given {real path: sketch} of the run's drafts, yields (path, sketch) of
    drafts outside the run to compare them with (followlint.run.repository: the rest of the
    repository, when a pre-commit hook passes only the staged drafts); those are never reported.
    """
    import os

    from followlint.run.spool import ResultSpool
    from followlint.core.suppress import apply_suppressions

    buffered = ResultSpool(context)
    entries: list[_Entry] = []
    active: dict[int, object] = {}
    linted: dict[str, dict | None] = {}
    for result in results:
        draft = result.draft
        item = rule_for(result) if draft is not None else None
        if draft is not None:
            _release_nlp(draft)
            if item is not None and SKETCH not in result.extras:
                result.extras[SKETCH] = sketch(draft)  # before the draft goes to the spool
        index = buffered.append(result)
        if others is not None and result.path != "-" and draft is not None:
            linted[os.path.realpath(result.path)] = result.extras.get(SKETCH) if item is not None else None
        if item is None:
            continue
        data = result.extras.get(SKETCH)
        if data is None:
            continue
        active[index] = item
        entry = _entry(index, result.path, data)
        if entry is not None:
            entries.append(entry)
    import time

    started = time.perf_counter()
    if others is not None and entries:
        # A draft outside the run counts when it shares an LSH bucket with one of the run's drafts (a
        # candidate the pass could compare them with); the others are not even decoded further.
        ours = set()
        for entry in entries:
            if entry.sig is None:
                entry.sig = signature(entry.text.split())
            ours.update(band_keys(entry.sig))
        for n, (path, data) in enumerate(others(linted), start=1):
            entry = _entry(-n, path, data)
            if entry is not None and entry.sig is not None and not ours.isdisjoint(band_keys(entry.sig)):
                entry.report = False
                entries.append(entry)
                if stats is not None:
                    stats.outside += 1
    linted.clear()
    group_of: dict[int, list[tuple[int, str]]] = {}  # one list per group, shared by its members
    anchors: dict[int, list[int] | None] = {}
    if len(entries) > 1:
        for group in duplicate_groups(entries, stats=stats):
            if not _several_employers(group):
                continue
            members = [(e.index, e.path) for e in group]
            for entry in group:
                if not entry.report:
                    continue
                group_of[entry.index] = members
                anchors[entry.index] = entry.anchor
    entries.clear()
    if stats is not None:
        stats.seconds += time.perf_counter() - started
    for index, result in enumerate(buffered):
        if index in group_of:
            named = [path for i, path in group_of[index] if i != index]
            finding = _finding(result, named, active[index], anchors[index])
            kept = apply_suppressions([finding], result.draft)
            if kept:
                result.findings.append(kept[0])
                result.findings.sort(key=lambda f: (f.span.start, f.span.end, f.code))
        yield result


def _entry(index: int, path: str, data) -> _Entry | None:
    """An _Entry from a sketch (None for a malformed one, e.g. from an older cache entry)."""
    try:
        sig = decode_signature(data["sig"]) if data.get("sig") else None
        return _Entry(index, path, data.get("company"), str(data["text"]), sig, data.get("anchor"))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _release_nlp(draft) -> None:
    """Linting is done: don't hold every spaCy Doc of the run in memory while the run is buffered."""
    for attr in ("_doc", "_lazy_doc"):
        if getattr(draft, attr, None) is not None:
            setattr(draft, attr, None)


def _finding(result: FileResult, others: list[str], item, anchor: list[int] | None = None) -> Finding:
    rule = DuplicateMessage()
    shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    finding = rule.finding(Span(*anchor) if anchor else result.draft.anchor,  # type: ignore[union-attr]
                           f"This body is near-identical to {shown} once names and companies are masked; "
                           "the same note to several employers reads as a template. Tailor it to this interview.")
    severity = getattr(item, "severity", None)
    return finding.with_severity(severity) if severity else finding
