"""The modal list every picker shares: a title with a count, rows of `Content`, enter picks, escape closes.

The references list, the open letters and the library's pickers (cited by, search, agenda letters)
were the same screen written four times; each now says only what its rows are, what a row leads to
and what (if anything) stands above the list. Rows are `Content` built by the caller from text already
passed through `safe_text`, never markup.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.app.safe_text import one_line
from reader.app.screens.dialog import DialogScreen

T = TypeVar("T")


class PickScreen(DialogScreen[T | None], Generic[T]):
    """Rows of (content, value); dismisses with the picked value, or None on escape.

    Up and down move the list even while an input above it (a filter, a search) has the focus.
    """

    DIALOG_ID = "pick-dialog"
    DIALOG_CLASSES = "dialog pick-dialog"
    TITLE_ID = "pick-title"
    LIST_ID = "pick-list"
    HINT = "up/down: move   enter: open   escape: close"
    EMPTY = "Nothing found."  # the one (disabled) row of an empty list; "" for none
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="close-pick"),
        Binding("down", "move(1)", "Down", show=False, id="pick-down"),
        Binding("up", "move(-1)", "Up", show=False, id="pick-up"),
    ]

    def __init__(self, title: str, rows: list[tuple[Content, T]]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id=self.DIALOG_ID, classes=self.DIALOG_CLASSES):
            yield Static(self._title(), classes="dialog-title", id=self.TITLE_ID)
            yield from self.compose_top()
            yield OptionList(*self._options(), id=self.LIST_ID)
            yield Static(Content(self.HINT), classes="dialog-hint")

    def compose_top(self) -> ComposeResult:
        """What stands between the title and the list: nothing, or an input."""
        yield from ()

    def _title(self) -> Content:
        return Content.assemble((one_line(self.title_text), "bold"), f"  {len(self.rows)}")

    def _options(self) -> list[Option]:
        if not self.rows:
            return [Option(Content.styled(self.EMPTY, "italic"), disabled=True)] if self.EMPTY else []
        return [Option(content) for content, _ in self.rows]

    @property
    def option_list(self) -> OptionList:
        return self.query_one(f"#{self.LIST_ID}", OptionList)

    def set_rows(self, rows: list[tuple[Content, T]]) -> None:
        self.rows = rows
        option_list = self.option_list
        option_list.clear_options()
        option_list.add_options(self._options())
        if self.rows:
            option_list.highlighted = 0
        self.query_one(f"#{self.TITLE_ID}", Static).update(self._title())

    def on_mount(self) -> None:
        if self.rows:
            self.option_list.highlighted = self.first_highlighted()
        self.started()

    def first_highlighted(self) -> int:
        return 0

    def started(self) -> None:
        """After mounting: the list has the focus; a screen with an input takes it instead."""
        self.option_list.focus()

    def highlighted_value(self) -> T | None:
        index = self.option_list.highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index][1]

    def pick(self, value: T) -> None:
        """A row was chosen; a screen may refuse some (a letter still loading)."""
        self.dismiss(value)

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.rows):
            self.pick(self.rows[event.option_index][1])

    def action_move(self, step: int) -> None:
        if step > 0:
            self.option_list.action_cursor_down()
        else:
            self.option_list.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
