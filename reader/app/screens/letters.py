"""The open letters: each file named on the command line, parsed, loading, or its one-line error."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content

from reader.app.letters import OpenLetter
from reader.app.safe_text import one_line
from reader.app.screens.pick import PickScreen


def letter_row(entry: OpenLetter, current: bool) -> tuple[Content, OpenLetter]:
    mark = "▶ " if current else "  "
    if entry.error is not None:
        content = Content.assemble(
            mark, (entry.name, "bold"), "  ", ("error: ", "bold"), one_line(entry.error)
        )
    elif entry.letter is None:
        content = Content.assemble(mark, (entry.name, "bold"), "  ", ("loading…", "italic"))
    else:
        title = entry.letter.title or "(untitled)"
        content = Content.assemble(mark, (one_line(entry.label), "bold"), "  ", (one_line(title), "dim"))
    return content, entry


class LettersScreen(PickScreen[str]):
    """Dismisses with the key of the letter to show; a letter that failed cannot be opened."""

    DIALOG_ID = "letters-dialog"
    DIALOG_CLASSES = "dialog"
    TITLE_ID = "letters-title"
    LIST_ID = "letters-list"
    HINT = "enter: show   escape: close"
    EMPTY = ""
    BINDINGS: ClassVar[list[BindingType]] = [Binding("l", "cancel", "Close", id="close-letters")]

    def __init__(self, entries: list[OpenLetter], current: str | None) -> None:
        self.entries = entries
        self.current = current
        super().__init__(
            "Open letters",
            [(content, e.key) for content, e in (letter_row(e, e.key == current) for e in entries)],
        )

    def first_highlighted(self) -> int:
        keys = [e.key for e in self.entries]
        return keys.index(self.current) if self.current in keys else 0

    def pick(self, value: str) -> None:
        entry = next(e for e in self.entries if e.key == value)
        if entry.error is not None:  # one still loading is shown as "Loading …" until it is parsed
            self.notify(one_line(entry.error), severity="warning", timeout=4, markup=False)
            return
        self.dismiss(value)
