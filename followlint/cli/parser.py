"""The command line's arguments: one parser, with the value checks argparse reports as usage errors."""

from __future__ import annotations

import argparse
from pathlib import Path

from followlint import __version__

OUTPUT_FORMATS = ("full", "concise", "json", "sarif", "github")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="followlint",
        description="Lint the message you send after a job interview, before you hit send.")
    parser.add_argument("--version", action="version", version=f"followlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint drafts (files, directories, or - for stdin)")
    check.add_argument("paths", nargs="*", help="draft files or directories (default: .); - reads stdin")
    check.add_argument("--output-format", choices=OUTPUT_FORMATS, default=None,
                       help="full (default), concise, json, sarif (SARIF 2.1.0) or github (Actions annotations)")
    check.add_argument("--select", action="append", default=None, metavar="RULES",
                       help="only these rules (names, codes, code prefixes or categories; comma-separated)")
    check.add_argument("--extend-select", action="append", default=[], metavar="RULES",
                       help="add rules to the selection (e.g. opt-in rules)")
    check.add_argument("--ignore", action="append", default=[], metavar="RULES", help="skip these rules")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--fail-level", choices=("error", "warning", "info"), default=None,
                       help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary")
    check.add_argument("--config", type=Path, default=None, help="use this config file instead of discovery")
    check.add_argument("--stdin-filename", default=None,
                       help="name of the draft read from stdin (picks format and config)")
    check.add_argument("--show-source", dest="show_source", action="store_true", default=True,
                       help="show the source line under each finding (default)")
    check.add_argument("--no-show-source", dest="show_source", action="store_false")
    check.add_argument("--fix", action="store_true",
                       help="apply safe fixes to the drafts (stdin: print the fixed text), then report what remains")
    check.add_argument("--unsafe-fixes", action="store_true",
                       help="with --fix or --diff, also apply fixes that may change what you meant")
    check.add_argument("--diff", action="store_true",
                       help="print the fixes as a unified diff and change nothing (exit 1 if there is any)")
    check.add_argument("--statistics", action="store_true",
                       help="show how many findings each rule produced instead of the findings")
    check.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                       help="worker processes for many drafts (default and at most: the available CPUs; 1: no workers)")
    check.add_argument("--trust-config", action="store_true", default=None,
                       help="let the config found in the checkout set cache-dir, vocabulary-file outside its "
                            "folder and a LanguageTool server off this machine (also: FOLLOWLINT_TRUST_CONFIG=1)")
    check.add_argument("--no-cache", action="store_true",
                       help="lint every draft again instead of reusing results for unchanged drafts")
    check.add_argument("--cache-dir", default=None, metavar="DIR",
                       help="where to keep cached results (default: $FOLLOWLINT_CACHE_DIR, cache-dir in the "
                            "config, else the user cache directory)")
    context = check.add_argument_group(
        "context", "who the draft is for and when; these win over front matter and e-mail headers")
    context.add_argument("--interviewer", action="append", default=None, metavar="NAME",
                         help="an interviewer's name (repeat for a panel)")
    context.add_argument("--company", default=None, metavar="NAME", help="the employer")
    context.add_argument("--role", default=None, metavar="TITLE", help="the job title")
    context.add_argument("--interview-date", default=None, metavar="YYYY-MM-DD", help="when the interview was")
    context.add_argument("--send-date", default=None, metavar="YYYY-MM-DD",
                         help="when the message will be sent (default: today)")
    context.add_argument("--kind", default=None, metavar="KIND",
                         help="thank-you, follow-up, panel, second-interview, linkedin-note or other "
                              "(default: detected from the text)")
    check.add_argument("--force-exclude", action="store_true", default=None,
                       help="skip named files that exclude, extend-exclude or .gitignore would skip in a folder "
                            "walk (for pre-commit and CI, which pass file names)")
    check.add_argument("--no-duplicates", action="store_true",
                       help="skip the check for near-identical messages across the drafts of this run")
    check.add_argument("--min-score", type=_min_score, default=None, metavar="N",
                       help="exit 1 when any draft scores below N (0-100)")

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--output-format", choices=("full", "json"), default="full")
    rules.add_argument("--all", action="store_true", help="include opt-in rules (marked with *)")

    rule = sub.add_parser("rule", help="explain one rule")
    rule.add_argument("name", help="rule name or code")

    sub.add_parser("lsp", help="run the language server over stdin/stdout (for editors; needs followlint[lsp])")

    config = sub.add_parser("config", help="print the resolved configuration")
    config.add_argument("path", nargs="?", default=".", help="file or directory whose config to show")
    config.add_argument("--config", type=Path, default=None)
    config.add_argument("--trust-config", action="store_true", default=None,
                        help="trust the config found in the checkout (see followlint check --help)")

    from followlint.languagetool.cli import add_parser as add_languagetool

    add_languagetool(sub)

    from followlint.web.server import add_parser as add_serve_parser

    add_serve_parser(sub)
    return parser


def _min_score(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 100, got {value!r}") from None
    if not 0 <= n <= 100:
        raise argparse.ArgumentTypeError(f"must be from 0 to 100, got {n}")
    return n


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (the available CPUs) or more")
    return n
