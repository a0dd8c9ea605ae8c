"""The page's front door: only this machine's own pages may talk to it, and no page may frame it.

A server on 127.0.0.1 is still reachable from any web page the user opens: a hostile
site can post to it (cross-site request) or point its own domain at 127.0.0.1 (DNS
rebinding). So every request must name a local host in ``Host`` (or the one host given
with ``--host``), and a request that carries an ``Origin`` must come from this very
server. Every response carries headers that forbid framing and outside resources.
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, Iterable, MutableMapping
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
     b"form-action 'self'; frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
)


def host_name(value: str) -> str | None:
    """The host of a ``Host`` header value (``[::1]:8000`` -> ``::1``), lower-cased; None if malformed."""
    try:
        parts = urlsplit(f"//{value}")
        name = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    return name.lower() if name else None


class LocalOnly:
    """ASGI middleware: the DNS-rebinding and cross-origin guard, plus the security headers."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = LOCAL_HOSTS | {h.lower().strip("[]") for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(dict(scope["headers"]))
        if refusal:
            await _send_json(send, 403, {"error": refusal})
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)

    def refusal(self, headers: dict[bytes, bytes]) -> str | None:
        """Why a request is refused, or None: Host must be local, Origin (when sent) this server's."""
        host = headers.get(b"host", b"").decode("latin-1")
        if host_name(host) not in self.allowed:
            return "followlint serve answers only requests addressed to this computer (127.0.0.1 or localhost)"
        origin = headers.get(b"origin")
        if origin is not None and origin.decode("latin-1").lower() != f"http://{host}".lower():
            return "followlint serve answers only its own page, not requests from other sites"
        return None


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(data)).encode()), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": data})
