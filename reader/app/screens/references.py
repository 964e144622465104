"""All references of the shown letter in one filterable list; enter jumps to one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    """One line of the list: what it says on screen and where it leads (pane and mark index)."""

    label: str  # already made safe by the caller (safe_text.one_line)
    detail: str  # kind and place: what the filter matches besides the label
    pane: str
    mark: int
    context: str = ""  # the words around it: shown, not filtered (neighbours would match too)


class ReferencesScreen(ModalScreen[ReferenceEntry | None]):
    """Typing filters (every word must appear); up/down move; enter jumps."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-references"),
        Binding("down", "move(1)", "Down", show=False, id="references-down"),
        Binding("up", "move(-1)", "Up", show=False, id="references-up"),
    ]

    def __init__(self, entries: list[ReferenceEntry], title: str = "References") -> None:
        super().__init__()
        self.entries = entries
        self.title_text = title
        self.shown: list[ReferenceEntry] = list(entries)

    def compose(self) -> ComposeResult:
        with Vertical(id="references-dialog", classes="dialog"):
            yield Static(
                Content.assemble((self.title_text, "bold"), f"  {len(self.entries)}"),
                classes="dialog-title",
                id="references-title",
            )
            yield Input(placeholder="filter", id="references-filter")
            yield OptionList(*self._options(self.entries), id="references-list")
            yield Static(Content("type to filter   enter: jump   escape: cancel"), classes="dialog-hint")

    @staticmethod
    def _options(entries: list[ReferenceEntry]) -> list[Option]:
        return [
            Option(Content.assemble((e.label, "bold"), "  ", e.detail, "  ", (e.context, "dim")))
            for e in entries
        ]

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        if self.entries:
            option_list.highlighted = 0

    @on(Input.Changed)
    def filter_changed(self, event: Input.Changed) -> None:
        words = event.value.casefold().split()
        self.shown = [e for e in self.entries if all(w in f"{e.label} {e.detail}".casefold() for w in words)]
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(self._options(self.shown))
        if self.shown:
            option_list.highlighted = 0

    def action_move(self, step: int) -> None:
        option_list = self.query_one(OptionList)
        if step > 0:
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one(OptionList).highlighted
        self.dismiss(self.shown[highlighted] if highlighted is not None and self.shown else None)

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
