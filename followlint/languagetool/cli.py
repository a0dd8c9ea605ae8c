"""``followlint languagetool install|start|stop|status``: the commands around a local LanguageTool."""

from __future__ import annotations

import argparse
from typing import IO

from followlint.languagetool.home import DEFAULT_PORT


def add_parser(sub) -> None:
    lt = sub.add_parser("languagetool", help="install, start, stop or check a local LanguageTool server",
                        description="A local LanguageTool server for engine = \"languagetool\" or \"both\". "
                                    "Linting never downloads it: `install` does, once.")
    actions = lt.add_subparsers(dest="lt_command", metavar="ACTION", required=True)
    install = actions.add_parser("install", help="fetch the pinned LanguageTool with Maven and verify it")
    install.add_argument("--via", choices=("maven", "language-tool-python"), default="maven",
                         help="maven (default: your mvn and its settings) or language-tool-python (its own "
                              "download; needs followlint[languagetool])")
    start = actions.add_parser("start", help="run the installed LanguageTool on 127.0.0.1")
    start.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    start.add_argument("--heap", default="512m", help="Java heap limit (default 512m)")
    start.add_argument("--language", action="append", default=None, metavar="CODE",
                       help="warm up this language before returning (default en-US; repeat for more)")
    actions.add_parser("stop", help="stop the server that `start` started")
    actions.add_parser("status", help="say what is installed and whether the server runs (exit 1: not running)")


def run(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    from followlint.languagetool.install import InstallError
    from followlint.languagetool.server import ServerError

    try:
        return {"install": _install, "start": _start, "stop": _stop, "status": _status}[args.lt_command](
            args, stdout)
    except (InstallError, ServerError) as exc:
        stderr.write(f"followlint: error: {exc}\n")
        return 2


def _install(args, out) -> int:
    from followlint.languagetool import install

    if args.via == "language-tool-python":
        where = install.install_with_ltp()
        out.write(f"LanguageTool is in {where} (downloaded by language_tool_python).\n")
        return 0
    out.write("Resolving LanguageTool with Maven (about 100 MB the first time)...\n")
    out.flush()
    done = install.install()
    size = f"{done.size / 1e6:.0f} MB"
    if done.fresh:
        out.write(f"Installed LanguageTool {install.pinned_version()}: {done.files} jars, {size}, every sha256 "
                  f"matches the lock file.\n  in {done.where}\n  (Maven also keeps its copy in its local "
                  "repository, ~/.m2 by default.)\n")
    else:
        out.write(f"LanguageTool {install.pinned_version()} is already installed and verified ({done.files} jars, "
                  f"{size}) in {done.where}\n")
    out.write("Next: `followlint languagetool start`, then engine = \"both\" in [tool.followlint.grammar].\n")
    return 0


def _start(args, out) -> int:
    from followlint.languagetool import home, server

    inst = home.installed()
    if inst is None:
        raise server.ServerError("LanguageTool is not installed; run `followlint languagetool install` first")
    out.write(f"Starting LanguageTool {inst.version} on 127.0.0.1:{args.port} (the first check loads its rules; "
              "this can take a minute)...\n")
    out.flush()
    state = server.start(inst, args.port, args.heap, tuple(args.language or ("en-US",)))
    out.write(f"LanguageTool {state.version} is running on {state.url} (pid {state.pid}; log {state.log}).\n")
    if args.port != DEFAULT_PORT:
        out.write(f'Set languagetool-url = "{state.url}" or local-server = true in [tool.followlint.grammar].\n')
    return 0


def _stop(args, out) -> int:
    from followlint.languagetool import server

    state = server.stop()
    out.write(f"Stopped LanguageTool on {state.url} (pid {state.pid}).\n" if state else
              "No LanguageTool started by followlint is running.\n")
    return 0


def _status(args, out) -> int:
    from followlint.languagetool import home, server

    inst = home.installed()
    if inst is None:
        out.write(f"installed: no (pinned version {home.pinned_version()}; `followlint languagetool install`)\n")
    else:
        out.write(f"installed: LanguageTool {inst.version} ({inst.source}) in {inst.where}\n")
    java = server.java_problem()
    out.write(f"java: {java or 'ok'}\n")
    state = server.running()
    if state is None:
        out.write("server: not running\n")
        return 1
    ok = server.answering(state)
    out.write(f"server: {'running' if ok else 'not answering'} on {state.url} (pid {state.pid}, LanguageTool "
              f"{state.version}, log {state.log})\n")
    return 0 if ok else 1
