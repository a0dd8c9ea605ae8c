"""``--statistics``: how many findings each rule produced, instead of the findings themselves.

Text (with ``full``/``concise``)::

      3  P102  [*] generic-phrase
      1  S100      missing-sign-off

``[*]`` marks rules whose findings can be fixed with ``--fix`` (``[-]``: only with
``--unsafe-fixes``). With ``--output-format json`` the same as a JSON list.
"""

from __future__ import annotations

from typing import Any

import json

from followlint.core.finding import FileResult
from followlint.reporters.base import Reporter, Summary, clean, clean_path


def rows(summary: Summary) -> list[dict]:
    out: list[dict[str, Any]] = [
        {"code": code, "rule": rule, "count": n, "fixable": safe, "unsafe_fixable": anyfix - safe}
           for (code, rule), (n, safe, anyfix) in summary.by_rule.items()]
    out.sort(key=lambda r: (-r["count"], r["code"]))
    return out


class StatisticsReporter(Reporter):
    def add(self, result: FileResult) -> None:
        if result.error and result.draft is None:
            self.err.write(f"{clean_path(result.path)}: error: {clean(result.error)}\n")

    def finish(self, summary: Summary) -> None:
        for note in summary.notes:
            self.err.write(f"note: {clean(note)}\n")
        table = rows(summary)
        if not table:
            if not self.quiet:
                self.stream.write("No findings.\n")
            return
        width = max(len(str(r["count"])) for r in table)
        code_width = max(len(clean(r["code"])) for r in table)
        marks = False
        for r in table:
            mark = "[*]" if r["fixable"] else "[-]" if r["unsafe_fixable"] else "   "
            marks = marks or mark.strip() != ""
            self.stream.write(f"{r['count']:>{width}}  {clean(r['code']):<{code_width}}  {mark} {clean(r['rule'])}\n")
        if not self.quiet:
            self.stream.write(f"Found {summary.total} in total.\n")
            if marks:
                self.stream.write("[*] fixable with --fix; [-] only with --fix --unsafe-fixes.\n")


class JsonStatisticsReporter(StatisticsReporter):
    def finish(self, summary: Summary) -> None:
        json.dump(rows(summary), self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")
