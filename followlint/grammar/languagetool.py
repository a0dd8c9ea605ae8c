"""LanguageTool, the opt-in grammar engine: a LanguageTool HTTP server that the user runs or names.

followlint speaks LanguageTool's ``POST /v2/check`` protocol itself (urllib, form fields ``language``,
``text``, ``disabledRules``, ``disabledCategories``, ...) rather than through language_tool_python's
``LanguageTool(remote_server=...)``: that client asks ``/v2/languages`` first, retries, and waits up to
300 s per request, while a linter that runs on every commit needs one request with a short timeout.
The public API (api.languagetool.org) is used only with ``public-api = true``. A local server is
started only with ``local-server = true``, and only from a LanguageTool that is already installed
(``followlint languagetool install``, or language_tool_python's cache): followlint never downloads
anything while linting.

Every failure (refused, timeout, HTTP error, not JSON, wrong shape) raises EngineUnavailable with one
line that says what happened; the grammar service then falls back to Harper.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from followlint.grammar.engines import REPLACE, EngineIssue, EngineUnavailable, Suggestion
from followlint.core.data import load_data

DEFAULT_URL = "http://127.0.0.1:8081"
PUBLIC_API_URL = "https://api.languagetool.org"
DEFAULT_TIMEOUT = 5.0
#: Longest text sent in one request (LanguageTool's public API limit is 20 KB per request).
MAX_CHARS = 20_000
#: Longest answer read (a real one for 20,000 characters is well under 1 MB).
MAX_RESPONSE = 10_000_000


def check_url(base: str) -> str:
    """``http://host:8081`` or ``http://host:8081/v2`` -> ``http://host:8081/v2/check``."""
    base = base.strip().rstrip("/")
    if base.endswith("/v2/check"):
        return base
    if base.endswith("/v2"):
        return base + "/check"
    return base + "/v2/check"


def request_fields(text: str, language: str, mother_tongue: str | None = None) -> dict[str, str]:
    data = load_data("grammar")["languagetool"]
    fields = {"language": language, "text": text}
    if data.get("disabled_rules"):
        fields["disabledRules"] = ",".join(data["disabled_rules"])
    if data.get("disabled_categories"):
        fields["disabledCategories"] = ",".join(data["disabled_categories"])
    if mother_tongue:
        fields["motherTongue"] = mother_tongue
    return fields


def check(text: str, url: str, *, language: str = "en-US", timeout: float = DEFAULT_TIMEOUT) -> list[EngineIssue]:
    """LanguageTool's matches in ``text``; offsets in code points of ``text``."""
    if len(text) > MAX_CHARS:
        raise EngineUnavailable(f"LanguageTool: the text is {len(text):,} characters, over the "
                                f"{MAX_CHARS:,}-character request limit")
    endpoint = check_url(url)
    body = urllib.parse.urlencode(request_fields(text, language)).encode("utf-8")
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        "Accept": "application/json",
        "User-Agent": "followlint",
    })
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}) if _is_loopback(endpoint)
                                             else urllib.request.ProxyHandler())
        raw = _fetch(opener, request, timeout)
    except urllib.error.HTTPError as exc:
        raise EngineUnavailable(f"LanguageTool at {url} answered HTTP {exc.code} {exc.reason}") from None
    except (socket.timeout, TimeoutError):
        raise EngineUnavailable(f"LanguageTool at {url} did not answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise EngineUnavailable(f"LanguageTool at {url} did not answer within {timeout:g} s") from None
        text_reason = getattr(reason, "strerror", None) or str(reason)
        raise EngineUnavailable(f"LanguageTool at {url} is unreachable ({text_reason})") from None
    except (OSError, ValueError) as exc:  # reset connections, bad URLs, http.client errors
        raise EngineUnavailable(f"LanguageTool at {url} failed: {type(exc).__name__}: {exc}") from None
    if len(raw) > MAX_RESPONSE:
        raise EngineUnavailable(f"LanguageTool at {url} answered more than {MAX_RESPONSE:,} bytes")
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise EngineUnavailable(f"LanguageTool at {url} did not answer with JSON") from None
    return parse_matches(payload, text, url)


def _fetch(opener, request, timeout: float) -> bytes:
    """The whole exchange (connect, send, headers, body) within ``timeout`` seconds. A socket timeout
    only bounds each read: a server sending a byte every few seconds never trips it. The request runs
    in a daemon thread, which a server that never finishes keeps (the run goes on without it)."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            with opener.open(request, timeout=timeout) as response:
                outcome["raw"] = response.read(MAX_RESPONSE + 1)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=work, name="followlint-languagetool", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"no complete answer within {timeout:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["raw"]


def parse_matches(payload: Any, text: str, url: str = "LanguageTool") -> list[EngineIssue]:
    """Turn a /v2/check response into issues; a response of the wrong shape is EngineUnavailable."""
    if not isinstance(payload, dict) or not isinstance(payload.get("matches"), list):
        raise EngineUnavailable(f"LanguageTool at {url} answered JSON without a 'matches' list")
    offsets = _Utf16Offsets(text)
    issues = []
    for match in payload["matches"]:
        try:
            start = offsets.to_code_points(int(match["offset"]))
            end = offsets.to_code_points(int(match["offset"]) + int(match["length"]))
            rule = match.get("rule") or {}
            category = (rule.get("category") or {}).get("id") or ""
            replacements = tuple(Suggestion(REPLACE, _text(r["value"])) for r in match.get("replacements") or ()
                                 if isinstance(r, dict) and isinstance(r.get("value"), str))
            message = _text(match.get("message") or match.get("shortMessage") or "")
            rule_id = _text(rule.get("id") or "")
            category = _text(category)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise EngineUnavailable(f"LanguageTool at {url} answered a match without offset and length") from None
        if not (0 <= start <= end <= len(text)):
            continue  # a match for another text (a misbehaving server): skip it rather than point nowhere
        issues.append(EngineIssue(engine="languagetool", rule_id=rule_id, kind=category, start=start, end=end,
                                  message=message, suggestions=replacements[:5]))
    return issues


def _text(value: Any) -> str:
    """A server's string as printable text: JSON can carry lone surrogates ("\\ud800"), which no
    output can encode; each becomes U+FFFD."""
    text = str(value)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Utf16Offsets:
    """LanguageTool (Java) counts UTF-16 code units; Python strings count code points."""

    def __init__(self, text: str) -> None:
        self.astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def to_code_points(self, units: int) -> int:
        if not self.astral:
            return units
        cp = units
        for i in self.astral:  # each astral character before the offset took two units
            if i < cp:
                cp -= 1
            else:
                break
        return cp


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


# --- a local server, only when asked for and only if already installed -------------------------

def start_local_server(language: str = "en-US"):
    """``local-server = true``: the running server, else the installed one started now and left running.

    Returns (url, handle with .close() or None, note or None). followlint's own install (`followlint
    languagetool install`) is started like `followlint languagetool start`, once for all worker processes
    (a file lock), so the next run finds it; a copy language_tool_python downloaded runs for this run only."""
    from followlint.languagetool import home, server

    state = server.running()
    if state is not None:
        return state.url, None, None
    inst = home.installed()
    if inst is None:
        raise EngineUnavailable(
            f"local-server = true, but no LanguageTool is installed (looked in {home.home()} and "
            "language_tool_python's cache); followlint never downloads while linting: run `followlint "
            "languagetool install` once")
    problem = server.java_problem()
    if problem:
        raise EngineUnavailable(f"local-server = true, but {problem}")
    if inst.source != "followlint":
        url, tool = _start_with_ltp(inst, language)
        return url, tool, None
    try:
        with server.start_lock():
            state = server.running()
            if state is not None:  # another worker started it while this one waited
                return state.url, None, None
            port = home.DEFAULT_PORT if server.port_free(home.DEFAULT_PORT) else server.free_port()
            state = server.start(inst, port, languages=(language,))
    except server.ServerError as exc:
        raise EngineUnavailable(f"local LanguageTool server did not start: {exc}") from None
    return state.url, None, (f"grammar: started LanguageTool {state.version} on {state.url} for local-server = true; "
                             "it keeps running for the next runs (`followlint languagetool stop` ends it)")


def _start_with_ltp(inst, language: str):
    """language_tool_python starts the copy it downloaded (the version given, so it never downloads)."""
    try:
        import language_tool_python
    except ImportError:
        raise EngineUnavailable("local-server = true found language_tool_python's LanguageTool, but the library "
                                "is not installed: `pip install 'followlint[languagetool]'`") from None
    kwargs = {} if os.environ.get("LTP_JAR_DIR_PATH") else {"language_tool_download_version": inst.version}
    try:
        tool = language_tool_python.LanguageTool(language, **kwargs)
    except Exception as exc:
        raise EngineUnavailable(f"local LanguageTool server did not start: {type(exc).__name__}: {exc}") from None
    return tool.url.rsplit("/v2", 1)[0], tool
