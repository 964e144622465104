"""`un-reader fetch`: get cited documents from the UN into the documents folder (or --into DIR).

One line per symbol on stdout (`SYMBOL: fetched PATH`, `already there PATH`, `not available (why)`,
`failed (why)`); exit 0 when every document is there now, 1 when any is not available or failed, 2
for bad input, checked before anything is fetched. On a terminal a progress line on stderr says what
is being fetched or waited for. A run that is interrupted resumes where it stopped: stored documents
are skipped.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from reader.errors import ReaderError
from reader.library.config import load_config
from reader.library.documents_store import DocumentStore, PendingList
from reader.library.fetch import (
    Fetcher,
    FetchInputError,
    FetchProgress,
    FetchResult,
    Outcome,
    cited_symbols,
    document_source,
    fetchable,
    language,
)
from reader.safe_text import one_line


def _clean(text: str) -> str:
    return " ".join(one_line(text).split())


class _ProgressLine:
    """`[3/20] S/2024/704: downloading 120 KB` redrawn in place on a terminal; nothing in a pipe."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)()) and total > 0
        self.total = total
        self.index = 0
        self._last = 0.0
        self._phase = ""

    def __call__(self, progress: FetchProgress) -> None:
        if not self.tty or progress.phase == "done":
            return
        now = time.monotonic()
        if progress.phase == self._phase and now - self._last < 0.1:
            return  # a fast download reports every 64 KB: redraw ten times a second at most
        self._last, self._phase = now, progress.phase
        if progress.phase == "waiting":
            what = f"waiting {progress.wait:.1f} s (rate limit)"
        elif progress.phase == "downloading":
            what = f"downloading {progress.received // 1024} KB"
            if progress.total:
                what += f" of {progress.total // 1024} KB"
        else:
            what = "asking the source"
        line = f"[{self.index}/{self.total}] {_clean(progress.symbol)}: {what}"
        self.stream.write("\r\x1b[K" + line[:200])
        self.stream.flush()

    def clear(self) -> None:
        self._phase = ""
        if self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _line(result: FetchResult) -> str:
    name = _clean(result.symbol)
    if result.path is not None:
        return f"{name}: {result.outcome} {_clean(str(result.path))}"
    return f"{name}: {_clean(str(result))}"


def _run(jobs: Sequence[tuple[str, str, Fetcher]], out: TextIO, err: TextIO) -> int:
    progress = _ProgressLine(err, len(jobs) if len(jobs) > 1 else 0)
    results: list[FetchResult] = []
    for index, (symbol, lang, fetcher) in enumerate(jobs, 1):
        progress.index = index
        try:
            result = fetcher.fetch(symbol, lang, progress=progress)
        except FetchInputError as error:  # a pending list edited by hand; the command line is checked first
            result = FetchResult(symbol, lang, Outcome.FAILED, reason=str(error))
        finally:
            progress.clear()
        results.append(result)
        print(_line(result), file=out, flush=True)
    if len(results) > 1:
        counts = {outcome: sum(r.outcome == outcome for r in results) for outcome in Outcome}
        shown = [Outcome.FETCHED, Outcome.ALREADY_THERE, Outcome.NOT_AVAILABLE, Outcome.FAILED]
        print(", ".join(f"{counts[o]} {o}" for o in shown), file=out)
    return 0 if all(r.ok for r in results) else 1


def _folder(into: Path | None) -> Path | None:
    if into is None:
        return None
    if not into.exists():
        raise ReaderError(f"{into}: no such folder")
    if not into.is_dir():
        raise ReaderError(f"{into}: not a folder")
    return into.resolve()  # remembered as pending: a later --pending may run from another folder


def fetch_command(
    symbols: Sequence[str],
    *,
    lang: str | None = None,
    into: Path | None = None,
    cited_by: Path | None = None,
    pending: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    if sum((bool(symbols), cited_by is not None, pending)) != 1:
        raise ReaderError("fetch: give SYMBOLs, --cited-by FILE or --pending (one of them)")
    config = load_config()
    source = document_source(config)
    if pending:
        if lang is not None or into is not None:
            raise ReaderError("fetch --pending: each pending document keeps its own language and folder")
        return _pending(source, out, err)
    chosen = language(lang, config)
    folder = _folder(into)
    if cited_by is not None:
        from reader.parser import parse_path

        wanted = cited_symbols(parse_path(cited_by))
        if not wanted:
            print(f"{_clean(str(cited_by))}: cites no documents", file=out)
            return 0
    else:
        wanted = list(dict.fromkeys(fetchable(symbol)[0] for symbol in symbols))  # all checked first
    fetcher = Fetcher(DocumentStore(folder), source=source)
    return _run([(symbol, chosen, fetcher) for symbol in wanted], out, err)


def _pending(source: str, out: TextIO, err: TextIO) -> int:
    items = PendingList().items()
    if not items:
        print("nothing pending", file=out)
        return 0
    fetchers: dict[str | None, Fetcher] = {}
    for item in items:
        if item.folder not in fetchers:
            store = DocumentStore(Path(item.folder) if item.folder is not None else None)
            fetchers[item.folder] = Fetcher(store, source=source)
    return _run([(item.symbol, item.lang, fetchers[item.folder]) for item in items], out, err)
