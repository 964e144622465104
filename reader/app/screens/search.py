"""Full-text search over the library: one row per letter with its best snippet, matches in bold."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input

from reader.app.safe_text import one_line
from reader.app.screens.entry_pick import EntryPickScreen, LetterTarget, entry_line
from reader.errors import ReaderError
from reader.library import SearchHit

Searcher = Callable[[str], list[SearchHit]]


def hit_row(hit: SearchHit) -> tuple[Content, LetterTarget]:
    snippet = one_line(hit.snippet)
    pieces: list[tuple[str, str] | str] = []
    at = 0
    for start, end in sorted(hit.highlights):
        if not at <= start <= end <= len(snippet):
            continue
        pieces += [snippet[at:start], (snippet[start:end], "bold $text-accent")]
        at = end
    pieces.append(snippet[at:])
    term = next((snippet[s:e] for s, e in sorted(hit.highlights) if 0 <= s < e <= len(snippet)), "")
    content = Content.assemble(entry_line(hit.entry), ("  " + one_line(hit.where), "dim"), "\n  ", *pieces)
    return content, LetterTarget(hit.entry, where=hit.where, term=term)


class SearchScreen(EntryPickScreen):
    """Type to search (every word must occur, "quoted phrases", word*); enter opens the highlighted hit."""

    DIALOG_ID = "search-dialog"
    HINT = "type to search   up/down: move   enter: open   escape: close"
    EMPTY = "No match."

    def __init__(self, search: Searcher, query: str = "", limit: int | None = None) -> None:
        super().__init__("Search the library", [])
        self.search = search
        self.query_text = query
        self.limit = limit  # the most hits `search` returns: a full answer may be cut short

    def _title(self) -> Content:
        """The count, and when the answer reached the limit, that more letters may match: counting
        them all would cost what the limit saves (every passage holding "the")."""
        title = super()._title()
        if self.limit is not None and len(self.rows) >= self.limit:
            return Content.assemble(title, (" shown; more may match: narrow the search", "dim"))
        return title

    def compose_top(self) -> ComposeResult:
        yield Input(value=self.query_text, placeholder='words, "a phrase", prefix*', id="search-input")

    def started(self) -> None:
        self.query_one("#search-input", Input).focus()
        if self.query_text:
            self._run(self.query_text)

    def _run(self, query: str) -> None:
        self.query_text = query
        try:
            hits = self.search(query) if query.strip() else []
        except ReaderError as error:
            self.notify(one_line(str(error)), severity="error", markup=False)
            hits = []
        self.set_rows([hit_row(hit) for hit in hits])

    @on(Input.Changed, "#search-input")
    def changed(self, event: Input.Changed) -> None:
        event.stop()
        self._run(event.value)

    @on(Input.Submitted, "#search-input")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self.query_text:
            self._run(event.value)
        target = self.highlighted_value()
        if target is not None:
            self.dismiss(target)
