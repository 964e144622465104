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
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.library.entries import IndexReport, LetterEntry, Skipped
from reader.library.locks import LockBusy, file_lock, try_lock
from reader.library.names import path_from_key, path_key
from reader.library.progress import Progress, ProgressCallback
from reader.library.scan import LetterRow, Parser, read_all, walk
from reader.model import LetterKind, Organ, agenda_organ
from reader.safe_text import valid_unicode
from reader.symbol_keys import component_keys, natural_key, revision_base

SCHEMA_VERSION = 7  # 7: low_quality (poor OCR text); 6: paths stored as their bytes (os.fsencode)
BULK_FROM = 200  # changed files from which an empty index is filled in bulk
Notice = Callable[[str], None]  # one line for the person waiting (stderr for the commands)
ENTRY_COLUMNS = "l.id, l.path, l.key, l.symbols, l.date, l.sender, l.title, l.kind, l.format, l.low_quality"

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,
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
    low_quality INTEGER NOT NULL DEFAULT 0,
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


def kind_filter(text: str) -> tuple[list[str], list[str] | None]:
    """The filter's words, and the kinds its `kind:` words name (None when it names none).

    `kind:report` is that kind; a start names every kind it begins (`kind:draft`), `-` or `_` stand
    for a space (`kind:note-verbale`, `kind:meeting_record`), and an exact name wins over a start
    (`kind:note` is notes, not notes verbales). Several `kind:` words are alternatives.
    """
    words: list[str] = []
    kinds: list[str] | None = None
    for word in text.lower().split():
        if not word.startswith("kind:"):
            words.append(word)
            continue
        wanted = word.removeprefix("kind:").replace("-", " ").replace("_", " ").strip()
        names = [str(kind) for kind in LetterKind]
        chosen = (
            [wanted] if wanted in names else [name for name in names if wanted and name.startswith(wanted)]
        )
        kinds = (kinds or []) + [name for name in chosen if name not in (kinds or [])]
    return words, kinds


def entry_from_row(row: Sequence[Any]) -> LetterEntry:
    """From the columns of ENTRY_COLUMNS (after the id)."""
    path, key, symbols, date, sender, title, kind, fmt, low_quality = row
    try:
        letter_kind = LetterKind(kind)
    except ValueError:
        letter_kind = LetterKind.LETTER
    return LetterEntry(
        path=Path(path_from_key(path)),
        key=key,
        symbols=tuple(symbols.split("\n")) if symbols else (),
        date=dt.date.fromisoformat(date) if date else None,
        sender=sender,
        title=title,
        kind=letter_kind,
        format=fmt,
        low_quality=bool(low_quality),
    )


class Index:
    """One folder's index. Methods are safe to call from several threads (one connection, one lock)."""

    def __init__(self, folder: Path, db_path: Path, connection: sqlite3.Connection) -> None:
        self.folder = folder
        self.db_path = db_path
        self._db = connection
        self._lock = threading.RLock()
        self._bulk = False
        self._closed = False
        self._temp: Path | None = None  # a temporary cache folder, removed on close
        self._rebuild: Callable[[], sqlite3.Connection] | None = None  # for damage found by a query

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
        wait: bool = False,
        notice: Notice | None = None,
    ) -> tuple[Index, IndexReport]:
        """Open (building or refreshing) the index of ``folder``. ``verify`` runs SQLite's integrity check.

        While another process writes the index, a reader (``wait`` false) does not wait: it reads the
        last committed state, and says so in the report. A writer (``wait``, `un-reader index`) waits,
        saying so through ``notice``; the wait calls ``progress`` (which may raise to give up) and
        Ctrl-C interrupts it. A cache folder that cannot be written gives a temporary index.
        """
        started = time.perf_counter()
        folder = folder.resolve()
        name = valid_unicode(str(folder))
        if not folder.is_dir():
            raise ReaderError(f"{name}: no such folder" if not folder.exists() else f"{name}: not a folder")
        notes: list[str] = []
        temp: Path | None = None
        db_path = index_path(folder, cache)
        problem = _unusable(db_path)
        if problem:
            temp = _temporary_cache(problem, notes)
            db_path = index_path(folder, temp)
        fingerprint = parser_fingerprint(parser)
        lock_path = db_path.with_suffix(".lock")

        def build() -> tuple[sqlite3.Connection, str, tuple[int, int, int, tuple[Skipped, ...]]]:
            connection, rebuilt = _connect_trusted(db_path, folder, fingerprint, verify)
            index = cls(folder, db_path, connection)
            try:
                return connection, rebuilt, index._refresh(parser, progress, workers)
            except sqlite3.DatabaseError as error:
                # damage found while writing: start again from an empty index, once
                connection.close()
                connection, _ = _connect_trusted(
                    db_path, folder, fingerprint, verify=False, force=f"damaged ({error})"
                )
                index = cls(folder, db_path, connection)
                return connection, f"damaged ({error})", index._refresh(parser, progress, workers)

        def tick() -> None:
            if progress:
                progress(Progress(str(folder), "waiting", 0, 0))

        def waiting() -> None:
            if notice:
                notice(f"{name}: waiting for another process indexing it (Ctrl-C stops)")

        def attempt() -> tuple[sqlite3.Connection, str, tuple[int, int, int, tuple[Skipped, ...]]]:
            if not wait:
                try:
                    with try_lock(lock_path):
                        return build()
                except LockBusy:
                    connection, counts = _connect_readable(db_path, folder, fingerprint)
                    if connection is not None and counts is not None:
                        notes.append(
                            f"{name} is being indexed by another process; using what it has indexed so far"
                        )
                        return connection, "", counts
            with file_lock(lock_path, waiting=waiting, tick=tick, what=name):
                return build()

        try:
            try:
                connection, rebuilt, counts = attempt()
            except (OSError, sqlite3.OperationalError) as error:
                # the checks above missed it (a read-only file system, a file that cannot be replaced)
                if temp is not None or not _cannot_write(error):
                    raise
                temp = _temporary_cache(f"the index of {name} cannot be written ({error})", notes)
                db_path = index_path(folder, temp)
                lock_path = db_path.with_suffix(".lock")
                connection, rebuilt, counts = attempt()
        except BaseException:
            if temp is not None:
                shutil.rmtree(temp, ignore_errors=True)
            raise
        index = cls(folder, db_path, connection)
        index._temp = temp

        def rebuild() -> sqlite3.Connection:
            with file_lock(lock_path, waiting=waiting, tick=tick, what=name):
                fresh, _ = _connect_trusted(db_path, folder, fingerprint, verify=False, force="damaged")
                Index(folder, db_path, fresh)._refresh(parser, None, workers)
                return fresh

        index._rebuild = rebuild
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
            notes=tuple(notes),
        )
        return index, report

    def _refresh(
        self, parser: Parser | None, progress: ProgressCallback | None, workers: int | None
    ) -> tuple[int, int, int, tuple[Skipped, ...]]:
        db = self._db
        known = {
            path_from_key(row[1]): row for row in db.execute("SELECT id, path, size, mtime_ns FROM letters")
        }
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
        return len(changed), len(current) - len(changed), len(gone), self._skipped()

    def _skipped(self) -> tuple[Skipped, ...]:
        """Every unreadable file with its reason, each message naming its file first."""
        out = []
        for key, error in self._db.execute(
            "SELECT path, error FROM letters WHERE error IS NOT NULL ORDER BY path"
        ):
            path = path_from_key(key)
            name = valid_unicode(path)
            message = str(error)
            if not message.startswith(name):
                message = f"{name}: {message}"
            out.append(Skipped(path, message))
        return tuple(out)

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
                    (path_key(stat.path), stat.size, stat.mtime_ns, valid_unicode(row.error)),
                )
                continue
            symbol = "-".join(row.symbols)
            name = valid_unicode(os.path.basename(stat.path))
            find = " ".join((symbol, row.date or "", row.sender, row.title, name)).lower()
            cursor = db.execute(
                "INSERT INTO letters (path, size, mtime_ns, key, symbols, date, sender, title, kind, format,"
                " digest, sort_symbol, find, low_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    path_key(stat.path),
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
                    natural_key(symbol or "~" + name),
                    find,
                    int(row.low_quality),
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
        """Run a read query. Damage found while reading rebuilds the index (once) and asks again, as
        opening does; a busy index is a one-line error."""
        params = [valid_unicode(p) if isinstance(p, str) else p for p in params]
        with self._lock:
            try:
                if self._closed:
                    raise ReaderError(f"the index of {valid_unicode(str(self.folder))} is closed")
                try:
                    return self._db.execute(sql, params).fetchall()
                except sqlite3.OperationalError as error:
                    if "locked" in str(error) or "busy" in str(error):
                        raise ReaderError(
                            f"the index of {valid_unicode(str(self.folder))} is busy ({error}); try again"
                        ) from None
                    if "malformed" not in str(error) and "corrupt" not in str(error):
                        raise
                    damage: sqlite3.DatabaseError = error
                except sqlite3.DatabaseError as error:
                    damage = error
                if self._rebuild is None:
                    raise ReaderError(f"the index of {valid_unicode(str(self.folder))} is damaged ({damage})")
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = self._rebuild()
                self._rebuild = None  # once: damage that survives a rebuild is not the index's
                try:
                    return self._db.execute(sql, params).fetchall()
                except sqlite3.DatabaseError as error:
                    raise ReaderError(
                        f"the index of {valid_unicode(str(self.folder))} is damaged ({error})"
                        " and rebuilding it did not help"
                    ) from None
            finally:
                if self._closed:
                    self._close_now()

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
        words, kinds = kind_filter(text_filter)
        if kinds is not None:  # "kind:report": only documents of the kinds it names (none: no rows)
            sql += f" AND kind IN ({','.join('?' * len(kinds))})" if kinds else " AND 0"
            params.extend(kinds)
        for word in words:
            sql += " AND instr(find, ?) > 0"
            params.append(word)
        rows = self.execute(sql + f" ORDER BY {order}", params)
        return rows if with_keys else [row[0] for row in rows]

    def text_of(self, letter_id: int, where: str) -> str:
        rows = self.execute("SELECT body FROM texts WHERE letter_id = ? AND where_ = ?", (letter_id, where))
        return str(rows[0][0]) if rows else ""

    def close(self) -> None:
        """Close now, or (when a thread is using the index) as soon as it is done: never wait for it."""
        self._closed = True
        if self._lock.acquire(blocking=False):
            try:
                self._close_now()
            finally:
                self._lock.release()

    def _close_now(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None


def _open_connection(db_path: Path, busy_ms: int = 30000) -> sqlite3.Connection:
    connection = sqlite3.connect(
        db_path, timeout=busy_ms / 1000, check_same_thread=False, isolation_level=None
    )
    connection.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA cache_size = -16000")
    return connection


def _unusable(db_path: Path) -> str:
    """Why the index cannot live at ``db_path`` (a read-only cache, a folder in its place), or ""."""
    folder = db_path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"the cache folder {valid_unicode(str(folder))} cannot be created ({error.strerror})"
    for path in (db_path, db_path.with_suffix(".lock"), Path(str(db_path) + "-wal")):
        if path.exists() and not path.is_file():
            return f"{valid_unicode(str(path))} is in the way of the index (not a file)"
        if path.exists() and not os.access(path, os.R_OK | os.W_OK):
            return f"{valid_unicode(str(path))} cannot be written"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the cache folder {valid_unicode(str(folder))} cannot be written"
    return ""


def _temporary_cache(problem: str, notes: list[str]) -> Path:
    """A cache folder for this run only (removed on close), when the user's cannot hold the index."""
    try:
        temp = Path(tempfile.mkdtemp(prefix="un-reader-index-"))
        (temp / "index").mkdir()
    except OSError as error:
        raise ReaderError(f"{problem}, and no temporary folder either ({error.strerror})") from None
    notes.append(f"{problem}; using a temporary index for this run")
    return temp


def _cannot_write(error: BaseException) -> bool:
    """An error that says the index's place cannot be written (rather than a bug or a busy index)."""
    if isinstance(error, OSError):
        return True
    text = str(error).lower()
    return any(words in text for words in ("readonly", "read-only", "unable to open", "disk i/o"))


def _trusted_reason(connection: sqlite3.Connection, folder: Path, fingerprint: str, verify: bool) -> str:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        return f"schema {version}, expected {SCHEMA_VERSION}"
    meta = dict(connection.execute("SELECT name, value FROM meta").fetchall())
    if meta.get("folder") != path_key(str(folder)):
        return "made for another folder"
    if meta.get("parser") != fingerprint:
        return "made by another version of the parser"
    if verify and connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        return "damaged (integrity check failed)"
    return ""


def _connect_readable(
    db_path: Path, folder: Path, fingerprint: str
) -> tuple[sqlite3.Connection | None, tuple[int, int, int, tuple[Skipped, ...]] | None]:
    """A reader's connection to the index another process is writing, with what it holds (nothing
    read anew): its last committed state, when it is a readable index of this folder by this parser.
    (None, None) when it is not (it is being built from scratch): then the reader waits after all."""
    if not db_path.is_file():
        return None, None
    connection: sqlite3.Connection | None = None
    try:
        connection = _open_connection(db_path, busy_ms=2000)
        if not _trusted_reason(connection, folder, fingerprint, verify=False):
            index = Index(folder, db_path, connection)
            skipped = index._skipped()
            letters = int(connection.execute("SELECT count(*) FROM letters").fetchone()[0])
            return connection, (0, letters, 0, skipped)
    except sqlite3.Error:
        pass
    if connection is not None:
        connection.close()
    return None, None


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
            reason = _trusted_reason(connection, folder, fingerprint, verify)
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
        connection.execute("INSERT INTO meta (name, value) VALUES ('folder', ?)", (path_key(str(folder)),))
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
