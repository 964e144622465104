"""The panel for a symbol that is not open: its parsed parts, its URL, and where this letter cites it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.app.clipboard import send_to_clipboard
from reader.app.safe_text import one_line
from reader.app.screens.dialog import DialogScreen
from reader.app.screens.references import ReferenceEntry
from reader.errors import ReaderError
from reader.symbols import parse as parse_symbol


def symbol_parts(symbol: str) -> list[tuple[str, str]]:
    """The symbol's parts as `reader.symbols.parse` names them; empty where it cannot parse it."""
    try:
        parsed = parse_symbol(symbol)
    except ReaderError:
        return []
    rows: list[tuple[str, str]] = []
    for field in dataclasses.fields(parsed):
        value = getattr(parsed, field.name)
        if field.name == "text" or value in (None, "", (), False):
            continue
        if field.name == "components":
            value = " + ".join(component.text for component in value)
        elif isinstance(value, tuple):
            value = ", ".join(str(v) for v in value)
        elif value is True:
            value = "yes"
        rows.append((field.name.replace("_", " "), one_line(str(value))))
    return rows


def panel_content(
    symbol: str, url: str | None, parts: list[tuple[str, str]], note: str, stored: tuple[str, ...] = ()
) -> Content:
    lines = [Content.assemble(("Symbol  ", "bold"), one_line(symbol))]
    if url:
        lines.append(Content.assemble(("URL     ", "bold"), one_line(url)))
        held = ", ".join(stored) if stored else "not yet (F fetches it)"
        lines.append(Content.assemble(("Stored  ", "bold"), held))
    if parts:
        width = max(len(name) for name, _ in parts) + 2
        lines.append(Content.styled("Parts", "bold"))
        lines.extend(Content.assemble("  ", (name.ljust(width), "dim"), value) for name, value in parts)
    if note:
        lines.append(Content.styled(note, "italic"))
    return Content("\n").join(lines)


class SymbolPanel(DialogScreen[ReferenceEntry | None]):
    """Dismisses with a citing place to jump to, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Close", id="close-symbol-panel"),
        Binding("y", "copy", "Copy symbol", id="copy-symbol"),
        Binding("Y", "copy_url", "Copy URL", id="copy-symbol-url"),
        Binding("F", "fetch", "Fetch", id="fetch-symbol"),
    ]

    def __init__(self, symbol: str, url: str | None, places: list[ReferenceEntry], note: str = "") -> None:
        super().__init__()
        self.symbol = symbol
        self.url = url
        self.places = places
        self.note = note
        self.stored: tuple[str, ...] = ()  # languages already in the documents folder
        self.on_fetch: Callable[[], None] | None = None  # set for a document: F fetches it

    def compose(self) -> ComposeResult:
        with Vertical(id="symbol-dialog", classes="dialog"):
            yield Static(Content.styled(one_line(self.symbol), "bold"), classes="dialog-title")
            yield Static(
                panel_content(self.symbol, self.url, symbol_parts(self.symbol), self.note, self.stored),
                id="symbol-details",
            )
            yield Static(
                Content.styled(f"Cited in this letter: {len(self.places)}", "bold"), id="symbol-places-title"
            )
            yield OptionList(
                *[
                    Option(Content.assemble((p.detail, "bold"), "  ", (p.context, "dim")))
                    for p in self.places
                ],
                id="symbol-places",
            )
            fetch = "   F: fetch" if self.on_fetch is not None else ""
            hint = f"enter: go to the place   y: copy the symbol   Y: the URL{fetch}   escape: close"
            yield Static(Content(hint), classes="dialog-hint")

    def on_mount(self) -> None:
        places = self.query_one(OptionList)
        if self.places:
            places.highlighted = 0
        places.focus()

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.places[event.option_index])

    def action_copy(self) -> None:
        send_to_clipboard(self.app, self.symbol)

    def action_copy_url(self) -> None:
        send_to_clipboard(self.app, self.url or "")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_fetch(self) -> None:
        fetch = self.on_fetch
        if fetch is None:
            self.notify("Only a document or resolution can be fetched.", timeout=3)
            return
        self.dismiss(None)
        fetch()
