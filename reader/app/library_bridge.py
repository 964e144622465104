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

PROGRESS_INTERVAL = 0.2  # seconds between progress lines: the status line is not a film
FOUND_CACHE = 4096  # symbol lookups kept: a few hundred bytes each, cleared when full


def library_folders(paths: Sequence[Path], configured: bool = True) -> list[Path]:
    """Every folder named (a file's own folder is not indexed) plus the config file's libraries."""
    folders = [path for path in paths if path.is_dir()]
    if configured:
        from reader.library.config import load_config

        folders.extend(load_config().libraries)
    return folders


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
        # The status line resolves the selected reference on every key (and `title_of` asks again
        # for the same symbols); a ready library does not change, so each answer is looked up once.
        self._found: dict[tuple[str, ...], list[LetterEntry]] = {}
        self._keys_by_path: dict[Path, str] = {}  # resolved path -> open letter key (see open_key)
        self._paths_seen = 0

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

        def progress(step: Progress) -> None:
            nonlocal last
            if stop():
                raise IndexingStopped
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL or step.done == step.total:
                last = now
                report(progress_text(step))

        try:
            return Library.open(folders, progress=progress, parser=parser)
        except ValueError:  # worker processes could not start from inside the app: read them here
            return Library.open(folders, progress=progress, parser=parser, workers=1)

    def ready(self, library: Library) -> None:
        self.library = library
        self._found.clear()
        self.unreadable = [skipped for report in library.reports for skipped in report.skipped]
        self.skipped = len(self.unreadable)
        count = len(library)
        self.state = f"library: {count} letter{'' if count == 1 else 's'}" + (
            f", {self.skipped} unreadable (U lists them)" if self.skipped else ""
        )

    def close(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None
            self._found.clear()

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


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


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
