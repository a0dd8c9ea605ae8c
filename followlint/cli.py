"""The ``followlint`` command line, following ruff's conventions.

Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage, config or
input error (or a crashed rule), 130 interrupted. A user error never shows a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import IO, Sequence

from followlint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
OUTPUT_FORMATS = ("full", "concise", "json", "sarif", "github")


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
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
                       help="worker processes for many drafts (default: the available CPUs; 1: no workers)")
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

    config = sub.add_parser("config", help="print the resolved configuration")
    config.add_argument("path", nargs="?", default=".", help="file or directory whose config to show")
    config.add_argument("--config", type=Path, default=None)
    return parser


def _min_score(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to 100, got {value!r}") from None
    if not 0 <= n <= 100:
        raise argparse.ArgumentTypeError(f"must be from 0 to 100, got {n}")
    return n


def _cli_context(args):
    """The context flags as a DraftContext (None when none is given); a bad value is a usage error."""
    from followlint.anatomy.context import ContextError, DraftContext

    values = {"interviewers": args.interviewer, "company": args.company, "role": args.role,
              "interview_date": args.interview_date, "send_date": args.send_date, "kind": args.kind}
    values = {k: v for k, v in values.items() if v is not None}
    if not values:
        return None
    try:
        return DraftContext.from_mapping(values, source="command line")
    except ContextError as exc:
        flag = next((f"--{k.replace('_', '-').removesuffix('s')}" for k in values if f"'{k}'" in str(exc)), None)
        raise UsageError(str(exc).replace("command line: ", f"{flag}: " if flag else "")) from None


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (the available CPUs) or more")
    return n


def main(argv: Sequence[str] | None = None, stdout: IO[str] | None = None, stderr: IO[str] | None = None,
         stdin: IO[bytes] | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = _parser()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse already printed usage
        return EXIT_ERROR if exc.code not in (0, None) else EXIT_OK
    if args.command is None:
        parser.print_help(stdout)
        return EXIT_OK
    try:
        if args.command == "check":
            return _check(args, stdout, stderr, stdin)
        if args.command == "rules":
            return _rules(args, stdout)
        if args.command == "rule":
            return _rule(args, stdout, stderr)
        if args.command == "config":
            return _config(args, stdout)
    except KeyboardInterrupt:
        stderr.write("followlint: interrupted\n")
        return EXIT_INTERRUPTED
    except _user_errors() as exc:
        stderr.write(f"followlint: error: {exc}\n")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_ERROR


def _user_errors() -> tuple[type[BaseException], ...]:
    from followlint.core.config import ConfigError
    from followlint.core.registry import RegistryError

    return (ConfigError, RegistryError, UsageError)


def _split(values) -> tuple[str, ...] | None:
    if values is None:
        return None
    from followlint.core.selectors import split_list

    return tuple(item for value in values for item in split_list(value))


def _use_color(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _check(args, stdout, stderr, stdin) -> int:
    from followlint.core.config import CliOverrides, ConfigCache
    from followlint.core.finding import Severity
    from followlint.core.registry import build_registry
    from followlint.run.files import discover
    from followlint.core.fix import FixTally
    from followlint.run.progress import progress
    from followlint.run.progress import wanted as progress_wanted
    from followlint.reporters import STATISTICS_REPORTERS, get_reporter
    from followlint.reporters.base import Summary
    from followlint.run.runner import Run

    if args.config is not None and not args.config.is_file():
        raise UsageError(f"--config {args.config}: no such file")
    paths = args.paths or ["."]
    if "-" in paths and len(paths) > 1:
        raise UsageError("'-' (stdin) cannot be combined with other paths")
    configs = ConfigCache(args.config)
    registry = build_registry()
    run = Run(registry=registry, configs=configs,
              overrides=CliOverrides(select=_split(args.select), extend_select=_split(args.extend_select) or (),
                                     ignore=_split(args.ignore) or ()))
    run.context = _cli_context(args)
    run.duplicates = not args.no_duplicates
    first_cfg = configs.for_path(Path(args.stdin_filename) if paths == ["-"] and args.stdin_filename
                                 else Path(paths[0]) if paths[0] != "-" else None)
    run.active_rules(first_cfg)  # validate config and selectors before any output
    if not args.no_cache:
        from followlint.run.cache import ResultCache, resolve_dir

        run.cache = ResultCache(resolve_dir(args.cache_dir, first_cfg.cache_dir))
    if args.jobs:
        run.jobs = args.jobs
    else:
        from followlint.run.workers import default_jobs

        run.jobs = default_jobs()
    fail_level = Severity.parse(args.fail_level or first_cfg.fail_level or "warning")
    output_format = args.output_format or "full"
    if args.statistics and output_format not in STATISTICS_REPORTERS:
        raise UsageError(f"--statistics works with --output-format {', '.join(STATISTICS_REPORTERS)}, "
                         f"not {output_format}")
    fix = FixTally(unsafe=args.unsafe_fixes, diff=args.diff) if (args.fix or args.diff) else None
    targets = ["-"] if paths == ["-"] else list(discover(
        paths, first_cfg.exclude, extend_exclude=first_cfg.extend_exclude, gitignore=first_cfg.respect_gitignore,
        force_exclude=bool(args.force_exclude or first_cfg.force_exclude)))
    # Findings go to stdout, unless stdout carries the fixed text (stdin --fix) or the diff (--diff).
    report_to = stderr if fix is not None and (fix.diff or paths == ["-"]) else stdout
    summary = Summary(fail_level=fail_level)
    crashed = False
    with progress(report_to, stderr, len(targets),
                  enabled=(fix is None or not fix.diff)
                  and progress_wanted(report_to, stderr, len(targets), output_format)) as tracker:
        reporter = None if fix is not None and fix.diff else get_reporter(output_format, args.statistics)(
            tracker.stdout, err=tracker.stderr, color=_use_color(report_to), show_source=args.show_source,
            quiet=args.quiet, statistics=args.statistics, rules=registry)
        if reporter is not None:
            reporter.start()
        low_scores = []
        linted = tracker.track(_lint_targets(run, targets, args, fix, stdin, stdout, tracker.stderr))
        for result in run.finalize(linted):
            if args.min_score is not None and result.score is not None and result.score < args.min_score:
                low_scores.append(f"{result.path} ({result.score})")
            summary.add(result)
            crashed = crashed or (result.error is not None and result.draft is not None)
            if reporter is not None:
                reporter.add(result)
            elif result.error and result.draft is None:
                stderr.write(f"{result.path}: error: {result.error}\n")
        summary.notes = run.services.notes + summary.file_notes + (fix.notes if fix is not None else [])
        if fix is not None and not fix.diff:
            summary.fixed = fix.fixed
        if reporter is not None:
            reporter.finish(summary)
    if fix is not None and fix.diff:
        return _diff_summary(fix, summary, stderr, crashed)
    if summary.input_errors or crashed or (fix is not None and fix.write_errors):
        return EXIT_ERROR
    if low_scores:
        shown = ", ".join(low_scores[:5]) + (f" and {len(low_scores) - 5} more" if len(low_scores) > 5 else "")
        stderr.write(f"followlint: {len(low_scores)} draft{'s' if len(low_scores) != 1 else ''} scored below "
                     f"--min-score {args.min_score}: {shown}\n")
    if (summary.failing or low_scores) and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK


def _lint_targets(run, targets, args, fix, stdin, stdout, stderr):
    """One FileResult per target; with --fix/--diff, also write the fixed files or print the diffs."""
    from followlint.run.files import InputError
    from followlint.core.finding import FileResult
    from followlint.core.fix import fix_file, fix_stdin, unified_diff

    if fix is None and targets != ["-"]:
        # Cached results, worker processes for many drafts, always in the targets' order.
        yield from run.lint_targets(targets)
        return
    for target in targets:
        if isinstance(target, InputError):
            yield FileResult(path=target.path, error=target.message)
            continue
        if target == "-":
            raw = (stdin if stdin is not None else sys.stdin.buffer).read()
            if fix is None:
                yield run.lint_stdin(raw, args.stdin_filename)
                continue
            done = fix_stdin(run, raw, args.stdin_filename, unsafe=fix.unsafe)
            fix.record(done, stdin=True)
            if fix.diff:
                stdout.write(unified_diff(done.original or "", done.text or "", args.stdin_filename or "-"))
            elif done.text is not None:  # the text always comes back, fixed or not, so a pipe never loses it
                stdout.write(done.text)
                stdout.flush()
            yield done.result
            continue
        if fix is None:
            yield run.lint_file(target)
            continue
        done = fix_file(run, target, unsafe=fix.unsafe, write=not fix.diff)
        fix.record(done)
        if fix.diff and done.changed:
            stdout.write(unified_diff(done.original, done.text, target))
        if done.write_error:
            stderr.write(f"followlint: error: {target}: {done.write_error}\n")
        yield done.result


def _diff_summary(fix, summary, stderr, crashed) -> int:
    """--diff: the diffs are on stdout; say what they amount to and exit 1 when there is anything to apply."""
    from followlint.reporters.base import plural

    for note in summary.notes:
        stderr.write(f"note: {note}\n")
    if fix.fixed:
        stderr.write(f"Would fix {plural(fix.fixed, 'finding')} in {plural(fix.files_changed, 'file')}.\n")
    else:
        stderr.write("No fixes to apply.\n")
    remaining_unsafe = summary.fixable[1] if not fix.unsafe else 0
    if remaining_unsafe:
        stderr.write(f"{remaining_unsafe} more {'fix' if remaining_unsafe == 1 else 'fixes'} "
                     "available with --unsafe-fixes.\n")
    if summary.input_errors or crashed:
        return EXIT_ERROR
    return EXIT_FINDINGS if fix.fixed else EXIT_OK


def _rules(args, stdout) -> int:
    from followlint.core.registry import build_registry

    rules = list(build_registry())
    if args.output_format == "json":
        json.dump([{"name": r.meta.name, "code": r.meta.code, "category": r.meta.category,
                    "severity": str(r.meta.severity), "default": r.meta.default_enabled,
                    "fix": r.meta.fix, "summary": r.meta.summary} for r in rules], stdout, indent=2)
        stdout.write("\n")
        return EXIT_OK
    shown = [r for r in rules if args.all or r.meta.default_enabled]
    width = max(len(r.meta.name) for r in shown) + 2
    cat_width = max(len(r.meta.category) for r in shown) + 2
    stdout.write(f"{'CODE':<6} {'NAME':<{width}}{'CATEGORY':<{cat_width}}{'SEVERITY':<9} SUMMARY\n")
    for r in shown:
        m = r.meta
        star = "*" if not m.default_enabled else " "
        stdout.write(f"{m.code:<5}{star} {m.name:<{width}}{m.category:<{cat_width}}{str(m.severity):<9} {m.summary}\n")
    if not args.all and len(shown) < len(rules):
        stdout.write(f"\n{len(rules) - len(shown)} opt-in rule(s) not shown; use --all.\n")
    elif args.all:
        stdout.write("\n* opt-in: enable with --extend-select or extend-select in the config.\n")
    return EXIT_OK


def _rule(args, stdout, stderr) -> int:
    import dataclasses

    from followlint.core.registry import build_registry
    from followlint.core.rule import options_as_dict

    registry = build_registry()
    rule = registry.get(args.name)
    if rule is None:
        from difflib import get_close_matches

        close = get_close_matches(args.name, [r.meta.name for r in registry], n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        stderr.write(f"followlint: error: unknown rule {args.name!r}{hint}; see `followlint rules`\n")
        return EXIT_ERROR
    m = rule.meta
    d = m.docs
    out = [f"# {m.name} ({m.code})", "",
           f"Category: {m.category}    Default severity: {m.severity}    Scope: {m.scope}"
           f"    {'Enabled by default' if m.default_enabled else 'Opt-in'}",
           f"Fix: {'always' if m.fix == 'always' else 'sometimes' if m.fix == 'sometimes' else 'not'} available",
           "", "## What it flags", d.what or m.summary]
    for title, body in (("Why it hurts a follow-up", d.why), ("Example", d.example),
                        ("Use instead", d.instead), ("Fix safety", d.fix_safety)):
        if body:
            indented = "\n".join("    " + line for line in body.splitlines()) if title in ("Example", "Use instead") else body
            out += ["", f"## {title}", indented]
    if dataclasses.fields(rule.Options):
        out += ["", "## Options", f"Set in [tool.followlint.rules.{m.name}] (pyproject.toml) or "
                                  f"[rules.{m.name}] (.followlint.toml):"]
        from followlint.core.effective import effective_options

        for key, value in effective_options(m.name, options_as_dict(rule.Options())).items():
            out.append(f"    {key} = {json.dumps(value)}")
    out += ["", f"Defined in: {m.source}"]
    stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def _config(args, stdout) -> int:
    from followlint.core.config import ConfigCache, resolve_rules
    from followlint.core.registry import build_registry
    from followlint.core.rule import options_as_dict

    target = Path(args.path)
    configs = ConfigCache(args.config)
    cfg = configs.for_path(target if target.is_file() else target / "draft.txt")
    active = resolve_rules(cfg, build_registry())
    lines = [f"# config file: {cfg.path or '(none found; defaults)'}",
             f"fail-level = {json.dumps(cfg.fail_level or 'warning')}",
             f"max-file-size = {cfg.max_file_size}",
             f"vocabulary = {json.dumps(list(cfg.vocabulary))}",
             f"exclude = {json.dumps(list(cfg.effective_exclude))}",
             f"respect-gitignore = {json.dumps(cfg.respect_gitignore)}",
             f"enabled = {json.dumps([a.rule.meta.name for a in active])}",
             "", "[grammar]"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in sorted(cfg.grammar.items())]
    from followlint.core.effective import effective_options

    for a in active:
        opts = effective_options(a.rule.meta.name, options_as_dict(a.options))  # real thresholds, not 0 sentinels
        lines += ["", f"[rules.{a.rule.meta.name}]",
                  f"severity = {json.dumps(str(a.severity or a.rule.meta.severity))}"]
        lines += [f"{k} = {json.dumps(v)}" for k, v in opts.items()]
    stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
