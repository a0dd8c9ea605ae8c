"""``followlint lsp``: a language server, so editors show followlint's findings as you type.

pygls is an optional dependency (``pip install 'followlint[lsp]'``); without it the command says so.
"""

from __future__ import annotations

from typing import IO

INSTALL_HINT = "the language server needs pygls: pip install 'followlint[lsp]'"


def main(stderr: IO[str]) -> int:
    """Serve LSP over stdin/stdout; 2 with a one-line message when pygls is not installed."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        stderr.write(f"followlint: error: {INSTALL_HINT}\n")
        return 2
    from followlint.lsp.server import serve

    serve()
    return 0
