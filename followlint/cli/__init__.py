"""The ``followlint`` command line, following ruff's conventions.

Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage, config or
input error (or a crashed rule), 130 interrupted. A user error never shows a traceback.

The package is split by job: ``parser`` (the arguments), ``check`` (building and running a
lint), ``output`` (choosing the reporter and the exit code), ``info`` (rules, rule, config).
"""

from __future__ import annotations

import sys
from typing import IO, Sequence

from followlint.cli.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, UsageError

class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: unwind like Ctrl-C (workers stopped, no half-written file), exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, _frame) -> None:
    raise Terminated(signum)


def _handle_termination() -> None:
    """Only for the real command (argv from sys.argv), never for an in-process caller: SIGTERM and
    SIGHUP unwind like Ctrl-C, and a character no encoding can print is escaped, not a crash."""
    import signal

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _raise_terminated)


__all__ = ["main", "EXIT_OK", "EXIT_FINDINGS", "EXIT_ERROR", "EXIT_INTERRUPTED", "UsageError"]


def main(argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None,
         stdin: IO[bytes] | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    from followlint.cli.parser import build_parser

    parser = build_parser()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        _handle_termination()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse already printed usage
        return EXIT_ERROR if exc.code not in (0, None) else EXIT_OK
    if args.command is None:
        parser.print_help(stdout)
        return EXIT_OK
    echo = None
    if args.command == "check" and args.fix and not args.diff and args.paths == ["-"]:
        from followlint.cli.check import StdinEcho

        echo = StdinEcho(stdin, stdout)
    try:
        if args.command == "check":
            from followlint.cli.check import run_check

            try:
                return run_check(args, stdout, stderr, stdin, echo)
            except BaseException:
                if echo is not None:  # whatever went wrong, a pipe through --fix keeps the user's text
                    echo.original()
                raise
        if args.command == "rules":
            from followlint.cli.info import list_rules

            return list_rules(args, stdout)
        if args.command == "rule":
            from followlint.cli.info import explain_rule

            return explain_rule(args, stdout, stderr)
        if args.command == "config":
            from followlint.cli.info import show_config

            return show_config(args, stdout)
        if args.command == "lsp":
            from followlint.lsp import main as lsp_main

            return lsp_main(stderr)
        if args.command == "serve":
            from followlint.web.server import serve

            return serve(args, stderr)
        if args.command == "languagetool":
            from followlint.languagetool.cli import run as languagetool

            return languagetool(args, stdout, stderr)
    except Terminated as exc:
        stderr.write("followlint: terminated\n")
        return 128 + exc.signum
    except KeyboardInterrupt:
        stderr.write("followlint: interrupted\n")
        return EXIT_INTERRUPTED
    except _user_errors() as exc:
        from followlint.reporters.base import clean

        stderr.write(f"followlint: error: {clean(exc)}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_ERROR


def _user_errors() -> tuple[type[BaseException], ...]:
    from followlint.core.config import ConfigError
    from followlint.core.registry import RegistryError

    return (ConfigError, RegistryError, UsageError)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
