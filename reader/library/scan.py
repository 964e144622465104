"""Finding the letters in a folder and reading them, in parallel processes when there are many.

Workers send back compact rows of plain values, not `Letter` objects: a row holds only what the
index stores, so the pickling between processes and the memory of the main process stay small.
A file that cannot be read becomes a row with its one-line error, so one bad file never stops the
others and is not read again until it changes.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
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
FILE_BUDGET = 60.0  # seconds one file may take to read before it is skipped with that reason
WATCH_INTERVAL = 0.5  # seconds between a worker's looks at whether the main process still runs
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WORKER_NICENESS = 10  # added to a worker's niceness: indexing gives way to the reader and its keyboard

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
    low_quality: bool = False
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
    """The row of a letter (its text is valid Unicode: the formats make it so, once, on reading)."""
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
        low_quality=letter.low_quality,
        digest=letter.digest,
        organs=tuple((o.name, o.session, o.number) for o in letter.organs),
        agenda=tuple(a.number for a in letter.agenda_items),
        texts=((("title", letter.title),) if letter.title else ()) + tuple(letter.texts().items()),
        refs=refs,
    )


class OverBudget(BaseException):
    """Reading one file took longer than its budget. A BaseException, so that no `except Exception` in
    the parser swallows it on the way out."""


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise `OverBudget` in the code inside after ``seconds``: a SIGALRM timer, so only where signals
    are delivered (a worker process, or the command's main thread); elsewhere (the app's indexing
    thread) the file is read without a budget."""
    if (
        not seconds
        or seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_one(parser: Parser, stat: FileStat, budget: float | None = None) -> LetterRow:
    try:
        with time_budget(budget):
            return row_from_letter(parser(Path(stat.path)), stat)
    except OverBudget:
        return LetterRow(stat=stat, error=f"{stat.path}: skipped: reading it took over {budget:g} s")
    except ReaderError as error:
        return LetterRow(stat=stat, error=str(error))
    except RecursionError:
        return LetterRow(stat=stat, error=f"{stat.path}: too deeply nested to read")
    except Exception as error:  # a parser bug must cost one file, not the whole index
        return LetterRow(stat=stat, error=f"{stat.path}: could not be read ({type(error).__name__}: {error})")


def read_chunk(parser: Parser, stats: Sequence[FileStat], budget: float | None = None) -> list[LetterRow]:
    return [read_one(parser, stat, budget) for stat in stats]


def _start_worker(main_pid: int) -> None:
    """Worker initializer: lower priority, and gone with the process that started the pool."""
    _lower_priority()
    _die_with(main_pid)


def _lower_priority() -> None:
    """Indexing runs beside the reader on few cores; the kernel should give the UI the CPU first."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)


def _die_with(main_pid: int) -> None:
    """Worker initializer: a worker exits when the process that started the pool dies, even by SIGKILL.

    Otherwise `kill -9` of `un-reader index` left the workers parsing (and, through them, the fork
    server and resource tracker) for minutes. On Linux the kernel kills a worker whose parent (the fork
    server, which itself exits when the main process's pipe closes) dies; everywhere a daemon thread
    also watches the main process and ends the worker when it is gone or reparented.
    """
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_INTERVAL)
            if os.getppid() != parent or not _alive(main_pid):
                os._exit(1)

    threading.Thread(target=watch, name="un-reader-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, killed but not yet reaped, counts as dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rpartition(b")")[2].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _default_parser() -> Parser:
    from reader.parser import parse_path

    return parse_path


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork is unsafe once the app runs threads; forkserver starts workers from a clean process
    method = "forkserver" if sys.platform != "win32" else "spawn"
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def read_all(
    stats: Sequence[FileStat],
    parser: Parser | None = None,
    *,
    workers: int | None = None,
    budget: float | None = None,
) -> Iterator[list[LetterRow]]:
    """Rows in chunks as they are ready (not in input order), so the caller can store and report progress.

    A file that takes longer than ``budget`` seconds (default FILE_BUDGET) becomes a skipped row."""
    parse = parser or _default_parser()
    if budget is None:
        budget = FILE_BUDGET
    if workers is None:
        workers = min(os.cpu_count() or 1, 8)
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if main_file and not os.path.exists(main_file):
        workers = 1  # a script read from stdin: worker processes could not import the main module
    if workers <= 1 or len(stats) < PARALLEL_FROM:
        for i in range(0, len(stats), CHUNK):
            yield read_chunk(parse, stats[i : i + CHUNK], budget)
        return
    chunk = max(4, min(CHUNK, len(stats) // (workers * 4) or 1))
    pieces = iter([stats[i : i + chunk] for i in range(0, len(stats), chunk)])
    task = partial(read_chunk, parse, budget=budget)
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
            yield read_chunk(parse, piece, budget)
