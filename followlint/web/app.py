"""The ASGI app behind ``followlint serve``: one page, its script and style, and two JSON endpoints.

``POST /api/lint`` and ``POST /api/fix`` take ``{"text" | "data", "filename"?, "context"?}`` and
answer the draft's findings (``/api/fix`` after applying the safe fixes, as ``check --fix``).
Every failure is a JSON ``{"error": message}`` the page shows as it is; nothing is logged or
kept, so a draft lives only in the browser tab and in the request that carries it.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from followlint.web.guard import LocalOnly
from followlint.web.payload import BadRequest, DraftRequest, parse_request, result_json

#: The page's files, shipped as package data next to this module.
STATIC = {"/": ("index.html", "text/html; charset=utf-8"),
          "/app.js": ("app.js", "text/javascript; charset=utf-8"),
          "/app.css": ("app.css", "text/css; charset=utf-8")}

#: A JSON body may be larger than the draft it carries (escapes, base64): this much room, per byte allowed.
BODY_ALLOWANCE = 6
BODY_SLACK = 64 * 1024


def create_app(linter: Any, max_file_size: int, allowed_hosts: tuple[str, ...] = ()) -> LocalOnly:
    """The app around one loaded ``followlint.Linter``; drafts over ``max_file_size`` bytes are refused."""
    files = {path: (_read_static(name), media) for path, (name, media) in STATIC.items()}
    body_limit = max_file_size * BODY_ALLOWANCE + BODY_SLACK

    def page(request: Request) -> Response:
        content, media = files[request.url.path]
        return Response(content, media_type=media)

    async def lint(request: Request) -> Response:
        return await _answer(request, body_limit, max_file_size,
                             lambda d: result_json(d.text, linter.lint_text(d.text, path=d.path, context=d.context)))

    async def fix(request: Request) -> Response:
        return await _answer(request, body_limit, max_file_size, lambda d: _fixed(linter, d))

    routes = [Route(path, page, methods=["GET"]) for path in files]
    routes += [Route("/api/lint", lint, methods=["POST"]), Route("/api/fix", fix, methods=["POST"])]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    return LocalOnly(app, allowed_hosts)


def _read_static(name: str) -> bytes:
    return resources.files("followlint.web").joinpath("static", name).read_bytes()


def _fixed(linter: Any, draft: DraftRequest) -> dict[str, Any]:
    done = linter.fix_text(draft.text, path=draft.path, context=draft.context)
    return {**result_json(done.text, done.result), "fixed": done.fixed}


async def _answer(request: Request, body_limit: int, max_file_size: int,
                  work: Callable[[DraftRequest], dict[str, Any]]) -> Response:
    """Parse, lint in a worker thread, and turn every failure into a JSON error the page can show."""
    try:
        draft = parse_request(await _json_body(request, body_limit, max_file_size), max_file_size)
        answer = await run_in_threadpool(work, draft)
    except BadRequest as exc:
        return JSONResponse({"error": exc.message}, status_code=exc.status)
    except Exception as exc:  # a crashed rule must not take the page down or show a traceback
        sys.stderr.write(f"followlint serve: internal error ({type(exc).__name__}) while checking a draft; "
                         "still serving\n")
        return JSONResponse({"error": "followlint hit an internal error while checking this draft; "
                                      "please report it (the draft was not kept)"}, status_code=500)
    if answer.get("error"):
        return JSONResponse({"error": answer["error"]}, status_code=400)
    return JSONResponse(answer)


async def _json_body(request: Request, limit: int, max_file_size: int) -> Any:
    """The request's JSON, read no further than ``limit`` bytes (an oversized body is refused unread)."""
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise BadRequest("send the draft as JSON (Content-Type: application/json)", status=415)
    too_big = BadRequest(f"draft is over the {max_file_size:,}-byte limit "
                         "(raise max-file-size in the config to check it)", status=413)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks))
    except (ValueError, RecursionError):
        raise BadRequest("the request is not valid JSON") from None


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's 404 and 405 as JSON, like every other error of the page."""
    status = getattr(exc, "status_code", 500)
    message = {404: "no such page", 405: "method not allowed here"}.get(status, "bad request")
    return JSONResponse({"error": message}, status_code=status)
