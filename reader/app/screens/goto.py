"""Go to a symbol: an input that completes from the open letters' symbols and references."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static


class GotoScreen(ModalScreen[str | None]):
    """Dismisses with the typed symbol (or None); the app decides whether it is open or a panel."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-goto")]

    def __init__(self, symbols: list[str]) -> None:
        super().__init__()
        self.symbols = symbols

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-dialog", classes="dialog"):
            yield Static(Content.styled("Go to a symbol or a place", "bold"), classes="dialog-title")
            yield Input(
                placeholder="A/79/798-S/2025/110",
                suggester=SuggestFromList(self.symbols, case_sensitive=False),
                id="goto-input",
            )
            yield Static(
                Content(
                    "S/RES/2231 (2015) para 5 · 12 · annex II · section IV\n"
                    "right: accept completion   enter: go   escape: cancel"
                ),
                classes="dialog-hint",
            )

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
