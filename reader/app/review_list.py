"""The reviewer's side of the reading screen: the references list grouped by cited document, and
the keys that walk to the next unchecked or flagged reference.

Each cited document is one row of the `r` list, whatever the number of its mentions: the symbol
with its badge, then columns for mentions, where, status (open / in library / fetched / not in
library / malformed), review (badge and note) and what `check` finds against the cited document.
Enter on the row goes to its first mention. Text from the letter is made safe with `one_line`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

from rich.cells import cell_len

from reader.app.letters import OpenLetters, reference_symbols
from reader.app.library_service import LibraryService
from reader.app.review_marks import unchecked_or_flagged
from reader.app.safe_text import one_line
from reader.model import Letter, Reference

if TYPE_CHECKING:
    from reader.app.screens.references import ReferenceEntry
    from reader.app.widgets.text_pane import TextPane
    from reader.library.review import CitedDocument, Review

WHERE_WIDTH = 16
STATUS_WIDTH = 14


class ReaderScreen(Protocol):
    """What these helpers use of the reading screen (named here so it never imports them back)."""

    letters: OpenLetters
    service: LibraryService
    current: str | None
    active_pane_name: str

    @property
    def shown_letter(self) -> Letter | None: ...

    @property
    def active_pane(self) -> TextPane: ...

    def pane(self, name: str) -> TextPane: ...

    def select_in(self, pane: str, index: int | None) -> None: ...

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None: ...


def _status(screen: ReaderScreen, doc: CitedDocument) -> str:
    from reader.library.review_report import FETCHED, IN_LIBRARY, MALFORMED, NOT_IN_LIBRARY, OPEN

    if not doc.well_formed:
        return MALFORMED
    symbols = [s for ref in doc.mentions for s in reference_symbols(ref)]
    if not symbols:
        return ""
    if screen.letters.resolve(symbols, exclude=screen.current) is not None:
        return OPEN
    library = screen.service.library
    if library is None:  # still being indexed, or no library at all
        return "indexing…" if screen.service.folders else "not open"
    from reader.library.config import documents_dir
    from reader.library.review_report import library_status

    status = library_status(library.resolve, documents_dir())(doc)
    return status if status in (IN_LIBRARY, FETCHED) else NOT_IN_LIBRARY


def _place(screen: ReaderScreen, ref: Reference) -> tuple[str, int] | None:
    for name in ("body", "footnotes"):
        for index, mark in enumerate(screen.pane(name).marks):
            if mark.reference == ref:
                return name, index
    return None


def _column(text: str, width: int) -> str:
    return text if len(text) >= width else text.ljust(width)


def document_entries(screen: ReaderScreen, letter: Letter) -> list[ReferenceEntry]:
    """One row per cited document, in reading order."""
    from reader.app.screens.references import ReferenceEntry

    reviews = screen.service.reviews
    library = screen.service.library
    found = reviews.findings(letter, library.resolve if library else None, id(library))
    rows: list[ReferenceEntry] = []
    for doc in reviews.documents(letter):
        place = _place(screen, doc.mentions[0])
        if place is None:
            continue
        review: Review | None = reviews.document_review(letter, doc)
        mentions = len(doc.mentions)
        where = ", ".join(dict.fromkeys(ref.where for ref in doc.mentions))
        note = "open"
        if review is not None:
            note = f"{review.state}{': ' + one_line(review.note) if review.note else ''}"
            who = ", ".join(one_line(part) for part in (review.reviewer, review.updated[:10]) if part)
            note += f" ({who})" if who else ""
        symbols = {ref.symbol for ref in doc.mentions}
        findings = "; ".join(
            f"≠ {f.field}: cited {one_line(f.cited)}, found {one_line(f.found)}"
            for f in found
            if f.symbol in symbols
        )
        detail = " │ ".join(
            part
            for part in (
                f"{mentions:>2} mention{'s' if mentions != 1 else ' '}",
                _column(one_line(where), WHERE_WIDTH),
                _column(_status(screen, doc), STATUS_WIDTH),
                f"review: {note}" if reviews.store is not None else "",
                findings,
            )
            if part
        )
        reviewing = reviews.store is not None  # no badge column when marks cannot be kept
        label = f"{reviews.badge(review)} {one_line(doc.label)}" if reviewing else one_line(doc.label)
        rows.append(ReferenceEntry(label, detail, place[0], place[1]))
    width = max((cell_len(row.label) for row in rows), default=0)  # the columns line up
    return [replace(row, detail=" " * (width - cell_len(row.label)) + row.detail) for row in rows]


def seek_review(screen: ReaderScreen, step: int, want: Literal["unchecked", "flagged"]) -> None:
    """Select the next (or previous) reviewed reference that is not checked, or that is flagged,
    across the body and then the footnotes, wrapping round."""
    letter = screen.shown_letter
    if letter is None:
        return
    reviews = screen.service.reviews
    order = [
        (name, index, mark.reference)
        for name in ("body", "footnotes")
        for index, mark in enumerate(screen.pane(name).marks)
        if mark.reference is not None and reviews.reviewed(mark.reference)
    ]
    if not order:
        screen.notify("No references to review in this letter.", timeout=2)
        return
    active = screen.active_pane
    here = (screen.active_pane_name, active.selected)
    start = next((n for n, (name, index, _) in enumerate(order) if (name, index) == here), None)
    if start is None:
        start = -1 if step > 0 else 0
    from reader.library.review import ReviewState

    def wanted(review: Review | None) -> bool:
        if want == "flagged":
            return review is not None and review.state is ReviewState.FLAGGED
        return review is None or review.state is not ReviewState.CHECKED

    position = unchecked_or_flagged(order, reviews.reviews(letter), start, step, wanted)
    if position is None:
        screen.notify("Nothing flagged." if want == "flagged" else "Every reference is checked.", timeout=2)
        return
    name, index, _ = order[position]
    screen.select_in(name, index)
