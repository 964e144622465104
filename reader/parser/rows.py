"""The parser's working unit: one line of a page, with where it came from and what surrounded it.

Furniture removal, footnote splitting and paragraph building all need to know more than a `Line`
holds (its page, whether page furniture was cut out just before it), so they share this record.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    text: str  # whitespace runs collapsed to one space, markup removed
    page: int  # 0-based page index in the source
    index: int  # 0-based line index in that page of the source
    indent: float | None = None
    gap_before: bool = False  # a blank line (or a clear vertical gap) precedes it
    after_furniture: bool = False  # page furniture was removed right before it
    first_on_page: bool = False  # the first content row of its page
    bold: bool = False  # PDF only: the line is mostly bold type
    cells: tuple[tuple[float, str], ...] = ()  # (left edge, text) of side-by-side blocks, -layout only

    @property
    def right(self) -> float:
        """Right edge in columns: what "a short line" is measured against."""
        return (self.indent or 0.0) + len(self.text)
