"""The parser's working unit: one line of a page, with where it came from and what surrounded it.

Furniture removal, footnote splitting and paragraph building all need to know more than a `Line`
holds (its page, whether page furniture was cut out just before it), so they share this record.
"""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2 ms of `un-reader parse`)
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True, slots=True)
class Row:
    """A line of a page with where it was and what came before it."""

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


class RowSlots:
    """`Row`'s slots without the frozen dataclass's ``__setattr__``: `make_row` (and `clean_page`'s
    loop, a row a line of a page) fills one with plain attribute stores and then makes it a `Row`
    (the same slots, so ``__class__`` may be changed)."""

    __slots__ = Row.__slots__


def make_row(
    text: str,
    page: int,
    index: int,
    indent: float | None,
    gap_before: bool,
    after_furniture: bool,
    first_on_page: bool,
    bold: bool,
    cells: tuple[tuple[float, str], ...],
) -> Row:
    """``Row(...)`` with every field given, in a fifth of the time: a row is made for every line of
    a letter, and a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``
    (a call a field, as a slot's own setter would be). A slot store in bytecode is no call; once
    filled, the object becomes the same frozen `Row` (equal, hashed and printed as one)."""
    row: Any = RowSlots()
    row.text = text
    row.page = page
    row.index = index
    row.indent = indent
    row.gap_before = gap_before
    row.after_furniture = after_furniture
    row.first_on_page = first_on_page
    row.bold = bold
    row.cells = cells
    row.__class__ = Row
    made: Row = row  # a Row now
    return made
