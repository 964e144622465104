"""The hand-over between input formats and the parser: a source is pages of lines.

Formats fill in what they know: a PDF knows positions and type sizes, `pdftotext -layout` knows
indentation, plain `pdftotext` knows only the order of lines. The parser uses a hint when present
and falls back to text-only rules when it is None. What a format can know is said once, in its
`Capabilities`: the parser asks those, never the format's name, so a new format only says what
it knows.
"""

from __future__ import annotations

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


class _Blank:
    """`Line`'s slots without the frozen dataclass's ``__setattr__``: a line is filled here with
    plain attribute stores and then made a `Line` (the same slots, so ``__class__`` may be changed)."""

    __slots__ = Line.__slots__


def make_line(
    text: str,
    indent: float | None,
    size: float | None,
    gap_before: bool,
    column: int = 0,
    bold: bool = False,
) -> Line:
    """``Line(...)`` in a fraction of the time, for readers that make one per line of a file: a
    frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (a call a field,
    as a slot's own setter would be); a slot store in bytecode is no call. Once filled, the object
    becomes the same frozen `Line` (equal, hashed and printed as one)."""
    line: Any = _Blank()
    line.text = text
    line.indent = indent
    line.size = size
    line.gap_before = gap_before
    line.column = column
    line.bold = bold
    line.__class__ = Line
    made: Line = line  # a Line now
    return made


def make_lines(texts: list[str], indents: list[float] | None, gaps: list[bool]) -> list[Line]:
    """``[make_line(t, i, None, g) for t, i, g in zip(texts, indents, gaps)]`` (no indents: None),
    `make_line`'s body in the loop: a text file's every line is one, and a call a line cost a
    third of the line. The lines are the same frozen `Line`s, no size, column 0, not bold."""
    lines: list[Any] = []
    append = lines.append
    line: Any
    for text, indent, gap in zip(texts, repeat(None) if indents is None else indents, gaps, strict=False):
        line = _Blank()
        line.text = text
        line.indent = indent
        line.size = None
        line.gap_before = gap
        line.column = 0
        line.bold = False
        line.__class__ = Line
        append(line)
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
    # every line is its own `" ".join(text.split())` and holds no U+200B or U+FEFF, so the parser
    # need not collapse its spaces (a format that knows it says so; None: the parser asks the lines)
    single_spaced: bool | None = None


_ASCII_SPACES = tuple(c for c in map(chr, range(128)) if c.isspace() and c != " ")
# every character str.isspace() is true of but the space (none above U+3000), and the zero-width
# space and BOM, which the parser takes out of a line: what a single-spaced page holds none of,
# scanned for one by one (a memchr each, where `isprintable` looked each character up)
NOT_SINGLE = (
    *_ASCII_SPACES,
    *"\x85\xa0\u1680",
    *map(chr, range(0x2000, 0x200C)),  # the typographic spaces, and the zero-width space U+200B
    *"\u2028\u2029\u202f\u205f\u3000\ufeff",
)
ASCII_NOT_SINGLE = _ASCII_SPACES  # those of them in ASCII


@dataclass(frozen=True, slots=True)
class Source:
    """One input file, decoded. ``format`` is what the detector decided the file is."""

    path: str
    format: str  # "pdf", "text", "layout", "markdown", "akn"
    pages: tuple[Page, ...]
    digest: str  # sha256 of the raw bytes
    capabilities: Capabilities = Capabilities()  # what the format knows; plain text unless it says more
