"""The reference screens the reading screen opens: `r`, the list of the letter's references, and
the symbol panel that enter opens on a document that is not open (or on a decision), with the
places that cite it, its URL, and `F` to fetch it.

A row of either leads back into the letter: picking it selects that reference, recorded as a jump.
The rows grouped by cited document are review_list.py's; the other references' rows are built
here, with their review badge and the words around them. Imported when one of them first opens:
the first paint needs none of it. What this needs of the reading screen is `PanelHost`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Protocol

from reader.app.fetching import FetchService, reference_pinpoint
from reader.app.letters import reference_symbols
from reader.app.review_keys import ReviewKeys
from reader.app.review_list import ReaderScreen as ReviewListHost
from reader.app.review_list import document_entries
from reader.app.safe_text import one_line
from reader.errors import ReaderError
from reader.model import Reference
from reader.symbol_keys import symbol_key
from reader.urls import document_url

if TYPE_CHECKING:
    from textual.app import App

    from reader.app.screens.references import ReferenceEntry

ENTRY_PANES = ("body", "footnotes")  # the agenda's items are not references


class PanelHost(ReviewListHost, Protocol):
    """What the reference screens use of the reading screen: what the review list uses, and the
    review badges, the fetch service, and a jump to a mark."""

    review_keys: ReviewKeys
    fetching: FetchService

    @property
    def app(self) -> App[object]: ...

    def fetch(self, symbol: str, pinpoint: object = None) -> None: ...

    def jump_to_mark(self, pane: str, index: int) -> bool: ...


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    before = one_line(text[max(0, start - width) : start]).lstrip()
    after = one_line(text[end : end + width]).rstrip()
    return f"…{before}[{one_line(text[start:end])}]{after}…"


def _url_for(symbol: str) -> str:
    """A typed symbol's URL: the grammar's, or for text it cannot parse the URL scheme's own."""
    from reader.symbols import url as symbol_url

    try:
        return symbol_url(symbol)
    except ReaderError:
        return document_url(symbol.strip())


class ReferencePanels:
    """Opens the references list and the symbol panel; a pick jumps to its reference."""

    def __init__(self, host: PanelHost) -> None:
        self._host = host

    def entries(
        self, only: frozenset[Reference] | None = None, *, reviewed: bool = True
    ) -> list[ReferenceEntry]:
        """Every reference of the shown letter (or those `only` names), body then footnotes, for the
        list and the panel; the panel's few are picked before their review marks are looked up."""
        from reader.app.screens.references import ReferenceEntry

        host = self._host
        entries: list[ReferenceEntry] = []
        for pane_name in ENTRY_PANES:
            pane = host.pane(pane_name)
            for index, mark in enumerate(pane.marks):
                ref = mark.reference
                if ref is None or (only is not None and ref not in only):
                    continue
                if not reviewed and host.service.reviews.reviewed(ref):
                    continue  # listed under its cited document
                badge, note = host.review_keys.tags(host.shown_letter, ref)
                label = f"{badge}{one_line(ref.symbol or ref.text)}"
                text = pane.blocks[mark.block].text
                detail = f"{ref.kind.value} · {ref.where}"
                if note:
                    detail += f" · flagged: {note}"
                entries.append(
                    ReferenceEntry(label, detail, pane_name, index, _context(text, mark.start, mark.end))
                )
        return entries

    def show_list(self) -> None:
        """`r`: one row per cited document, then the references that are not reviewed."""
        host = self._host
        letter = host.shown_letter
        title = (
            f"References of {one_line(host.letters[host.current].label)}" if host.current else "References"
        )
        if letter is None:
            host.notify("No letter shown.", timeout=2)
            return
        if summary := host.service.reviews.summary_text(letter):
            title += f" · {summary}"
        from reader.app.screens.references import ReferencesScreen

        entries = document_entries(host, letter) + self.entries(reviewed=False)
        host.app.push_screen(ReferencesScreen(entries, title), self._jump_to_entry)

    def show_not_open(self, symbols: Sequence[str], reference: Reference | None) -> None:
        """The panel of a document neither open nor in the library: its URL, the places of the
        shown letter that cite it, and why it is not shown."""
        host = self._host
        symbol = (
            reference.symbol
            if reference is not None and reference.symbol
            else (symbols[0] if symbols else "")
        )
        url = reference.url if reference is not None else _url_for(symbol)
        wanted = {symbol_key(s) for s in symbols}
        letter = host.shown_letter
        citing = [
            r
            for r in (letter.references if letter else ())
            if wanted & {symbol_key(s) for s in reference_symbols(r)}
        ]
        service = host.service
        where = "Not in the library." if service.library is not None else "Not among the open letters."
        library = service.library
        if letter is not None and reference is not None and library is not None:
            found = service.reviews.findings(letter, library.resolve, id(library), reference)
            if finding := service.reviews.finding_text(letter, reference, found).plain:
                where += f" {finding}"  # a resolution cited with a year the library's does not have
        self.show_panel(symbol, url, where, citing)

    def show_panel(self, symbol: str, url: str | None, note: str, citing: Sequence[Reference]) -> None:
        """The symbol panel: a document's (with a URL: `F` fetches it) or a decision's (without)."""
        from reader.app.screens.symbol_panel import SymbolPanel

        host = self._host
        places = self.entries(only=frozenset(citing))
        panel = SymbolPanel(symbol, url, places, note)
        if url is not None:  # a document's panel: F fetches it there too, and it says what is stored
            pinpoint = reference_pinpoint(citing[0]) if citing else None
            panel.stored, panel.on_fetch = host.fetching.stored(symbol), partial(host.fetch, symbol, pinpoint)
        host.app.push_screen(panel, self._jump_to_entry)

    def _jump_to_entry(self, entry: ReferenceEntry | None) -> None:
        if entry is not None:
            self._host.jump_to_mark(entry.pane, entry.mark)
