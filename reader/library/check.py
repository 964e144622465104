"""What `un-reader check` finds in a letter, as data the command prints and the app can show.

What counts as a problem (exit code 1): a malformed symbol (a reference the parser marks not well
formed, like S/2020-503) and a broken footnote (a marker without a footnote, or a footnote no marker
points to). A well-formed document symbol that is not in the library is reported as "not in library"
but is not a problem: a library rarely holds every document a letter cites. Resolutions and decisions
are not letters, so they are never looked up.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.library.library import Library
from reader.library.review import ReviewStore, ReviewSummary
from reader.model import Footnote, Letter, Reference, RefKind


@dataclass(frozen=True, slots=True)
class LetterCheck:
    path: str
    key: str
    symbol: str
    malformed: tuple[Reference, ...]
    resolved: tuple[Reference, ...]  # document references found in the library
    not_in_library: tuple[Reference, ...]
    markers_without_footnote: tuple[Reference, ...]
    footnotes_without_marker: tuple[Footnote, ...]
    review: ReviewSummary

    @property
    def broken(self) -> bool:
        return bool(self.markers_without_footnote or self.footnotes_without_marker)

    @property
    def ok(self) -> bool:
        return not self.malformed and not self.broken


def _scope(where: str) -> str:
    """Footnotes are numbered per letter and per annex: "a1.p2" and "a1.fn1" share the scope "a1"."""
    return where.split(".", 1)[0] if "." in where else ""


def footnote_problems(letter: Letter) -> tuple[tuple[Reference, ...], tuple[Footnote, ...]]:
    markers = [ref for ref in letter.references if ref.kind == RefKind.FOOTNOTE]
    footnotes = letter.all_footnotes()
    numbers = {(_scope(f.id), f.number) for f in footnotes}
    anywhere = {f.number for f in footnotes}
    marked = {(_scope(ref.where), ref.target or "") for ref in markers}
    marked_anywhere = {ref.target or "" for ref in markers}
    orphans = tuple(
        ref
        for ref in markers
        if (_scope(ref.where), ref.target or "") not in numbers and (ref.target or "") not in anywhere
    )
    unmarked = tuple(
        f for f in footnotes if (_scope(f.id), f.number) not in marked and f.number not in marked_anywhere
    )
    return orphans, unmarked


def check_letter(letter: Letter, library: Library | None, reviews: ReviewStore | None) -> LetterCheck:
    malformed = tuple(ref for ref in letter.references if not ref.well_formed)
    resolved: list[Reference] = []
    missing: list[Reference] = []
    for ref in letter.references:
        if ref.kind != RefKind.DOCUMENT or not ref.well_formed or ref.symbol is None:
            continue
        found = library is not None and bool(library.resolve(ref.components or ref.symbol))
        (resolved if found else missing).append(ref)
    orphans, unmarked = footnote_problems(letter)
    review = reviews.summary(letter) if reviews is not None else ReviewSummary(0, 0, 0)
    return LetterCheck(
        path=letter.source,
        key=letter.key,
        symbol=letter.symbol,
        malformed=malformed,
        resolved=tuple(resolved),
        not_in_library=tuple(missing),
        markers_without_footnote=orphans,
        footnotes_without_marker=unmarked,
        review=review,
    )
