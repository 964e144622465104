"""The library: folders of letters indexed in SQLite, so references between letters can be followed.

`Library` is the entry point for the commands and the app; `ReviewStore` keeps what a reader has
checked or flagged.
"""

from reader.library.entries import Citation, IndexReport, LetterEntry, Match, SearchHit, Skipped
from reader.library.library import EntryList, Library
from reader.library.progress import Progress, ProgressCallback

__all__ = [
    "Citation",
    "EntryList",
    "IndexReport",
    "LetterEntry",
    "Library",
    "Match",
    "Progress",
    "ProgressCallback",
    "SearchHit",
    "Skipped",
]
