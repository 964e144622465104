"""The library: folders of letters indexed in SQLite, so references between letters can be followed.

For the app (all of it Textual-free; call `Library.open` from a worker thread, it may take a while)::

    library = Library.open(folders, progress=callback)   # build or refresh; library.reports per folder
    rows = library.letters(filter="", sort="date")       # lazy sequence of LetterEntry, 100,000 rows ok
    library.resolve(ref.components or ref.symbol)        # [Match(entry, matched, revision)]
    library.cited_by(letter.symbols)                     # [Citation(entry, sentence, where, start, end)]
    library.search("houthi attacks", limit=50)           # [SearchHit(entry, where, snippet, highlights)]
    library.agenda("General Assembly", 79, "32")         # [LetterEntry] under the same item
    library.load(entry.path)                             # the parsed Letter (small LRU cache)

    reviews = ReviewStore()                              # reviews/<letter>.yaml in the data folder
    reviews.set(letter.key, reference_id(ref), ReviewState.CHECKED, "note")

The names are imported from their modules on first use (PEP 562): importing one light module of the
package, as the app does for the config file before its first paint, must not load SQLite, the
worker-process machinery and the query code with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.library.entries import Citation, IndexReport, LetterEntry, Match, SearchHit, Skipped
    from reader.library.library import EntryList, Library
    from reader.library.progress import Progress, ProgressCallback
    from reader.library.review import (
        Review,
        ReviewState,
        ReviewStore,
        ReviewSummary,
        reference_id,
        reviewable,
    )

_HOMES = {
    **dict.fromkeys(("Citation", "IndexReport", "LetterEntry", "Match", "SearchHit", "Skipped"), "entries"),
    **dict.fromkeys(("EntryList", "Library"), "library"),
    **dict.fromkeys(("Progress", "ProgressCallback"), "progress"),
    **dict.fromkeys(
        ("Review", "ReviewState", "ReviewStore", "ReviewSummary", "reference_id", "reviewable"), "review"
    ),
}

__all__ = [
    "Citation",
    "EntryList",
    "IndexReport",
    "LetterEntry",
    "Library",
    "Match",
    "Progress",
    "ProgressCallback",
    "Review",
    "ReviewState",
    "ReviewStore",
    "ReviewSummary",
    "SearchHit",
    "Skipped",
    "reference_id",
    "reviewable",
]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"reader.library.{home}"), name)
    globals()[name] = value  # found directly from now on
    return value
