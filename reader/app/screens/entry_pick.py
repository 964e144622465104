"""A modal list of letters from the library, each leading somewhere in one letter.

The cited-by, search and agenda screens all end the same way: the reader picks a row and the app
opens that letter at a place (a reference to select, a paragraph to show). Rows are built from
`Content` with document text passed through `safe_text` only, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.app.safe_text import one_line
from reader.library import LetterEntry


@dataclass(frozen=True, slots=True)
class LetterTarget:
    """Where to open a library letter: a reference to select, else a paragraph to bring into view."""

    entry: LetterEntry
    where: str = ""  # paragraph or footnote id ("p3", "a1.p2", "fn1"); "" for the top
    start: int | None = None  # a reference's start offset in `where`: select that reference
    term: str = ""  # a searched word to highlight in that paragraph


def entry_line(entry: LetterEntry) -> Content:
    """Symbol, date, sender: how a letter is named in one row (never its path)."""
    day = entry.date.isoformat() if entry.date is not None else "no date"
    parts: list[tuple[str, str] | str] = [(one_line(entry.label), "bold"), "  ", (day, "dim")]
    if entry.sender:
        parts += ["  ", one_line(entry.sender)]
    return Content.assemble(*parts)


class EntryPickScreen(ModalScreen[LetterTarget | None]):
    """Rows of (content, target); enter opens the highlighted one, escape closes."""

    DIALOG_ID = "pick-dialog"
    HINT = "up/down: move   enter: open   escape: close"
    EMPTY = "Nothing found."
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Close", id="close-pick")]

    def __init__(self, title: str, rows: list[tuple[Content, LetterTarget]]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id=self.DIALOG_ID, classes="dialog pick-dialog"):
            yield Static(
                Content.assemble((one_line(self.title_text), "bold"), f"  {len(self.rows)}"),
                classes="dialog-title",
                id="pick-title",
            )
            yield from self.compose_top()
            yield OptionList(*self._options(), id="pick-list")
            yield Static(Content(self.HINT), classes="dialog-hint")

    def compose_top(self) -> ComposeResult:
        yield from ()

    def _options(self) -> list[Option]:
        if not self.rows:
            return [Option(Content.styled(self.EMPTY, "italic"), disabled=True)]
        return [Option(content) for content, _ in self.rows]

    def set_rows(self, rows: list[tuple[Content, LetterTarget]]) -> None:
        self.rows = rows
        option_list = self.query_one("#pick-list", OptionList)
        option_list.clear_options()
        option_list.add_options(self._options())
        if self.rows:
            option_list.highlighted = 0
        self.query_one("#pick-title", Static).update(
            Content.assemble((one_line(self.title_text), "bold"), f"  {len(self.rows)}")
        )

    def on_mount(self) -> None:
        option_list = self.query_one("#pick-list", OptionList)
        if self.rows:
            option_list.highlighted = 0
        self.started()

    def started(self) -> None:
        """After mounting: the list has the focus; a screen with an input takes it instead."""
        self.query_one("#pick-list", OptionList).focus()

    def highlighted_target(self) -> LetterTarget | None:
        index = self.query_one("#pick-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.rows):
            return None
        return self.rows[index][1]

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.rows):
            self.dismiss(self.rows[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
