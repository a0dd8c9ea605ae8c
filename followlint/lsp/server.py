"""The language server: followlint's findings as diagnostics, fixes as code actions, rule docs on hover.

One :class:`followlint.Linter` stays loaded for the session; drafts are linted in one worker thread (the
event loop keeps answering the editor meanwhile), a short while after the last keystroke (debounced) and
at once on open and save. Results are published only for the version of the text they were computed for.
"""

from __future__ import annotations

import asyncio
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from followlint import __version__
from followlint.api import Linter, LintResult
from followlint.core.finding import Finding, Severity
from followlint.lsp.positions import UTF8, UTF16, UTF32, PositionMap

log = logging.getLogger("followlint.lsp")

SOURCE = "followlint"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.followlint"
#: Where a rule's page lives when the rule names none of its own (the rules reference, one anchor per rule).
CONFIG_FILES = (".followlint.toml", "followlint.toml", "pyproject.toml")
SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
            Severity.INFO: types.DiagnosticSeverity.Information}
ENCODINGS = {"utf-8": UTF8, "utf-16": UTF16, "utf-32": UTF32}  # the protocol's PositionEncodingKind values
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
#: The settings a client may send under ``followlint`` (docs/editors.md documents them).
SETTING_KEYS = ("configFile", "select", "extendSelect", "ignore", "debounceMs", "unsafeFixes")


@dataclass
class Settings:
    """The client's ``followlint`` settings (initializationOptions or workspace/configuration)."""

    config_file: str | None = None  # else the nearest pyproject.toml / .followlint.toml of each draft
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    debounce_ms: int = 200  # wait this long after the last change before linting
    unsafe_fixes: bool = True  # offer fixes that may change the meaning (marked as such) as code actions

    @classmethod
    def parse(cls, raw: Any) -> Settings:
        """From the client's JSON; a ``followlint`` section or the settings themselves; bad values ignored."""
        if not isinstance(raw, dict):
            return cls()
        data = raw.get("followlint", raw)
        data = data if isinstance(data, dict) else {}
        out = cls()
        text = data.get("configFile")
        out.config_file = text if isinstance(text, str) and text.strip() else None
        for key, attr in (("select", "select"), ("extendSelect", "extend_select"), ("ignore", "ignore")):
            value = data.get(key)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                setattr(out, attr, value)
        if isinstance(data.get("debounceMs"), int) and data["debounceMs"] >= 0:
            out.debounce_ms = data["debounceMs"]
        if isinstance(data.get("unsafeFixes"), bool):
            out.unsafe_fixes = data["unsafeFixes"]
        return out


@dataclass
class Linted:
    """The last result published for a document, with the text it is for."""

    version: int | None
    text: str
    result: LintResult
    positions: PositionMap


class FollowlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("followlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.root: Path | None = None
        self.linter: Linter | None = None
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="followlint-lint")

    # --- the engine -----------------------------------------------------------------------

    def encoding(self) -> str:
        negotiated = self.workspace.position_encoding
        return ENCODINGS.get(str(getattr(negotiated, "value", negotiated)), UTF16)

    def _build_linter(self) -> Linter:
        """A Linter for the current settings (spaCy and Harper stay loaded across rebuilds: they are cached
        per process). Runs in the worker thread."""
        s = self.settings
        config = Path(s.config_file).expanduser() if s.config_file else None
        if config is not None and not config.is_absolute() and self.root is not None:
            config = self.root / config
        return Linter(config, root=self.root, select=s.select, extend_select=s.extend_select, ignore=s.ignore)

    def _linter(self) -> Linter:
        if self.linter is None:
            self.linter = self._build_linter()
        return self.linter

    async def run(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, *args)

    async def reconfigure(self) -> None:
        """New settings or an edited config file: a fresh Linter, every open draft linted again."""
        self.linter = None
        try:
            await self.run(self._linter)
        except Exception as exc:  # a config error: say so once; the next lint tries again
            self.linter = None
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=f"followlint: {exc}"))
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, delay=0)

    # --- linting ----------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Lint ``uri`` after ``delay`` seconds (default: the debounce), replacing a pending lint."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        wait = self.settings.debounce_ms / 1000 if delay is None else delay
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, wait))

    async def _lint_later(self, uri: str, wait: float) -> None:
        if wait:
            await asyncio.sleep(wait)
        try:
            await self.lint(uri)
        except Exception as exc:  # keep serving; the editor's log shows why
            log.exception("linting %s failed", uri)
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error,
                                                           message=f"followlint: linting {uri} failed: {exc}"))
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def lint(self, uri: str) -> None:
        doc = self.workspace.get_text_document(uri)
        text, version = doc.source, doc.version
        path = draft_path(uri, doc.language_id)
        try:
            result = await self.run(lambda: self._linter().lint_text(text, path=path))
        except Exception as exc:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=f"followlint: {exc}"))
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # closed or edited meanwhile: a newer lint is on its way
        linted = Linted(version, text, result, PositionMap(text, self.encoding()))
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=diagnostics(linted)))

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def current(self, uri: str) -> Linted | None:
        """The last result, if it is for the text the editor has now."""
        linted = self.linted.get(uri)
        doc = self.workspace.text_documents.get(uri)
        if linted is None or doc is None or doc.version != linted.version:
            return None
        return linted


def draft_path(uri: str, language_id: str | None) -> str | None:
    """The draft's file path (picks format and config); an unsaved Markdown buffer reads as Markdown."""
    if uri.startswith("file:"):
        return to_fs_path(uri)
    return "untitled.md" if language_id == "markdown" else None


# --- findings as LSP objects ------------------------------------------------------------------

def lsp_range(positions: PositionMap, start: int, end: int) -> types.Range:
    return types.Range(start=types.Position(*positions.position(start)), end=types.Position(*positions.position(end)))


def rule_url(finding: Finding) -> str | None:
    """The rule's documentation page when it names one (a plugin's ``link``); built-in rules are
    documented by ``followlint rule NAME``, not by a web page."""
    return finding.url


def diagnostic(linted: Linted, finding: Finding) -> types.Diagnostic:
    message = finding.message
    if finding.suggestions and not any(s in message for s in finding.suggestions):
        message += " Suggestion: " + ", ".join(f"'{s}'" for s in finding.suggestions[:3]) + "."
    url = rule_url(finding)
    return types.Diagnostic(
        range=lsp_range(linted.positions, finding.span.start, finding.span.end),
        severity=SEVERITY[finding.severity], code=finding.code,
        code_description=types.CodeDescription(href=url) if url else None, source=SOURCE, message=message,
        data={"rule": finding.rule, "start": finding.span.start, "end": finding.span.end})


def diagnostics(linted: Linted) -> list[types.Diagnostic]:
    result = linted.result
    if result.error:
        return [types.Diagnostic(range=lsp_range(linted.positions, 0, 0), severity=types.DiagnosticSeverity.Error,
                                 source=SOURCE, message=f"followlint could not read this draft: {result.error}")]
    return [diagnostic(linted, f) for f in result.findings]


def fix_action(uri: str, linted: Linted, finding: Finding) -> types.CodeAction:
    from followlint.core.fix import line_ending

    fix = finding.fix
    assert fix is not None
    eol = line_ending(linted.text)
    edits = [types.TextEdit(range=lsp_range(linted.positions, e.start, e.end),
                            new_text=_LINE_BREAK.sub(eol, e.replacement)) for e in fix.edits]
    title = fix.title if fix.safe else f"{fix.title} (unsafe: check the meaning)"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic(linted, finding)], is_preferred=fix.safe,
                            edit=types.WorkspaceEdit(changes={uri: edits}))


def _wanted(only: list[str] | None, kind: str) -> bool:
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def rule_docs(ls: FollowlintServer, name: str) -> str:
    """What ``followlint rule NAME`` prints (it is Markdown)."""
    return ls._linter().explain(name) or ""


# --- the protocol ---------------------------------------------------------------------------------

server = FollowlintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: FollowlintServer, params: types.InitializeParams) -> None:
    ls.settings = Settings.parse(params.initialization_options)
    root = ls.workspace.root_path
    ls.root = Path(root) if root else None


@server.feature(types.INITIALIZED)
async def initialized(ls: FollowlintServer, params: types.InitializedParams) -> None:
    await pull_settings(ls)
    await ls.reconfigure()  # loads rules now, so the first draft does not wait for them
    ls.executor.submit(_warm_up, ls)


def _warm_up(ls: FollowlintServer) -> None:
    try:
        ls._linter().warm_up()
    except Exception:  # reported when a draft is linted
        pass


async def pull_settings(ls: FollowlintServer) -> None:
    """Ask the client for its ``followlint`` settings, when it can answer (workspace/configuration)."""
    caps = ls.client_capabilities.workspace
    if caps is None or not caps.configuration:
        return
    try:
        values = await ls.workspace_configuration_async(types.ConfigurationParams(
            items=[types.ConfigurationItem(section="followlint")]))
    except Exception:
        return
    if values and isinstance(values[0], dict) and values[0]:
        ls.settings = Settings.parse(values[0])


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: FollowlintServer, params: types.DidChangeConfigurationParams) -> None:
    if isinstance(params.settings, dict) and isinstance(params.settings.get("followlint"), dict):
        ls.settings = Settings.parse(params.settings)
    else:
        await pull_settings(ls)
    await ls.reconfigure()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(ls: FollowlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(change.uri.rsplit("/", 1)[-1] in CONFIG_FILES for change in params.changes):
        await ls.reconfigure()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FollowlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, delay=0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FollowlintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: FollowlintServer, params: types.DidSaveTextDocumentParams) -> None:
    if params.text_document.uri.rsplit("/", 1)[-1] in CONFIG_FILES:
        await ls.reconfigure()
    else:
        ls.schedule(params.text_document.uri, delay=0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FollowlintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
async def code_action(ls: FollowlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    linted = ls.current(uri)
    if linted is None or not linted.result.fixable:
        return []
    only = [str(k) for k in params.context.only] if params.context.only else None
    start = linted.positions.offset(params.range.start.line, params.range.start.character)
    end = linted.positions.offset(params.range.end.line, params.range.end.character)
    actions = []
    if _wanted(only, types.CodeActionKind.QuickFix):
        for f in linted.result.findings:
            if f.fix is None or not f.fix.edits or (not f.fix.safe and not ls.settings.unsafe_fixes):
                continue
            if f.span.start <= end and start <= f.span.end:
                actions.append(fix_action(uri, linted, f))
    if _wanted(only, FIX_ALL) and any(f.fix is not None and f.fix.safe for f in linted.result.findings):
        path = draft_path(uri, ls.workspace.get_text_document(uri).language_id)
        fixed = await ls.run(lambda: ls._linter().fix_text(linted.text, path=path))
        if fixed.fixed:
            whole = lsp_range(linted.positions, 0, len(linted.text))
            actions.append(types.CodeAction(
                title=f"followlint: apply {fixed.fixed} safe fix{'es' if fixed.fixed != 1 else ''}", kind=FIX_ALL,
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=whole, new_text=fixed.text)]})))
    return actions


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: FollowlintServer, params: types.HoverParams) -> types.Hover | None:
    linted = ls.current(params.text_document.uri)
    if linted is None:
        return None
    at = linted.positions.offset(params.position.line, params.position.character)
    # The narrowest first: a word's finding before the paragraph-wide ones around it.
    hits = sorted((f for f in linted.result.findings if f.span.start <= at <= f.span.end),
                  key=lambda f: f.span.end - f.span.start)
    if not hits:
        return None
    parts = []
    for f in hits:
        suggestion = f"\n\nSuggestion: {', '.join(f.suggestions)}" if f.suggestions else ""
        parts.append(f"**{f.code} {f.rule}**: {f.message}{suggestion}\n\n{rule_docs(ls, f.rule)}")
    first = hits[0]
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                       range=lsp_range(linted.positions, first.span.start, first.span.end))


@server.feature(types.SHUTDOWN)
def shutdown(ls: FollowlintServer, params: None) -> None:
    for task in ls.pending.values():
        task.cancel()
    ls.executor.shutdown(wait=False, cancel_futures=True)


def serve() -> None:
    """Talk LSP over stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="followlint-lsp: %(message)s")  # stderr: the client's log
    server.start_io()
