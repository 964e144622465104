"""What a reader has checked or flagged, per letter and per reference, kept across sessions.

Review state is the user's own work, so it lives in the data folder (not the cache), in YAML a person
can read and fix, keyed by what survives re-indexing and moving files: the letter's key (its symbols,
else the digest of its bytes) and the reference's place in the letter (``where:start:end``).

One file per letter (``reviews/<letter>.yaml``): a mark re-reads and rewrites only its letter's file,
so its cost does not grow with the marks of other letters (one file for everything took 24 s a key at
5 MB). A change re-reads the file under a lock and replaces it atomically, keeping its mode, so two
processes lose neither's edits and a crash never leaves half a file. What the store does not
understand (an unknown state, an entry that is not a mapping, keys of its own) is kept as it was; a
file it cannot read (not YAML, not a mapping, too large, aliases, too deep) is never overwritten.
The single review.yaml of earlier versions is split into these files on first use and kept, renamed
review.yaml.migrated, so nothing in it is lost.

A reviewer checks documents, not places: a mark keyed ``doc:<symbol>`` covers every mention of that
cited document in the letter, and a mark of one mention (``where:start:end``) says more about that
mention alone. Each mark records who made it (config ``reviewer``, else the login name) and when.
The config key ``review_dir`` puts the files in a team's folder (under version control, say): the
marks are written sorted, one entry each, so two reviewers' changes merge line by line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import os
import re
import stat as stat_module
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.library.config import data_dir, load_config
from reader.library.locks import file_lock
from reader.library.safe_yaml import load_yaml, read_capped
from reader.model import Letter, Reference, RefKind
from reader.safe_text import valid_unicode
from reader.symbol_keys import component_keys, symbol_key

FILE_NAME = "review.yaml"  # the single file of format 1, migrated on first use
FOLDER_NAME = "reviews"
FORMAT_VERSION = 2
REVIEWED_KINDS = frozenset({RefKind.DOCUMENT, RefKind.RESOLUTION, RefKind.DECISION})
DOCUMENT_PREFIX = "doc:"  # a mark of a cited document, for all its mentions in the letter
MAX_NOTE = 500
MAX_FILE = 4_000_000  # bytes of one letter's marks: thousands of notes; more is not a review file
MAX_OLD_FILE = 64_000_000  # bytes of the old single file, read once to migrate it
LOCK_TIMEOUT = 10.0  # seconds a mark waits for another process's mark before saying so
HEADER = (
    "# un-reader review marks of one letter (its symbol, or sha256 of the file), per reference\n"
    "# (where:start:end in the letter) or per cited document (doc:SYMBOL, every mention of it),\n"
    "# `state: checked` or `state: flagged` with an optional note, who marked it and when.\n"
)


class ReviewState(StrEnum):
    CHECKED = "checked"
    FLAGGED = "flagged"


@dataclass(frozen=True, slots=True)
class Review:
    state: ReviewState
    note: str = ""
    updated: str = ""  # ISO time in UTC, for a person reading the file
    reviewer: str = ""  # who made the mark: config `reviewer`, else the login name


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """Mentions (checked, flagged, total) and the cited documents they name (the reviewer's count)."""

    checked: int
    flagged: int
    total: int
    documents_checked: int = 0
    documents_flagged: int = 0
    documents: int = 0

    def __str__(self) -> str:
        """`3 of 12 documents checked · 39 mentions, 1 flagged`."""
        documents = "document" if self.documents == 1 else "documents"
        mentions = "mention" if self.total == 1 else "mentions"
        text = f"{self.documents_checked} of {self.documents} {documents} checked · {self.total} {mentions}"
        return text + (f", {self.documents_flagged} flagged" if self.documents_flagged else "")


@dataclass(frozen=True, slots=True)
class CitedDocument:
    """One document the letter cites, with every mention of it (a joint symbol and its parts are one)."""

    id: str  # the mark's key: doc:<symbol key of the first mention>, decision:<number>
    label: str  # the first mention's symbol, as a person reads it
    mentions: tuple[Reference, ...]

    @property
    def components(self) -> tuple[str, ...]:
        """Every component any mention names (A/79/798 and S/2025/110 for a joint symbol)."""
        return component_keys([ref.symbol for ref in self.mentions if ref.symbol])

    @property
    def well_formed(self) -> bool:
        return all(ref.well_formed for ref in self.mentions)


def reference_id(ref: Reference) -> str:
    return f"{ref.where}:{ref.start}:{ref.end}"


def reviewable(letter: Letter) -> tuple[Reference, ...]:
    """The references a reader checks: citations of documents, resolutions and decisions."""
    return tuple(ref for ref in letter.references if ref.kind in REVIEWED_KINDS)


def _mention_keys(ref: Reference) -> tuple[str, ...]:
    if ref.symbol:
        return component_keys(ref.components or (ref.symbol,))
    return (f"decision:{' '.join((ref.target or ref.text).split())}",)


def cited_documents(letter: Letter) -> tuple[CitedDocument, ...]:
    """The letter's reviewable references grouped by the document they cite, in reading order.

    Mentions sharing a component are one document (A/79/798-S/2025/110 and a later S/2025/110); the
    id comes from the first mention, so it is the same every time the letter is read."""
    groups: list[list[Reference]] = []
    owner: dict[str, int] = {}
    for ref in reviewable(letter):
        keys = _mention_keys(ref)
        found = sorted({owner[key] for key in keys if key in owner})
        if not found:
            index = len(groups)
            groups.append([ref])
        else:
            index = found[0]
            groups[index].append(ref)
            for other in found[1:]:  # a joint mention bridging two groups merges them
                groups[index].extend(groups[other])
                for key, value in owner.items():
                    if value == other:
                        owner[key] = index
                groups[other] = []
        for key in keys:
            owner[key] = index
    order = {key: n for n, key in enumerate(letter.texts())}
    out = []
    for mentions in groups:
        if not mentions:
            continue
        first = mentions[0]
        ident = f"{DOCUMENT_PREFIX}{symbol_key(first.symbol)}" if first.symbol else _mention_keys(first)[0]
        ordered = tuple(sorted(mentions, key=lambda r: (order.get(r.where, len(order)), r.start)))
        out.append(CitedDocument(ident, first.symbol or " ".join(first.text.split()), ordered))
    return tuple(out)


def document_of(letter: Letter, ref: Reference) -> CitedDocument | None:
    return next((doc for doc in cited_documents(letter) if ref in doc.mentions), None)


def default_reviewer() -> str:
    """Config `reviewer`, else the login name, else "" (a mark is still made without one)."""
    try:
        configured = load_config().reviewer
    except ReaderError:
        configured = ""
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def effective(
    reviews: Mapping[str, Review], doc: CitedDocument, ref: Reference | None = None
) -> Review | None:
    """A mention's review: its own mark, else its document's. A document's: its own mark, else
    flagged when a mention is flagged, checked when every mention is checked."""
    if ref is not None:
        own = reviews.get(reference_id(ref))
        return own if own is not None else reviews.get(doc.id)
    own = reviews.get(doc.id)
    if own is not None:
        return own
    marks = [reviews.get(reference_id(mention)) for mention in doc.mentions]
    flagged = next((m for m in marks if m is not None and m.state is ReviewState.FLAGGED), None)
    if flagged is not None:
        return flagged
    if marks and all(m is not None and m.state is ReviewState.CHECKED for m in marks):
        return next(m for m in marks if m is not None)
    return None


class ReviewStore:
    """Review marks in one YAML file per letter, in the folder ``reviews`` beside ``path`` (by default
    review.yaml in the user's data folder, which is where format 1 kept everything)."""

    def __init__(self, path: Path | None = None, *, folder: Path | None = None) -> None:
        self.path = path or data_dir() / FILE_NAME
        if folder is None and path is None:
            folder = load_config().review_dir  # a team's folder, when the config names one
        self.folder = folder or self.path.parent / FOLDER_NAME
        self._cache: dict[str, tuple[tuple[int, int, int] | None, dict[str, Review]]] = {}
        self._migrate()

    def file_for(self, letter_key: str) -> Path:
        """The file holding one letter's marks: a readable, safe file name for any key."""
        readable = re.sub(r"[^A-Za-z0-9.-]+", "_", letter_key).strip("._-")[:60] or "letter"
        digest = hashlib.sha256(letter_key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        return self.folder / f"{readable}.{digest}.yaml"

    def get(self, letter_key: str, ref_id: str) -> Review | None:
        return self._reviews(letter_key).get(ref_id)

    def for_letter(self, letter_key: str) -> Mapping[str, Review]:
        return dict(self._reviews(letter_key))

    def marks_version(self, letter_key: str) -> tuple[int, int, int] | None:
        """Changes whenever the letter's file does (a mark here, another reader's, an edit by hand)."""
        self._reviews(letter_key)
        cached = self._cache.get(letter_key)
        return cached[0] if cached is not None else None

    def set(
        self,
        letter_key: str,
        ref_id: str,
        state: ReviewState | str,
        note: str = "",
        *,
        reviewer: str | None = None,
        clear: tuple[str, ...] = (),
    ) -> Review:
        """Mark one reference or document (``doc:...``); ``clear`` drops other marks in the same write."""
        review = Review(
            ReviewState(state),
            " ".join(note.split())[:MAX_NOTE],
            dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            " ".join((default_reviewer() if reviewer is None else reviewer).split())[:100],
        )
        with self._locked():
            data, marks = self._editable(letter_key)
            for other in clear:
                marks.pop(other, None)
            marks[ref_id] = {
                "state": str(review.state),
                "note": review.note,
                "reviewer": review.reviewer,
                "updated": review.updated,
            }
            self._save(letter_key, data)
        return review

    def clear_many(self, letter_key: str, ref_ids: tuple[str, ...]) -> None:
        """Drop several marks in one write (unmarking a document and its mentions)."""
        with self._locked():
            data, marks = self._editable(letter_key)
            if any(ref_id in marks for ref_id in ref_ids):
                for ref_id in ref_ids:
                    marks.pop(ref_id, None)
                self._save(letter_key, data)

    def clear(self, letter_key: str, ref_id: str) -> None:
        with self._locked():
            data, marks = self._editable(letter_key)
            if ref_id in marks:
                del marks[ref_id]
                self._save(letter_key, data)

    def summary(self, letter: Letter, documents: Sequence[CitedDocument] | None = None) -> ReviewSummary:
        """Counts of documents and mentions; `documents` when the caller has them grouped already."""
        state = self.for_letter(letter.key)
        documents = cited_documents(letter) if documents is None else documents
        mentions = [effective(state, doc, ref) for doc in documents for ref in doc.mentions]
        whole = [effective(state, doc) for doc in documents]
        return ReviewSummary(
            checked=sum(r is not None and r.state == ReviewState.CHECKED for r in mentions),
            flagged=sum(r is not None and r.state == ReviewState.FLAGGED for r in mentions),
            total=len(mentions),
            documents_checked=sum(r is not None and r.state == ReviewState.CHECKED for r in whole),
            documents_flagged=sum(r is not None and r.state == ReviewState.FLAGGED for r in whole),
            documents=len(documents),
        )

    # the files

    def _reviews(self, letter_key: str) -> dict[str, Review]:
        """The letter's marks, read again only when its file changed since we last looked."""
        path = self.file_for(letter_key)
        try:
            info = path.stat()
            stamp: tuple[int, int, int] | None = (info.st_mtime_ns, info.st_size, info.st_ino)
        except FileNotFoundError:
            stamp = None
        except OSError as error:
            raise ReaderError(f"{path}: cannot read the review marks ({error.strerror})") from None
        cached = self._cache.get(letter_key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        reviews = _understood(_marks(self._read(path), path)) if stamp is not None else {}
        self._cache[letter_key] = (stamp, reviews)
        return reviews

    def _read(self, path: Path) -> dict[str, Any]:
        text = read_capped(path, MAX_FILE, "the review marks")
        if text is None:
            return {}
        data = load_yaml(text, path, "the review marks")
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise ReaderError(f"{path}: the review marks are not a mapping; fix or move the file")
        return data

    def _editable(self, letter_key: str) -> tuple[dict[str, Any], dict[Any, Any]]:
        """The file's data as it is now on disk (under the lock), and its mapping of marks to change."""
        path = self.file_for(letter_key)
        data = self._read(path)
        if not data:
            data = {"version": FORMAT_VERSION, "letter": letter_key, "marks": {}}
        marks = _marks(data, path)
        data["marks"] = marks
        return data, marks

    def _save(self, letter_key: str, data: dict[str, Any], *, durable: bool = True) -> None:
        path = self.file_for(letter_key)
        marks = data["marks"]
        data["marks"] = {ref_id: marks[ref_id] for ref_id in sorted(marks, key=_ref_order)}
        import yaml  # here: the app reads marks at its first paint, and writes only on a key

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # safe_dump, in C when it can
        text = HEADER + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
        _write_atomically(path, text, durable=durable)
        self._cache.pop(letter_key, None)

    def _migrate(self) -> None:
        """Split the format-1 review.yaml into one file per letter; keep it as review.yaml.migrated.

        Marks already in a letter's file win over the old file's; every entry of the old file is copied
        as it is (unknown states too). A file that cannot be read stays where it is: an error."""
        if not self.path.is_file():
            return
        with self._locked():
            text = read_capped(self.path, MAX_OLD_FILE, "the review state")
            if text is None:  # another process migrated it meanwhile
                return
            old = load_yaml(text, self.path, "the review state")
            letters = old.get("letters") if isinstance(old, dict) else None if old is None else old
            if letters is None:
                letters = {}
            if not isinstance(letters, dict):
                raise ReaderError(
                    f"{self.path}: the review state is not a mapping of letters; fix or move the file"
                )
            for key, entries in letters.items():
                if not isinstance(entries, dict) or not entries:
                    continue  # kept in review.yaml.migrated: there is no mark in it to carry over
                data, marks = self._editable(str(key))
                changed = False
                for ref_id, entry in entries.items():
                    if str(ref_id) not in marks:
                        marks[str(ref_id)] = entry
                        changed = True
                if changed:  # one sync for all of them below, not one per letter
                    self._save(str(key), data, durable=False)
            if hasattr(os, "sync"):
                os.sync()  # the letters' files are on disk before the old file is moved aside
            kept = self.path.with_name(self.path.name + ".migrated")
            number = 1
            while kept.exists():
                number += 1
                kept = self.path.with_name(f"{self.path.name}.migrated-{number}")
            try:
                os.replace(self.path, kept)
            except OSError as error:
                raise ReaderError(
                    f"{self.path}: cannot move the old review state ({error.strerror})"
                ) from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with file_lock(self.folder / ".lock", timeout=LOCK_TIMEOUT, what="the review marks"):
            yield


def _marks(data: dict[str, Any], path: Path) -> dict[Any, Any]:
    marks = data.get("marks")
    if marks is None:
        return {}
    if not isinstance(marks, dict):
        raise ReaderError(f"{path}: `marks` is not a mapping; fix or move the file")
    return marks


def _understood(marks: Mapping[Any, Any]) -> dict[str, Review]:
    """The marks this version can show; the others (an unknown state, not a mapping) stay in the file."""
    out: dict[str, Review] = {}
    for ref_id, entry in marks.items():
        if not isinstance(entry, dict):
            continue
        try:
            state = ReviewState(str(entry.get("state", "")))
        except ValueError:
            continue
        out[str(ref_id)] = Review(
            state,
            str(entry.get("note") or ""),
            str(entry.get("updated") or ""),
            str(entry.get("reviewer") or ""),
        )
    return out


def _ref_order(ref_id: object) -> tuple[str, int, str]:
    """`p2:10:18` before `p10:3:9`'s letters sorted by place; any other key (written by hand) in order."""
    text = str(ref_id)
    where, _, rest = text.partition(":")
    start = rest.partition(":")[0]
    return where, int(start) if start.isascii() and start.isdecimal() else 0, text


def _new_file_mode() -> int:
    """What `open` would give a new file: 0o666 less the umask (read without changing it: threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o644


def _write_atomically(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace ``path`` by ``text`` all at once, keeping the mode of the file it replaces; ``durable``
    syncs it to disk first (a mark), else the caller syncs once for many files (the migration)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            mode = stat_module.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = _new_file_mode()
        handle, temp = tempfile.mkstemp(prefix=".review-", suffix=".yaml", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fchmod(out.fileno(), mode)
                if durable:
                    os.fsync(out.fileno())
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError as error:
        shown = valid_unicode(str(path))
        raise ReaderError(f"{shown}: cannot save the review marks ({error.strerror})") from None
