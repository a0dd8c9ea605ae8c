"""Results of a run held in order for a pass that must see the whole run before it yields any.

The duplicate-message pass cannot report the first draft before it has seen the last one. Keeping
every FileResult (findings, draft) in memory until then would grow with the number of drafts; a
ResultSpool keeps the first ``in_memory`` results as they are and writes the rest to a temporary
file (pickled, in this process's own temp file), so memory stays flat at ~10,000 drafts and more.
What comes back renders exactly like what went in: the findings, score, notes and extras, and the
draft as a stand-in that parses on demand (followlint.run.cache.CachedDraft), or the pickled Draft for
an e-mail (whose text is the decoded body, not the file).
"""

from __future__ import annotations

import pickle
import tempfile
from typing import IO, Iterator

from followlint.core.finding import FileResult

#: results kept as objects before the spool starts writing to disk
IN_MEMORY = 2000


class ResultSpool:
    def __init__(self, context=None, in_memory: int | None = None) -> None:
        self.context = context
        self.in_memory = IN_MEMORY if in_memory is None else in_memory
        self._head: list[FileResult] = []
        self._file: IO[bytes] | None = None
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, result: FileResult) -> int:
        """Store ``result``; returns its index (0-based, in append order)."""
        index = self._count
        self._count += 1
        if len(self._head) < self.in_memory and self._file is None:
            self._head.append(result)
            return index
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="followlint-spool-")
        pickle.dump(_record(result), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        return index

    def __iter__(self) -> Iterator[FileResult]:
        yield from self._head
        self._head = []
        if self._file is None:
            return
        self._file.seek(0)
        for _ in range(self._count - self.in_memory):
            yield self._rebuild(pickle.load(self._file))
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _rebuild(self, record: tuple) -> FileResult:
        from followlint.run.cache import apply_payload, stand_in

        path, kind, draft_data, data = record
        if kind == "text":
            draft = stand_in(draft_data, path, self.context, data.get("fixable"))
        elif kind == "draft":
            draft = draft_data
        else:
            draft = None
        return apply_payload(FileResult(path=path, draft=draft), data)


def _record(result: FileResult) -> tuple:
    from followlint.run.cache import CachedDraft, payload

    draft = result.draft
    draft_data: object
    if draft is None:
        kind, draft_data = None, None
    elif isinstance(draft, CachedDraft) or getattr(draft, "format", None) in ("text", "markdown"):
        kind, draft_data = "text", draft.text  # a plain-text or Markdown draft's text is the file's text
    else:
        for attr in ("_doc", "_lazy_doc"):  # never pickle spaCy state
            if getattr(draft, attr, None) is not None:
                setattr(draft, attr, None)
        kind, draft_data = "draft", draft
    return result.path, kind, draft_data, payload(result)
