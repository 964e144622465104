"""The files that could not be read, each with its one-line reason: the library's and the open ones.

"5 files could not be read" told nobody which; this list names them (`E`, or the palette). A row
leads nowhere: there is nothing to open, so enter and escape both close it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from reader.app.safe_text import one_line
from reader.app.screens.pick import PickScreen


def unreadable_rows(files: list[tuple[str, str]]) -> list[tuple[Content, str]]:
    """(path, reason) -> one row each; both are passed through `one_line` (names are untrusted)."""
    return [
        (Content.assemble((one_line(path), "bold"), "\n  ", (one_line(reason), "dim")), path)
        for path, reason in files
    ]


class UnreadableScreen(PickScreen[str]):
    DIALOG_ID = "unreadable-dialog"
    DIALOG_CLASSES = "dialog"
    TITLE_ID = "unreadable-title"
    LIST_ID = "unreadable-list"
    HINT = "up/down: move   escape: close"
    EMPTY = "Every file could be read."
    BINDINGS: ClassVar[list[BindingType]] = [Binding("E", "cancel", "Close", id="close-unreadable")]

    def __init__(self, files: list[tuple[str, str]]) -> None:
        super().__init__("Files that could not be read", unreadable_rows(files))

    def pick(self, value: str) -> None:
        self.dismiss(None)
