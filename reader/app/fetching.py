"""Fetching a cited document from the app: `F` runs the library's `Fetcher` in a thread worker.

Like `LibraryService`, the service never calls into the screen: it posts `Progress` while the fetch
waits for the rate limit, asks and downloads, and `Finished` with the outcome and, when the document
is there, the letter already parsed from it (in the same worker, so the screen shows it at once).
One fetch runs at a time; `cancel` (escape) ends it on screen at once and sets the event the
fetcher checks (between waits and chunks: a request blocked on a silent server ends at its timeout,
in the background, and stores nothing). The fetched file lands in the documents folder, which the
library service then re-indexes so later jumps find it.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from reader import lazy_re
from reader.app.safe_text import one_line
from reader.errors import ReaderError
from reader.model import Letter, Reference, RefKind

if TYPE_CHECKING:  # urllib, ssl and the store are imported by the worker, after the first paint
    from reader.library.fetch import FetchProgress, FetchResult

Loader = Callable[[Path], Letter]
PROGRESS_INTERVAL = 0.1  # seconds between two "downloading N KB" updates of the status line
FETCHED_KINDS = (RefKind.DOCUMENT, RefKind.RESOLUTION)


def fetchable_reference(reference: Reference | None) -> str | None:
    """The symbol `F` fetches for a reference, or None when it names no document."""
    if reference is None or reference.kind not in FETCHED_KINDS or not reference.symbol:
        return None
    return reference.symbol if reference.well_formed else None


def reference_pinpoint(reference: Reference | None) -> Any:
    """The place in the cited document the reference names ("paragraph 5", "annex"), when the model
    has one: `Reference.pinpoint` is being added to the model; until then there is none."""
    return getattr(reference, "pinpoint", None) if reference is not None else None


_PRINTED_NUMBER = lazy_re.compile(r"\s*\(?([0-9]+|[ivxlcdm]+|[a-z])[.)]\s", re.IGNORECASE)


def _printed_number(paragraph: Any) -> str | None:
    """A paragraph's printed number: the model's `number` when it has one, else the text's start."""
    number = getattr(paragraph, "number", None)
    if number:
        return str(number).strip("(). ")
    found = _PRINTED_NUMBER.match(paragraph.text)
    return found.group(1) if found else None


def pinpoint_where(letter: Letter, pinpoint: Any) -> str | None:
    """The paragraph id a pinpoint names in the fetched letter ("p5", "a1.p1"), None for the top.

    A pinpoint has a `kind` (paragraph, annex, section, page) and a `value` as printed ("5",
    "154–178", "II", ""); a range opens at its first paragraph, and a page has no place in the text.
    """
    if pinpoint is None:
        return None
    kind = str(getattr(pinpoint, "kind", "")).lower()
    value = str(getattr(pinpoint, "value", "") or "").strip()
    first = re.split(r"\s*[-–—,]\s*|\s+and\s+|\s+to\s+", value, maxsplit=1)[0].strip("(). ")
    if kind == "paragraph" and first:
        for paragraph in (*letter.paragraphs, *(p for a in letter.annexes for p in a.paragraphs)):
            if (_printed_number(paragraph) or "").lower() == first.lower():
                return paragraph.id
        return None
    if kind == "annex":
        annexes = [a for a in letter.annexes if a.paragraphs]
        named = [a for a in annexes if first and re.search(rf"\b{re.escape(first)}\b", a.title, re.I)]
        chosen = (named or annexes)[:1]
        return chosen[0].paragraphs[0].id if chosen else None
    if kind == "section" and first:
        for section in getattr(letter, "sections", ()) or ():
            if str(getattr(section, "number", "") or "").lower() == first.lower():
                return str(section.paragraph)
    return None


def progress_text(progress: FetchProgress) -> str:
    """What the status line says about a running fetch."""
    symbol = one_line(progress.symbol)
    if progress.phase == "waiting":
        return f"fetching {symbol}: waiting {progress.wait:.1f} s (rate limit) · escape cancels"
    if progress.phase == "downloading":
        size = f"{progress.received // 1024} KB"
        if progress.total:
            size += f" of {progress.total // 1024} KB"
        return f"fetching {symbol}: downloading {size} · escape cancels"
    return f"fetching {symbol}: requesting · escape cancels"


def outcome_line(result: FetchResult) -> str:
    """The one line a fetch that did not bring a document ends with."""
    line = f"{one_line(result.symbol)} ({result.lang}): {one_line(str(result))}"
    if result.transient:
        line += "; kept as pending (un-reader fetch --pending retries it)"
    return line


class FetchService(Widget):
    """One per reading screen: fetches a document in a thread worker and reports with messages."""

    # Plain `__init__`s, as Textual's own messages: `@dataclass` cost ~0.2 ms each at import.
    class Progress(Message):
        """The running fetch moved on: `text` is what the status line says about it."""

        def __init__(self, text: str, run: int = 0) -> None:
            super().__init__()
            self.text = text
            self.run = run

    class Finished(Message):
        """The fetch ended, once per `fetch`. `cancelled`: by escape. `result` is None when it was
        cancelled or could not start (`error` says why: a bad config, a malformed symbol); when the
        document is stored, `letter` (or `letter_error`) is its parse."""

        def __init__(
            self,
            symbol: str,
            result: FetchResult | None,
            error: str = "",
            letter: Letter | None = None,
            letter_error: str | None = None,
            pinpoint: Any = None,
            started: float = 0.0,
            run: int = 0,
            cancelled: bool = False,
        ) -> None:
            super().__init__()
            self.symbol = symbol
            self.result = result
            self.error = error
            self.letter = letter
            self.letter_error = letter_error
            self.pinpoint = pinpoint
            self.started = started  # time.monotonic() when F was pressed: the benchmark's origin
            self.run = run  # which fetch: a cancelled one's late answer is dropped
            self.cancelled = cancelled

    def __init__(self, *, interval: float | None = None, loader: Loader | None = None) -> None:
        super().__init__(id="fetch-service")
        self.display = False  # inline, not DEFAULT_CSS: each class's CSS is parsed before the first paint
        self.interval = interval  # seconds between requests; None: the fetcher's (2 s); tests shorten it
        self.loader = loader
        self.symbol: str | None = None  # the document being fetched
        self.text = ""  # its progress, for the status line
        self._cancel: threading.Event | None = None
        self._run_number = 0

    @property
    def running(self) -> bool:
        return self.symbol is not None

    def stored(self, symbol: str) -> tuple[str, ...]:
        """The languages `symbol` is stored in (a few stat calls: cheap enough for every key)."""
        from reader.library.documents_store import DocumentStore

        try:
            return DocumentStore().languages(symbol)
        except (ReaderError, OSError, ValueError):  # a symbol no file name can hold is stored in none
            return ()

    def status(self, reference: Reference | None) -> list[Content]:
        """The status line's words on fetching: the languages the selected reference's document is
        stored in, and the running fetch's progress."""
        parts: list[Content] = []
        symbol = fetchable_reference(reference)
        stored = self.stored(symbol) if symbol is not None else ()
        if stored:
            parts.append(Content.styled(f"stored: {', '.join(stored)}", "dim"))
        if self.text:
            parts.append(Content.styled(self.text, "italic"))
        return parts

    def fetch(self, symbol: str, pinpoint: Any = None) -> bool:
        """Start fetching; False when a fetch is already running (one at a time: the rate limit
        would make a second one wait anyway, and the status line has room for one)."""
        if self.running:
            return False
        self.symbol = symbol
        self.text = f"fetching {one_line(symbol)} · escape cancels"
        self._cancel = threading.Event()
        self._run_number += 1
        self._run(symbol, self._cancel, pinpoint, time.monotonic(), self._run_number)
        return True

    def cancel(self) -> bool:
        """Stop the running fetch: it ends now with a `Finished` saying cancelled, and its worker
        stops at its next check; False when none runs."""
        if self._cancel is None or self.symbol is None:
            return False
        self._cancel.set()
        self.post_message(self.Finished(self.symbol, None, run=self._run_number, cancelled=True))
        return True

    @work(thread=True, group="fetch", name="fetch document")
    def _run(self, symbol: str, cancel: threading.Event, pinpoint: Any, started: float, run: int) -> None:
        """Fetch in a daemon thread and wait for it, or for escape or quit. A request blocked on a
        silent server only ends at its timeout (30 s); the app's workers are joined when it exits,
        so that wait is left to a thread nobody joins, and `q` ends the app at once."""
        done = threading.Event()

        def fetch() -> None:
            try:
                self._fetch(symbol, cancel, pinpoint, started, run)
            finally:
                done.set()

        threading.Thread(target=fetch, name=f"fetch {symbol[:40]}", daemon=True).start()
        while not done.wait(0.05):
            if cancel.is_set():
                return

    def _fetch(self, symbol: str, cancel: threading.Event, pinpoint: Any, started: float, run: int) -> None:
        from reader.library.config import load_config
        from reader.library.fetch import Fetcher, document_source, language

        last, phase = 0.0, ""

        def report(progress: FetchProgress) -> None:
            nonlocal last, phase
            now = time.monotonic()
            again = progress.phase == phase and now - last < PROGRESS_INTERVAL
            if progress.phase == "done" or again:  # a fast download reports every 64 KB
                return
            last, phase = now, progress.phase
            self.post_message(self.Progress(progress_text(progress), run))

        try:
            config = load_config()
            fetcher = Fetcher(source=document_source(config), interval=self.interval)
            result = fetcher.fetch(symbol, language(None, config), progress=report, cancel=cancel)
        except Exception as error:  # a bad config or symbol, or a bug: one line, the reader goes on
            failed = self.Finished(symbol, None, _failure(error), pinpoint=pinpoint, started=started, run=run)
            self.post_message(failed)
            return
        letter: Letter | None = None
        letter_error: str | None = None
        if result.ok and result.path is not None and not cancel.is_set():
            try:
                letter = (self.loader or _parse)(result.path)
            except Exception as error:  # a document the parser cannot read costs this document only
                letter_error = _failure(error)
        self.post_message(self.Finished(symbol, result, "", letter, letter_error, pinpoint, started, run))

    def on_fetch_service_progress(self, message: Progress) -> None:
        if message.run != self._run_number or not self.running:
            message.stop()  # a cancelled fetch's last words
            return
        self.text = message.text

    def on_fetch_service_finished(self, message: Finished) -> None:
        if message.run != self._run_number or not self.running:
            message.stop()  # the worker of a fetch already ended by escape: nobody waits for it
            return
        self.symbol = None
        self.text = ""
        self._cancel = None

    def on_unmount(self) -> None:
        if self._cancel is not None:  # the worker's waits end at once; nothing half-written stays
            self._cancel.set()


def _parse(path: Path) -> Letter:
    from reader.parser import parse_path

    return parse_path(path)


def _failure(error: Exception) -> str:
    if isinstance(error, ReaderError):
        return one_line(str(error))
    return one_line(f"{type(error).__name__}: {error}")
