"""The help screen: every key that works, as the keymap has them now."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "un-reader walks a letter's references with the keyboard. Select a reference with tab, "
    "follow it with enter, come back with backspace. ctrl+p lists every action by name."
)


def help_content(rows: list[tuple[str, str]]) -> Content:
    width = max((len(keys) for keys, _ in rows), default=0) + 2
    lines = [Content.assemble((keys.ljust(width), "bold"), description) for keys, description in rows]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Lists key -> description rows handed over by the app (so remapped keys show as remapped)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close-help"),
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static(Content.styled("Keys", "bold"), classes="dialog-title")
            yield Static(Content(INTRO), classes="dialog-intro")
            with VerticalScroll(id="help-keys"):
                yield Static(help_content(self.rows), id="help-table")
            yield Static(Content("escape: close"), classes="dialog-hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
