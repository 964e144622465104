"""Review marks in the app: what the reader checked or flagged, shown beside each reference.

The state itself is `reader.library.review.ReviewStore` (YAML in the user's data folder, keyed by the
letter's symbols and the reference's place, so it survives restarts and re-indexing). The store is
opened on first use, so an app that never reviews never reads the file; a file that cannot be read
is reported once and reviewing is off for the session rather than losing the reader's work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from reader.app.safe_text import one_line
from reader.errors import ReaderError
from reader.model import Letter, Reference

if TYPE_CHECKING:  # the store (and the library package with it) is imported on first use
    from reader.library.review import Review, ReviewStore

CHECKED_BADGE = "✓"
FLAGGED_BADGE = "⚑"


def badge(review: Review | None) -> str:
    if review is None:
        return " "
    from reader.library.review import ReviewState

    return CHECKED_BADGE if review.state is ReviewState.CHECKED else FLAGGED_BADGE


class ReviewMarks:
    """The app's view of the review store; every method answers "nothing" rather than raise."""

    def __init__(self, store: ReviewStore | None = None, *, enabled: bool = True) -> None:
        self._store = store
        self.error: str | None = None if enabled else "review marks need a library (run `un-reader`)"

    @property
    def store(self) -> ReviewStore | None:
        if self._store is None and self.error is None:
            from reader.library.review import ReviewStore

            try:
                self._store = ReviewStore()
            except ReaderError as error:
                self.error = one_line(str(error))
        return self._store

    @staticmethod
    def reviewed(reference: Reference | None) -> bool:
        from reader.library.review import REVIEWED_KINDS

        return reference is not None and reference.kind in REVIEWED_KINDS

    def get(self, letter: Letter, reference: Reference) -> Review | None:
        store = self.store
        if store is None or not self.reviewed(reference):
            return None
        from reader.library.review import reference_id

        try:
            return store.get(letter.key, reference_id(reference))
        except ReaderError as error:
            self.error = one_line(str(error))
            return None

    def toggle_checked(self, letter: Letter, reference: Reference) -> Review | None:
        """Checked becomes unmarked; unmarked or flagged becomes checked. Raises ReaderError."""
        from reader.library.review import ReviewState, reference_id

        store = self._require()
        ref_id = reference_id(reference)
        current = store.get(letter.key, ref_id)
        if current is not None and current.state is ReviewState.CHECKED:
            store.clear(letter.key, ref_id)
            return None
        return store.set(letter.key, ref_id, ReviewState.CHECKED)

    def flag(self, letter: Letter, reference: Reference, note: str) -> Review:
        from reader.library.review import ReviewState, reference_id

        return self._require().set(letter.key, reference_id(reference), ReviewState.FLAGGED, note)

    def _require(self) -> ReviewStore:
        store = self.store
        if store is None:
            raise ReaderError(self.error or "the review state cannot be used")
        return store

    def summary_text(self, letter: Letter) -> str:
        """`3 of 12 checked, 1 flagged`, or "" for a letter without references to review."""
        store = self.store
        if store is None:
            return ""
        from reader.library.review import reviewable

        if not reviewable(letter):
            return ""
        try:
            summary = store.summary(letter)
        except ReaderError as error:
            self.error = one_line(str(error))
            return ""
        text = f"{summary.checked} of {summary.total} checked"
        return text + (f", {summary.flagged} flagged" if summary.flagged else "")

    def describe(self, letter: Letter, reference: Reference | None) -> Content:
        """The selected reference's state for the status line: `✓ checked` or `⚑ flagged: note`."""
        if reference is None:
            return Content("")
        review = self.get(letter, reference)
        if review is None:
            return Content("")
        from reader.library.review import ReviewState

        if review.state is ReviewState.CHECKED:
            return Content.styled(f"{CHECKED_BADGE} checked", "bold $success")
        note = f": {one_line(review.note)}" if review.note else ""
        return Content.assemble((f"{FLAGGED_BADGE} flagged", "bold $warning"), note)
