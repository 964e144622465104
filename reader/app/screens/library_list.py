"""The library: every letter with symbol, date, sender and title; filter as you type, sort by date or symbol.

The list must stay instant with 100,000 letters, so it is one Line-API widget over the library's lazy
`EntryList`: only the rows on screen are fetched (a page of 200 at a time) and drawn, and no widget
is built per row. Filtering asks the index again; nothing is held per letter here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, Static

from reader.app.safe_text import one_line
from reader.app.screens.dialog import DialogScreen
from reader.library import LetterEntry

Lister = Callable[[str, str], Sequence[LetterEntry]]
SORTS = ("date", "symbol")
KINDS = {"letter": "letter", "identical letters": "identical", "note verbale": "note verb."}
SHORT_KINDS = {"letter": "letter", "identical letters": "ident.", "note verbale": "note v."}
CURRENT_SCAN = 5000  # rows searched for the shown letter to put the cursor on it
TITLE_MIN = 24  # the title column keeps at least this many cells; symbol and kind give way first


def columns(width: int) -> tuple[tuple[str, int], ...]:
    """(name, cells) of the fixed columns at a row `width`; the title takes the rest, never nothing."""
    symbol = 24 if width >= 110 else 20
    kind = 11 if width >= 100 else 8 if width >= 60 else 0
    cols = [("Symbol", symbol), ("Date", 11)]
    if kind:
        cols.append(("Kind", kind))
    while sum(size for _, size in cols) + TITLE_MIN > width and cols[0][1] > 12:
        cols[0] = ("Symbol", cols[0][1] - 1)
    return tuple(cols)


_FROM_TO = re.compile(
    r"^(?:identical )?(?:letters?|note verbale)\s+dated\s+.+?\s+from\s+(?:the\s+)?(?P<sender>.+?)"
    r"(?:\s+addressed\s+to\s+(?:the\s+)?(?P<to>.+))?$",
    re.IGNORECASE,
)
_COUNTRY = re.compile(
    r"(?:representative|mission|observer|chargé d.affaires|ambassador)\b.*?\bof\s+(?:the\s+)?(?P<who>.+?)"
    r"\s+to\s+the\s+united\s+nations",
    re.IGNORECASE,
)


def short_sender(sender: str) -> str:
    """A country's representative or mission is named by the country ("Armenia"); others as they are."""
    found = _COUNTRY.search(sender)
    return found.group("who") if found else sender


def short_title(entry: LetterEntry) -> str:
    """Who wrote to whom, in few words ("Armenia to Secretary-General"); for a title of another shape
    (a report, a note), the sender and the title, which then says what the letter is about."""
    title = one_line(entry.title)
    found = _FROM_TO.match(title)
    if found is None:
        sender = short_sender(one_line(entry.sender))
        return " · ".join(part for part in (sender, title) if part) or "(untitled)"
    sender = short_sender(one_line(entry.sender) or found.group("sender"))
    to = found.group("to")
    return f"{sender} to {to}" if to else sender


def row_text(entry: LetterEntry, width: int) -> str:
    """One row in columns fitted to `width`; every cell goes through `one_line` (titles are untrusted)."""
    fixed = columns(width)
    kinds = KINDS if dict(fixed).get("Kind", 0) > 8 else SHORT_KINDS
    values = {
        "Symbol": one_line(entry.label),
        "Date": entry.date.isoformat() if entry.date is not None else "",
        "Kind": kinds.get(str(entry.kind), str(entry.kind)),
    }
    cells = "".join(_cell(values[name], size) for name, size in fixed)
    room = max(width - cell_len(cells), 0)
    return set_cell_size(cells + _cell(short_title(entry), room + 1)[:-1] if room else cells, max(width, 0))


def _cell(value: str, size: int) -> str:
    """A value in `size - 1` cells and a space; a cut value ends in "…" so it is never mistaken."""
    if cell_len(value) > size - 1:
        value = set_cell_size(value, max(size - 2, 0)) + "…"
    return set_cell_size(value, size - 1) + " "


LOW_QUALITY_TAG = " ⚠ poor text"


def with_quality_tag(entry: LetterEntry, text: str, width: int) -> str:
    """A row of a low-quality document (mostly OCR garbage) ends in a tag, over whatever the title
    had there, so the columns stay where the header says they are."""
    if not entry.low_quality or width <= len(LOW_QUALITY_TAG) * 2:
        return text
    return set_cell_size(text, width - len(LOW_QUALITY_TAG)) + LOW_QUALITY_TAG


def header_text(width: int) -> str:
    cells = "".join(set_cell_size(name, size) for name, size in columns(width))
    return set_cell_size(cells + "From, to", max(width, 0))


class LetterTable(ScrollView, can_focus=True):
    """A cursor over a sequence of entries, drawing only the visible rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Down", show=False, id="library-down"),
        Binding("up", "move(-1)", "Up", show=False, id="library-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="library-page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="library-page-up"),
        Binding("home", "move_to(0)", "First", show=False, id="library-first"),
        Binding("end", "move_to(-1)", "Last", show=False, id="library-last"),
        Binding("enter", "choose", "Open", show=False, id="library-open"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"letter-table--cursor"}

    @dataclass
    class Chosen(Message):
        entry: LetterEntry

    def __init__(self, rows: Sequence[LetterEntry], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows
        self.cursor = 0

    def set_rows(self, rows: Sequence[LetterEntry]) -> None:
        self.rows = rows
        self.cursor = 0
        self.virtual_size = Size(self.size.width, len(rows))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def on_mount(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    @property
    def current(self) -> LetterEntry | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base)
        text = with_quality_tag(self.rows[index], row_text(self.rows[index], width), width)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("letter-table--cursor")
        return Strip([Segment(text, style)], width)

    def move_to(self, index: int, centre: bool = False) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(index, len(self.rows) - 1))
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_y)
        if centre and not top <= self.cursor < top + height:
            self.scroll_to(y=max(self.cursor - height // 2, 0), animate=False, immediate=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)
        self.refresh()

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * max(self.scrollable_content_region.height - 1, 1))

    def action_move_to(self, index: int) -> None:
        self.move_to(index if index >= 0 else len(self.rows) - 1)

    def action_choose(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.Chosen(entry))


class LibraryScreen(DialogScreen[LetterEntry | None]):
    """Typing filters (every word must occur in symbol, date, sender, title or file name)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="close-library"),
        Binding("ctrl+t", "toggle_sort", "Sort", tooltip="Sort by date or by symbol", id="library-sort"),
        Binding("down", "move(1)", "Down", show=False, id="library-list-down"),
        Binding("up", "move(-1)", "Up", show=False, id="library-list-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="library-list-page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="library-list-page-up"),
        # before the filter box's own home/end: they move in the list, as the issue asked
        Binding("home", "move_to(0)", "First", show=False, priority=True, id="library-list-first"),
        Binding("end", "move_to(-1)", "Last", show=False, priority=True, id="library-list-last"),
    ]

    def __init__(
        self, lister: Lister, state: str = "", sort: str = "date", current: str | None = None
    ) -> None:
        super().__init__()
        self.lister = lister
        self.state = state
        self.sort = sort
        self.filter = ""
        self.current = current  # the shown letter's key: the cursor starts on it
        self.table = LetterTable(lister("", sort), id="library-table")

    def compose(self) -> ComposeResult:
        with Vertical(id="library-dialog", classes="dialog"):
            yield Static(self._title(), classes="dialog-title", id="library-title")
            yield Input(placeholder="filter: symbol, date, sender, title words", id="library-filter")
            yield Static(Content.styled(header_text(80), "bold"), id="library-header")
            yield self.table
            yield Static(
                Content(
                    "type to filter (kind:report …)   up/down: move   enter: open"
                    "   ctrl+t: sort   escape: close"
                ),
                classes="dialog-hint",
            )

    def _title(self) -> Content:
        count = len(self.table.rows)
        state = f"  ({self.state})" if self.state else ""
        noun = "letter" if count == 1 else "letters"
        return Content.assemble(
            ("Library", "bold"), f"  {count} {noun} · sorted by {self.sort}", (state, "dim")
        )

    def on_mount(self) -> None:
        self.query_one("#library-filter", Input).focus()
        self.call_after_refresh(self._to_current)

    def _to_current(self) -> None:
        if self.current is None:
            return
        rows = self.table.rows
        for index in range(min(len(rows), CURRENT_SCAN)):
            if rows[index].key == self.current:
                self.table.move_to(index, centre=True)
                return

    def on_resize(self) -> None:
        width = self.table.scrollable_content_region.width or self.size.width
        self.query_one("#library-header", Static).update(Content.styled(header_text(width), "bold"))

    def action_move_to(self, index: int) -> None:
        self.table.action_move_to(index)

    def _reload(self) -> None:
        self.table.set_rows(self.lister(self.filter, self.sort))
        self.query_one("#library-title", Static).update(self._title())

    @on(Input.Changed, "#library-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter = event.value
        self._reload()

    def action_toggle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._reload()

    def action_move(self, step: int) -> None:
        self.table.action_move(step)

    def action_page(self, step: int) -> None:
        self.table.action_page(step)

    @on(Input.Submitted, "#library-filter")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.table.current is not None:
            self.dismiss(self.table.current)

    @on(LetterTable.Chosen)
    def chosen(self, event: LetterTable.Chosen) -> None:
        event.stop()
        self.dismiss(event.entry)

    def action_cancel(self) -> None:
        self.dismiss(None)
