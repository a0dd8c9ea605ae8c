"""``followlint serve``: the page's endpoints give the CLI's findings, refuse bad input the CLI's way,
keep serving after it, and answer only this computer's own page."""

from __future__ import annotations

import base64
import logging
import re
import socket
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="followlint[web] is not installed")
if not any(__import__("importlib").util.find_spec(m) for m in ("httpx2", "httpx")):
    pytest.skip("httpx2 (Starlette's TestClient) is not installed", allow_module_level=True)

from starlette.testclient import TestClient  # noqa: E402

import followlint  # noqa: E402
from followlint.web.app import create_app  # noqa: E402
from followlint.web.server import exposure_warning, is_loopback  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CASUAL = (ROOT / "examples" / "casual-bad.txt").read_text(encoding="utf-8")
BASE = "http://127.0.0.1:8737"
GOOD = ("Hi Dana,\n\nThank you for the interview yesterday. I enjoyed our talk about the data pipeline "
        "at Acme.\n\nBest regards,\nSam\nsam@example.com\n")


@pytest.fixture(scope="module")
def linter() -> followlint.Linter:
    return followlint.Linter(root=ROOT)


def _client(linter, max_file_size: int = 1_000_000, hosts: tuple[str, ...] = ()) -> TestClient:
    return TestClient(create_app(linter, max_file_size, hosts), base_url=BASE, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(linter) -> TestClient:
    return _client(linter)


def _lint(client: TestClient, **body) -> dict:
    response = client.post("/api/lint", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def _error(response) -> str:
    """A refused request's message; it must be JSON with a message, never a traceback."""
    assert response.headers["content-type"].startswith("application/json")
    message = response.json()["error"]
    assert message and "Traceback" not in message
    return message


# --- the page itself ---------------------------------------------------------------------

def test_page_and_its_files_are_served_with_headers_that_forbid_framing_and_outside_resources(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    for asset in ("/app.js", "/app.css"):
        assert client.get(asset).status_code == 200
    assert 'src="/app.js"' in page.text and 'href="/app.css"' in page.text


def test_page_loads_nothing_from_the_network():
    static = ROOT / "followlint" / "web" / "static"
    for path in static.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href|url|import|fetch)\s*[=(]\s*["']?(?:https?:)?//""", text), path.name
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, path.name


def test_unknown_path_and_wrong_method_answer_json(client):
    assert _error(client.get("/nope")) == "no such page"
    assert client.get("/api/lint").status_code == 405


# --- same findings as the CLI ---------------------------------------------------------------

def test_lint_gives_the_cli_findings_score_and_kind(client, cli):
    answer = _lint(client, text=CASUAL)
    out = cli("check", "-", "--output-format", "json", "--no-cache", stdin=CASUAL).json["files"][0]
    page = sorted((f["code"], f["start"], f["end"], f["message"]) for f in answer["findings"])
    assert page == sorted((f["code"], f["start"], f["end"], f["message"]) for f in out["findings"])
    assert answer["score"] == out["score"]
    assert answer["kind"] == "thank-you"
    assert answer["text"] == CASUAL


def test_offsets_for_javascript_count_an_emoji_as_two_units(client):
    text = "Hi Dana 😀,\n\nThx for the interview.\n"
    answer = _lint(client, text=text)
    thx = next(f for f in answer["findings"] if text[f["start"]:f["end"]] == "Thx")
    assert (thx["start16"], thx["end16"]) == (thx["start"] + 1, thx["end"] + 1)
    units = text.encode("utf-16-le")
    assert units[2 * thx["start16"]:2 * thx["end16"]].decode("utf-16-le") == "Thx"
    assert (thx["line"], thx["column"]) == (3, 1)


def test_context_fields_switch_on_the_checks_that_need_them(client):
    without = _lint(client, text=GOOD)
    with_panel = _lint(client, text=GOOD, context={"interviewers": "Raj Patel", "company": "Acme", "role": "",
                                                   "interview_date": "2026-11-20", "kind": "thank-you"})
    assert "interviewer-name-mismatch" not in {f["rule"] for f in without["findings"]}
    mismatch = next(f for f in with_panel["findings"] if f["rule"] == "interviewer-name-mismatch")
    assert "Raj Patel" in mismatch["message"]


def test_fix_applies_the_safe_fixes_only_as_check_fix_does(client, cli):
    answer = client.post("/api/fix", json={"text": CASUAL}).json()
    fixed = cli("check", "--fix", "-", "--no-cache", stdin=CASUAL).out
    assert answer["text"] == fixed
    assert "!!" not in answer["text"] and answer["text"].startswith("Hey Dana")  # 'Hey' -> 'Hi' is not safe
    assert answer["fixed"] >= 2 and answer["safe_fixes"] == 0
    assert "!!" not in {answer["text"][f["start"]:f["end"]] for f in answer["findings"]}


# --- bad input: a clear message, and the server keeps serving ----------------------------------

@pytest.mark.parametrize(("body", "status", "words"), [
    ({"data": base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").decode(), "filename": "photo.txt"},
     400, "photo.txt: looks like a binary file"),
    ({"data": base64.b64encode(b"Hi Dana,\n\nThanks \xff a lot").decode(), "filename": "note.txt"},
     400, "note.txt: not valid UTF-8: byte 0xff at line 3, column 8"),
    ({"text": "Hi Dana,\x00\x00 thanks"}, 400, "looks like a binary file"),
    ({"data": "not base64!"}, 400, "did not arrive intact"),
    ({"text": "---\nkind: [oops\n---\nHi Dana,\n", "filename": "note.md"}, 400, "front matter is not valid YAML"),
    ({"draft": "Hi"}, 400, "no draft"),
    ({"text": "Hi", "context": {"kind": "poem"}}, 400, "unknown kind 'poem'"),
    ({"text": "Hi", "context": {"interview_date": "last Tuesday"}}, 400, "interview date' must be a date"),
    ({"text": "Hi", "context": "Acme"}, 400, "'context' must be an object"),
    (["Hi"], 400, "must be a JSON object"),
])
def test_bad_input_gets_a_clear_message(client, body, status, words):
    response = client.post("/api/lint", json=body)
    assert response.status_code == status
    assert words in _error(response)
    assert _lint(client, text=GOOD)["findings"] is not None  # still serving


def test_a_broken_character_is_refused(client):
    """JSON can carry half of an emoji (a lone surrogate) that no text file can hold."""
    response = client.post("/api/lint", content=b'{"text": "Hi \\ud800 Dana"}',
                           headers={"content-type": "application/json"})
    assert response.status_code == 400 and "pasted draft: not valid text" in _error(response)


def test_body_that_is_not_json_is_refused(client):
    assert "not valid JSON" in _error(client.post("/api/lint", content=b"{text: hi",
                                                  headers={"content-type": "application/json"}))
    assert client.post("/api/lint", content=b"Hi Dana", headers={"content-type": "text/plain"}).status_code == 415


def test_oversized_draft_respects_max_file_size(linter):
    small = _client(linter, max_file_size=200)
    response = small.post("/api/lint", json={"text": "Hi Dana, thanks. " * 20})
    assert response.status_code == 413
    assert "340 bytes, over the 200-byte limit (raise max-file-size" in _error(response)
    assert small.post("/api/lint", json={"text": "Hi Dana, thanks."}).status_code == 200


def test_oversized_body_is_refused_before_it_is_read(linter):
    small = _client(linter, max_file_size=200)
    declared = small.post("/api/lint", content=b"{}", headers={"content-type": "application/json",
                                                               "content-length": str(10**9)})
    assert declared.status_code == 413
    huge = small.post("/api/lint", json={"text": "x" * 200_000})
    assert huge.status_code == 413 and "over the 200-byte limit" in _error(huge)


class _Crashing:
    def lint_text(self, text, **kwargs):
        raise RuntimeError(f"boom in a rule while reading {text!r}")


def test_a_crash_is_a_message_not_a_traceback_and_the_draft_is_not_logged(linter, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    crashing = _client(_Crashing())
    response = crashing.post("/api/lint", json={"text": "Zyxwvut is my secret draft"})
    assert response.status_code == 500 and "internal error" in _error(response)
    assert crashing.get("/").status_code == 200
    _lint(_client(linter), text="Hi Dana, Zyxwvut thanks you for the chat!!")
    captured = capsys.readouterr()
    assert "Zyxwvut" not in captured.out + captured.err + caplog.text
    assert "RuntimeError" in captured.err  # the operator still learns that something broke


def test_no_draft_is_written_to_the_result_cache(client, tmp_path_factory):
    import os

    _lint(client, text="Hi Dana, Qwertyuiop thanks.")
    cache = Path(os.environ["FOLLOWLINT_CACHE_DIR"])
    assert not cache.exists() or not any(cache.rglob("*"))


# --- only this computer's own page ----------------------------------------------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:8737", "127.0.0.1.evil.example", "", "[::1"])
def test_requests_for_another_host_are_refused(client, host):
    """DNS rebinding: a site that points its own name at 127.0.0.1 still sends its name in Host."""
    response = client.get("/", headers={"host": host})
    assert response.status_code == 403
    assert "this computer" in _error(response)
    assert "x-frame-options" in response.headers


def test_requests_from_another_site_are_refused(client):
    refused = client.post("/api/lint", json={"text": GOOD}, headers={"origin": "http://evil.example"})
    assert refused.status_code == 403 and "other sites" in _error(refused)
    other_port = client.post("/api/lint", json={"text": GOOD}, headers={"origin": "http://127.0.0.1:9999"})
    assert other_port.status_code == 403
    own = client.post("/api/lint", json={"text": GOOD}, headers={"origin": BASE})
    assert own.status_code == 200


@pytest.mark.parametrize("host", ["localhost:8737", "127.0.0.1", "[::1]:8737", "LOCALHOST:8737"])
def test_local_names_are_answered(client, host):
    assert client.get("/", headers={"host": host}).status_code == 200


def test_a_host_given_with_host_is_answered(linter):
    lan = _client(linter, hosts=("192.168.1.20",))
    assert lan.get("/", headers={"host": "192.168.1.20:8737"}).status_code == 200
    assert lan.get("/", headers={"host": "evil.example"}).status_code == 403


# --- the command ---------------------------------------------------------------------------

def test_serve_warns_when_another_computer_could_reach_it():
    assert all(exposure_warning(h) is None for h in ("127.0.0.1", "127.0.0.2", "::1", "localhost"))
    warning = exposure_warning("0.0.0.0")
    assert warning and "--host" in warning and "other computers" in warning
    assert not is_loopback("192.168.1.20") and not is_loopback("example.com")


def test_serve_says_when_the_port_is_taken(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = cli("serve", "--port", str(port))
    assert result.code == 2
    assert f"cannot listen on 127.0.0.1 port {port}" in result.err and "--port" in result.err


def test_serve_without_the_web_extra_says_how_to_install_it(cli, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    result = cli("serve")
    assert result.code == 2
    assert "pip install 'followlint[web]'" in result.err and "uvicorn" in result.err


def test_serve_rejects_a_bad_port(cli, capsys):
    assert cli("serve", "--port", "99999").code == 2
    assert "port from 0 to 65535" in capsys.readouterr().err
