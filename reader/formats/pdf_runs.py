"""What a PDF engine hands the line builder: runs of text with where they start, their size and weight.

Both engines (PDFium, and pypdf where PDFium has no wheel) produce the same `Run`s, so the lines,
and everything the parser decides from them, do not depend on the engine. The limits are here too:
a small PDF can ask for a great deal of work (issue 13: one 5 MB text stream), so each engine
counts what it reads and refuses beyond what any letter or report needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.errors import InputError

MAX_PAGES = 500  # the longest letters run to a few dozen pages, the longest reports to a few hundred
# A dense page of a report holds ~6,000 characters in a few thousand text objects; a table page a
# few thousand more. These bounds are ten times that, and keep a hostile page under a second.
MAX_PAGE_OBJECTS = 40_000
MAX_PAGE_CHARS = 60_000
MAX_FILE_CHARS = 2_000_000  # 500 full pages of a report
MAX_FILE_OBJECTS = 400_000  # the most in a real file here: 8,199 on 40 pages
# pypdf (the fallback) tokenises content streams in Python, ~5 s a MB of text: the densest real page
# has 204 KB of drawing instructions, the largest real file 1.7 MB.
MAX_PAGE_CONTENT_BYTES = 1_000_000
MAX_FILE_CONTENT_BYTES = 10_000_000

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\u00ad": ""})
# anything `clean_text` (or an engine's own mapping of line-end hyphens) would change: most pages
# have none of it, and their text is then taken as it comes
DIRTY = re.compile(r"[\x02\u00ad\ufb00-\ufb04\ufffe]")


@dataclass(slots=True)
class Run:
    """One piece of text as the page draws it (x, y of its start, in points).

    ``right`` is where the text ends when the engine knows it (PDFium measures advances); pypdf
    does not, and the builder estimates a width from the characters instead.
    """

    text: str
    x: float
    y: float
    size: float
    bold: bool
    seq: int
    right: float | None = None
    superscript: bool = False
    blank: bool = field(init=False, default=False)  # only spaces: asked of every run many times

    def __post_init__(self) -> None:
        self.blank = not self.text.strip()

    def width(self) -> float:
        if self.right is not None:
            return self.right - self.x
        return sum(_em(ch) for ch in self.text) * self.size  # rough Times widths: only to find gaps


def _em(ch: str) -> float:
    if ch.isupper():
        return 0.7
    if ch.isdigit():
        return 0.5
    if ch.isalpha():
        return 0.47
    return 0.3


def clean_text(text: str) -> str:
    """Ligatures as letters and soft hyphens gone, whatever the PDF's fonts map to.

    Control characters stay as printed (the project's one rule: outputs make them harmless), and
    lone surrogates are made valid once for every format where a file is loaded.
    """
    return text.translate(_LIGATURES)


class Budget:
    """Counts what a file costs to read; beyond the limits the file is refused with one line."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.chars = 0
        self.objects = 0
        self.content = 0

    def page_objects(self, number: int, objects: int) -> None:
        if objects > MAX_PAGE_OBJECTS:
            raise InputError(
                f"{self.name}: page {number} draws {objects:,} text objects (more than {MAX_PAGE_OBJECTS:,});"
                " not a document this reader opens"
            )
        self.objects += objects
        if self.objects > MAX_FILE_OBJECTS:
            raise InputError(
                f"{self.name}: more than {MAX_FILE_OBJECTS:,} objects drawn; not a document this reader opens"
            )

    def page_chars(self, number: int, chars: int) -> None:
        if chars > MAX_PAGE_CHARS:
            raise InputError(
                f"{self.name}: page {number} has {chars:,} characters (more than {MAX_PAGE_CHARS:,});"
                " not a document this reader opens"
            )
        self.chars += chars
        if self.chars > MAX_FILE_CHARS:
            raise InputError(
                f"{self.name}: more than {MAX_FILE_CHARS:,} characters of text;"
                " not a document this reader opens"
            )

    def page_content(self, number: int, size: int) -> None:
        if size > MAX_PAGE_CONTENT_BYTES:
            raise InputError(
                f"{self.name}: page {number} has {size // 1000:,} KB of drawing instructions"
                f" (more than {MAX_PAGE_CONTENT_BYTES // 1000:,} KB); not a document this reader opens"
            )
        self.content += size
        if self.content > MAX_FILE_CONTENT_BYTES:
            raise InputError(
                f"{self.name}: more than {MAX_FILE_CONTENT_BYTES // 1_000_000} MB of drawing instructions;"
                " not a document this reader opens"
            )
