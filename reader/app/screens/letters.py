"""The open letters: each file named on the command line, parsed, loading, or its one-line error."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.app.letters import OpenLetter
from reader.app.safe_text import one_line


def letter_option(entry: OpenLetter, current: bool) -> Option:
    mark = "▶ " if current else "  "
    if entry.error is not None:
        return Option(
            Content.assemble(mark, (entry.name, "bold"), "  ", ("error: ", "bold"), one_line(entry.error))
        )
    if entry.letter is None:
        return Option(Content.assemble(mark, (entry.name, "bold"), "  ", ("loading…", "italic")))
    title = entry.letter.title or "(untitled)"
    return Option(Content.assemble(mark, (one_line(entry.label), "bold"), "  ", (one_line(title), "dim")))


class LettersScreen(ModalScreen[str | None]):
    """Dismisses with the key of the letter to show; a letter that failed cannot be opened."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,l", "cancel", "Close", id="close-letters")]

    def __init__(self, entries: list[OpenLetter], current: str | None) -> None:
        super().__init__()
        self.entries = entries
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="letters-dialog", classes="dialog"):
            yield Static(Content.styled(f"Open letters  {len(self.entries)}", "bold"), classes="dialog-title")
            yield OptionList(
                *[letter_option(e, e.key == self.current) for e in self.entries], id="letters-list"
            )
            yield Static(Content("enter: show   escape: close"), classes="dialog-hint")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        keys = [e.key for e in self.entries]
        option_list.highlighted = keys.index(self.current) if self.current in keys else 0
        option_list.focus()

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.entries[event.option_index]
        if entry.letter is None:
            self.notify(one_line(entry.error or "still loading"), severity="warning", timeout=4, markup=False)
            return
        self.dismiss(entry.key)

    def action_cancel(self) -> None:
        self.dismiss(None)
