#!/usr/bin/env python3
"""Fuzz the command line with hostile files: names, front matter, e-mail headers, bytes.

scripts/fuzz_draft.py fuzzes the parser in-process; this runs the real ``followlint`` command (as CI and
the pre-commit hook do) on folders of generated hostile drafts, for a fixed time, and checks what a
user sees (issue 16): an exit code of 0, 1 or 2, no traceback, valid JSON, no raw control character
and no line a CI runner would take as a workflow command in the human formats, a run that ends within
its time bound, ``--fix`` that leaves every draft either as it was or decodable, and stdin ``--fix``
that gives back exactly its input when it cannot lint it.

    .venv/bin/python scripts/fuzz_cli.py --seconds 60            # what the test suite runs
    .venv/bin/python scripts/fuzz_cli.py --seconds 3600 --seed 7

A failing case is kept in a folder (printed) with the command that failed; the seed reproduces it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FOLLOWLINT = Path(sys.executable).with_name("followlint")
#: Seconds one command may take on a batch of drafts before it counts as a hang.
RUN_TIMEOUT = 120
FORMATS = ("full", "concise", "github", "json", "sarif")
NASTY = ["\n", "\r", "\x1b[31m", "\x1b]0;title\x07", "\x9b2J", "\u202e", "::error::x", "::add-mask::s", "%0A",
         "\t", "\x00", "\ud800", "\\ud800", "'", '"', "{", "}", "[", "*", "&a", "!!python/object:os.system", ":"]
CONTROL_BYTES = [b"\x1b", b"\x07", b"\x9b", b"\x00", b"\xff", b"\xc3\x28"]


class Case:
    """One batch: a folder of hostile drafts (and the bytes each was written with)."""

    def __init__(self, rng: random.Random, root: Path) -> None:
        self.rng = rng
        self.root = root
        self.files: dict[Path, bytes] = {}

    def add(self, name: str, data: bytes) -> None:
        path = self.root / name
        try:
            path.write_bytes(data)
        except OSError:  # a name the file system refuses (too long, invalid): not followlint's business
            return
        self.files[path] = data


def _word(rng: random.Random) -> str:
    return rng.choice(["Dana", "Okafor", "Corvid", "thanks", "chat", "role", "!!!", "gonna", "e\u0301", "😀", "谢谢",
                       "[Name]", "<!-- followlint: ignore -->", "followlint: ignore[", "a" * rng.randint(1, 300),
                       "." * rng.randint(1, 2000)] + NASTY)


def _text(rng: random.Random, n: int = 20) -> str:
    return " ".join(_word(rng) for _ in range(rng.randint(1, n)))


def hostile_name(rng: random.Random, suffix: str) -> str:
    """File names with line breaks, escapes, workflow commands, bidi overrides; always a draft suffix."""
    parts = [rng.choice(NASTY + ["a", "draft", "-", " ", "..", "é"]) for _ in range(rng.randint(1, 6))]
    name = "".join(parts).replace("/", "_").replace("\x00", "_").replace("\ud800", "_").replace("\\", "_")
    return (name or "x")[:100] + suffix


def front_matter(rng: random.Random) -> str:
    """YAML front matter: odd scalars, escapes (lone surrogates), nesting, anchors, tags, bad dates."""
    values = [
        lambda: '"' + rng.choice(["A \\ud800", "\\e[2J", "x\\n::error::y", "\\x9b", "\\u202e"]) + '"',
        lambda: "[" * rng.randint(1, 3000) + "]" * rng.randint(0, 3000),
        lambda: "{a: " * rng.randint(1, 200) + "1" + "}" * rng.randint(0, 200),
        lambda: rng.choice(["2026-43-02", "soon", "1e400", "-.inf", ".nan", "~", "!!binary aGVsbG8=",
                            "!!python/object/apply:os.system ['true']", "*undefined", "&a [*a]", "0x" + "f" * 40]),
        lambda: repr(_text(rng, 5)),
    ]
    keys = ["company", "interviewer", "interviewers", "role", "interview_date", "send_date", "kind",
            rng.choice(NASTY).strip() or "k"]
    lines = [f"{rng.choice(keys)}: {rng.choice(values)()}" for _ in range(rng.randint(1, 5))]
    return "---\n" + "\n".join(lines) + "\n---\n"


def email_message(rng: random.Random) -> str:
    """E-mail headers: many encoded words, long and many headers, many MIME parts, bad charsets."""
    words = lambda n: " ".join(f"=?{rng.choice(['utf-8', 'x-bad', 'iso-8859-1'])}?{rng.choice('qb')}?"  # noqa: E731
                               f"{rng.choice(['n', 'eHh4', '7aCA', '=FF'])}?=" for _ in range(n))
    headers = [f"From: {rng.choice(['Jo <jo@example.com>', words(3), _text(rng, 3)])}"]
    for _ in range(rng.randint(0, 6)):
        name = rng.choice(["To", "Cc", "Subject", "Date", "Content-Type", "Content-Transfer-Encoding", "X-" + "h" * 5])
        value = rng.choice([words(rng.choice([1, 10, 500, 3000])), _text(rng, 10),
                            ", ".join(f"P{i} <p{i}@x.example>" for i in range(rng.choice([1, 50, 2000]))),
                            'multipart/mixed; boundary="xx"', "text/plain; charset=" + rng.choice(["utf-8", "nope"]),
                            "text/plain; " + "; ".join(f"a{i}=b" for i in range(rng.choice([1, 100, 1000])))])
        headers.append(f"{name}: {value}")
    headers += [f"X-Many{i}: v" for i in range(rng.choice([0, 0, 600]))]
    body = "Hi Dana,\n\n" + _text(rng) + "\n\nBest,\nJo\n"
    if rng.random() < 0.3:
        body = "".join(f"--xx\nContent-Type: text/plain\n\n{_text(rng, 3)}\n" for _ in range(rng.choice([1, 3, 80])))
        body += "--xx--\n"
    return "\n".join(headers) + "\n\n" + body


def draft_bytes(rng: random.Random, suffix: str) -> bytes:
    kind = rng.random()
    if suffix == ".eml" and kind < 0.8:
        text = email_message(rng)
    elif kind < 0.5:
        text = front_matter(rng) + "Hi Dana,\n\n" + _text(rng) + "\n\nBest regards,\nJo Lee\n"
    else:
        text = "Hi " + _text(rng, 3) + ",\n\n" + _text(rng, 60) + "\n\nBest,\n" + _text(rng, 2) + "\n"
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.15:  # a few raw bytes: NUL, invalid UTF-8, C1 as a byte
        at = rng.randint(0, len(data))
        data = data[:at] + rng.choice(CONTROL_BYTES) + data[at:]
    return data


def make_case(rng: random.Random, root: Path) -> Case:
    case = Case(rng, root)
    for _ in range(rng.randint(2, 6)):
        suffix = rng.choice([".txt", ".md", ".eml"])
        case.add(hostile_name(rng, suffix), draft_bytes(rng, suffix))
    return case


class Failure(AssertionError):
    pass


def check_output(fmt: str, code: int, out: str, err: str) -> None:
    if code not in (0, 1, 2):
        raise Failure(f"exit code {code}")
    if "Traceback" in out + err:
        raise Failure("traceback")
    if fmt in ("json", "sarif"):
        json.loads(out)
        return
    for seq in ("\x1b", "\x07", "\x9b", "\u202e", "\x00"):
        if seq in out + err:
            raise Failure(f"raw control character {seq!r} in {fmt} output")
    for line in (out + err).splitlines():
        own = fmt == "github" and line.startswith(("::error file=", "::warning file=", "::notice file=",
                                                   "::notice title=", "::error title="))
        if line.lstrip().startswith("::") and not own:
            raise Failure(f"forged workflow command line: {line[:120]!r}")


def run(args: list[str], cwd: Path, stdin: bytes = b"") -> tuple[int, str, str, bytes]:
    env = {**os.environ, "NO_COLOR": "1", "FOLLOWLINT_CACHE_DIR": str(cwd.parent / "cache")}
    proc = subprocess.run([str(FOLLOWLINT), *args], cwd=cwd, input=stdin, capture_output=True,
                          timeout=RUN_TIMEOUT, env=env)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"), proc.stdout


def one_case(rng: random.Random, work: Path) -> int:
    """Run the commands on one generated folder; returns how many commands ran."""
    drafts = work / "drafts"
    shutil.rmtree(work, ignore_errors=True)
    drafts.mkdir(parents=True)
    case = make_case(rng, drafts)
    commands = 0
    for fmt in rng.sample(FORMATS, 2):
        extra = rng.choice([[], ["--statistics"] if fmt in ("full", "concise") else [], ["-j", "2"], ["--no-cache"]])
        code, out, err, _ = run(["check", ".", "--output-format", fmt, *extra], drafts)
        check_output(fmt, code, out, err)
        commands += 1
    for path, data in list(case.files.items())[:2]:  # named on the command line, as pre-commit does
        code, out, err, _ = run(["check", path.name, "--output-format", "concise"], drafts)
        check_output("concise", code, out, err)
        code, out, err, raw = run(["check", "--fix", "-", f"--stdin-filename={path.name}"], drafts, stdin=data)
        check_output("stdin", code, "", err)
        if data and not raw:
            raise Failure("stdin --fix printed nothing: the input is lost")
        if any(s in err for s in ("not valid UTF", "binary file", "over the")) and raw != data:
            raise Failure("stdin --fix did not give back an input it could not lint")
        commands += 2
    code, out, err, _ = run(["check", "--fix", "."], drafts)
    check_output("full", code, out, err)
    for path, data in case.files.items():
        now = path.read_bytes()
        if now != data:
            now.decode("utf-8-sig" if now.startswith(b"\xef\xbb\xbf") else "utf-8")  # a fix writes text
    leftovers = [p.name for p in drafts.iterdir() if p.name.endswith(".followlint-tmp")]
    if leftovers:
        raise Failure(f"temporary files left: {leftovers}")
    return commands + 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="stop starting new cases after this long")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="followlint-fuzz-cli-"))
    started = time.monotonic()
    cases = commands = 0
    try:
        while time.monotonic() - started < args.seconds:
            case_seed = rng.randrange(1 << 30)
            try:
                commands += one_case(random.Random(case_seed), work / "case")
            except (Failure, subprocess.TimeoutExpired, ValueError, UnicodeDecodeError) as exc:
                kept = Path(tempfile.mkdtemp(prefix="followlint-fuzz-failure-"))
                shutil.copytree(work / "case", kept / "case", dirs_exist_ok=True, symlinks=True)
                print(f"fuzz_cli: FAILED ({type(exc).__name__}: {exc}); seed {seed}, case seed {case_seed}; "
                      f"files kept in {kept}", file=sys.stderr)
                return 1
            cases += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"fuzz_cli: {cases} cases, {commands} commands in {time.monotonic() - started:.0f} s, seed {seed}: "
          "no traceback, hang, injection or lost input")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
