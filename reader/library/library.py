"""A library: the letters of one or more folders, with their references resolved across all of them.

This is the API the commands and the app use. Each folder has its own index (a folder can belong to
several libraries and be shared between processes); the library merges their answers.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload

from reader.library.config import cache_dir as default_cache_dir
from reader.library.entries import Citation, IndexReport, LetterEntry, Match, SearchHit
from reader.library.index import Index, Notice, normalise_item
from reader.library.progress import ProgressCallback
from reader.library.query import Term, fts_query, fts_term, query_terms, snippet_of
from reader.library.scan import Parser
from reader.library.sentence import sentence_around
from reader.model import Letter
from reader.symbol_keys import component_keys, revision_base, symbol_key

LOADED_LETTERS = 16
RANKED = 2000  # answers up to this many passages are ranked by relevance (see `Library.search`)
COMMON = 20_000  # ... by their words in at most this many passages (bm25 reads every one)


class EntryList(Sequence[LetterEntry]):
    """A sorted list of letters that loads its rows a page at a time: 100,000 ids cost under a megabyte."""

    PAGE = 200

    def __init__(
        self, indexes: Sequence[Index], ids: Sequence[int], owners: Sequence[int] | None = None
    ) -> None:
        self._indexes = indexes
        self._ids = array("q", ids)  # letter ids in each index's numbering
        self._owners = array("B", owners) if owners is not None else None  # index number of each row
        self._pages: OrderedDict[int, list[LetterEntry]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, item: int) -> LetterEntry: ...

    @overload
    def __getitem__(self, item: slice) -> list[LetterEntry]: ...

    def __getitem__(self, item: int | slice) -> LetterEntry | list[LetterEntry]:
        if isinstance(item, slice):
            return [self[i] for i in range(*item.indices(len(self)))]
        if item < 0:
            item += len(self)
        if not 0 <= item < len(self):
            raise IndexError(item)
        number = item // self.PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._load(number)
            self._pages[number] = page
            if len(self._pages) > 64:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[item % self.PAGE]

    def _load(self, number: int) -> list[LetterEntry]:
        begin, end = number * self.PAGE, (number + 1) * self.PAGE
        ids = self._ids[begin:end]
        owners = self._owners[begin:end] if self._owners is not None else array("B", bytes(len(ids)))
        found: dict[tuple[int, int], LetterEntry] = {}
        for n, index in enumerate(self._indexes):
            mine = [lid for owner, lid in zip(owners, ids, strict=True) if owner == n]
            if mine:
                found.update(((n, lid), entry) for lid, entry in index.entries(mine).items())
        return [found[pair] for pair in zip(owners, ids, strict=True)]


class Library:
    """The letters of some folders. Build it with `Library.open`; close it when done."""

    def __init__(
        self, indexes: Sequence[Index], reports: Sequence[IndexReport], parser: Parser | None
    ) -> None:
        self.indexes = tuple(indexes)
        self.reports = tuple(reports)
        self._parser = parser
        self._loaded: OrderedDict[tuple[str, int, int], Letter] = OrderedDict()

    @classmethod
    def open(
        cls,
        folders: Iterable[Path | str],
        *,
        cache_dir: Path | None = None,
        progress: ProgressCallback | None = None,
        parser: Parser | None = None,
        workers: int | None = None,
        verify: bool = False,
        wait: bool = False,
        notice: Notice | None = None,
    ) -> Library:
        """Index (or refresh the index of) every folder. Raises ReaderError for a folder that is not one.

        A folder another process is indexing is read as it last committed, unless ``wait`` (see
        `Index.open`); ``notice`` gets a line when a wait begins."""
        cache = cache_dir or default_cache_dir()
        indexes: list[Index] = []
        reports: list[IndexReport] = []
        seen: set[Path] = set()
        try:
            for folder in folders:
                resolved = Path(folder).expanduser().resolve()
                if resolved in seen:
                    continue
                seen.add(resolved)
                index, report = Index.open(
                    resolved,
                    cache,
                    parser=parser,
                    progress=progress,
                    workers=workers,
                    verify=verify,
                    wait=wait,
                    notice=notice,
                )
                indexes.append(index)
                reports.append(report)
        except BaseException:
            for index in indexes:
                index.close()
            raise
        return cls(indexes, reports, parser)

    def close(self) -> None:
        for index in self.indexes:
            index.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def folders(self) -> tuple[Path, ...]:
        return tuple(index.folder for index in self.indexes)

    def __len__(self) -> int:
        return sum(index.count() for index in self.indexes)

    # listing

    def letters(self, filter: str = "", sort: str = "date") -> EntryList:
        """Letters whose symbol, date, sender, title or file name contain every word of ``filter``;
        a ``kind:report`` word keeps only that kind of document (see `index.kind_filter`)."""
        if sort not in ("date", "symbol"):
            raise ValueError(f"sort must be 'date' or 'symbol', not {sort!r}")
        if len(self.indexes) == 1:
            return EntryList(self.indexes, self.indexes[0].sorted_ids(filter, sort))
        merged = sorted(
            (key, n, lid)
            for n, index in enumerate(self.indexes)
            for key, lid in index.sorted_ids(filter, sort, with_keys=True)
        )
        return EntryList(self.indexes, [lid for _, _, lid in merged], [n for _, n, _ in merged])

    # references

    def resolve(self, symbol_or_components: str | Sequence[str]) -> list[Match]:
        """Letters one of whose own symbols is a component of the reference; revisions after exact matches."""
        keys = component_keys(symbol_or_components)
        matches: dict[tuple[int, int], Match] = {}
        for n, index in enumerate(self.indexes):
            exact = index.ids_by_key(keys, "key")
            revised = [(lid, key) for lid, key in index.ids_by_key(keys, "base") if key not in keys]
            wanted = {lid for lid, _ in exact} | {lid for lid, _ in revised}
            entries = index.entries(sorted(wanted))
            for lid, key in exact:
                matches.setdefault((n, lid), Match(entries[lid], _display(entries[lid], key)))
            for lid, key in revised:
                matches.setdefault((n, lid), Match(entries[lid], _display(entries[lid], key), revision=True))
        return sorted(matches.values(), key=lambda m: (m.revision, m.entry.symbol, str(m.entry.path)))

    def cited_by(self, symbols: str | Sequence[str]) -> list[Citation]:
        """Every reference in the library to one of ``symbols`` (a letter's own symbols), with its sentence.

        A citation of the original of a revision counts (marked), since resolving it finds the revision.
        """
        keys = component_keys(symbols)
        originals = tuple(base for base in (revision_base(k) for k in keys) if base not in keys)
        citations: list[Citation] = []
        for index in self.indexes:
            own = {lid for lid, _ in index.ids_by_key(keys, "key")}
            rows = _refs_for(index, keys, revision=False) + _refs_for(index, originals, revision=True)
            seen: set[int] = set()
            kept = []
            for row in rows:
                if row[0] in seen or row[1] in own:
                    continue
                seen.add(row[0])
                kept.append(row)
            entries = index.entries(sorted({row[1] for row in kept}))
            for _ref_id, lid, symbol, text, where, start, end, revision in kept:
                body = index.text_of(lid, where)
                begin, finish = sentence_around(body, start, end) if body else (start, end)
                citations.append(
                    Citation(
                        entry=entries[lid],
                        symbol=symbol or "",
                        text=text,
                        where=where,
                        start=start,
                        end=end,
                        sentence=body[begin:finish] if body else text,
                        sentence_start=begin if body else start,
                        revision=revision,
                    )
                )
        citations.sort(key=lambda c: (c.entry.date or _NO_DATE, c.entry.symbol, str(c.entry.path), c.start))
        return citations

    def agenda(self, organ: str, session: int | str | None, item: str) -> list[LetterEntry]:
        """Letters filed under agenda ``item`` of ``session`` (its number, or as printed) of ``organ``."""
        item_key = normalise_item(item)
        found: list[LetterEntry] = []
        for index in self.indexes:
            sql = "SELECT DISTINCT letter_id FROM agenda WHERE item = ? AND organ = ?"
            params: list[object] = [item_key, organ.lower()]
            if isinstance(session, int):
                sql += " AND session = ?"
                params.append(session)
            elif session:
                sql += " AND session_text = ?"
                params.append(" ".join(session.lower().split()))
            ids = [row[0] for row in index.execute(sql, params)]
            found.extend(index.entries(ids).values())
        return sorted(found, key=lambda e: (e.date or _NO_DATE, e.symbol, str(e.path)))

    # text

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search: every word must occur ("quoted phrases" kept together, word* for prefixes).

        One hit per letter (its best matching text), at most ``limit``, in bounded work at any size:
        counting or ranking every match of "the" takes 22 ms at 100,000 letters (SQLite's bm25 reads
        every passage holding each word before it ranks anything). So an answer of up to RANKED
        passages is ranked by relevance, weighing only its words found in at most COMMON passages; a
        larger one, or one of only common words, lists the most recently indexed letters first.
        `count` says how many passages match.
        """
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        terms = query_terms(query)
        scored: list[tuple[float, int, SearchHit]] = []
        for index in self.indexes:
            best: list[tuple[float, int, int, str, str]] = []  # score, order, letter id, where, text
            letters: set[int] = set()
            for part in _candidates(index, match, terms, 4 * limit):
                marks = ",".join("?" * len(part))
                place = {
                    tid: (lid, where, body)
                    for tid, lid, where, body in index.execute(
                        f"SELECT id, letter_id, where_, body FROM texts WHERE id IN ({marks})",
                        [r for r, _ in part],
                    )
                }
                for tid, score in part:
                    lid, where, body = place[tid]
                    if lid not in letters:
                        letters.add(lid)
                        best.append((score, len(scored) + len(best), lid, where, body))
                if len(best) >= limit:
                    break
            entries = index.entries([row[2] for row in best[:limit]])
            for score, order, lid, where, body in best[:limit]:
                snippet, spans = snippet_of(body, terms)
                scored.append((score, order, SearchHit(entries[lid], where, snippet, spans)))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [hit for _, _, hit in scored[:limit]]

    def count(self, query: str) -> int:
        """How many passages match: the size of the answer `search` samples from."""
        match = fts_query(query)
        if not match:
            return 0
        return sum(
            int(i.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,))[0][0]) for i in self.indexes
        )

    def load(self, path: Path | str) -> Letter:
        """The parsed letter, kept in a small cache keyed by file size and time so edits are seen."""
        path = Path(path)
        try:
            stat = path.stat()
            key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
        except OSError:
            key = (str(path), -1, -1)
        letter = self._loaded.get(key)
        if letter is not None:
            self._loaded.move_to_end(key)
            return letter
        if self._parser is not None:
            letter = self._parser(path)
        else:
            from reader.parser import parse_path

            letter = parse_path(path)
        self._loaded[key] = letter
        if len(self._loaded) > LOADED_LETTERS:
            self._loaded.popitem(last=False)
        return letter


_NO_DATE = dt.date.max


def _candidates(
    index: Index, match: str, terms: Sequence[Term], page: int
) -> Iterator[list[tuple[int, float]]]:
    """Matching passages (text id, score) a page at a time, best first: by relevance, or newest first
    (score 0). At most RANKED + 1 passages are read (a page more, if pages are large), and bm25 runs
    only where it reads few: see `Library.search`."""
    newest: list[tuple[int, float]] | None = None
    found: list[int] | None = None  # the ids of every match, when there are at most RANKED
    if any(term.prefix for term in terms):  # expanding a prefix is most of the work: do it once
        sql = "SELECT rowid, 0.0 FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ?"
        newest = index.execute(sql, (match, max(RANKED, page) + 1))
        found = [row[0] for row in newest]
    elif len(terms) > 1:  # kept: ranking by some of the words needs them (see `_ranked`)
        sql = "SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?"
        found = [row[0] for row in index.execute(sql, (match, RANKED + 1))]
    total = len(found) if found is not None else _count_up_to(index, match, RANKED + 1)
    if total == 0:
        return
    if total <= RANKED:  # RANKED <= COMMON: a query of one word is rare here
        rare = [t for t in terms if len(terms) == 1 or _count_up_to(index, fts_term(t), COMMON + 1) <= COMMON]
        if len(rare) == len(terms):
            sql = "SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?"
            yield from _pages(index.execute(sql, (match, total)), page)
            return
        if rare and found is not None:
            yield from _pages(_ranked(index, rare, set(found)), page)
            return
    if newest is not None:
        yield from _pages(newest, page)
        return
    last: int | None = None
    params: tuple[object, ...]
    for _ in range(RANKED // page + 1):
        if last is None:
            sql, params = (
                "SELECT rowid, 0.0 FROM fts WHERE fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                (match, page),
            )
        else:
            sql = "SELECT rowid, 0.0 FROM fts WHERE fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?"
            params = (match, last, page)
        rows = index.execute(sql, params)
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _ranked(index: Index, rare: Sequence[Term], matching: set[int]) -> list[tuple[int, float]]:
    """The ``matching`` passages by bm25 over the ``rare`` terms alone: for a rare word beside common
    ones ("okapi the"), as bm25 would nearly rank them anyway (a word in most passages weighs next to
    nothing), without reading every passage of the common ones."""
    sql = "SELECT rowid, rank FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?"
    ranked = index.execute(sql, (" AND ".join(fts_term(term) for term in rare), COMMON))
    return [row for row in ranked if row[0] in matching]


def _pages(rows: list[tuple[int, float]], page: int) -> Iterator[list[tuple[int, float]]]:
    for start in range(0, len(rows), page):
        yield rows[start : start + page]


def _count_up_to(index: Index, match: str, most: int) -> int:
    """How many passages match, counting no further than ``most``: work bounded by ``most`` rows."""
    sql = "SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ? LIMIT ?)"
    return int(index.execute(sql, (match, most))[0][0])


def _display(entry: LetterEntry, key: str) -> str:
    """The letter's own symbol as printed for a comparison key."""
    for symbol in entry.symbols:
        if symbol_key(symbol) == key:
            return symbol
    return key


def _refs_for(
    index: Index, keys: Sequence[str], *, revision: bool
) -> list[tuple[int, int, str, str, str, int, int, bool]]:
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    rows = index.execute(
        "SELECT DISTINCT r.id, r.letter_id, r.symbol, r.text, r.where_, r.start, r.end_ FROM ref_keys k"
        f" JOIN refs r ON r.id = k.ref_id WHERE k.key IN ({marks}) ORDER BY r.id",
        list(keys),
    )
    return [(*row, revision) for row in rows]
