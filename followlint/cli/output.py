"""Where findings go and what the run's exit code is."""

from __future__ import annotations

import os
from typing import IO

from followlint.cli.errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError


def use_color(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def diff_summary(fix, summary, stderr, crashed) -> int:
    """--diff: the diffs are on stdout; say what they amount to and exit 1 when there is anything to apply."""
    from followlint.reporters.base import clean, plural

    for note in summary.notes:
        stderr.write(f"note: {clean(note)}\n")
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




def check_output_format(args) -> str:
    """The output format, refusing --statistics with a format that has no statistics view."""
    from followlint.reporters import STATISTICS_REPORTERS

    output_format = args.output_format or "full"
    if args.statistics and output_format not in STATISTICS_REPORTERS:
        raise UsageError(f"--statistics works with --output-format {', '.join(STATISTICS_REPORTERS)}, "
                         f"not {output_format}")
    return output_format


def report_stream(fix, paths: list[str], stdout: IO[str], stderr: IO[str]) -> IO[str]:
    """Findings go to stdout, unless stdout carries the fixed text (stdin --fix) or the diff (--diff)."""
    return stderr if fix is not None and (fix.diff or paths == ["-"]) else stdout


def make_reporter(args, output_format: str, fix, tracker, report_to: IO[str], registry):
    """The reporter for this run, writing through the progress tracker; None for --diff (stdout is the diff)."""
    from followlint.reporters import get_reporter

    if fix is not None and fix.diff:
        return None
    return get_reporter(output_format, args.statistics)(
        tracker.stdout, err=tracker.stderr, color=use_color(report_to), show_source=args.show_source,
        quiet=args.quiet, statistics=args.statistics, rules=registry)


def exit_code(args, summary, crashed: bool, fix, low_scores: list[str], stderr: IO[str]) -> int:
    """2 for input errors, crashed rules or unwritable fixes; 1 for findings at the fail level or low
    scores (unless --exit-zero); else 0."""
    if summary.input_errors or crashed or (fix is not None and fix.write_errors):
        return EXIT_ERROR
    if low_scores:
        shown = ", ".join(low_scores[:5]) + (f" and {len(low_scores) - 5} more" if len(low_scores) > 5 else "")
        stderr.write(f"followlint: {len(low_scores)} draft{'s' if len(low_scores) != 1 else ''} scored below "
                     f"--min-score {args.min_score}: {shown}\n")
    if (summary.failing or low_scores) and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK
