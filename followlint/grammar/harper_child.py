"""The helper process that runs Harper on texts whose lint may print (see followlint.grammar.harper).

Run as a script by the parent, never imported for its work: it moves its own descriptor 1 to the null
device before loading harper-py, answers on a private copy of the original descriptor, and reads one JSON
request per line from stdin ({"text", "dialect", "config"}) until end of input.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def _private_stdout():
    """A stream on the pipe to the parent; descriptor 1 itself then points at the null device."""
    reply = os.fdopen(os.dup(1), "w", encoding="utf-8")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)
    sys.stdout = open(os.devnull, "w")  # a stray print() in this process goes nowhere too
    return reply


def _serve(reply) -> None:
    import harper

    linters: dict[str, Any] = {}
    configs: dict[str, dict] = {}
    for line in sys.stdin:
        try:
            request = json.loads(line)
            dialect = request["dialect"]
            if dialect not in linters:
                linters[dialect] = harper.Linter(getattr(harper.Dialect, dialect.upper()))
            if configs.get(dialect) != request["config"]:
                linters[dialect].set_lint_config(request["config"])
                configs[dialect] = request["config"]
            lints = linters[dialect].lint(request["text"], language="plaintext", dedup=False)
            answer: dict[str, Any] = {"lints": [
                [item.lint_kind, item.span.start, item.span.end, item.message,
                 [[int(s.kind), s.replacement_text] for s in item.suggestions]] for item in lints]}
        except Exception as exc:  # reported to the parent, which raises it as an engine outage
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        reply.write(json.dumps(answer) + "\n")
        reply.flush()


if __name__ == "__main__":
    # This folder holds followlint's own harper.py: it must not shadow harper-py.
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    _serve(_private_stdout())
