"""What a reader has checked or flagged, per letter and per reference, kept across sessions.

Review state is the user's own work, so it lives in the data folder (not the cache), in YAML a person
can read and fix, keyed by what survives re-indexing and moving files: the letter's key (its symbols,
else the digest of its bytes) and the reference's place in the letter (``where:start:end``). Every
change re-reads the file and replaces it atomically, so two processes lose neither's edits and a crash
never leaves half a file. A file that cannot be read is never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from reader.errors import ReaderError
from reader.library.config import data_dir
from reader.model import Letter, Reference, RefKind

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: os.replace is still atomic
    fcntl = None  # type: ignore[assignment]

FILE_NAME = "review.yaml"
FORMAT_VERSION = 1
REVIEWED_KINDS = frozenset({RefKind.DOCUMENT, RefKind.RESOLUTION, RefKind.DECISION})
MAX_NOTE = 500
HEADER = (
    "# un-reader review state: per letter (its symbol, or sha256 of the file), per reference\n"
    "# (where:start:end in the letter), `state: checked` or `state: flagged` with an optional note.\n"
)


class ReviewState(StrEnum):
    CHECKED = "checked"
    FLAGGED = "flagged"


@dataclass(frozen=True, slots=True)
class Review:
    state: ReviewState
    note: str = ""
    updated: str = ""  # ISO time in UTC, for a person reading the file


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    checked: int
    flagged: int
    total: int

    def __str__(self) -> str:
        text = f"{self.checked} of {self.total} references checked"
        return text + (f", {self.flagged} flagged" if self.flagged else "")


def reference_id(ref: Reference) -> str:
    return f"{ref.where}:{ref.start}:{ref.end}"


def reviewable(letter: Letter) -> tuple[Reference, ...]:
    """The references a reader checks: citations of documents, resolutions and decisions."""
    return tuple(ref for ref in letter.references if ref.kind in REVIEWED_KINDS)


class ReviewStore:
    """Review state in one YAML file; ``path`` defaults to review.yaml in the user's data folder."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / FILE_NAME
        self._letters: dict[str, dict[str, Review]] = {}
        self._stamp: tuple[int, int] | None = None
        self._reload()

    def get(self, letter_key: str, ref_id: str) -> Review | None:
        self._reload()
        return self._letters.get(letter_key, {}).get(ref_id)

    def for_letter(self, letter_key: str) -> Mapping[str, Review]:
        self._reload()
        return dict(self._letters.get(letter_key, {}))

    def set(self, letter_key: str, ref_id: str, state: ReviewState | str, note: str = "") -> Review:
        review = Review(
            ReviewState(state),
            " ".join(note.split())[:MAX_NOTE],
            dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        )
        with self._locked():
            self._reload(force=True)
            self._letters.setdefault(letter_key, {})[ref_id] = review
            self._save()
        return review

    def clear(self, letter_key: str, ref_id: str) -> None:
        with self._locked():
            self._reload(force=True)
            refs = self._letters.get(letter_key, {})
            if refs.pop(ref_id, None) is not None:
                if not refs:
                    del self._letters[letter_key]
                self._save()

    def summary(self, letter: Letter) -> ReviewSummary:
        refs = reviewable(letter)
        state = self.for_letter(letter.key)
        reviews = [state[reference_id(ref)] for ref in refs if reference_id(ref) in state]
        return ReviewSummary(
            checked=sum(r.state == ReviewState.CHECKED for r in reviews),
            flagged=sum(r.state == ReviewState.FLAGGED for r in reviews),
            total=len(refs),
        )

    # the file

    def _reload(self, *, force: bool = False) -> None:
        """Read the file again when another process changed it since we last looked."""
        try:
            info = self.path.stat()
        except FileNotFoundError:
            self._letters, self._stamp = {}, None
            return
        except OSError as error:
            raise ReaderError(f"{self.path}: cannot read the review state ({error.strerror})") from None
        stamp = (info.st_mtime_ns, info.st_size)
        if not force and stamp == self._stamp:
            return
        try:
            data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            raise ReaderError(f"{self.path}: the review state cannot be read; fix or move the file") from None
        self._letters = _parse(data, self.path)
        self._stamp = stamp

    def _save(self) -> None:
        data: dict[str, Any] = {
            "version": FORMAT_VERSION,
            "letters": {
                key: {
                    ref_id: {"state": str(r.state), "note": r.note, "updated": r.updated}
                    for ref_id, r in sorted(refs.items(), key=lambda item: _ref_order(item[0]))
                }
                for key, refs in sorted(self._letters.items())
            },
        }
        text = HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".review-", suffix=".yaml", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError as error:
            raise ReaderError(f"{self.path}: cannot save the review state ({error.strerror})") from None
        info = self.path.stat()
        self._stamp = (info.st_mtime_ns, info.st_size)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:  # pragma: no cover
            yield
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path.with_name(self.path.name + ".lock"), "a+b")  # noqa: SIM115
        except OSError as error:
            raise ReaderError(f"{self.path}: cannot save the review state ({error.strerror})") from None
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _ref_order(ref_id: str) -> tuple[str, int]:
    where, _, rest = ref_id.partition(":")
    start = rest.partition(":")[0]
    return where, int(start) if start.isdigit() else 0


def _parse(data: object, path: Path) -> dict[str, dict[str, Review]]:
    if data is None:
        return {}
    letters = data.get("letters") if isinstance(data, dict) else None
    if letters is None:
        letters = {}
    if not isinstance(letters, dict):
        raise ReaderError(f"{path}: the review state is not a mapping of letters; fix or move the file")
    out: dict[str, dict[str, Review]] = {}
    for key, refs in letters.items():
        if not isinstance(refs, dict):
            continue
        for ref_id, entry in refs.items():
            if not isinstance(entry, dict):
                continue
            try:
                state = ReviewState(str(entry.get("state", "")))
            except ValueError:
                continue  # an unknown state written by hand is ignored, not fatal
            out.setdefault(str(key), {})[str(ref_id)] = Review(
                state, str(entry.get("note") or ""), str(entry.get("updated") or "")
            )
    return out
