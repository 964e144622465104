"""The app's library features: opening it, the library / cited-by / search / agenda screens, review marks.

Kept apart from `app.py` so the reading screen stays about one letter; the app forwards its key
actions here. Everything slow (indexing, parsing a letter found in the library) runs in thread
workers and comes back through `call_from_thread`; the screens only ask the ready library.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.content import Content

from reader.app.letters import OpenLetter
from reader.app.library_bridge import IndexingStopped, LibraryBridge
from reader.app.review_marks import ReviewMarks, badge
from reader.app.safe_text import one_line
from reader.app.widgets.letter_view import paragraph_block
from reader.errors import ReaderError
from reader.model import Letter, Reference, agenda_organ

if TYPE_CHECKING:
    # The screens and the library (SQLite, worker processes) are imported where first used, after
    # the first paint: the reading screen needs none of them to show a letter.
    from reader.app.app import ReaderApp
    from reader.app.screens.entry_pick import LetterTarget
    from reader.app.screens.library_list import Lister
    from reader.app.widgets.text_pane import Mark
    from reader.library import LetterEntry, Library, SearchHit

SEARCH_LIMIT = 50

LIBRARY_BINDINGS: list[BindingType] = [
    Binding(
        "c",
        "cited_by",
        "Cited by",
        show=False,
        tooltip="Letters in the library citing this one",
        id="cited-by",
    ),
    Binding(
        "s",
        "search",
        "Search",
        show=False,
        tooltip="Search the text of every letter in the library",
        id="search",
    ),
    Binding(
        "m",
        "mark_checked",
        "Check",
        show=False,
        tooltip="Mark the selected reference checked (again: unmark)",
        id="mark-checked",
    ),
    Binding("x", "flag", "Flag", show=False, tooltip="Flag the selected reference with a note", id="flag"),
]
LIBRARY_KEY_ORDER = ("cited-by", "search", "mark-checked", "flag")


class _AppClosed(Exception):
    """Raised into `Library.open` from the progress callback once the app is gone: stop indexing."""


class LibraryUI:
    """One per app: the bridge (resolver), the review marks, and the actions on both."""

    def __init__(
        self,
        app: ReaderApp,
        folders: Sequence[Path] | None,
        reviews: ReviewMarks | None = None,
        *,
        parser: Callable[[Path], Letter] | None = None,
    ) -> None:
        self.app = app
        self.parser = parser  # the app's own loader, when it has one (tests), indexes the library too
        self.folders = list(folders) if folders else []
        self.bridge = LibraryBridge(app.letters)
        self.reviews = reviews if reviews is not None else ReviewMarks()
        self.sort = "date"
        self.query = ""
        # Letters being parsed, each with where to go once shown: the latest ask wins (showing the
        # letter starts its parse, and the cited-by or search pick that showed it adds the place).
        self._loading: dict[str, LetterTarget | None] = {}
        self._load_lock = threading.Lock()
        self._closed = False

    @property
    def library(self) -> Library | None:
        return self.bridge.library

    # -- opening the library -------------------------------------------------------------------

    def start(self) -> None:
        if self.folders:
            self.bridge.state = "indexing…"
            self.app.run_worker(self._open, thread=True, group="library", name="open library")

    def _call(self, callback: Callable[..., object], *args: object) -> None:
        if self._closed:
            raise _AppClosed
        try:
            self.app.call_from_thread(callback, *args)
        except (RuntimeError, CancelledError):  # the app stopped (or is stopping) its loop
            raise _AppClosed from None

    def _open(self) -> None:
        try:
            library = self.bridge.open(
                self.folders,
                lambda text: self._call(self._progress, text),
                parser=self.parser,
                stop=lambda: self._closed,
            )
        except (_AppClosed, IndexingStopped):
            return
        except ReaderError as error:
            self._safe_call(self._failed, one_line(str(error)))
            return
        except Exception as error:  # an index bug must leave the reader usable
            self._safe_call(self._failed, one_line(f"{type(error).__name__}: {error}"))
            return
        if not self._safe_call(self._ready, library):
            library.close()

    def _safe_call(self, callback: Callable[..., object], *args: object) -> bool:
        try:
            self._call(callback, *args)
        except _AppClosed:
            return False
        return True

    def _progress(self, text: str) -> None:
        self.bridge.state = text
        self.app.refresh_status()

    def _ready(self, library: Library) -> None:
        self.bridge.ready(library)
        self.app.refresh_status()

    def _failed(self, error: str) -> None:
        self.bridge.state = "library: not available"
        self.app.notify(error, title="Library", severity="error", markup=False)
        self.app.refresh_status()

    def close(self) -> None:
        self._closed = True
        self.bridge.close()

    def status(self, mark: Mark | None, letter: Letter | None) -> list[Content]:
        """What the status line adds: the reference's review state, the letter's count, the library."""
        parts: list[Content] = []
        if letter is not None:
            described = self.reviews.describe(letter, mark.reference if mark is not None else None)
            if described.plain:
                parts.append(described)
            summary = self.reviews.summary_text(letter)
            if summary:
                parts.append(Content(summary))
        if self.bridge.state:
            parts.append(Content.styled(self.bridge.state, "dim"))
        return parts

    def _need_library(self) -> Library | None:
        if self.library is None:
            message = "The library is still being indexed." if self.folders else "No library is open."
            self.app.notify(message, timeout=3)
        return self.library

    # -- opening letters -----------------------------------------------------------------------

    def open_entry(self, entry: OpenLetter, target: LetterTarget | None = None) -> None:
        """Show a letter (open, or found in the library and parsed now), then go to the target."""
        known = self.app.open_letter(entry)
        if known.letter is not None:
            self.go_to(known.letter, target)
        elif known.error is None:
            self._load(known, target)

    def open_target(self, target: LetterTarget | None) -> None:
        if target is not None:
            self.open_entry(self.bridge.entry_for(target.entry), target)

    def open_library_entry(self, entry: LetterEntry | None) -> None:
        from reader.app.screens.entry_pick import LetterTarget

        if entry is not None:
            self.open_target(LetterTarget(entry))

    def load(self, entry: OpenLetter) -> None:
        """Parse an open letter that was not parsed at start-up (one of a library folder's)."""
        self._load(entry, None)

    def _load(self, entry: OpenLetter, target: LetterTarget | None) -> None:
        if entry.key in self._loading:
            if target is not None:
                self._loading[entry.key] = target
            return
        self._loading[entry.key] = target
        self.app.run_worker(
            partial(self._parse, entry.key, entry.path), thread=True, group="load", name="load letter"
        )

    def _parse(self, key: str, path: Path) -> None:
        library = self.library
        try:
            with self._load_lock:  # Library.load keeps a small cache that is not thread-safe
                letter = library.load(path) if library is not None else self.app.load_letter(path)
        except ReaderError as error:
            self._safe_call(self._parsed, key, None, one_line(str(error)))
        except Exception as error:  # a parser bug costs this letter only
            self._safe_call(self._parsed, key, None, one_line(f"{type(error).__name__}: {error}"))
        else:
            self._safe_call(self._parsed, key, letter, None)

    def _parsed(self, key: str, letter: Letter | None, error: str | None) -> None:
        target = self._loading.pop(key, None)
        if letter is not None:
            self.app.letters.set_letter(key, letter)
        else:
            self.app.letters.set_error(key, error or "unknown error")
            self.app.notify(error or "unknown error", title="Could not read", severity="error", markup=False)
        if self.app.current == key:
            self.app.show_letter(key)
            if letter is not None:
                self.go_to(letter, target)

    def go_to(self, letter: Letter, target: LetterTarget | None) -> None:
        """Select the target's reference, else show its paragraph (with the searched word found)."""
        if target is None or not target.where:
            return
        app = self.app
        if target.start is not None:
            for name in ("body", "footnotes"):
                for index, mark in enumerate(app.pane(name).marks):
                    ref = mark.reference
                    if ref is not None and ref.where == target.where and ref.start == target.start:
                        app.select_in(name, index)
                        return
        block = paragraph_block(letter, target.where)
        if block is None:
            if app.pane("footnotes").select_anchor(target.where):
                app.select_in("footnotes", app.pane("footnotes").selected)
            return
        body = app.pane("body")
        if target.term and app.find(target.term):
            for number, (name, match) in enumerate(app.find_hits):
                if name == "body" and body.matches[match].block == block:
                    app.show_hit(number)
                    return
        body.show_block(block)

    # -- the screens ---------------------------------------------------------------------------

    def show_library(self) -> None:
        library = self._need_library()
        if library is None:
            return
        from reader.app.screens.library_list import LibraryScreen

        self.app.push_screen(
            LibraryScreen(self._lister(library), self._unreadable(), self.sort), self.open_library_entry
        )

    def _unreadable(self) -> str:
        return f"{self.bridge.skipped} files could not be read" if self.bridge.skipped else ""

    def _lister(self, library: Library) -> Lister:
        def lister(text: str, sort: str) -> Sequence[LetterEntry]:
            self.sort = sort
            return library.letters(text, sort)

        return lister

    def show_cited_by(self) -> None:
        letter = self.app.shown_letter
        if letter is None:
            self.app.notify("No letter shown.", timeout=2)
            return
        library = self._need_library()
        if library is None:
            return
        if not letter.symbols:
            self.app.notify("This letter has no symbol: nothing can cite it.", timeout=3)
            return
        citations = library.cited_by(letter.symbols)
        from reader.app.screens.cited_by import CitedByScreen

        self.app.push_screen(CitedByScreen(one_line(letter.symbol), citations), self.open_target)

    def show_search(self) -> None:
        library = self._need_library()
        if library is None:
            return

        def search(query: str) -> list[SearchHit]:
            self.query = query
            return library.search(query, limit=SEARCH_LIMIT)

        from reader.app.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(search, self.query), self.open_target)

    def show_agenda_letters(self, mark: Mark) -> bool:
        """Enter on an agenda item: the library's letters under it. False without a library."""
        letter = self.app.shown_letter
        library = self.library
        if library is None or letter is None or not mark.anchor.startswith("agenda:"):
            return False
        item = mark.anchor.removeprefix("agenda:")
        filed = agenda_organ(letter.organs)
        organ = filed.name if filed else ""
        session = (filed.number if filed.number is not None else filed.session or None) if filed else None
        entries = library.agenda(organ, session, item) if organ else []
        where = f" ({one_line(str(session))})" if session is not None else ""
        title = f"{one_line(organ) or 'Agenda'}{where}, item {one_line(item)}: letters in the library"
        from reader.app.screens.agenda_letters import AgendaLettersScreen

        self.app.push_screen(AgendaLettersScreen(title, entries), self.open_target)
        return True

    # -- review marks --------------------------------------------------------------------------

    def _selected_reference(self) -> tuple[Letter, Reference] | None:
        letter = self.app.shown_letter
        mark = self.app.active_pane.selected_mark
        ref = mark.reference if mark is not None else None
        if letter is None or ref is None:
            self.app.notify("Nothing selected: tab selects a reference.", timeout=2)
            return None
        if not self.reviews.reviewed(ref):
            self.app.notify(
                "Only references to documents, resolutions and decisions are reviewed.", timeout=3
            )
            return None
        return letter, ref

    def toggle_checked(self) -> None:
        selected = self._selected_reference()
        if selected is None:
            return
        try:
            self.reviews.toggle_checked(*selected)
        except ReaderError as error:
            self.app.notify(one_line(str(error)), severity="error", markup=False)
        self.app.refresh_status()

    def flag(self) -> None:
        selected = self._selected_reference()
        if selected is None:
            return
        letter, ref = selected
        current = self.reviews.get(letter, ref)
        label = one_line(ref.symbol or ref.text)
        note = one_line(current.note) if current is not None else ""  # the YAML may be edited by hand
        from reader.app.screens.flag_note import FlagNoteScreen

        self.app.push_screen(
            FlagNoteScreen(label, note),
            partial(self._flagged, letter, ref),
        )

    def _flagged(self, letter: Letter, ref: Reference, note: str | None) -> None:
        if note is None:
            return
        try:
            self.reviews.flag(letter, ref, note)
        except ReaderError as error:
            self.app.notify(one_line(str(error)), severity="error", markup=False)
        self.app.refresh_status()

    def review_tags(self, letter: Letter | None, ref: Reference) -> tuple[str, str]:
        """The references list's badge ("✓ ", "⚑ ", "  ", or "" when not reviewing) and flag note,
        from one look-up of the reference's review."""
        if letter is None or self.reviews.store is None:
            return "", ""
        review = self.reviews.get(letter, ref)
        note = one_line(review.note) if review is not None and review.note else ""
        return badge(review) + " ", note
