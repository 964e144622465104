"""The library behind the app's resolver seam: references resolve to letters that are not open.

The app never waits for the library: `Library.open` runs in a thread worker (indexing may take
minutes the first time) and, until it is ready, symbols resolve among the open letters only. Lookups
in a ready library are single SQLite queries (the index is thread-safe), so the status line can ask
on every selection; parsing a letter found there is left to the caller's worker (`Library.load`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from reader.app.letters import OpenLetter, OpenLetters
from reader.model import Letter

if TYPE_CHECKING:  # the library (SQLite, worker processes) is imported by the indexing worker
    from reader.library import LetterEntry, Library, Progress
    from reader.library.entries import Skipped
    from reader.library.index import Index

PROGRESS_INTERVAL = 0.2  # seconds between progress lines: the status line is not a film
WORKERS_FROM = 48  # reader.library.scan.PARALLEL_FROM, without importing multiprocessing to read it
FOUND_CACHE = 4096  # symbol lookups kept: a few hundred bytes each, cleared when full


def library_folders(paths: Sequence[Path], configured: bool = True) -> list[Path]:
    """Every folder named (a file's own folder is not indexed) plus the config file's libraries.

    A config file that cannot be read (not YAML, too deep, aliases) is one line on stderr, left on the
    terminal when the app ends, and the app opens without its libraries rather than not at all."""
    folders = [path for path in paths if path.is_dir()]
    if configured:
        from reader.errors import ReaderError
        from reader.library.config import load_config

        try:
            folders.extend(load_config().libraries)
        except ReaderError as error:
            from reader.safe_text import one_line

            print(f"un-reader: warning: {one_line(str(error))}", file=sys.stderr)
    return folders


def documents_folders() -> list[Path]:
    """The documents folder `un-reader fetch` and `F` fill, once it exists: always in the library
    the app opens, so a fetched document resolves like any letter (`F` adds it when it is created)."""
    from reader.library.config import documents_dir

    folder = documents_dir()
    return [folder] if folder.is_dir() else []


def progress_text(progress: Progress) -> str:
    if progress.phase == "reading" and progress.total:
        return f"indexing {progress.done}/{progress.total}…"
    return "indexing…"


class IndexingStopped(Exception):
    """The app closed while its library was being indexed: what was stored so far stays stored."""


class LibraryBridge:
    """A `SymbolResolver` over the open letters first, then the library once it is open."""

    def __init__(self, letters: OpenLetters) -> None:
        self.letters = letters
        self.library: Library | None = None
        self.state = ""  # what the status line says about the library: progress, size or failure
        self.skipped = 0  # files of the library that could not be read
        self.unreadable: list[Skipped] = []  # which, and why
        # While the first indexing runs: what is indexed so far, read from the index being written.
        self._folders: list[Path] = []
        self._parser: Callable[[Path], Letter] | None = None
        self._batches = False  # set by the indexing thread once a batch of letters is stored
        self._partial: Library | None = None
        # The status line resolves the selected reference on every key (and `title_of` asks again
        # for the same symbols); a ready library does not change, so each answer is looked up once.
        self._found: dict[tuple[str, ...], list[LetterEntry]] = {}
        self._keys_by_path: dict[Path, str] = {}  # resolved path -> open letter key (see open_key)
        self._paths_seen = 0
        self._retired: list[Index] = []  # indexes replaced by a refresh: closed with the library

    # -- opening -------------------------------------------------------------------------------

    def open(
        self,
        folders: Sequence[Path],
        report: Callable[[str], None],
        parser: Callable[[Path], Letter] | None = None,
        stop: Callable[[], bool] = lambda: False,
    ) -> Library:
        """Open (index) the folders; meant for a thread worker. `report` gets throttled progress lines;
        `stop` is asked at every step, and once it says so indexing ends with `IndexingStopped`."""
        from reader.library import Library

        last = 0.0
        reported = ""
        self._folders = [Path(folder) for folder in folders]
        self._parser = parser

        def progress(step: Progress) -> None:
            nonlocal last, reported
            if stop():
                raise IndexingStopped
            if step.phase == "reading" and step.done > 0:
                self._batches = True
            # Every newly stored batch is reported (a batch is several files, so a few lines a second
            # at most): a throttled one left the status on an old count while the next batch was read,
            # and the library list (what is indexed so far) disagreed with it.
            now = time.monotonic()
            text = progress_text(step)
            if now - last >= PROGRESS_INTERVAL or step.done == step.total or text != reported:
                last, reported = now, text
                report(text)

        try:
            return Library.open(folders, progress=progress, parser=parser)
        except ValueError:  # worker processes could not start from inside the app: read them here
            return Library.open(folders, progress=progress, parser=parser, workers=1)

    def partial(self) -> Library | None:
        """The library as far as it is indexed: the open one once ready; while the first indexing runs,
        a read-only look at the index being written (SQLite's WAL shows each stored batch), so the list,
        cited-by and search need not wait minutes. None before the first batch is stored."""
        if self.library is not None:
            return self.library
        if not self._batches:
            return None
        if self._partial is None:
            self._partial = _open_partial(self._folders, self._parser)
        return self._partial

    def refreshed(self, folder: Path, parser: Callable[[Path], Letter] | None = None) -> Library:
        """The library with one folder's index refreshed (or added): a fetched document is indexed
        as it arrives without walking the other folders again. Meant for a thread worker; the
        library in use is not changed until `ready` is called with the answer."""
        from reader.library import Library
        from reader.library.config import cache_dir
        from reader.library.index import Index

        folder = _resolved(folder)
        index, report = Index.open(folder, cache_dir(), parser=parser, workers=1)
        current = self.library
        if current is None:
            return Library([index], [report], parser)
        kept = [(i, r) for i, r in zip(current.indexes, current.reports, strict=True) if i.folder != folder]
        return Library([*(i for i, _ in kept), index], [*(r for _, r in kept), report], parser)

    def ready(self, library: Library) -> None:
        self._close_partial()
        if self.library is not None:  # a refresh: the indexes it replaced may still be in use by a
            kept = {id(index) for index in library.indexes}  # screen's closure, so close them later
            self._retired.extend(i for i in self.library.indexes if id(i) not in kept)
        self.library = library
        self._found.clear()
        self.unreadable = [skipped for report in library.reports for skipped in report.skipped]
        self.skipped = len(self.unreadable)
        count = len(library)
        self.state = f"library: {count} letter{'' if count == 1 else 's'}" + (
            f", {self.skipped} unreadable" if self.skipped else ""
        )

    def _close_partial(self) -> None:
        if self._partial is not None:
            self._partial.close()
            self._partial = None

    def close(self) -> None:
        self._close_partial()
        if self.library is not None:
            self.library.close()
            self.library = None
            self._found.clear()
        for index in self._retired:
            index.close()
        self._retired.clear()

    # -- the resolver seam ---------------------------------------------------------------------

    def open_key(self, path: Path) -> str | None:
        """The key of the open letter read from `path`, however the path was spelled.

        Asked for every library match on every status update; with a folder of thousands of open
        letters, resolving each one's path each time was a scan per key press, so it is done once.
        """
        if self._paths_seen < len(self.letters):  # letters are only ever added, in order
            for entry in islice(self.letters, self._paths_seen, None):
                self._keys_by_path.setdefault(_resolved(entry.path), entry.key)
            self._paths_seen = len(self.letters)
        return self._keys_by_path.get(_resolved(path))

    def entry_for(self, entry: LetterEntry) -> OpenLetter:
        """The open letter for a library entry, or a new not-yet-parsed one keyed by its path."""
        key = self.open_key(entry.path)
        if key is not None:
            return self.letters[key]
        return OpenLetter(key=str(entry.path), path=entry.path)

    def _matches(self, symbols: Sequence[str]) -> list[LetterEntry]:
        wanted = tuple(s for s in symbols if s)
        if self.library is None or not wanted:
            return []
        found = self._found.get(wanted)
        if found is None:
            if len(self._found) >= FOUND_CACHE:
                self._found.clear()
            found = self._found[wanted] = [match.entry for match in self.library.resolve(list(wanted))]
        return found

    def resolve(self, symbols: Sequence[str], exclude: str | None = None) -> OpenLetter | None:
        found = self.letters.resolve(symbols, exclude=exclude)
        if found is not None:
            return found
        for entry in self._matches(symbols):
            letter = self.entry_for(entry)
            if letter.key != exclude and letter.error is None:
                return letter
        return None

    def title_of(self, symbols: Sequence[str]) -> str | None:
        title = self.letters.title_of(symbols)
        if title is not None:
            return title
        matches = self._matches(symbols)
        return (matches[0].title or matches[0].label) if matches else None


def _open_partial(folders: Sequence[Path], parser: Callable[[Path], Letter] | None) -> Library | None:
    """Read-only connections to the indexes being built; folders without one yet are left out."""
    import sqlite3

    from reader.library import Library
    from reader.library.config import cache_dir
    from reader.library.index import Index, index_path

    indexes = []
    for folder in folders:
        resolved = _resolved(folder.expanduser())
        db_path = index_path(resolved, cache_dir())
        if not db_path.is_file():
            continue
        try:
            connection = sqlite3.connect(
                f"{db_path.as_uri()}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
            )
            connection.execute("PRAGMA query_only = ON")
            connection.execute("SELECT count(*) FROM letters").fetchone()
        except sqlite3.Error:
            continue
        indexes.append(Index(resolved, db_path, connection))
    return Library(indexes, [], parser) if indexes else None


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def needs_worker_processes(folders: Sequence[Path]) -> bool:
    """Whether indexing may use worker processes: a folder holding `WORKERS_FROM` documents or more.
    Only then is multiprocessing's resource tracker started before the app (a process spawned and
    importing beside the first paint); counting stops there, so a huge folder costs one directory read."""
    from reader.formats.files import walk_documents

    return any(len(list(islice(walk_documents(folder), WORKERS_FROM))) >= WORKERS_FROM for folder in folders)


def start_worker_processes() -> None:
    """Start multiprocessing's resource tracker before the app takes over stdout and stderr.

    Started later, from inside the app, the tracker is handed stderr's file number, which Textual's
    capture reports as -1, and the pool fails ("bad value(s) in fds_to_keep"). The fork server passes
    no standard stream, so the pool starts it itself when indexing needs worker processes: never for a
    small library, and after the first paint for a large one (it cost a process spawn before it).
    """
    if sys.platform == "win32":
        return
    try:
        from multiprocessing import resource_tracker

        resource_tracker.ensure_running()
    except (OSError, ValueError):
        pass  # indexing falls back to one process
