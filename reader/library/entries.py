"""What the library answers with: small frozen records, so a list of 100,000 stays cheap to hold.

An entry is what a list of letters shows (no paragraphs); the full letter is loaded on demand with
`Library.load`. These records carry document text (titles, snippets, sentences) that is untrusted:
whoever shows them must not interpret it as markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reader.model import LetterKind


@dataclass(frozen=True, slots=True)
class LetterEntry:
    path: Path
    key: str  # Letter.key: the joint symbol, else "sha256:<digest>"
    symbols: tuple[str, ...]
    date: dt.date | None
    sender: str
    title: str
    kind: LetterKind
    format: str
    low_quality: bool = False  # mostly garbage text (a poor OCR): the list marks it

    @property
    def symbol(self) -> str:
        return "-".join(self.symbols)

    @property
    def label(self) -> str:
        """What to call the letter in one line: its symbol, else its file name."""
        return self.symbol or self.path.name


@dataclass(frozen=True, slots=True)
class Match:
    """A letter a symbol resolves to; ``revision`` when it is a revision of the symbol asked for."""

    entry: LetterEntry
    matched: str  # the letter's own symbol that matched
    revision: bool = False


@dataclass(frozen=True, slots=True)
class Citation:
    """One reference in a citing letter; offsets are into the text ``where`` names (``p3``, ``fn1``)."""

    entry: LetterEntry  # the citing letter
    symbol: str  # the reference's symbol as normalised by the parser
    text: str  # what the letter printed
    where: str
    start: int
    end: int
    sentence: str  # the sentence holding the reference
    sentence_start: int  # offset of ``sentence`` in the text ``where`` names
    revision: bool = False  # the citation is of the original a revision replaces

    @property
    def span_in_sentence(self) -> tuple[int, int]:
        return self.start - self.sentence_start, self.end - self.sentence_start


@dataclass(frozen=True, slots=True)
class SearchHit:
    """The best matching text of one letter; ``highlights`` are spans of ``snippet`` that matched."""

    entry: LetterEntry
    where: str
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    message: str  # one line, as a ReaderError would print it


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What opening a library did, per folder: for `un-reader index` and the app's status line."""

    folder: Path
    letters: int  # letters in the index after the refresh
    parsed: int  # files read anew (new or changed)
    unchanged: int
    removed: int
    skipped: tuple[Skipped, ...] = ()  # unreadable files, with their reason
    rebuilt: str = ""  # why the index was rebuilt from scratch ("" when it was trusted)
    seconds: float = 0.0
    notes: tuple[str, ...] = ()  # one line each: a temporary index, another process indexing, ...
