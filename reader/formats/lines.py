"""The hand-over between input formats and the parser: a source is pages of lines.

Formats fill in what they know: a PDF knows positions and type sizes, `pdftotext -layout` knows
indentation, plain `pdftotext` knows only the order of lines. The parser uses a hint when present
and falls back to text-only rules when it is None.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # the line without its trailing newline; leading spaces of -layout text removed
    indent: float | None = None  # left edge, in character columns (PDF x positions are scaled to columns)
    size: float | None = None  # type size in points (PDF only): smaller type marks footnotes
    gap_before: bool = False  # a blank line or a clear vertical gap precedes this line
    column: int = 0  # 0 for full-width text; 1, 2 for the two masthead columns of -layout text
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """One input file, decoded. ``format`` is what the detector decided the file is."""

    path: str
    format: str  # "pdf", "text", "layout", "markdown", "akn"
    pages: tuple[Page, ...]
    digest: str  # sha256 of the raw bytes
