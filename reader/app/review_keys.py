"""The review marks on the reading screen: `m` checks the selected reference's document, `M` this
mention alone, `x` flags it with a note, and the badges and status-line words those marks show.

The marks themselves are `ReviewMarks` (review_marks.py), held by the library service; this is the
screen's side of them. The store is read after the first paint (`show` is called then): until
then no badge is drawn and the status line says nothing about reviews. What this needs of the
screen is the small `ReviewHost`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from textual.content import Content

from reader.app.safe_text import one_line
from reader.errors import ReaderError
from reader.model import Letter, Reference

if TYPE_CHECKING:
    from textual.app import App

    from reader.app.library_service import LibraryService
    from reader.app.widgets.text_pane import Mark, TextPane

BADGED_PANES = ("body", "footnotes")  # the agenda has no references to review


class ReviewHost(Protocol):
    """What the review keys use of the reading screen (named here so this module never imports it)."""

    @property
    def app(self) -> App[object]: ...

    @property
    def shown_letter(self) -> Letter | None: ...

    @property
    def active_pane(self) -> TextPane: ...

    def pane(self, name: str) -> TextPane: ...

    def refresh_status(self) -> None: ...

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None: ...


class ReviewKeys:
    """Checks and flags from the keys, the badges in the panes and the review words of the status."""

    def __init__(self, host: ReviewHost, service: LibraryService) -> None:
        self._host = host
        self._service = service
        self.shown = False  # the store is read after the first paint, then badges and words show

    def show(self) -> None:
        """After the first paint: read the marks and show them."""
        self.shown = True
        self.refresh_badges()
        self._host.refresh_status()

    def refresh_badges(self) -> None:
        """Put the review badges after the shown letter's references, in the body and the footnotes."""
        letter = self._host.shown_letter
        reviews = self._service.reviews
        if letter is None or not self.shown or reviews.store is None:
            return
        for name in BADGED_PANES:
            pane = self._host.pane(name)
            pane.set_badges(reviews.badges(letter, [mark.reference for mark in pane.marks]))

    def _selected_reference(self) -> tuple[Letter, Reference] | None:
        letter = self._host.shown_letter
        mark = self._host.active_pane.selected_mark
        ref = mark.reference if mark is not None else None
        if letter is None or ref is None:
            self._host.notify("Nothing selected: tab selects a reference.", timeout=2)
            return None
        if not self._service.reviews.reviewed(ref):
            self._host.notify(
                "Only references to documents, resolutions and decisions are reviewed.", timeout=3
            )
            return None
        return letter, ref

    def toggle_checked(self, *, mention: bool = False) -> None:
        """`m` marks the cited document (every mention of it), `M` this mention alone."""
        selected = self._selected_reference()
        if selected is None:
            return
        reviews = self._service.reviews
        try:
            (reviews.toggle_mention if mention else reviews.toggle_checked)(*selected)
        except ReaderError as error:
            self._host.notify(one_line(str(error)), severity="error", markup=False)
        self._changed()

    def flag(self) -> None:
        """`x`: ask for the flag's note (the one there, if any, to edit) and flag the document."""
        selected = self._selected_reference()
        if selected is None:
            return
        letter, ref = selected
        current = self._service.reviews.get(letter, ref)
        label = one_line(ref.symbol or ref.text)
        note = one_line(current.note) if current is not None else ""  # the YAML may be edited by hand
        from reader.app.screens.flag_note import FlagNoteScreen

        self._host.app.push_screen(FlagNoteScreen(label, note), partial(self._flagged, letter, ref))

    def _flagged(self, letter: Letter, ref: Reference, note: str | None) -> None:
        if note is None:
            return
        try:
            self._service.reviews.flag(letter, ref, note)
        except ReaderError as error:
            self._host.notify(one_line(str(error)), severity="error", markup=False)
        self._changed()

    def _changed(self) -> None:
        self.refresh_badges()
        self._host.refresh_status()

    def tags(self, letter: Letter | None, ref: Reference) -> tuple[str, str]:
        """The references list's badge ("✓ ", "⚑ ", "  ", or "" when not reviewing) and flag note,
        from one look-up of the reference's review."""
        reviews = self._service.reviews
        if letter is None or reviews.store is None:
            return "", ""
        review = reviews.get(letter, ref)
        note = one_line(review.note) if review is not None and review.note else ""
        return reviews.badge(review) + " ", note

    def status(self, mark: Mark | None, letter: Letter | None) -> list[Content]:
        """The status line's review words: the reference's state, what the library finds against
        its citation, and the letter's count of checked documents."""
        if letter is None or not self.shown:
            return []
        reviews = self._service.reviews
        parts: list[Content] = []
        described = reviews.describe(letter, mark.reference if mark is not None else None)
        if described.plain:
            parts.append(described)
        library = self._service.library
        ref = mark.reference if mark is not None else None
        found = reviews.findings(letter, library.resolve if library and ref else None, id(library), ref)
        finding = reviews.finding_text(letter, ref, found)
        if finding.plain:
            parts.append(finding)
        summary = reviews.summary_text(letter)
        if summary:
            parts.append(Content(summary))
        return parts
