"""The index of one library folder: an SQLite file in the cache directory, with FTS5 for full text.

The index is a cache of the letters, never the truth: a missing file, another schema version, another
folder's index under the same name or a damaged file is thrown away and rebuilt. Refreshing only
re-reads files whose size or modification time changed, so re-opening a large library costs one
`stat` per file. Writers take a lock file and write in transactions, readers use WAL, so two
processes can open one library at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.library.entries import IndexReport, LetterEntry, Skipped
from reader.library.progress import Progress, ProgressCallback
from reader.library.scan import LetterRow, Parser, read_all, walk
from reader.model import LetterKind, Organ, agenda_organ
from reader.symbol_keys import component_keys, natural_key, revision_base

try:  # POSIX: a lock file serialises writers across processes
    import fcntl
except ImportError:  # pragma: no cover - Windows relies on SQLite's own locking
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = 5
BULK_FROM = 200  # changed files from which an empty index is filled in bulk
ENTRY_COLUMNS = "l.id, l.path, l.key, l.symbols, l.date, l.sender, l.title, l.kind, l.format"

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    error TEXT,
    key TEXT NOT NULL DEFAULT '',
    symbols TEXT NOT NULL DEFAULT '',
    date TEXT,
    sender TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '',
    digest TEXT NOT NULL DEFAULT '',
    sort_symbol TEXT NOT NULL DEFAULT '',
    find TEXT NOT NULL DEFAULT ''
);
CREATE INDEX letters_date ON letters (date, sort_symbol) WHERE error IS NULL;
CREATE INDEX letters_symbol ON letters (sort_symbol) WHERE error IS NULL;
CREATE TABLE symbols (key TEXT NOT NULL, base TEXT NOT NULL, letter_id INTEGER NOT NULL);
CREATE INDEX symbols_key ON symbols (key);
CREATE INDEX symbols_base ON symbols (base);
CREATE INDEX symbols_letter ON symbols (letter_id);
CREATE TABLE refs (
    id INTEGER PRIMARY KEY,
    letter_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    symbol TEXT,
    text TEXT NOT NULL,
    where_ TEXT NOT NULL,
    start INTEGER NOT NULL,
    end_ INTEGER NOT NULL,
    well_formed INTEGER NOT NULL
);
CREATE INDEX refs_letter ON refs (letter_id);
CREATE TABLE ref_keys (key TEXT NOT NULL, ref_id INTEGER NOT NULL, PRIMARY KEY (key, ref_id)) WITHOUT ROWID;
CREATE TABLE agenda (organ TEXT NOT NULL, session INTEGER, session_text TEXT NOT NULL, item TEXT NOT NULL,
                     letter_id INTEGER NOT NULL);
CREATE INDEX agenda_item ON agenda (item, organ);
CREATE INDEX agenda_letter ON agenda (letter_id);
CREATE TABLE texts (id INTEGER PRIMARY KEY, letter_id INTEGER NOT NULL, where_ TEXT NOT NULL,
                    body TEXT NOT NULL);
CREATE INDEX texts_letter ON texts (letter_id, where_);
CREATE VIRTUAL TABLE fts USING fts5 (body, content='texts', content_rowid='id',
                                     tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER texts_deleted AFTER DELETE ON texts BEGIN
    INSERT INTO fts (fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
"""


ROW_SOURCES = ("parser", "formats", "symbols", "model.py", "library/scan.py")


def parser_fingerprint(parser: Parser | None) -> str:
    """What made the rows: an index built by another version of the parser is rebuilt, not trusted.

    For the built-in parser this hashes the sources that decide what a row holds, so any upgrade of
    them rebuilds the index once; a parser passed in (tests, tools) is known by its name.
    """
    if parser is not None:
        return f"{parser.__module__}.{parser.__qualname__}"
    return _source_fingerprint()


@functools.cache
def _source_fingerprint() -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in ROW_SOURCES:
        path = package / name
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.relative_to(package).as_posix().encode() + b"\0")
            with contextlib.suppress(OSError):
                digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def index_path(folder: Path, cache: Path) -> Path:
    digest = hashlib.sha256(str(folder).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return cache / "index" / f"{digest}.sqlite3"


def normalise_item(item: str) -> str:
    return " ".join(item.lower().replace("(", " (").split()).replace("( ", "(")


def entry_from_row(row: Sequence[Any]) -> LetterEntry:
    """From the columns of ENTRY_COLUMNS (after the id)."""
    path, key, symbols, date, sender, title, kind, fmt = row
    try:
        letter_kind = LetterKind(kind)
    except ValueError:
        letter_kind = LetterKind.LETTER
    return LetterEntry(
        path=Path(path),
        key=key,
        symbols=tuple(symbols.split("\n")) if symbols else (),
        date=dt.date.fromisoformat(date) if date else None,
        sender=sender,
        title=title,
        kind=letter_kind,
        format=fmt,
    )


class Index:
    """One folder's index. Methods are safe to call from several threads (one connection, one lock)."""

    def __init__(self, folder: Path, db_path: Path, connection: sqlite3.Connection) -> None:
        self.folder = folder
        self.db_path = db_path
        self._db = connection
        self._lock = threading.RLock()
        self._bulk = False

    # opening and refreshing

    @classmethod
    def open(
        cls,
        folder: Path,
        cache: Path,
        *,
        parser: Parser | None = None,
        progress: ProgressCallback | None = None,
        workers: int | None = None,
        verify: bool = False,
    ) -> tuple[Index, IndexReport]:
        """Open (building or refreshing) the index of ``folder``. ``verify`` runs SQLite's integrity check."""
        started = time.perf_counter()
        folder = folder.resolve()
        if not folder.is_dir():
            raise ReaderError(
                f"{folder}: no such folder" if not folder.exists() else f"{folder}: not a folder"
            )
        db_path = index_path(folder, cache)
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ReaderError(
                f"{db_path.parent}: cannot create the cache folder ({error.strerror})"
            ) from None
        fingerprint = parser_fingerprint(parser)
        with _writer_lock(db_path):
            connection, rebuilt = _connect_trusted(db_path, folder, fingerprint, verify)
            index = cls(folder, db_path, connection)
            try:
                counts = index._refresh(parser, progress, workers)
            except sqlite3.DatabaseError as error:
                # damage found while writing: start again from an empty index, once
                connection.close()
                connection, _ = _connect_trusted(
                    db_path, folder, fingerprint, verify=False, force=f"damaged ({error})"
                )
                index = cls(folder, db_path, connection)
                counts = index._refresh(parser, progress, workers)
                rebuilt = f"damaged ({error})"
        parsed, unchanged, removed, skipped = counts
        report = IndexReport(
            folder=folder,
            letters=index.count(),
            parsed=parsed,
            unchanged=unchanged,
            removed=removed,
            skipped=skipped,
            rebuilt=rebuilt,
            seconds=time.perf_counter() - started,
        )
        return index, report

    def _refresh(
        self, parser: Parser | None, progress: ProgressCallback | None, workers: int | None
    ) -> tuple[int, int, int, tuple[Skipped, ...]]:
        db = self._db
        known = {row[1]: row for row in db.execute("SELECT id, path, size, mtime_ns FROM letters")}
        if progress:
            progress(Progress(str(self.folder), "scanning", 0, 0))
        current = list(walk(self.folder))
        seen = {stat.path for stat in current}
        missing = (0, "", -1, -1)
        changed = [s for s in current if known.get(s.path, missing)[2:] != (s.size, s.mtime_ns)]
        gone = [known[path][0] for path in known if path not in seen]
        # a cold build fills the full-text index in one pass at the end (three times faster than row by
        # row); "pending" in meta makes an interrupted build finish that pass the next time
        pending = bool(db.execute("SELECT 1 FROM meta WHERE name = 'fts' AND value = 'pending'").fetchall())
        self._bulk = not known and len(changed) >= BULK_FROM
        with self._lock, _transaction(db):
            self._delete(gone)
            if self._bulk:
                db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('fts', 'pending')")
        total = len(changed)
        done = 0
        if progress:
            progress(Progress(str(self.folder), "reading", 0, total))
        for rows in read_all(changed, parser, workers=workers):
            with self._lock, _transaction(db):
                self._delete([known[r.stat.path][0] for r in rows if r.stat.path in known])
                self._store(rows)
            done += len(rows)
            if progress:
                progress(Progress(str(self.folder), "reading", done, total))
        if self._bulk or pending:
            with self._lock, _transaction(db):
                db.execute("INSERT INTO fts (fts) VALUES ('rebuild')")
                db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('fts', 'ok')")
        if progress:
            progress(Progress(str(self.folder), "done", done, total))
        skipped = tuple(
            Skipped(path, error)
            for path, error in db.execute(
                "SELECT path, error FROM letters WHERE error IS NOT NULL ORDER BY path"
            )
        )
        return len(changed), len(current) - len(changed), len(gone), skipped

    def _delete(self, ids: Sequence[int]) -> None:
        db = self._db
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            db.execute(
                f"DELETE FROM ref_keys WHERE ref_id IN (SELECT id FROM refs WHERE letter_id IN ({marks}))",
                part,
            )
            for table in ("refs", "symbols", "agenda", "texts"):
                db.execute(f"DELETE FROM {table} WHERE letter_id IN ({marks})", part)
            db.execute(f"DELETE FROM letters WHERE id IN ({marks})", part)

    def _store(self, rows: Iterable[LetterRow]) -> None:
        db = self._db
        for row in rows:
            stat = row.stat
            if row.error is not None:
                db.execute(
                    "INSERT INTO letters (path, size, mtime_ns, error) VALUES (?, ?, ?, ?)",
                    (stat.path, stat.size, stat.mtime_ns, row.error),
                )
                continue
            symbol = "-".join(row.symbols)
            find = " ".join(
                (symbol, row.date or "", row.sender, row.title, os.path.basename(stat.path))
            ).lower()
            cursor = db.execute(
                "INSERT INTO letters (path, size, mtime_ns, key, symbols, date, sender, title, kind, format,"
                " digest, sort_symbol, find) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    stat.path,
                    stat.size,
                    stat.mtime_ns,
                    row.key,
                    "\n".join(row.symbols),
                    row.date,
                    row.sender,
                    row.title,
                    row.kind,
                    row.format,
                    row.digest,
                    natural_key(symbol or "~" + os.path.basename(stat.path)),
                    find,
                ),
            )
            lid = cursor.lastrowid
            keys = component_keys(row.symbols)
            db.executemany(
                "INSERT INTO symbols (key, base, letter_id) VALUES (?, ?, ?)",
                [(key, revision_base(key), lid) for key in keys],
            )
            db.executemany(
                "INSERT INTO texts (letter_id, where_, body) VALUES (?, ?, ?)",
                [(lid, where, body) for where, body in row.texts],
            )
            if not self._bulk:
                db.execute(
                    "INSERT INTO fts (rowid, body) SELECT id, body FROM texts WHERE letter_id = ?", (lid,)
                )
            filed = agenda_organ([Organ(*organ) for organ in row.organs]) or Organ("", "")
            organ, session, number = filed.name, filed.session, filed.number
            db.executemany(
                "INSERT INTO agenda (organ, session, session_text, item, letter_id) VALUES (?, ?, ?, ?, ?)",
                [(organ.lower(), number, session.lower(), normalise_item(item), lid) for item in row.agenda],
            )
            for ref in row.refs:
                cursor = db.execute(
                    "INSERT INTO refs (letter_id, kind, symbol, text, where_, start, end_, well_formed)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        lid,
                        ref.kind,
                        ref.symbol,
                        ref.text,
                        ref.where,
                        ref.start,
                        ref.end,
                        int(ref.well_formed),
                    ),
                )
                ref_keys = component_keys(ref.components or ((ref.symbol,) if ref.symbol else ()))
                db.executemany(
                    "INSERT OR IGNORE INTO ref_keys (key, ref_id) VALUES (?, ?)",
                    [(key, cursor.lastrowid) for key in ref_keys],
                )

    # queries

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run a read query; damage found while reading is a one-line error naming the fix."""
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.OperationalError as error:
                if "locked" in str(error) or "busy" in str(error):
                    raise ReaderError(f"the index of {self.folder} is busy ({error}); try again") from None
                raise
            except sqlite3.DatabaseError as error:
                raise ReaderError(
                    f"the index of {self.folder} is damaged ({error}); run `un-reader index {self.folder}`"
                ) from None

    def count(self) -> int:
        return int(self.execute("SELECT count(*) FROM letters WHERE error IS NULL")[0][0])

    def entries(self, ids: Sequence[int]) -> dict[int, LetterEntry]:
        out: dict[int, LetterEntry] = {}
        for i in range(0, len(ids), 500):
            part = list(ids[i : i + 500])
            marks = ",".join("?" * len(part))
            for row in self.execute(f"SELECT {ENTRY_COLUMNS} FROM letters l WHERE l.id IN ({marks})", part):
                out[row[0]] = entry_from_row(row[1:])
        return out

    def ids_by_key(self, keys: Sequence[str], column: str) -> list[tuple[int, str]]:
        """(letter id, matching key) for own symbols whose ``column`` ("key" or "base") is in ``keys``."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        return [
            (lid, key)
            for lid, key in self.execute(
                f"SELECT letter_id, key FROM symbols WHERE {column} IN ({marks})", list(keys)
            )
        ]

    def sorted_ids(self, text_filter: str, sort: str, *, with_keys: bool = False) -> list[Any]:
        """Ids (or (sort key, id) pairs) of every letter whose symbol, date, sender, title or file name
        contains each word of the filter. Without a filter this is a scan of a covering index."""
        order = "date, sort_symbol" if sort == "date" else "sort_symbol"
        key_expr = "coalesce(date, '') || ' ' || sort_symbol" if sort == "date" else "sort_symbol"
        sql = f"SELECT {key_expr + ', id' if with_keys else 'id'} FROM letters WHERE error IS NULL"
        params: list[Any] = []
        for word in text_filter.lower().split():
            sql += " AND instr(find, ?) > 0"
            params.append(word)
        rows = self.execute(sql + f" ORDER BY {order}", params)
        return rows if with_keys else [row[0] for row in rows]

    def text_of(self, letter_id: int, where: str) -> str:
        rows = self.execute("SELECT body FROM texts WHERE letter_id = ? AND where_ = ?", (letter_id, where))
        return str(rows[0][0]) if rows else ""

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _open_connection(db_path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db_path, timeout=30.0, check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 30000")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA cache_size = -16000")
    return connection


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE takes the write lock up front, so a busy writer waits instead of failing midway."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _connect_trusted(
    db_path: Path, folder: Path, fingerprint: str, verify: bool, force: str = ""
) -> tuple[sqlite3.Connection, str]:
    """A connection to an index of ``folder`` with this schema; rebuilt when it cannot be trusted."""
    reason = force
    if not reason and db_path.exists():
        try:
            connection = _open_connection(db_path)
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                reason = f"schema {version}, expected {SCHEMA_VERSION}"
            else:
                meta = dict(connection.execute("SELECT name, value FROM meta").fetchall())
                if meta.get("folder") != str(folder):
                    reason = "made for another folder"
                elif meta.get("parser") != fingerprint:
                    reason = "made by another version of the parser"
                elif verify and connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    reason = "damaged (integrity check failed)"
            if not reason:
                return connection, ""
            connection.close()
        except sqlite3.DatabaseError as error:
            reason = f"damaged ({error})"
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(db_path) + suffix).unlink()
    connection = _open_connection(db_path)
    with _transaction(connection):
        for statement in _statements(SCHEMA):
            connection.execute(statement)
        connection.execute("INSERT INTO meta (name, value) VALUES ('folder', ?)", (str(folder),))
        connection.execute("INSERT INTO meta (name, value) VALUES ('parser', ?)", (fingerprint,))
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return connection, reason


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""


@contextlib.contextmanager
def _writer_lock(db_path: Path) -> Iterator[None]:
    if fcntl is None:  # pragma: no cover
        yield
        return
    lock_path = db_path.with_suffix(".lock")
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
