"""``followlint check``: build the run from the arguments and the config, lint the targets, report.

Choosing the reporter and the exit code is :mod:`followlint.cli.output`'s job.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from followlint.cli.errors import UsageError
from followlint.cli.output import check_output_format, diff_summary, exit_code, make_reporter, report_stream


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


def _split(values) -> tuple[str, ...] | None:
    if values is None:
        return None
    from followlint.core.selectors import split_list

    return tuple(item for value in values for item in split_list(value))


def build_run(args, paths: list[str]):
    """The Run the arguments describe (config, selection, context, cache, jobs) and the first target's config.

    Config and selectors are validated here, before any output."""
    from followlint.core.config import CliOverrides, ConfigCache
    from followlint.core.registry import build_registry
    from followlint.run.runner import Run

    if args.config is not None and not args.config.is_file():
        raise UsageError(f"--config {args.config}: no such file")
    configs = ConfigCache(args.config, trust=args.trust_config)
    run = Run(registry=build_registry(), configs=configs,
              overrides=CliOverrides(select=_split(args.select), extend_select=_split(args.extend_select) or (),
                                     ignore=_split(args.ignore) or ()))
    run.context = _cli_context(args)
    run.duplicates = not args.no_duplicates
    first_cfg = configs.for_path(Path(args.stdin_filename) if paths == ["-"] and args.stdin_filename
                                 else Path(paths[0]) if paths[0] != "-" else None)
    run.active_rules(first_cfg)
    if not args.no_cache:
        from followlint.run.cache import ResultCache, resolve_dir

        run.cache = ResultCache(resolve_dir(args.cache_dir, first_cfg.cache_dir))
    from followlint.anatomy import readability

    readability.use_cache_dir(run.cache.root if run.cache is not None else None)  # --no-cache: not on disk
    from followlint.run.workers import default_jobs

    run.jobs = min(args.jobs, default_jobs()) if args.jobs else default_jobs()
    if args.jobs > run.jobs:  # -j 1000 would fork 1,000 copies of the language pipeline
        run.services.notes.append(f"-j {args.jobs}: capped at {run.jobs}, the CPUs available")
    return run, first_cfg


def run_check(args, stdout, stderr, stdin, echo: "StdinEcho | None" = None) -> int:
    from followlint.core.finding import Severity
    from followlint.core.fix import FixTally
    from followlint.reporters.base import Summary, clean, clean_path
    from followlint.run.files import discover
    from followlint.run.progress import progress
    from followlint.run.progress import wanted as progress_wanted

    paths = args.paths or ["."]
    if "-" in paths and len(paths) > 1:
        raise UsageError("'-' (stdin) cannot be combined with other paths")
    run, first_cfg = build_run(args, paths)
    fail_level = Severity.parse(args.fail_level or first_cfg.fail_level or "warning")
    output_format = check_output_format(args)
    fix = FixTally(unsafe=args.unsafe_fixes, diff=args.diff) if (args.fix or args.diff) else None
    targets = ["-"] if paths == ["-"] else list(discover(
        paths, first_cfg.exclude, extend_exclude=first_cfg.extend_exclude, gitignore=first_cfg.respect_gitignore,
        force_exclude=bool(args.force_exclude or first_cfg.force_exclude)))
    report_to = report_stream(fix, paths, stdout, stderr)
    summary = Summary(fail_level=fail_level)
    crashed = False
    low_scores: list[str] = []
    with progress(report_to, stderr, len(targets),
                  enabled=(fix is None or not fix.diff)
                  and progress_wanted(report_to, stderr, len(targets), output_format)) as tracker:
        reporter = make_reporter(args, output_format, fix, tracker, report_to, run.registry)
        if reporter is not None:
            reporter.start()
        linted = tracker.track(_lint_targets(run, targets, args, fix, stdin, stdout, tracker.stderr, echo))
        for result in run.finalize(linted):
            if args.min_score is not None and result.score is not None and result.score < args.min_score:
                low_scores.append(f"{clean_path(result.path)} ({result.score})")
            summary.add(result)
            crashed = crashed or (result.error is not None and result.draft is not None)
            if reporter is not None:
                reporter.add(result)
            elif result.error and result.draft is None:
                stderr.write(f"{clean_path(result.path)}: error: {clean(result.error)}\n")
        summary.notes = run.services.notes + summary.file_notes + (fix.notes if fix is not None else [])
        if fix is not None and not fix.diff:
            summary.fixed = fix.fixed
        if reporter is not None:
            reporter.finish(summary)
    if fix is not None and fix.diff:
        return diff_summary(fix, summary, stderr, crashed)
    return exit_code(args, summary, crashed, fix, low_scores, stderr)


def _lint_targets(run, targets, args, fix, stdin, stdout, stderr, echo=None):
    """One FileResult per target; with --fix/--diff, also write the fixed files or print the diffs."""
    from followlint.core.finding import FileResult
    from followlint.core.fix import fix_file, fix_stdin, unified_diff
    from followlint.reporters.base import clean, clean_path
    from followlint.run.files import InputError, read_stream

    if fix is None and targets != ["-"]:
        # Cached results, worker processes for many drafts, always in the targets' order.
        yield from run.lint_targets(targets)
        return
    for target in targets:
        if isinstance(target, InputError):
            yield FileResult(path=target.path, error=target.message)
            continue
        if target == "-":
            limit = run.configs.for_path(Path(args.stdin_filename) if args.stdin_filename else None).max_file_size
            raw = echo.read(limit) if echo is not None else read_stream(
                stdin if stdin is not None else sys.stdin.buffer, limit)
            if fix is None:
                yield run.lint_stdin(raw, args.stdin_filename)
                continue
            done = fix_stdin(run, raw, args.stdin_filename, unsafe=fix.unsafe)
            fix.record(done, stdin=True)
            if fix.diff:
                stdout.write(unified_diff(done.original or "", done.text or "", args.stdin_filename or "-"))
            elif done.text is not None and echo is not None:  # fixed or not, so a pipe never loses it
                echo.text(done.text)
            elif echo is not None:  # unreadable, binary, too long: the input goes back as it came
                echo.original()
            yield done.result
            continue
        if fix is None:
            yield run.lint_file(target)
            continue
        done = fix_file(run, target, unsafe=fix.unsafe, write=not fix.diff)
        fix.record(done)
        if fix.diff and done.changed:
            stdout.write(unified_diff(done.original or "", done.text or "", target))
        if done.write_error:
            stderr.write(f"followlint: error: {clean_path(target)}: {clean(done.write_error)}\n")
        yield done.result


class StdinEcho:
    """Standard input for ``check --fix -``: what was read, so that on any error the input goes back
    to stdout unchanged (an editor or a pipe must never lose the user's text)."""

    def __init__(self, stdin: IO[bytes] | None, stdout: IO[str]) -> None:
        self.stream = stdin if stdin is not None else sys.stdin.buffer
        self.stdout = stdout
        self.raw = b""
        self.written = False

    def read(self, max_size: int) -> bytes:
        from followlint.run.files import read_stream

        self.raw = read_stream(self.stream, max_size)
        return self.raw

    def text(self, text: str) -> None:
        self.written = True
        self.stdout.write(text)
        self.stdout.flush()

    def original(self) -> None:
        """Write the input as it came (also what was not read yet), byte for byte."""
        if self.written:
            return
        self.written = True
        try:
            self.stdout.flush()
            chunk = self.raw + self.stream.read(1 << 20)
            while chunk:
                buffer = getattr(self.stdout, "buffer", None)
                if buffer is not None:
                    buffer.write(chunk)
                else:
                    self.stdout.write(chunk.decode("utf-8", "surrogateescape"))
                chunk = self.stream.read(1 << 20)
            (buffer or self.stdout).flush()
        except (OSError, ValueError):
            pass
