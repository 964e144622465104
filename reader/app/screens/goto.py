"""Go to a symbol: an input that completes from the open letters' symbols and the whole library.

The library may hold 100,000 letters, so its symbols are never listed up front: each keystroke asks
the index for letters matching what is typed (sorted by symbol, one page) and offers the first
symbol that starts with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Input, Static

from reader.app.screens.dialog import DialogScreen

Lookup = Callable[[str], Iterable[str]]


class SymbolSuggester(Suggester):
    """The first open letter's symbol starting with the input, else the library's."""

    def __init__(self, symbols: Sequence[str], lookup: Lookup | None = None) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self.symbols = list(symbols)
        self.lookup = lookup

    async def get_suggestion(self, value: str) -> str | None:
        for symbol in self.symbols:
            if symbol.casefold().startswith(value):
                return symbol
        if self.lookup is None or not value.strip():
            return None
        for symbol in self.lookup(value):
            if symbol.casefold().startswith(value):
                return symbol
        return None


class GotoScreen(DialogScreen[str | None]):
    """Dismisses with the typed symbol (or None); the app decides whether it is open or a panel."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-goto")]

    def __init__(self, symbols: list[str], lookup: Lookup | None = None) -> None:
        super().__init__()
        self.symbols = symbols
        self.suggester = SymbolSuggester(symbols, lookup)

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-dialog", classes="dialog"):
            yield Static(Content.styled("Go to a symbol or a place", "bold"), classes="dialog-title")
            yield Input(
                placeholder="A/79/798-S/2025/110",
                suggester=self.suggester,
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
