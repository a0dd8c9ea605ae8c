"""Exit codes and the one error type the command line turns into a message (never a traceback)."""

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A mistake in the command line: reported as one line, exit code 2."""
