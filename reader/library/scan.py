"""Finding the letters in a folder and reading them, in parallel processes when there are many.

Workers send back compact rows of plain values, not `Letter` objects: a row holds only what the
index stores, so the pickling between processes and the memory of the main process stay small.
A file that cannot be read becomes a row with its one-line error, so one bad file never stops the
others and is not read again until it changes.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reader.errors import ReaderError
from reader.formats.files import walk_documents
from reader.model import Letter, RefKind

PARALLEL_FROM = 48  # below this many files, starting worker processes costs more than it saves
CHUNK = 32  # files per task: big enough to amortise the round trip, small enough to balance

Parser = Callable[[Path], Letter]


@dataclass(frozen=True, slots=True)
class FileStat:
    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class RefRow:
    kind: str
    symbol: str | None
    components: tuple[str, ...]
    text: str
    where: str
    start: int
    end: int
    well_formed: bool


@dataclass(frozen=True, slots=True)
class LetterRow:
    """One file as the index stores it; ``error`` is set (and the rest empty) when it was unreadable."""

    stat: FileStat
    error: str | None = None
    key: str = ""
    symbols: tuple[str, ...] = ()
    date: str | None = None  # ISO date of the letter, else of issue
    sender: str = ""
    title: str = ""
    kind: str = ""
    format: str = ""
    digest: str = ""
    organs: tuple[tuple[str, str, int | None], ...] = ()
    agenda: tuple[str, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()  # (where, text) in reading order
    refs: tuple[RefRow, ...] = ()


def walk(folder: Path) -> Iterator[FileStat]:
    """Every document file under a folder (the rule is `reader.formats.files`'), as the index stats it."""
    for path, info in walk_documents(folder):
        yield FileStat(path, info.st_size, info.st_mtime_ns)


def row_from_letter(letter: Letter, stat: FileStat) -> LetterRow:
    date = letter.date or letter.issued
    refs = tuple(
        RefRow(str(r.kind), r.symbol, r.components, r.text, r.where, r.start, r.end, r.well_formed)
        for r in letter.references
        if r.symbol is not None or not r.well_formed or r.kind == RefKind.DECISION
    )
    return LetterRow(
        stat=stat,
        key=letter.key,
        symbols=letter.symbols,
        date=date.isoformat() if date else None,
        sender=letter.sender,
        title=letter.title,
        kind=str(letter.kind),
        format=letter.format,
        digest=letter.digest,
        organs=tuple((o.name, o.session, o.number) for o in letter.organs),
        agenda=tuple(a.number for a in letter.agenda_items),
        texts=((("title", letter.title),) if letter.title else ()) + tuple(letter.texts().items()),
        refs=refs,
    )


def read_one(parser: Parser, stat: FileStat) -> LetterRow:
    try:
        return row_from_letter(parser(Path(stat.path)), stat)
    except ReaderError as error:
        return LetterRow(stat=stat, error=str(error))
    except RecursionError:
        return LetterRow(stat=stat, error=f"{stat.path}: too deeply nested to read")
    except Exception as error:  # a parser bug must cost one file, not the whole index
        return LetterRow(stat=stat, error=f"{stat.path}: could not be read ({type(error).__name__}: {error})")


def read_chunk(parser: Parser, stats: Sequence[FileStat]) -> list[LetterRow]:
    return [read_one(parser, stat) for stat in stats]


def _default_parser() -> Parser:
    from reader.parser import parse_path

    return parse_path


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork is unsafe once the app runs threads; forkserver starts workers from a clean process
    method = "forkserver" if sys.platform != "win32" else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))


def read_all(
    stats: Sequence[FileStat],
    parser: Parser | None = None,
    *,
    workers: int | None = None,
) -> Iterator[list[LetterRow]]:
    """Rows in chunks as they are ready (not in input order), so the caller can store and report progress."""
    parse = parser or _default_parser()
    if workers is None:
        workers = min(os.cpu_count() or 1, 8)
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file and not os.path.exists(main_file):
        workers = 1  # a script read from stdin: worker processes could not import the main module
    if workers <= 1 or len(stats) < PARALLEL_FROM:
        for i in range(0, len(stats), CHUNK):
            yield read_chunk(parse, stats[i : i + CHUNK])
        return
    chunk = max(4, min(CHUNK, len(stats) // (workers * 4) or 1))
    pieces = iter([stats[i : i + chunk] for i in range(0, len(stats), chunk)])
    task = partial(read_chunk, parse)
    waiting: dict[Future[list[LetterRow]], Sequence[FileStat]] = {}
    try:
        with _pool(workers) as executor:
            # a bounded number of chunks in flight: rows never pile up faster than the index stores them
            for piece in pieces:
                waiting[executor.submit(task, piece)] = piece
                if len(waiting) >= workers * 3:
                    done, _ = wait(waiting, return_when=FIRST_COMPLETED)
                    for future in done:
                        rows = future.result()
                        del waiting[future]
                        yield rows
            for future in as_completed(list(waiting)):
                rows = future.result()
                del waiting[future]
                yield rows
    except (BrokenProcessPool, OSError, ValueError):
        # workers could not start (no importable main module, no fork server, out of processes, or
        # ValueError "bad value(s) in fds_to_keep" once a terminal app has replaced stderr):
        # read what is left here, slower but complete
        for piece in [*waiting.values(), *pieces]:
            yield read_chunk(parse, piece)
