"""The note asked for when flagging a reference: one line, kept as the reader typed it (plain text)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from reader.app.screens.dialog import DialogScreen
from reader.library.review import MAX_NOTE


class FlagNoteScreen(DialogScreen[str | None]):
    """Enter flags with the note (which may be empty); escape leaves the reference as it was."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel-flag")]

    def __init__(self, label: str, note: str = "") -> None:
        super().__init__()
        self.label = label  # already made safe by the caller
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="flag-dialog", classes="dialog"):
            yield Static(Content.assemble(("Flag ", "bold"), (self.label, "bold")), classes="dialog-title")
            yield Input(
                value=self.note,
                placeholder="a short note (why it needs a look)",
                id="flag-note",
                max_length=MAX_NOTE,
            )
            yield Static(Content("enter: flag   escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
