"""followlint as a library never touches its host's stdout: no prints, no redirected descriptors.

harper-py prints a debug line to descriptor 1 when its LookingForwardTo rule fires; such texts are
linted in a helper process (followlint.grammar.harper), every other text in the host process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from followlint.grammar import harper as harper_backend

ROOT = Path(__file__).resolve().parent.parent

HOST = textwrap.dedent("""
    import os, sys, threading
    from pathlib import Path
    import followlint

    drafts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.*")) if p.suffix != ".eml"]
    drafts.append("Hi Dana,\\n\\nI am looking forward to meet the team and looking forward to see you.\\n\\nBest,\\nJo\\n")
    linter = followlint.Linter()
    linter.lint_text(drafts[-1])  # the first lint loads everything
    target = os.fstat(1)
    moved, done = [], threading.Event()

    def lint_all():
        for text in drafts * 2:
            linter.lint_text(text)
        done.set()

    worker = threading.Thread(target=lint_all)
    worker.start()
    n = 0
    while not done.is_set() or n < 200:  # the host talks on stdout while the library works
        os.write(1, f"host line {n}\\n".encode())
        stat = os.fstat(1)
        if (stat.st_dev, stat.st_ino) != (target.st_dev, target.st_ino):
            moved.append(n)
        n += 1
    worker.join()
    print(f"END {n} moved={len(moved)}", flush=True)
""")


@pytest.mark.slow
def test_a_hosts_stdout_is_untouched_while_drafts_are_linted(tmp_path):
    script = tmp_path / "host.py"
    script.write_text(HOST)
    proc = subprocess.run([sys.executable, str(script), str(ROOT / "examples")], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "gerund_form" not in proc.stdout
    last = lines[-1].split()
    assert last[0] == "END" and last[2] == "moved=0"
    assert lines[:-1] == [f"host line {i}" for i in range(int(last[1]))]  # every line arrived, in order


def test_only_texts_that_could_print_go_to_the_helper():
    assert harper_backend.may_print("I am Looking Forward To\nmeet you.")
    assert harper_backend.may_print("looking forward to further discussions")  # Harper reads "further" as a verb
    assert not harper_backend.may_print("I am looking forward to hearing from you and to your reply.")
    assert not harper_backend.may_print("I look forward to meet you.")  # the rule wants "looking"


def test_words_skipped_as_never_verbs_never_fire_harpers_rule():
    for word in sorted(harper_backend._NEVER_VERBS):
        text = f"I am looking forward to {word} news."
        wire = harper_backend._helper().lint(text, "american", harper_backend.lint_config())
        assert not [item for item in wire if "gerund" in item[3]], word


def test_the_helper_gives_exactly_the_in_process_issues():
    text = "I recieve alot of emails, and and I am looking forward to hearing from you.\n\nteh end"
    assert not harper_backend.may_print(text)
    in_process = harper_backend.lint(text)
    helper = [harper_backend._issue_from_wire(item)
              for item in harper_backend._helper().lint(text, "american", harper_backend.lint_config())]
    assert len(in_process) >= 4 and helper == in_process


def test_a_text_that_prints_still_gets_harpers_finding(capfd):
    issues = harper_backend.lint("I am looking forward to meet you.")
    assert [(i.kind, i.start, i.end, i.suggestions[0].text) for i in issues] == [("WordChoice", 24, 28, "meeting")]
    assert capfd.readouterr().out == ""
