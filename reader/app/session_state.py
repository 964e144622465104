"""Where the reader was in a library: the last letter, pane and position, restored on the next start.

Kept in `session.json` in the user's data folder (moved by UN_READER_DATA_DIR), one record per
library (its folders, resolved), written atomically; a missing, unreadable or damaged file only
means starting at the first letter, never an error.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # history.py is imported once there is a place to read or save
    from reader.app.history import Location

FILE_NAME = "session.json"


@dataclass(frozen=True, slots=True)
class SavedPlace:
    """A location with the letter named by its file, so it survives a different command line."""

    path: Path
    location: Location


def library_key(folders: Sequence[Path]) -> str:
    return "\n".join(sorted({str(_resolved(Path(folder))) for folder in folders}))


class SessionStore:
    def __init__(self, path: Path, key: str, *, restore: bool = True) -> None:
        self.path = path
        self.key = key
        self.restore = restore  # False when the command line named the letter to show first

    @classmethod
    def for_library(cls, folders: Sequence[Path], *, restore: bool = True) -> SessionStore:
        from reader.library.config import data_dir

        return cls(data_dir() / FILE_NAME, library_key(folders), restore=restore)

    def _read_all(self) -> dict[str, object]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            return {}
        import json  # once there is a file: a first start (no session yet) paints without it (~1 ms)

        try:
            data = json.loads(text)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def load(self) -> SavedPlace | None:
        record = self._read_all().get(self.key)
        if not isinstance(record, dict):
            return None
        from reader.app.history import PANES, Location, PaneState

        try:
            path = Path(str(record["path"]))
            pane = str(record.get("pane", "body"))
            raw = record.get("panes", {})
            panes = tuple(
                (name, PaneState(_index(raw[name][0]), max(int(raw[name][1]), 0)))
                for name in PANES
                if isinstance(raw, dict) and isinstance(raw.get(name), list) and len(raw[name]) == 2
            )
        except (KeyError, TypeError, ValueError):
            return None
        if pane not in PANES:
            pane = "body"
        return SavedPlace(path, Location(letter="", pane=pane, panes=panes))

    def save(self, path: Path, location: Location) -> None:
        """Remember `location` in the letter read from `path`; a failure to write is not an error."""
        data = self._read_all()
        data[self.key] = {
            "path": str(_resolved(path)),
            "pane": location.pane,
            "panes": {name: [state.selected, state.scroll_y] for name, state in location.panes},
        }
        import json

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            pass


def _index(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
