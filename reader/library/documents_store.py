"""The documents folder: files fetched from the UN, one per symbol and language, and the pending list.

A symbol comes from a letter or a command line, so it is untrusted: its file name is built from a
whitelist of characters, never contains `..` or a separator, never starts with a dot or a dash and is
bounded in length; whenever that changed the symbol (or could make two symbols collide) a digest of
the symbol is appended. Files are written to a temporary file in the same folder and renamed, so a
reader, the index or a second fetch never sees half a document; only complete PDFs are ever written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reader.errors import ReaderError
from reader.library.config import data_dir, documents_dir
from reader.symbol_keys import split_joint
from reader.urls import SOURCE_LANGUAGES, symbol_path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: os.replace is still atomic
    fcntl = None  # type: ignore[assignment]

PENDING_FILE = "pending.json"
MAX_BYTES = 50 * 1024 * 1024  # the largest UN documents (reports with annexes) are a few MB
MAX_STEM = 120  # characters of symbol in a file name: far below any file system's 255 bytes
EOF_WINDOW = 1024  # a PDF ends with %%EOF, possibly followed by a line end or a little padding
_UNSAFE = re.compile(r"[^A-Za-z0-9.() \-]")
_DOTS = re.compile(r"\.{2,}")


class StoreError(ReaderError):
    """The documents folder cannot be written, or what was to be stored is not a complete PDF."""


def pdf_problem(data: bytes, *, max_bytes: int = MAX_BYTES) -> str | None:
    """Why these bytes are not a complete PDF we would store, or None when they are."""
    if not data.startswith(b"%PDF"):
        return "not a PDF"
    if len(data) > max_bytes:
        return f"larger than {max_bytes // (1024 * 1024)} MB"
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        return "incomplete PDF (no %%EOF at the end)"
    return None


def file_stem(single: str) -> str:
    """The file name a (non-joint) symbol is stored under, without language and suffix.

    `S/RES/2231 (2015)` -> `S_RES_2231(2015)`; anything else than letters, digits, `.()- ` and the
    slashes, and any `_` already in the symbol (which would make `/` -> `_` ambiguous), costs a digest.
    """
    text = symbol_path(single)
    plain = text.replace("/", "_")
    stem = _DOTS.sub("_", _UNSAFE.sub("_", plain)).strip()
    if stem[:1] in (".", "-"):
        stem = "_" + stem[1:]
    if stem != plain or "_" in text or len(stem) > MAX_STEM or not stem:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        stem = f"{stem[:MAX_STEM]}~{digest}"
    return stem


def file_name(single: str, lang: str) -> str:
    if lang not in SOURCE_LANGUAGES:
        raise StoreError(f"unknown language {lang!r} (one of {', '.join(SOURCE_LANGUAGES)})")
    return f"{file_stem(single)}.{lang}.pdf"


class DocumentStore:
    """One folder of fetched documents (the user's documents folder unless another is given)."""

    def __init__(self, folder: Path | None = None, *, max_bytes: int = MAX_BYTES) -> None:
        self.folder = folder if folder is not None else documents_dir()
        self.max_bytes = max_bytes

    def path_for(self, single: str, lang: str) -> Path:
        path = self.folder / file_name(single, lang)
        if path.parent != self.folder:  # cannot happen with file_name's whitelist; a guard all the same
            raise StoreError(f"{single!r}: no safe file name")
        return path

    def find(self, symbol: str, lang: str) -> Path | None:
        """The stored file of a symbol in one language: any component of a joint symbol counts."""
        for part in split_joint(symbol) or (symbol,):
            path = self.path_for(part, lang)
            if path.is_file():
                return path
        return None

    def languages(self, symbol: str) -> tuple[str, ...]:
        """The languages a symbol is stored in, for the app's status line and symbol panel."""
        return tuple(lang for lang in SOURCE_LANGUAGES if self.find(symbol, lang) is not None)

    def save(self, single: str, lang: str, data: bytes) -> Path:
        """Store a complete PDF atomically (temporary file in the same folder, then rename)."""
        problem = pdf_problem(data, max_bytes=self.max_bytes)
        if problem:
            raise StoreError(f"{single}: not stored: {problem}")
        path = self.path_for(single, lang)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=self.folder)
        except OSError as error:
            raise StoreError(f"{self.folder}: cannot write the documents folder ({error.strerror})") from None
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())  # the rename must never publish a file whose bytes are not on disk
            os.chmod(temp, 0o644)  # public documents; mkstemp's 0600 would hide them from a shared library
            os.replace(temp, path)
        except OSError as error:
            raise StoreError(f"{path}: cannot write ({error.strerror})") from None
        finally:  # also on Ctrl-C: no temporary file is left behind
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return path


@dataclass(frozen=True, slots=True)
class Pending:
    """A fetch that failed for a reason that may pass (offline, timeout, a busy server)."""

    symbol: str
    lang: str
    folder: str | None  # None: the user's documents folder
    reason: str
    since: str  # ISO time in UTC

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.symbol, self.lang, self.folder)


_PENDING_LOCK = threading.Lock()


class PendingList:
    """pending.json in the data folder; every change re-reads it under a lock and replaces it atomically."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / PENDING_FILE

    def items(self) -> list[Pending]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as error:
            raise StoreError(f"{self.path}: cannot read the pending list ({error})") from None
        try:
            data = json.loads(text)
            return [
                Pending(
                    str(item["symbol"]),
                    str(item["lang"]),
                    None if item.get("folder") is None else str(item["folder"]),
                    str(item.get("reason", "")),
                    str(item.get("since", "")),
                )
                for item in data["pending"]
            ]
        except (ValueError, KeyError, TypeError):
            raise StoreError(f"{self.path}: not a pending list (fix or delete the file)") from None

    def add(self, symbol: str, lang: str, folder: Path | None, reason: str) -> None:
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        entry = Pending(symbol, lang, None if folder is None else str(folder), reason, now)
        with self._locked():
            items = [item for item in self.items() if item.key != entry.key]
            self._write([*items, entry])

    def remove(self, symbol: str, lang: str, folder: Path | None) -> None:
        key = (symbol, lang, None if folder is None else str(folder))
        with self._locked():
            items = self.items()
            kept = [item for item in items if item.key != key]
            if len(kept) != len(items):
                self._write(kept)

    def _write(self, items: list[Pending]) -> None:
        data: dict[str, Any] = {
            "version": 1,
            "pending": [
                {"symbol": i.symbol, "lang": i.lang, "folder": i.folder, "reason": i.reason, "since": i.since}
                for i in items
            ],
        }
        try:
            handle, temp = tempfile.mkstemp(prefix=".pending-", suffix=".json", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1, ensure_ascii=False)
                out.write("\n")
            os.replace(temp, self.path)
        except OSError as error:
            raise StoreError(f"{self.path}: cannot write the pending list ({error.strerror})") from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with _PENDING_LOCK:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"{self.path.parent}: cannot create ({error.strerror})") from None
            if fcntl is None:  # pragma: no cover
                yield
                return
            with _lock_file(self.path.with_name(self.path.name + ".lock")) as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                yield


@contextlib.contextmanager
def _lock_file(path: Path) -> Iterator[IO[bytes]]:
    try:
        handle = open(path, "a+b")  # noqa: SIM115 - closed below, after the lock is released
    except OSError as error:
        raise StoreError(f"{path}: cannot open the lock file ({error.strerror})") from None
    try:
        yield handle
    finally:
        handle.close()  # closing releases the flock
