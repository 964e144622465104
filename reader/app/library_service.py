"""Library work for the reader: indexing the library, parsing letters, the review marks.

Everything slow runs in `@work(thread=True)` workers that report with the messages declared below
(toolong's `ScanProgress`, frogmouth's `Viewer.LocationChanged`): the service never calls into the
screen or the app, it posts `Progress`, `Ready`, `Failed` and `LetterParsed`, and whoever holds it
(the reading screen) decides what they mean on screen. It is a widget without a picture only
because Textual's workers and messages belong to a node of the DOM.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from reader.app.letters import OpenLetter, OpenLetters
from reader.app.library_bridge import IndexingStopped, LibraryBridge
from reader.app.review_marks import ReviewMarks
from reader.app.safe_text import one_line
from reader.errors import ReaderError
from reader.model import Letter

if TYPE_CHECKING:  # the library (SQLite, worker processes) is imported by the indexing worker
    from reader.library import Library

Loader = Callable[[Path], Letter]


def default_loader(path: Path) -> Letter:
    from reader.parser import parse_path

    return parse_path(path)


def failure(error: Exception) -> str:
    """A worker's error in one line: a ReaderError as it says, anything else (a bug) with its type."""
    if isinstance(error, ReaderError):
        return one_line(str(error))
    return one_line(f"{type(error).__name__}: {error}")


class LibraryService(Widget):
    """One per app: the resolver over open letters and the library, the review marks, the workers."""

    # The messages have a plain `__init__`, as Textual's own do: `@dataclass` built each class's
    # methods with `exec` at import, ~0.2 ms a message before the first paint.
    class Progress(Message):
        """Indexing moved on: `text` is what the status line says about the library now."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Ready(Message):
        """The library is open (the service already holds it): resolution now reaches it."""

        def __init__(self, library: Library) -> None:
            super().__init__()
            self.library = library

    class Failed(Message):
        """The library could not be opened; the reader goes on with the open letters."""

        def __init__(self, error: str) -> None:
            super().__init__()
            self.error = error

    class LetterParsed(Message):
        """A letter was parsed (or failed, with its one-line reason): the start-up parse when
        `eager`, else one found in the library or a folder's letter parsed when first shown."""

        def __init__(
            self, key: str, letter: Letter | None = None, error: str | None = None, eager: bool = False
        ) -> None:
            super().__init__()
            self.key = key
            self.letter = letter
            self.error = error
            self.eager = eager

    def __init__(
        self,
        letters: OpenLetters,
        folders: Sequence[Path] | None,
        reviews: ReviewMarks,
        *,
        load: Loader | None = None,
    ) -> None:
        super().__init__(id="library-service")
        self.display = False  # inline, not DEFAULT_CSS: each class's CSS is parsed before the first paint
        self.folders = list(folders) if folders else []
        self.parser = load  # the app's own loader, when it has one (tests), indexes the library too
        self.bridge = LibraryBridge(letters)
        self.reviews = reviews
        self._loading: set[str] = set()
        self._load_lock = threading.Lock()  # Library.load keeps a small cache that is not thread-safe
        self._closed = False
        self._refresh_lock = threading.Lock()  # refreshes one after the other, each from the last
        self._refresh_later: set[Path] = set()  # folders to refresh once the library is open

    @property
    def library(self) -> Library | None:
        return self.bridge.library

    @property
    def state(self) -> str:
        """What the status line says about the library: progress, size or failure ("" without one)."""
        return self.bridge.state

    def load(self, path: Path) -> Letter:
        return (self.parser or default_loader)(path)

    # -- the library ---------------------------------------------------------------------------

    def start(self) -> None:
        if self.folders:
            self.bridge.state = "indexing…"
            self._open()

    @work(thread=True, group="library", name="open library")
    def _open(self) -> None:
        worker = get_current_worker()

        def stopped() -> bool:
            return self._closed or worker.is_cancelled

        try:
            library = self.bridge.open(
                self.folders, lambda text: self._report(self.Progress(text)), parser=self.parser, stop=stopped
            )
        except IndexingStopped:
            return
        except Exception as error:  # an index bug must leave the reader usable
            self.post_message(self.Failed(failure(error)))
            return
        if stopped() or not self.post_message(self.Ready(library)):
            library.close()

    def _report(self, message: Message) -> None:
        if not self.post_message(message):  # the app is gone: stop indexing, keep what is stored
            raise IndexingStopped

    def on_library_service_progress(self, message: Progress) -> None:
        self.bridge.state = message.text

    def on_library_service_ready(self, message: Ready) -> None:
        if self._closed:
            message.library.close()
            return
        self.bridge.ready(message.library)
        while self._refresh_later:
            self.refresh_folder(self._refresh_later.pop())

    def refresh_folder(self, folder: Path) -> None:
        """Index what arrived in one folder (a fetched document) and post `Ready` with the library
        that includes it; while the library is still being opened, wait for that first."""
        if self.folders and self.library is None and self.bridge.state != "library: not available":
            self._refresh_later.add(folder)
            return
        self._refresh(folder)

    @work(thread=True, group="refresh", name="refresh library folder")
    def _refresh(self, folder: Path) -> None:
        try:
            with self._refresh_lock:
                if self._closed:
                    return
                library = self.bridge.refreshed(folder, parser=self.parser)
        except Exception as error:  # the fetched document is shown all the same; only the index lags
            self.post_message(self.Failed(failure(error)))
            return
        if self._closed or not self.post_message(self.Ready(library)):
            library.close()

    def on_library_service_failed(self, message: Failed) -> None:
        if self.library is None:  # a failed refresh of one folder leaves the open library as it was
            self.bridge.state = "library: not available"

    def on_unmount(self) -> None:
        self._closed = True
        self.bridge.close()

    # -- letters -------------------------------------------------------------------------------

    @work(thread=True, group="parse", name="parse letters")
    def parse_letters(self, entries: Sequence[OpenLetter]) -> None:
        """Parse the letters shown at start, in order; one that fails never stops the rest."""
        for entry in entries:
            if self._closed:
                return
            try:
                letter = self.load(entry.path)
            except Exception as error:  # a parser bug must not take the other letters down
                self.post_message(self.LetterParsed(entry.key, error=failure(error), eager=True))
            else:
                self.post_message(self.LetterParsed(entry.key, letter=letter, eager=True))

    def parse_later(self, entry: OpenLetter) -> bool:
        """Parse a letter not parsed at start (found in the library, or a library folder's); False
        when it is already being parsed."""
        if entry.key in self._loading:
            return False
        self._loading.add(entry.key)
        self._parse_one(entry.key, entry.path)
        return True

    @work(thread=True, group="load", name="load letter")
    def _parse_one(self, key: str, path: Path) -> None:
        library = self.library
        try:
            with self._load_lock:
                letter = library.load(path) if library is not None else self.load(path)
        except Exception as error:  # a parser bug costs this letter only
            self.post_message(self.LetterParsed(key, error=failure(error)))
        else:
            self.post_message(self.LetterParsed(key, letter=letter))

    def on_library_service_letter_parsed(self, message: LetterParsed) -> None:
        self._loading.discard(message.key)
