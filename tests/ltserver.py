"""A loopback stand-in for a LanguageTool server: speaks ``POST /v2/check`` well enough for the tests.

Modes: ``ok`` (real-looking matches), ``slow`` (answers after ``delay`` seconds), ``error`` (HTTP 500),
``garbage`` (not JSON), ``shape`` (JSON without "matches"), ``surrogate`` (lone surrogates in the
strings), ``dribble`` (a valid answer, one byte every ``delay`` seconds). Every request's form fields are recorded.
LanguageTool itself (Java, gigabytes) cannot be installed here; the response shape follows
languagetool-core's RuleMatchesAsJsonSerializer: offsets and lengths in UTF-16 code units.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: word -> (replacements, rule id, category id, message)
TYPOS = {
    "recieve": (["receive"], "MORFOLOGIK_RULE_EN_US", "TYPOS", "Possible spelling mistake found."),
    "recieved": (["received"], "MORFOLOGIK_RULE_EN_US", "TYPOS", "Possible spelling mistake found."),
    "Okafor": (["Orator"], "MORFOLOGIK_RULE_EN_US", "TYPOS", "Possible spelling mistake found."),
}
PATTERNS = [
    (re.compile(r"\bHe have\b"), "have", ["has"], "HE_VERB_AGR", "GRAMMAR",
     "The pronoun 'He' is usually used with a third-person or a past tense verb."),
    (re.compile(r"\b(the) \1\b"), "the the", ["the"], "ENGLISH_WORD_REPEAT_RULE", "MISC",
     "Possible typo: you repeated a word."),
    (re.compile(r"\bFebruary 30\b"), "February 30", [], "INVALID_DATE", "SEMANTICS",
     "This date is not valid."),
    (re.compile(r"  "), "  ", [" "], "WHITESPACE_RULE", "TYPOGRAPHY",
     "Possible typo: you repeated a whitespace."),
]


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def matches_for(text: str) -> list[dict]:
    out = []

    def add(start: int, end: int, replacements, rule_id, category, message):
        out.append({
            "message": message, "shortMessage": "",
            "replacements": [{"value": r} for r in replacements],
            "offset": _utf16(text, start), "length": _utf16(text, end) - _utf16(text, start),
            "context": {"text": text[max(0, start - 20):end + 20], "offset": min(start, 20), "length": end - start},
            "sentence": text[max(0, start - 40):end + 40],
            "type": {"typeName": "Other"},
            "rule": {"id": rule_id, "description": message, "issueType": "misspelling" if category == "TYPOS" else "grammar",
                     "category": {"id": category, "name": category.title()}},
            "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
        })

    for m in re.finditer(r"[^\W\d_]+", text):
        if m.group(0) in TYPOS:
            add(m.start(), m.end(), *TYPOS[m.group(0)])
    for pattern, group, replacements, rule_id, category, message in PATTERNS:
        for m in pattern.finditer(text):
            start = m.start() + m.group(0).find(group) if group in m.group(0) else m.start()
            add(start, start + len(group), replacements, rule_id, category, message)
    return sorted(out, key=lambda m: m["offset"])


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):
        server: LTServer = self.server.owner  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        fields = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8")).items()}
        server.requests.append((self.path, fields))
        if self.path.rstrip("/") != "/v2/check":
            return self._send(404, b'{"error": "not found"}')
        if server.mode == "slow":
            time.sleep(server.delay)
        if server.mode == "error":
            return self._send(500, b"Internal Server Error: java.lang.OutOfMemoryError", "text/plain")
        if server.mode == "garbage":
            return self._send(200, b"<html>LanguageTool is starting</html>", "text/html")
        if server.mode == "shape":
            return self._send(200, b'{"software": {"name": "LanguageTool"}}')
        if server.mode == "surrogate":  # JSON escapes a lone surrogate ("\\ud800"); json.loads gives it back
            matches = matches_for(fields.get("text", ""))
            for match in matches:
                match.update(message="Odd \ud800 text", replacements=[{"value": "rece\udfffved"}])
                match["rule"]["id"] = "X\ud800"
            return self._send(200, json.dumps({"matches": matches}).encode())
        if server.mode == "dribble":  # a valid answer, one byte every ``delay`` seconds
            return self._dribble(json.dumps({"matches": []}).encode())
        text = fields.get("text", "")
        disabled = set((fields.get("disabledCategories") or "").split(","))
        matches = [m for m in matches_for(text) if m["rule"]["category"]["id"] not in disabled]
        body = {"software": {"name": "LanguageTool", "version": "6.6", "apiVersion": 1},
                "warnings": {"incompleteResults": False},
                "language": {"name": "English (US)", "code": fields.get("language", "en-US"),
                             "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99}},
                "matches": matches, "sentenceRanges": []}
        self._send(200, json.dumps(body).encode("utf-8"))

    def _dribble(self, body: bytes):
        server: LTServer = self.server.owner  # type: ignore[attr-defined]
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
                .encode() + body)
        try:
            for i in range(len(head)):
                if server.stopped.is_set():
                    return
                self.wfile.write(head[i:i + 1])
                self.wfile.flush()
                server.stopped.wait(server.delay)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status: int, body: bytes, ctype: str = "application/json"):
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass


class LTServer:
    """``with LTServer("ok") as lt: lt.url`` -- a server on 127.0.0.1 and a free port."""

    def __init__(self, mode: str = "ok", delay: float = 3.0) -> None:
        self.mode = mode
        self.delay = delay
        self.requests: list[tuple[str, dict]] = []
        self.stopped = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.owner = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "LTServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopped.set()
        self._httpd.shutdown()
        self._httpd.server_close()


def refused_url() -> str:
    """A loopback URL where nothing listens (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
