"""``followlint lsp`` end to end: a real LSP client (pytest-lsp) talks to the server over stdio."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

import followlint  # noqa: E402

pytestmark = pytest.mark.slow
in_session = pytest.mark.asyncio(loop_scope="module")  # the tests share one server (and its loaded engines)

#: An emoji (two UTF-16 code units, one code point) sits before the repeated word on its line.
BAD = ("Hey Dana \U0001F642,\n\nThanks for the the interview yesterday \U0001F389 I am looking forward to hearing "
       "about the analyst role at Corvid.\n\nCheers\nJordan Lee\njordan@example.com\n")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    # The workspace's config is read: this rule would otherwise flag BAD's missing sign-off name.
    (root / "pyproject.toml").write_text("[tool.followlint]\nignore = ['excessive-exclamation']\n")
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(
    server_command=[sys.executable, "-m", "followlint", "lsp"]))
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="drafts")],
        initialization_options={"followlint": {"debounceMs": 50}}))
    yield
    await lsp_client.shutdown_session()


def utf16(text: str, offset: int) -> types.Position:
    """The protocol's position of a code-point offset, computed independently of the server's code."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=line, character=len(text[start:offset].encode("utf-16-le")) // 2)


async def diagnostics_for(client: LanguageClient, uri: str, version: int, timeout: float = 120):
    """Wait until the server has published diagnostics for this version of the document."""
    async def published():
        while uri not in client.diagnostics or client.versions.get(uri) != version:
            await asyncio.sleep(0.02)
        return client.diagnostics[uri]

    return await asyncio.wait_for(published(), timeout)


def track_versions(client: LanguageClient) -> None:
    if hasattr(client, "versions"):
        return
    client.versions = {}

    def publish(params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.versions[params.uri] = params.version

    # pytest-lsp's own handler keeps the diagnostics but not the version they are for.
    client.protocol.fm._features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish


def open_draft(client: LanguageClient, path: Path, text: str, language: str = "plaintext") -> str:
    path.write_text(text, encoding="utf-8")
    track_versions(client)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=path.as_uri(), language_id=language, version=1, text=text)))
    return path.as_uri()


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply TextEdits as an editor does (UTF-16 positions)."""
    def offset(pos: types.Position) -> int:
        lines = text.split("\n")
        start = sum(len(line) + 1 for line in lines[:pos.line])
        units = 0
        for i, ch in enumerate(lines[pos.line]):
            if units >= pos.character:
                return start + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return start + len(lines[pos.line])

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


@in_session
async def test_diagnostics_at_utf16_ranges_with_codes_links_and_workspace_config(client, workspace):
    uri = open_draft(client, workspace / "emoji.txt", BAD)
    found = await diagnostics_for(client, uri, 1)
    expected = followlint.Linter(root=workspace).lint_text(BAD, path=str(workspace / "emoji.txt")).findings
    assert [d.code for d in found] == [f.code for f in expected]
    assert "T103" not in [d.code for d in found]  # ignored in the workspace's pyproject.toml
    (repeated,) = [d for d in found if d.code == "G101"]
    start = BAD.index("the the")
    assert repeated.range.start == utf16(BAD, start) and repeated.range.end == utf16(BAD, start + 7)
    assert repeated.range.start.character == start - BAD.index("Thanks")  # no emoji before it on its line
    (greeting,) = [d for d in found if d.code == "T100"]
    assert greeting.range == types.Range(start=types.Position(0, 0), end=types.Position(0, 3))
    (sign_off,) = [d for d in found if d.code == "T105"]
    cheers = BAD.index("Cheers")
    assert sign_off.range.start == utf16(BAD, cheers)
    assert repeated.severity == types.DiagnosticSeverity.Warning and repeated.source == "followlint"
    assert repeated.code_description is None  # no made-up link: `followlint rule repeated-word` documents it


@in_session
async def test_emoji_shifts_the_column_by_two_utf16_units(client, workspace):
    text = "Hi Dana,\n\n\U0001F642\U0001F642 Thanks for the the chat.\n\nBest regards,\nJo Lee\njo@example.com\n"
    uri = open_draft(client, workspace / "two-emoji.txt", text)
    found = await diagnostics_for(client, uri, 1)
    (repeated,) = [d for d in found if d.code == "G101"]
    column_in_code_points = text.index("the the") - text.index("\U0001F642")
    assert repeated.range.start == types.Position(line=2, character=column_in_code_points + 2)


@in_session
async def test_code_action_fixes_the_finding_and_the_diagnostic_goes_away(client, workspace):
    uri = open_draft(client, workspace / "fix-me.txt", BAD)
    found = await diagnostics_for(client, uri, 1)
    (repeated,) = [d for d in found if d.code == "G101"]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=repeated.range,
        context=types.CodeActionContext(diagnostics=[repeated])))
    (fix,) = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.diagnostics[0].code == "G101"]
    assert fix.is_preferred  # a safe fix
    fixed = apply(BAD, fix.edit.changes[uri])
    assert "the the" not in fixed and "for the interview" in fixed
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    after = await diagnostics_for(client, uri, 2)
    assert "G101" not in [d.code for d in after]
    assert [d.code for d in after] == [d.code for d in found if d.code != "G101"]


@in_session
async def test_unsafe_fixes_are_offered_marked_and_fix_all_applies_the_safe_ones(client, workspace):
    uri = open_draft(client, workspace / "unsafe.txt", BAD)
    await diagnostics_for(client, uri, 1)
    whole = types.Range(start=types.Position(0, 0), end=types.Position(20, 0))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=whole,
        context=types.CodeActionContext(diagnostics=[])))
    unsafe = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and not a.is_preferred]
    assert unsafe and all("unsafe" in a.title for a in unsafe)
    (fix_all,) = [a for a in actions if a.kind == "source.fixAll.followlint"]
    assert apply(BAD, fix_all.edit.changes[uri]) == followlint.Linter(root=workspace).fix_text(BAD).text


@in_session
async def test_hover_over_a_finding_shows_the_rule_docs(client, workspace):
    uri = open_draft(client, workspace / "hover.txt", BAD)
    await diagnostics_for(client, uri, 1)
    inside = utf16(BAD, BAD.index("the the") + 5)
    shown = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=inside))
    assert shown is not None and shown.contents.kind == types.MarkupKind.Markdown
    assert "# repeated-word (G101)" in shown.contents.value and "## What it flags" in shown.contents.value
    assert shown.range.start == utf16(BAD, BAD.index("the the"))
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=utf16(BAD, BAD.index("Dana"))))
    assert nothing is None


@in_session
async def test_front_matter_context_and_client_settings(client, workspace):
    text = "---\ninterviewers: [Priya Nair]\ncompany: Corvid\n---\n" + BAD
    uri = open_draft(client, workspace / "context.md", text, language="markdown")
    found = await diagnostics_for(client, uri, 1)
    assert any("Priya" in d.message for d in found)  # the greeting names someone else: front matter was read
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"followlint": {"debounceMs": 50, "ignore": ["casual-greeting"]}}))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text + "\n")]))
    after = await diagnostics_for(client, uri, 2)
    assert "T100" in [d.code for d in found] and "T100" not in [d.code for d in after]
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"followlint": {"debounceMs": 50}}))


def test_without_pygls_the_command_says_how_to_install_it():
    probe = ("import sys; sys.modules['pygls'] = None; from followlint.cli import main; "
             "raise SystemExit(main(['lsp']))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "pip install 'followlint[lsp]'" in proc.stderr


@in_session
async def test_a_broken_config_file_is_reported_and_the_server_keeps_serving(client, workspace):
    folder = workspace / "broken"
    folder.mkdir()
    (folder / ".followlint.toml").write_text("max-words = 'many'\n")
    open_draft(client, folder / "draft.txt", BAD)

    async def reported():
        while not any("max-words" in m.message for m in client.messages):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(reported(), 60)
    (message,) = [m for m in client.messages if "max-words" in m.message]
    assert message.type == types.MessageType.Error and ".followlint.toml" in message.message
    uri = open_draft(client, workspace / "after-broken.txt", BAD)
    assert await diagnostics_for(client, uri, 1)
