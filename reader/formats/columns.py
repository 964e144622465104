"""The masthead's side-by-side columns, put into reading order for PDF and `-layout` text alike.

Page 1 of a letter prints two blocks in two columns: "United Nations / General Assembly / Security
Council" beside the symbol, "Distr.: General", the date of issue and "Original: English"; then
"General Assembly / Seventy-ninth session" beside "Security Council / Eightieth year". `-layout`
text and the PDF both give these as rows with a wide gap; the parser wants each column on its own,
left column first, as plain `pdftotext` prints them. Every other row keeps its wide gaps so the
parser can still tell the chunks of a furniture line ("2/3      25-00746") apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.formats.lines import Line

RIGHT_COLUMN = 45.0  # a chunk starting this many columns in sits in the masthead's right half
MAX_MASTHEAD_ROWS = 40  # the masthead is at the top of page 1; a block cannot be longer


@dataclass(frozen=True, slots=True)
class Segment:
    """A chunk of a row with its left edge in character columns."""

    indent: float
    text: str
    size: float | None = None  # when the chunk's type differs from the row's (PDF mastheads)
    bold: bool | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """A printed line split at its wide gaps, with the hints every line of it shares."""

    segments: tuple[Segment, ...]
    size: float | None = None
    gap_before: bool = False
    bold: bool = False

    @property
    def two_columns(self) -> bool:
        return len(self.segments) == 2 and self.segments[1].indent >= RIGHT_COLUMN

    @property
    def right_only(self) -> bool:
        return len(self.segments) == 1 and self.segments[0].indent >= RIGHT_COLUMN

    @property
    def left_only(self) -> bool:
        return len(self.segments) == 1 and self.segments[0].indent < RIGHT_COLUMN


def joined(row: Row) -> Line:
    """A row as one line, its gaps kept as runs of spaces (at least three) as `-layout` prints them."""
    first = row.segments[0]
    text = first.text
    end = first.indent + len(first.text)
    for segment in row.segments[1:]:
        text += " " * max(3, round(segment.indent - end)) + segment.text
        end = segment.indent + len(segment.text)
    return Line(text, first.indent, row.size, row.gap_before, 0, row.bold)


def masthead_lines(rows: list[Row]) -> list[Line]:
    """Lines of page 1: two-column blocks near the top become their left column, then their right."""
    out: list[Line] = []
    index = 0
    while index < len(rows):
        end = _block_end(rows, index) if index < MAX_MASTHEAD_ROWS else index
        if end == index:
            out.append(joined(rows[index]))
            index += 1
            continue
        block = rows[index:end]
        left: list[Line] = []
        right: list[Line] = []
        for row in block:
            if row.two_columns:
                left.append(_line(row, row.segments[0], 1))
                right.append(_line(row, row.segments[1], 2))
            elif row.right_only:
                right.append(_line(row, row.segments[0], 2))
            else:
                left.append(_line(row, row.segments[0], 1))
        if right:
            right[0] = Line(right[0].text, right[0].indent, right[0].size, True, 2, right[0].bold)
        out.extend(left + right)
        index = end
    return out


def _line(row: Row, segment: Segment, column: int) -> Line:
    size = segment.size if segment.size is not None else row.size
    bold = segment.bold if segment.bold is not None else row.bold
    return Line(segment.text, segment.indent, size, row.gap_before, column, bold)


def _block_end(rows: list[Row], start: int) -> int:
    """Where the two-column block starting at ``start`` ends (``start`` itself if none starts here).

    A block opens with a row in both columns and runs on over rows in either column; a row in the
    left column only belongs to it when the next row has a right-hand part again (a signature
    further down the page is in the right half too, but the body text before it ends the block).
    A blank line ends it unless the row after it is in the right column ("Original: English").
    """
    if not rows[start].two_columns:
        return start
    end = start + 1
    while end < len(rows) and end - start < MAX_MASTHEAD_ROWS:
        row = rows[end]
        if row.gap_before and not row.right_only:
            break  # a new block (the organs under the distribution lines) or the text below
        if row.two_columns or row.right_only:
            end += 1
        elif row.left_only and end + 1 < len(rows) and _has_right(rows[end + 1]):
            end += 2
        else:
            break
    return end


def _has_right(row: Row) -> bool:
    return row.two_columns or row.right_only
