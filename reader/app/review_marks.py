"""Review marks in the app: what the reader checked or flagged, shown beside each reference.

The state itself is `reader.library.review.ReviewStore` (YAML in the user's data folder, or the
team's `review_dir`, keyed by the letter's symbols). A reader checks documents: `m` marks the cited
document, so every mention of it in the letter is checked at once, and `M` marks one mention alone.
The store is opened on first use, so an app that never reviews never reads the file; a file that
cannot be read is reported once and reviewing is off for the session rather than losing the
reader's work.

Badges: ✓ and ⚑ after a checked or flagged reference, in the text and in the lists; `[x]` and `[!]`
instead when the terminal may not draw them: TERM=linux (the console's font has no ⚑), a locale
that is not UTF-8 (LC_ALL, else LC_CTYPE, else LANG; C and POSIX included), or NO_COLOR (without
colour, a bracketed badge stands out from the text where a lone glyph may not).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from textual.content import Content

from reader.app.safe_text import one_line
from reader.errors import ReaderError
from reader.model import Letter, Reference

if TYPE_CHECKING:  # the store (and the library package with it) is imported on first use
    from reader.library.check import Mismatch
    from reader.library.entries import Match
    from reader.library.review import CitedDocument, Review, ReviewStore

CHECKED_BADGE = "✓"
FLAGGED_BADGE = "⚑"
ASCII_CHECKED_BADGE = "[x]"
ASCII_FLAGGED_BADGE = "[!]"

Resolve = Callable[[Sequence[str]], Sequence["Match"]]


def ascii_badges(environ: Mapping[str, str] | None = None) -> bool:
    """The rule of the module docstring: ASCII badges for the Linux console, a locale that is not
    UTF-8, or NO_COLOR."""
    env = os.environ if environ is None else environ
    if env.get("TERM") == "linux" or env.get("NO_COLOR"):
        return True
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name)
        if value:
            return "utf-8" not in value.lower().replace("utf8", "utf-8")
    return False  # nothing says otherwise: terminals today are UTF-8, as Textual assumes


def badge(review: Review | None, ascii_only: bool = False) -> str:
    if review is None:
        return " "
    from reader.library.review import ReviewState

    if review.state is ReviewState.CHECKED:
        return ASCII_CHECKED_BADGE if ascii_only else CHECKED_BADGE
    return ASCII_FLAGGED_BADGE if ascii_only else FLAGGED_BADGE


class ReviewMarks:
    """The app's view of the review store; every method answers "nothing" rather than raise."""

    def __init__(
        self, store: ReviewStore | None = None, *, enabled: bool = True, ascii_only: bool | None = None
    ) -> None:
        self._store = store
        self.error: str | None = None if enabled else "review marks need a library (run `un-reader`)"
        self.ascii_only = ascii_badges() if ascii_only is None else ascii_only
        self._documents: dict[str, tuple[Letter, tuple[CitedDocument, ...]]] = {}
        self._findings: dict[tuple[str, int, Reference | None], tuple[Mismatch, ...]] = {}
        self._badged: dict[str, object] = {}  # letter key -> the marks' version its badges show

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

    def badge(self, review: Review | None) -> str:
        return badge(review, self.ascii_only)

    # -- documents -----------------------------------------------------------------------------

    def documents(self, letter: Letter) -> tuple[CitedDocument, ...]:
        """The letter's cited documents, grouped once per letter shown."""
        cached = self._documents.get(letter.key)
        if cached is None or cached[0] is not letter:
            from reader.library.review import cited_documents

            cached = (letter, cited_documents(letter))
            self._documents[letter.key] = cached
        return cached[1]

    def document_of(self, letter: Letter, reference: Reference) -> CitedDocument | None:
        return next((doc for doc in self.documents(letter) if reference in doc.mentions), None)

    def _marks(self, letter: Letter) -> Mapping[str, Review]:
        store = self.store
        if store is None:
            return {}
        try:
            return store.for_letter(letter.key)
        except ReaderError as error:
            self.error = one_line(str(error))
            return {}

    def get(self, letter: Letter, reference: Reference) -> Review | None:
        """The mention's review: its own mark, else its document's."""
        if not self.reviewed(reference):
            return None
        doc = self.document_of(letter, reference)
        if doc is None:
            return None
        from reader.library.review import effective

        return effective(self._marks(letter), doc, reference)

    def reviews(self, letter: Letter) -> dict[Reference, Review]:
        """Every reviewed mention's review, from one read of the marks: for badges and the list."""
        from reader.library.review import effective

        marks = self._marks(letter)
        out: dict[Reference, Review] = {}
        for doc in self.documents(letter):
            for ref in doc.mentions:
                review = effective(marks, doc, ref)
                if review is not None:
                    out[ref] = review
        return out

    def document_review(self, letter: Letter, doc: CitedDocument) -> Review | None:
        from reader.library.review import effective

        return effective(self._marks(letter), doc)

    # -- marking -------------------------------------------------------------------------------

    def toggle_checked(self, letter: Letter, reference: Reference) -> Review | None:
        """The cited document: checked becomes unmarked (its checked mentions too); anything else
        becomes checked, for every mention of it. Raises ReaderError."""
        from reader.library.review import ReviewState, effective, reference_id

        store = self._require()
        doc = self.document_of(letter, reference)
        if doc is None:
            raise ReaderError("only references to documents, resolutions and decisions are reviewed")
        marks = store.for_letter(letter.key)
        current = effective(marks, doc)
        if current is not None and current.state is ReviewState.CHECKED:
            mentions = tuple(
                reference_id(ref)
                for ref in doc.mentions
                if (own := marks.get(reference_id(ref))) is not None and own.state is ReviewState.CHECKED
            )
            store.clear_many(letter.key, (doc.id, *mentions))
            return None
        return store.set(letter.key, doc.id, ReviewState.CHECKED)

    def toggle_mention(self, letter: Letter, reference: Reference) -> Review | None:
        """This mention alone: its own checked mark comes off, else it is checked. Raises ReaderError."""
        from reader.library.review import ReviewState, reference_id

        store = self._require()
        ref_id = reference_id(reference)
        current = store.get(letter.key, ref_id)
        if current is not None and current.state is ReviewState.CHECKED:
            store.clear(letter.key, ref_id)
            return None
        return store.set(letter.key, ref_id, ReviewState.CHECKED)

    def flag(self, letter: Letter, reference: Reference, note: str) -> Review:
        """Flag the cited document (every mention) with a note. Raises ReaderError."""
        from reader.library.review import ReviewState, reference_id

        doc = self.document_of(letter, reference)
        key = doc.id if doc is not None else reference_id(reference)
        return self._require().set(letter.key, key, ReviewState.FLAGGED, note)

    def _require(self) -> ReviewStore:
        store = self.store
        if store is None:
            raise ReaderError(self.error or "the review state cannot be used")
        return store

    # -- what the screen shows -----------------------------------------------------------------

    def summary_text(self, letter: Letter) -> str:
        """`3 of 12 documents checked · 39 mentions, 1 flagged`, or "" with nothing to review."""
        store = self.store
        documents = self.documents(letter)
        if store is None or not documents:
            return ""
        try:
            return str(store.summary(letter, documents))
        except ReaderError as error:
            self.error = one_line(str(error))
            return ""

    def describe(self, letter: Letter, reference: Reference | None) -> Content:
        """The selected reference's state for the status line: `✓ checked` or `⚑ flagged: note`."""
        if reference is None:
            return Content("")
        review = self.get(letter, reference)
        if review is None:
            return Content("")
        from reader.library.review import ReviewState

        if review.state is ReviewState.CHECKED:  # who and when: in the `r` list and the report
            return Content.styled(f"{self.badge(review)} checked", "bold $success")
        note = f": {one_line(review.note)}" if review.note else ""
        return Content.assemble((f"{self.badge(review)} flagged", "bold $warning"), note)

    def badges(self, letter: Letter, references: Sequence[Reference | None]) -> dict[int, tuple[str, str]]:
        """For a pane's marks (their references, in order): index -> (glyph, state) of each reviewed one."""
        self._badged[letter.key] = self._version(letter)
        reviews = self.reviews(letter)
        out: dict[int, tuple[str, str]] = {}
        for index, ref in enumerate(references):
            review = reviews.get(ref) if ref is not None else None
            if review is not None:
                out[index] = (self.badge(review), str(review.state))
        return out

    def _version(self, letter: Letter) -> object:
        store = self.store
        if store is None:
            return None
        try:
            return store.marks_version(letter.key)
        except ReaderError:
            return None

    def badges_stale(self, letter: Letter) -> bool:
        """Whether the marks changed since the badges were drawn: another reader marked the letter."""
        return letter.key in self._badged and self._badged[letter.key] != self._version(letter)

    # -- checks against the cited documents ----------------------------------------------------

    def findings(
        self,
        letter: Letter,
        resolve: Resolve | None,
        generation: int = 0,
        reference: Reference | None = None,
    ) -> tuple[Mismatch, ...]:
        """What `check` finds in the letter's citations against the library: for one reference (the
        status line: a few look-ups per key) or all of them (the list), kept until the library changes."""
        if resolve is None:
            return ()
        key = (letter.key, generation, reference)
        found = self._findings.get(key)
        if found is None:
            from reader.library.check import citation_mismatches

            try:
                found = citation_mismatches(letter, resolve, None if reference is None else (reference,))
            except ReaderError:
                found = ()
            if len(self._findings) > 1000:
                self._findings.clear()
            self._findings[key] = found
        return found

    def finding_text(self, letter: Letter, reference: Reference | None, found: Sequence[Mismatch]) -> Content:
        """The selected reference's findings, one clause each: `≠ date: cited …, found …`."""
        if reference is None or not found:
            return Content("")
        own = [f for f in found if f.where == reference.where and f.symbol == reference.symbol]
        if not own:
            return Content("")
        text = "; ".join(f"{f.field}: cited {one_line(f.cited)}, found {one_line(f.found)}" for f in own)
        return Content.assemble(("≠ ", "bold $error"), text)


def unchecked_or_flagged(
    order: Sequence[tuple[str, int, Reference]],
    reviews: Mapping[Reference, Review],
    start: int,
    step: int,
    want: Callable[[Review | None], bool],
) -> int | None:
    """The position in `order` (every reviewed mark of the body, then the footnotes) of the next
    (step 1) or previous (step -1) mention whose review `want`s, from `start` and wrapping round."""
    total = len(order)
    for offset in range(1, total + 1):
        position = (start + step * offset) % total
        if want(reviews.get(order[position][2])):
            return position
    return None
