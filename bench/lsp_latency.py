"""How fast ``followlint lsp`` answers while you type: the median time from an edit to its diagnostics.

Starts the server over stdio with a real LSP client (pygls), opens a ~250-word draft, waits for its
first diagnostics (start-up: spaCy and Harper load), then sends edits one at a time and times each from
``didChange`` to the ``publishDiagnostics`` for that version. The debounce is set to 0 so the number is
the server's own work; in an editor the debounce (200 ms by default) comes on top, once per pause in
typing.

    .venv/bin/python bench/lsp_latency.py [--edits 40] [--draft examples/rambling-follow-up.txt]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DRAFT = ROOT / "examples" / "rambling-follow-up.txt"


class Client(BaseLanguageClient):
    def __init__(self) -> None:
        super().__init__("lsp-latency", "1")
        self.published: dict[int, float] = {}
        self.waiting: dict[int, asyncio.Future] = {}


def _register(client: Client) -> None:
    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            client.published[params.version] = time.perf_counter()
            waiter = client.waiting.pop(params.version, None)
            if waiter is not None and not waiter.done():
                waiter.set_result(len(params.diagnostics))


async def _wait(client: Client, version: int, timeout: float) -> int:
    future = asyncio.get_running_loop().create_future()
    client.waiting[version] = future
    return await asyncio.wait_for(future, timeout)


def edits(text: str, count: int) -> list[str]:
    """Typing-like edits: a word inserted at a different place each time, or a typo made and undone."""
    words = [i for i, ch in enumerate(text) if ch == " "]
    out = []
    for n in range(count):
        at = words[(n * 7) % len(words)]
        out.append(text[:at] + (" really" if n % 2 else " recieve") + text[at:])
    return out


async def run(draft: Path, count: int) -> dict[str, float]:
    client = Client()
    _register(client)
    await client.start_io(sys.executable, "-m", "followlint", "lsp")
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=draft.parent.as_uri(),
        initialization_options={"followlint": {"debounceMs": 0}}))
    client.initialized(types.InitializedParams())
    text = draft.read_text(encoding="utf-8")
    uri = draft.resolve().as_uri()
    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="plaintext", version=1, text=text)))
    await _wait(client, 1, 300)
    first = time.perf_counter() - started
    latencies = []
    for version, edited in enumerate(edits(text, count), start=2):
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
        await _wait(client, version, 60)
        latencies.append(client.published[version] - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    latencies.sort()
    return {"words": len(text.split()), "first": first, "median": statistics.median(latencies),
            "p90": latencies[int(len(latencies) * 0.9) - 1], "max": latencies[-1], "edits": len(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draft", type=Path, default=DEFAULT_DRAFT)
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    r = asyncio.run(run(args.draft, args.edits))
    print(f"draft: {args.draft.name} ({r['words']} words)")
    print(f"first diagnostics after start-up: {r['first'] * 1000:.0f} ms")
    print(f"re-lint after an edit, {r['edits']} edits: median {r['median'] * 1000:.1f} ms, "
          f"p90 {r['p90'] * 1000:.1f} ms, max {r['max'] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
