"""A modal list of letters from the library, each leading somewhere in one letter.

The cited-by, search and agenda screens all end the same way: the reader picks a row and the app
opens that letter at a place (a reference to select, a paragraph to show). Rows are built from
`Content` with document text passed through `safe_text` only, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from reader.app.safe_text import one_line
from reader.app.screens.pick import PickScreen
from reader.library import LetterEntry


@dataclass(frozen=True, slots=True)
class LetterTarget:
    """Where to open a library letter: a reference to select, else a paragraph to bring into view."""

    entry: LetterEntry
    where: str = ""  # paragraph or footnote id ("p3", "a1.p2", "fn1"); "" for the top
    start: int | None = None  # a reference's start offset in `where`: select that reference
    term: str = ""  # a searched word to highlight in that paragraph


def entry_line(entry: LetterEntry) -> Content:
    """Symbol, date, sender: how a letter is named in one row (never its path)."""
    day = entry.date.isoformat() if entry.date is not None else "no date"
    parts: list[tuple[str, str] | str] = [(one_line(entry.label), "bold"), "  ", (day, "dim")]
    if entry.sender:
        parts += ["  ", one_line(entry.sender)]
    return Content.assemble(*parts)


class EntryPickScreen(PickScreen[LetterTarget]):
    """Rows of (content, target); enter opens the highlighted one, escape closes."""
