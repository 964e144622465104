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


_new = object.__new__
_SET: dict[str, Any] = {name: Row.__dict__[name].__set__ for name in Row.__slots__}  # the slots' own setters


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
    *,
    _text: Any = _SET["text"],
    _page: Any = _SET["page"],
    _index: Any = _SET["index"],
    _indent: Any = _SET["indent"],
    _gap: Any = _SET["gap_before"],
    _after: Any = _SET["after_furniture"],
    _first: Any = _SET["first_on_page"],
    _bold: Any = _SET["bold"],
    _cells: Any = _SET["cells"],
) -> Row:
    """``Row(...)`` with every field given, in half the time: a row is made for every line of a
    letter, and a frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``.
    The slots are filled by their own descriptors, so the row is the same frozen `Row`."""
    row: Row = _new(Row)
    _text(row, text)
    _page(row, page)
    _index(row, index)
    _indent(row, indent)
    _gap(row, gap_before)
    _after(row, after_furniture)
    _first(row, first_on_page)
    _bold(row, bold)
    _cells(row, cells)
    return row
