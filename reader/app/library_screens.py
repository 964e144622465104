"""The library's screens opened from the reading screen: `l` the letters, `c` the letters citing the
one shown, `s` full-text search, enter on an agenda item the letters filed under it, `E` the files
that could not be read, and the library's symbols that `g` completes.

While the library is still being indexed each screen works on what is indexed so far and says so.
The screens are imported when first opened, and so is this module: the first paint needs none of
it. A pick opens its letter through the reading screen (`LibraryHost.open_target`); the last sort
of the letters list and the last search are kept here, for the next time the screen opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from reader.app.safe_text import one_line
from reader.model import Letter, agenda_organ

if TYPE_CHECKING:
    from textual.app import App

    from reader.app.letters import OpenLetters
    from reader.app.library_service import LibraryService
    from reader.app.screens.entry_pick import LetterTarget
    from reader.app.widgets.text_pane import Mark
    from reader.library import LetterEntry, Library, SearchHit

SEARCH_LIMIT = 50
COMPLETION_PAGE = 200  # library letters asked per keystroke of `g`


class LibraryHost(Protocol):
    """What the library's screens use of the reading screen (named here so this module never
    imports it)."""

    letters: OpenLetters

    @property
    def app(self) -> App[object]: ...

    @property
    def shown_letter(self) -> Letter | None: ...

    def key_hint(self, action_id: str) -> str: ...

    def open_target(self, target: LetterTarget | None) -> None: ...

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None: ...


def _full_text_pending(library: Library) -> bool:
    """A first build of a large folder fills the full-text index in one pass at its end."""
    try:
        return any(
            index.execute("SELECT 1 FROM meta WHERE name = 'fts' AND value = 'pending'")
            for index in library.indexes
        )
    except Exception:  # an index being rebuilt under us: say nothing rather than fail
        return False


class LibraryScreens:
    """Opens the library's screens for the reading screen and remembers their last sort and search."""

    def __init__(self, host: LibraryHost, service: LibraryService) -> None:
        self._host = host
        self._service = service
        self._sort = "date"
        self._search_query = ""

    def _need_library(self) -> Library | None:
        """The library, or as much of it as is indexed (said so); None, said why, without one."""
        service = self._service
        library = service.library
        if library is None and (library := service.bridge.partial()) is not None:
            self._host.notify(f"Only what is indexed so far ({service.state}).", timeout=3, markup=False)
        if library is None:
            indexing = "The library is still being indexed." if service.folders else "No library is open."
            self._host.notify(indexing, timeout=3)
        return library

    def show_letters(self) -> None:
        """`l` once the library has letters: its list, sorted as it was last."""
        library = self._need_library()
        if library is None:
            return
        from reader.app.screens.library_list import LibraryScreen

        service = self._service
        skipped = service.bridge.skipped
        if service.library is None:  # still indexing: say how far
            unreadable = f"indexed so far, {service.state}"
        else:
            unreadable = (
                f"{skipped} file{'' if skipped == 1 else 's'} could not be read: "
                f"{self._host.key_hint('unreadable')} lists them"
                if skipped
                else ""
            )

        def lister(text: str, sort: str) -> Sequence[LetterEntry]:
            self._sort = sort
            return library.letters(text, sort)

        shown = self._host.shown_letter
        self._host.app.push_screen(
            LibraryScreen(lister, unreadable, self._sort, shown.key if shown is not None else None),
            self._open_entry,
        )

    def _open_entry(self, entry: LetterEntry | None) -> None:
        from reader.app.screens.entry_pick import LetterTarget

        if entry is not None:
            self._host.open_target(LetterTarget(entry))

    def show_cited_by(self) -> None:
        """`c`: the library's letters citing the one shown."""
        letter = self._host.shown_letter
        if letter is None:
            self._host.notify("No letter shown.", timeout=2)
            return
        library = self._need_library()
        if library is None:
            return
        if not letter.symbols:
            self._host.notify("This letter has no symbol: nothing can cite it.", timeout=3)
            return
        citations = library.cited_by(letter.symbols)
        from reader.app.screens.cited_by import CitedByScreen

        label = one_line(letter.symbol)
        if self._service.library is None:  # still indexing: the list may grow
            label += f" (indexed so far; {self._service.state})"
        self._host.app.push_screen(CitedByScreen(label, citations), self._host.open_target)

    def show_search(self) -> None:
        """`s`: full-text search over the library, opening with the last query."""
        library = self._need_library()
        if library is None:
            return
        if self._service.library is None and _full_text_pending(library):
            self._host.notify(
                "Full-text search is built at the end of this first indexing of a large folder.",
                timeout=4,
            )

        def search(query: str) -> list[SearchHit]:
            self._search_query = query
            return library.search(query, limit=SEARCH_LIMIT)

        from reader.app.screens.search import SearchScreen

        self._host.app.push_screen(
            SearchScreen(search, self._search_query, SEARCH_LIMIT), self._host.open_target
        )

    def show_agenda_letters(self, mark: Mark) -> bool:
        """Enter on an agenda item: the library's letters under it. False without a library."""
        letter = self._host.shown_letter
        library = self._service.library
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

        self._host.app.push_screen(AgendaLettersScreen(title, entries), self._host.open_target)
        return True

    def symbols(self, typed: str) -> list[str]:
        """`g` completes from the whole library (as far as it is indexed): the symbols of one page of
        letters matching what is typed, in symbol order."""
        library = self._service.bridge.partial()
        if library is None:
            return []
        symbols: list[str] = []
        for entry in library.letters(typed.strip(), "symbol")[:COMPLETION_PAGE]:
            symbols.extend(symbol for symbol in (entry.symbol, *entry.symbols) if symbol)
        return symbols

    def unreadable_files(self) -> list[tuple[str, str]]:
        """(file, reason): the library's unreadable files and the open letters that failed."""
        files = [(item.path, item.message) for item in self._service.bridge.unreadable]
        named = {path for path, _ in files}
        for entry in self._host.letters:
            if entry.error is not None and str(entry.path) not in named:
                files.append((str(entry.path), entry.error))
        return files

    def show_unreadable(self) -> None:
        """`E`: the files that could not be read, and why."""
        from reader.app.screens.unreadable import UnreadableScreen

        self._host.app.push_screen(UnreadableScreen(self.unreadable_files()))
