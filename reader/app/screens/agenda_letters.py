"""The letters in the library filed under one agenda item of one session."""

from __future__ import annotations

from textual.content import Content

from reader.app.safe_text import one_line
from reader.app.screens.entry_pick import EntryPickScreen, LetterTarget, entry_line
from reader.library import LetterEntry


def agenda_row(entry: LetterEntry) -> tuple[Content, LetterTarget]:
    title = one_line(entry.title or "(untitled)")
    return Content.assemble(entry_line(entry), "\n  ", (title, "dim")), LetterTarget(entry)


class AgendaLettersScreen(EntryPickScreen):
    """Enter opens the letter at its top."""

    DIALOG_ID = "agenda-letters-dialog"
    EMPTY = "No letter in the library is filed under this item."

    def __init__(self, title: str, entries: list[LetterEntry]) -> None:
        super().__init__(title, [agenda_row(e) for e in entries])
