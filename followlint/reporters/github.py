"""``--output-format github``: GitHub Actions workflow commands, shown as annotations on the pull request.

One line per finding::

    ::warning file=drafts/a.txt,line=3,col=1,endLine=3,endColumn=44,title=S100 missing-sign-off::message

Lines are 1-based; columns are UTF-16 code units (as in SARIF for code scanning) and
``endColumn`` is exclusive. GitHub only accepts columns on a single line, so a
finding that spans lines gives ``line``/``endLine`` only. Values are escaped as the
runner requires: ``%``, CR and LF everywhere, and ``:`` and ``,`` in properties.
"""

from __future__ import annotations

import os

from followlint.core.finding import FileResult, Severity
from followlint.reporters.base import Reporter, Summary, clean, describe_counts, plural, utf16_position

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """The runner's escapes for CR, LF and %; every other control character is shown escaped (reporters.base.clean)."""
    return clean(value, lines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def repo_path(path: str, cwd: str | None = None) -> str:
    """The path GitHub matches against the repository: relative to the working directory when under it."""
    if path == "-":
        return path
    cwd = cwd or os.getcwd()
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, cwd)
    except ValueError:  # another drive on Windows
        return path
    shown = absolute if rel.startswith(os.pardir) else rel
    return shown.replace(os.sep, "/")


class GithubReporter(Reporter):
    def start(self) -> None:
        self.cwd = os.getcwd()

    def add(self, result: FileResult) -> None:
        path = repo_path(result.path, self.cwd)
        if result.error and result.draft is None:
            self.stream.write(command("error", result.error, file=path, title="followlint: input error") + "\n")
            return
        for f in result.findings:
            pos = utf16_position(result, f)
            same_line = pos["line"] == pos["end_line"]
            message = f.message
            if f.suggestions:
                message += " Suggestion: " + " | ".join(s if s else "(remove)" for s in f.suggestions[:3])
            self.stream.write(command(
                COMMAND[f.severity], message, file=path, line=pos["line"],
                col=pos["column"] if same_line else None, endLine=pos["end_line"],
                endColumn=pos["end_column"] if same_line else None, title=f"{f.code} {f.rule}") + "\n")

    def finish(self, summary: Summary) -> None:
        for note in summary.notes:
            self.stream.write(command("notice", note, title="followlint") + "\n")
        if self.quiet:
            return
        if summary.total:
            self.stream.write(f"Found {plural(summary.total, 'finding')} in {plural(summary.files_with_findings, 'file')} "
                              f"({describe_counts(summary.counts)}).\n")
        elif summary.files - summary.input_errors > 0:
            self.stream.write(f"All clear: {plural(summary.files - summary.input_errors, 'draft')} checked, no findings.\n")
