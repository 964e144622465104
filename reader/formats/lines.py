"""The hand-over between input formats and the parser: a source is pages of lines.

Formats fill in what they know: a PDF knows positions and type sizes, `pdftotext -layout` knows
indentation, plain `pdftotext` knows only the order of lines. The parser uses a hint when present
and falls back to text-only rules when it is None. What a format can know is said once, in its
`Capabilities`: the parser asks those, never the format's name, so a new format only says what
it knows.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import repeat

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2 ms of `un-reader parse`)
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line and what its format can tell of it (unknown hints are None)."""

    text: str  # the line without its trailing newline; leading spaces of -layout text removed
    indent: float | None = None  # left edge, in character columns (PDF x positions are scaled to columns)
    size: float | None = None  # type size in points (PDF only): smaller type marks footnotes
    gap_before: bool = False  # a blank line or a clear vertical gap precedes this line
    column: int = 0  # 0 for full-width text; 1, 2 for the two masthead columns of -layout text
    bold: bool = False


_new = object.__new__
_SET: dict[str, Any] = {
    name: Line.__dict__[name].__set__ for name in Line.__slots__
}  # the slots' own setters


def make_line(
    text: str,
    indent: float | None,
    size: float | None,
    gap_before: bool,
    column: int = 0,
    bold: bool = False,
    *,
    _text: Any = _SET["text"],
    _indent: Any = _SET["indent"],
    _size: Any = _SET["size"],
    _gap: Any = _SET["gap_before"],
    _column: Any = _SET["column"],
    _bold: Any = _SET["bold"],
) -> Line:
    """``Line(...)`` in half the time, for readers that make one per line of a file: a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``; here the slots are
    filled by their own descriptors, so the line is the same frozen `Line`."""
    line: Line = _new(Line)
    _text(line, text)
    _indent(line, indent)
    _size(line, size)
    _gap(line, gap_before)
    _column(line, column)
    _bold(line, bold)
    return line


_consume = deque[None](maxlen=0).extend  # runs an iterator to its end in C, keeping nothing


def make_lines(texts: list[str], indents: list[float] | None, gaps: list[bool]) -> list[Line]:
    """``[make_line(t, i, None, g) for t, i, g in zip(texts, indents, gaps)]`` (no indents: None),
    field by field in C: a text file's every line is one, and a Python step a line cost more than
    the line itself. The lines are the same frozen `Line`s, no size, column 0, not bold."""
    count = len(texts)
    lines: list[Line] = list(map(_new, repeat(Line, count)))
    _consume(map(_SET["text"], lines, texts))
    _consume(map(_SET["indent"], lines, repeat(None) if indents is None else indents))
    _consume(map(_SET["size"], lines, repeat(None)))
    _consume(map(_SET["gap_before"], lines, gaps))
    _consume(map(_SET["column"], lines, repeat(0)))
    _consume(map(_SET["bold"], lines, repeat(False)))
    return lines


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a format's lines can tell the parser beyond their text (the defaults: plain text)."""

    indentation: bool = False  # Line.indent is where the line starts on the page (layout, PDF)
    columns: bool = False  # side-by-side blocks stay apart in a line, by runs of 3+ spaces (layout, PDF)
    line_columns: bool = False  # Line.column says which masthead column a line is in (PDF)
    type_sizes: bool = False  # Line.size is known: small type at a page's foot is its footnotes (PDF)
    bold: bool = False  # Line.bold is known: a bold title ends where bold type does (PDF)
    inline_formatting: bool = False  # Markdown/HTML in lines, footnotes as <sup>1</sup>, [^1]: (conversions)
    paragraph_lines: bool = False  # one line per paragraph, blank lines between (conversions)
    printed_pages: bool = True  # the printed pages: furniture, footnote separators, the symbol on top


# the PDF reader's lines: positions, type sizes, bold and the masthead's columns (named here so
# reader.formats.pdf only has to pass it on)
PDF_CAPABILITIES = Capabilities(indentation=True, columns=True, line_columns=True, type_sizes=True, bold=True)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a source: its lines in reading order."""

    number: int  # 1-based
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """One input file, decoded. ``format`` is what the detector decided the file is."""

    path: str
    format: str  # "pdf", "text", "layout", "markdown", "akn"
    pages: tuple[Page, ...]
    digest: str  # sha256 of the raw bytes
    capabilities: Capabilities = Capabilities()  # what the format knows; plain text unless it says more
