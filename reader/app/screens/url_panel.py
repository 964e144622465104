"""A URL shown on its own line, for a person to select and copy when nothing else can take it.

Shown by `o` when the session has no browser (over SSH without a display) and by `Y` when the
terminal takes no clipboard (the Linux console): the URL alone on a line, so the terminal's own
selection (shift+drag where the reader has the mouse) takes it whole.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from reader.app.safe_text import one_line
from reader.app.screens.dialog import DialogScreen


class UrlPanel(DialogScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Close", id="close-url-panel"),
    ]

    def __init__(self, url: str, why: str) -> None:
        super().__init__()
        self.url = one_line(url)
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical(id="url-dialog", classes="dialog"):
            yield Static(Content.styled("URL", "bold"), classes="dialog-title")
            yield Static(Content(self.why), classes="dialog-intro", id="url-why")
            yield Static(Content(self.url), id="url-text")
            yield Static(
                Content("select it with the mouse (shift+drag in most terminals)   escape: close"),
                classes="dialog-hint",
            )

    def action_close(self) -> None:
        self.dismiss(None)
