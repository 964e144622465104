"""The library: every letter with symbol, date, sender and title; filter as you type, sort by date or symbol.

The list must stay instant with 100,000 letters, so it is one Line-API widget over the library's lazy
`EntryList`: only the rows on screen are fetched (a page of 200 at a time) and drawn, and no widget
is built per row. Filtering asks the index again; nothing is held per letter here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, Static

from reader.app.safe_text import one_line
from reader.library import LetterEntry

Lister = Callable[[str, str], Sequence[LetterEntry]]
SORTS = ("date", "symbol")
COLUMNS = (("Symbol", 30), ("Date", 11), ("Sender", 26))  # the title takes the rest of the row


def row_text(entry: LetterEntry, width: int) -> str:
    """One row in fixed columns; every cell is passed through `one_line` (titles are untrusted)."""
    values = (
        one_line(entry.label),
        entry.date.isoformat() if entry.date is not None else "",
        one_line(entry.sender),
    )
    cells = "".join(
        set_cell_size(value, size - 1) + " " for value, (_, size) in zip(values, COLUMNS, strict=True)
    )
    return set_cell_size(cells + one_line(entry.title or "(untitled)"), max(width, 0))


LOW_QUALITY_TAG = " ⚠ poor text"


def with_quality_tag(entry: LetterEntry, text: str, width: int) -> str:
    """A row of a low-quality document (mostly OCR garbage) ends in a tag, over whatever the title
    had there, so the columns stay where the header says they are."""
    if not entry.low_quality or width <= len(LOW_QUALITY_TAG) * 2:
        return text
    return set_cell_size(text, width - len(LOW_QUALITY_TAG)) + LOW_QUALITY_TAG


def header_text(width: int) -> str:
    cells = "".join(set_cell_size(name, size) for name, size in COLUMNS)
    return set_cell_size(cells + "Title", max(width, 0))


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

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(index, len(self.rows) - 1))
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
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


class LibraryScreen(ModalScreen[LetterEntry | None]):
    """Typing filters (every word must occur in symbol, date, sender, title or file name)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="close-library"),
        Binding("ctrl+t", "toggle_sort", "Sort", tooltip="Sort by date or by symbol", id="library-sort"),
        Binding("down", "move(1)", "Down", show=False, id="library-list-down"),
        Binding("up", "move(-1)", "Up", show=False, id="library-list-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="library-list-page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="library-list-page-up"),
    ]

    def __init__(self, lister: Lister, state: str = "", sort: str = "date") -> None:
        super().__init__()
        self.lister = lister
        self.state = state
        self.sort = sort
        self.filter = ""
        self.table = LetterTable(lister("", sort), id="library-table")

    def compose(self) -> ComposeResult:
        with Vertical(id="library-dialog", classes="dialog"):
            yield Static(self._title(), classes="dialog-title", id="library-title")
            yield Input(placeholder="filter: symbol, date, sender, title words", id="library-filter")
            yield Static(Content.styled(header_text(200), "bold"), id="library-header")
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
        return Content.assemble(
            ("Library", "bold"), f"  {count} letters · sorted by {self.sort}", (state, "dim")
        )

    def on_mount(self) -> None:
        self.query_one("#library-filter", Input).focus()

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
