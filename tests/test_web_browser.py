"""``followlint serve`` in a real headless browser: paste a bad draft, see the findings on the right
words, read them by mouse and keyboard, apply the safe fixes, download the result, and get a clear
message for a file that is not text.

Uses Debian's chromium (``apt-get install chromium``) driven by Playwright; no browser is downloaded.
Skipped, with the reason, when either is missing. ``FOLLOWLINT_SCREENSHOTS=docs/img`` also saves the
screenshots the docs show.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="followlint[web] is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (pip) is not installed")
expect = sync_api.expect

CHROMIUM = os.environ.get("FOLLOWLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CASUAL = (ROOT / "examples" / "casual-bad.txt").read_text(encoding="utf-8")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync"]
MAX_FILE_SIZE = 4000
SHOTS = os.environ.get("FOLLOWLINT_SCREENSHOTS")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``followlint serve --port 0`` as a user starts it, in a folder with a small max-file-size."""
    folder = tmp_path_factory.mktemp("serve")
    (folder / ".followlint.toml").write_text(f"max-file-size = {MAX_FILE_SIZE}\n", encoding="utf-8")
    env = {**os.environ, "FOLLOWLINT_CACHE_DIR": str(folder / "cache"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "followlint", "serve", "--port", "0"], cwd=folder, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True)
    reader.start()
    said: list[str] = []
    url = None
    try:
        while url is None:
            line = lines.get(timeout=180)
            said.append(line)
            found = re.search(r"serving (http://\S+/)", line)
            url = found.group(1) if found else None
    except queue.Empty:
        proc.kill()
        pytest.fail(f"followlint serve did not start: {''.join(said)}")
    yield url, said
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    reader.join(timeout=10)
    while not lines.empty():
        said.append(lines.get())
    assert not any(word in line for line in said for word in ("Thx", "AWESOME", "IHDR")), "a draft was logged"
    assert not (folder / "cache").exists() or not any((folder / "cache").rglob("*")), "a draft was kept"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A fresh tab on the page; fails the test on any script error or any request that leaves the server."""
    url, _said = server
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"script error: {exc}"))
    tab.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    tab.on("request", lambda req: None if req.url.startswith((url, "data:", "blob:"))
           else problems.append(f"left the machine: {req.url}"))
    tab.goto(url)
    yield tab
    context.close()
    assert [p for p in problems if "status of 4" not in p] == []


def _check(page, text: str) -> None:
    page.fill("#draft", text)
    page.click("#check")
    expect(page.locator("#status")).to_contain_text("finding")


def _marked_words(page) -> list[str]:
    """The text of each word-level highlight (passage-level ones are only underlined)."""
    return page.locator("#preview mark:not(.broad)").all_inner_texts()


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name))


def test_server_listens_on_this_computer_only_by_default(server):
    url, said = server
    assert url.startswith("http://127.0.0.1:")
    assert not any("warning" in line for line in said)


def test_findings_are_highlighted_on_the_right_words_even_after_an_emoji(page):
    page.fill("#interviewers", "Dana Lee")
    page.fill("#company", "Acme")
    _check(page, CASUAL)
    words = _marked_words(page)
    # 'gonna', 'Lemme' and 'asap' come after the 😀 (two UTF-16 units): a one-off shift would cut them
    for word in ("Hey", "!!", "Thx", "AWESOME", "😀", "gonna", "Lemme", "asap", "Cheers,", "Sent from my iPhone"):
        assert word in words, (word, str(words))
    assert page.locator("#score").inner_text() == "0"
    assert page.locator("#kind-found").inner_text() == "thank-you"
    assert page.locator("#preview").text_content() == CASUAL  # every character shown once, in order

    page.locator("#preview mark", has_text="Thx").first.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "'Thx' is chat-speak" in tip.inner_text() and "Suggestion: Thanks" in tip.inner_text()
    if SHOTS:  # for the docs: from the top of the page, a tip that hides no other highlight
        page.mouse.wheel(0, -5000)
        page.wait_for_timeout(300)
        page.locator("#preview mark", has_text="iPhone").hover()
    _shot(page, "serve-findings.png")


def test_findings_can_be_read_with_the_keyboard(page):
    _check(page, CASUAL)
    page.focus("#file")
    page.keyboard.press("Tab")  # the next stop after the buttons is the first highlighted word
    expect(page.locator("#preview mark").first).to_be_focused()
    assert page.locator("#preview mark").first.inner_text() == "Hey"
    assert "too casual a greeting" in page.locator("#tip").inner_text()
    page.keyboard.press("Enter")
    assert "too casual a greeting" in page.locator("#detail").inner_text()
    page.keyboard.press("Escape")
    assert not page.locator("#tip").is_visible()
    page.locator("#findings button", has_text="'Thx' is chat-speak").click()
    expect(page.locator("#preview mark:not(.broad)", has_text="Thx")).to_be_focused()


def test_safe_fixes_are_applied_and_the_fixed_draft_downloads(page):
    _check(page, CASUAL)
    assert "!!" in _marked_words(page)
    page.click("#fix")
    expect(page.locator("#status")).to_contain_text("Applied")
    fixed = page.input_value("#draft")
    assert "!!" not in fixed and "!!" not in _marked_words(page)
    assert fixed.startswith("Hey Dana") and "Hey" in _marked_words(page)  # not safe: left to the writer
    _shot(page, "serve-fixed.png")

    page.fill("#draft", CASUAL)
    with page.expect_download() as download:
        page.click("#download")
    assert download.value.suggested_filename == "follow-up-draft.txt"
    assert Path(download.value.path()).read_text(encoding="utf-8") == fixed


def test_a_file_that_is_not_text_gets_a_clear_message_and_the_page_keeps_working(page):
    page.set_input_files("#file", files=[{"name": "photo.txt", "mimeType": "text/plain",
                                          "buffer": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}])
    error = page.locator("#error")
    error.wait_for(state="visible")
    assert "photo.txt: looks like a binary file" in error.inner_text()
    expect(page.locator("#summary")).to_be_hidden()  # no score for a draft that was not checked
    assert "Traceback" not in page.content()

    page.set_input_files("#file", files=[{"name": "thanks.md", "mimeType": "text/markdown",
                                          "buffer": "Hi Dana,\n\nThx for the chat!!\n".encode()}])
    expect(page.locator("#draft")).to_have_value(re.compile("Thx"))
    expect(page.locator("#status")).to_contain_text("thanks.md")
    assert not error.is_visible()
    assert "Thx" in _marked_words(page)


def test_an_oversized_draft_gets_the_cli_message(page):
    page.fill("#draft", "Hi Dana, thanks for the chat. " * 200)
    page.click("#check")
    error = page.locator("#error")
    error.wait_for(state="visible")
    assert f"over the {MAX_FILE_SIZE:,}-byte limit (raise max-file-size" in error.inner_text()
    _check(page, "Hi Dana,\n\nThx for the chat!!\n")  # and the next draft is checked as usual
    assert not error.is_visible()


def test_a_draft_becomes_text_never_markup(page):
    _check(page, 'Hey Dana!!\n\n<img src=x onerror="document.title=1"><b>Thx</b> for the chat\n')
    assert page.locator("#preview img, #preview b").count() == 0
    assert "<b>" in page.locator("#preview").inner_text()
    assert page.title().startswith("followlint")


def test_a_dropped_file_is_checked(page):
    transfer = page.evaluate_handle("""() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(["Hi Dana,\\r\\n\\r\\nThx for the chat!!\\r\\n"], "thanks.txt", {type: "text/plain"}));
        return transfer;
    }""")
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})
    expect(page.locator("#draft")).to_have_value("Hi Dana,\n\nThx for the chat!!\n")
    expect(page.locator("#status")).to_contain_text("finding")
    assert "Thx" in _marked_words(page) and "!!" in _marked_words(page)
    expect(page.locator("#fix")).to_be_enabled()  # the findings are those of the text box's text (\n, not \r\n)
