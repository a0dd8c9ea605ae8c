"""``--output-format concise``: one ``path:line:col: severity [CODE] rule: message`` line per finding."""

from __future__ import annotations

from followlint.core.finding import FileResult
from followlint.reporters.base import Reporter, Summary, clean, clean_path, describe_counts, plural, position


class ConciseReporter(Reporter):
    def add(self, result: FileResult) -> None:
        if result.error and result.draft is None:
            self.err.write(f"{clean_path(result.path)}: error: {clean(result.error)}\n")
            return
        for f in result.findings:
            pos = position(result, f)
            self.stream.write(f"{clean_path(result.path)}:{pos['line']}:{pos['column']}: {f.severity} "
                              f"[{clean(f.code)}] {clean(f.rule)}: {clean(f.message)}\n")

    def finish(self, summary: Summary) -> None:
        if self.quiet:
            return
        for note in summary.notes:
            self.err.write(f"note: {clean(note)}\n")
        if summary.fixed is not None:
            self.stream.write(f"Fixed {plural(summary.fixed, 'finding')}.\n")
        if summary.total:
            self.stream.write(f"Found {plural(summary.total, 'finding')} in {plural(summary.files_with_findings, 'file')} "
                              f"({describe_counts(summary.counts)}).\n")
            hint = summary.fix_hint()
            if hint:
                self.stream.write(hint + "\n")
        elif summary.files:
            self.stream.write(f"All clear: {plural(summary.files - summary.input_errors, 'draft')} checked, no findings.\n")
