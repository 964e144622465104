"""The letters open in the app and the seam that resolves a symbol to one of them.

`SymbolResolver` is the seam: for now `OpenLetters` resolves among the letters named on the command
line; the library step plugs in an index that also knows letters that are not open.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reader.app.safe_text import one_line
from reader.formats.files import document_files
from reader.model import Letter, Reference
from reader.symbol_keys import symbol_key


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for its documents, by the rule the library index follows."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(document_files(path))
        else:
            out.append(path)
    return out


@dataclass(frozen=True, slots=True)
class OpenLetter:
    """One named file: still loading, parsed, or failed with a one-line reason."""

    key: str
    path: Path
    letter: Letter | None = None
    error: str | None = None

    @property
    def name(self) -> str:
        """The file name as shown: a name is untrusted too (a control character in it would reach the
        terminal from the letters list or an error toast), so it is made visible here, once."""
        return one_line(self.path.name)

    @property
    def loading(self) -> bool:
        return self.letter is None and self.error is None

    @property
    def label(self) -> str:
        """How the letter is named on screen: its symbol, else its file name (never a full path)."""
        if self.letter is not None and self.letter.symbol:
            return self.letter.symbol
        return self.name


def reference_symbols(reference: Reference) -> tuple[str, ...]:
    """Every symbol a reference could be found under: the joint symbol and each of its parts."""
    out = list(reference.components)
    if reference.symbol:
        out.append(reference.symbol)
    return tuple(out)


class SymbolResolver(Protocol):
    """Finds the letter a reference or symbol points at; the library will implement this too."""

    def resolve(self, symbols: Sequence[str], exclude: str | None = None) -> OpenLetter | None: ...

    def title_of(self, symbols: Sequence[str]) -> str | None: ...


class OpenLetters:
    """The letters of this session, in the order they were named."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._entries: dict[str, OpenLetter] = {}
        self._by_symbol: dict[str, list[str]] = {}  # normalised own symbol -> keys, in opening order
        for path in paths:
            key = str(path)
            if key not in self._entries:
                self._entries[key] = OpenLetter(key=key, path=path)

    def __iter__(self) -> Iterator[OpenLetter]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, key: str) -> OpenLetter:
        return self._entries[key]

    def get(self, key: str) -> OpenLetter | None:
        return self._entries.get(key)

    @property
    def first(self) -> OpenLetter | None:
        return next(iter(self._entries.values()), None)

    def add(self, entry: OpenLetter) -> OpenLetter:
        """Open a letter found elsewhere (the library) so jumps and back/forward can reach it."""
        if entry.key not in self._entries:
            self._entries[entry.key] = entry
            self._index(entry)
        return self._entries[entry.key]

    def _index(self, entry: OpenLetter) -> None:
        if entry.letter is None:
            return
        own = {symbol_key(s) for s in (*entry.letter.symbols, entry.letter.symbol) if s}
        for symbol in own:
            keys = self._by_symbol.setdefault(symbol, [])
            if entry.key not in keys:
                keys.append(entry.key)

    def set_letter(self, key: str, letter: Letter) -> OpenLetter:
        entry = OpenLetter(key=key, path=self._entries[key].path, letter=letter)
        self._entries[key] = entry
        self._index(entry)
        return entry

    def set_error(self, key: str, error: str) -> OpenLetter:
        entry = OpenLetter(key=key, path=self._entries[key].path, error=error)
        self._entries[key] = entry
        return entry

    def resolve(self, symbols: Sequence[str], exclude: str | None = None) -> OpenLetter | None:
        """The first open letter whose own symbols include any of `symbols` (joint or part)."""
        found = {
            key
            for symbol in symbols
            if symbol
            for key in self._by_symbol.get(symbol_key(symbol), ())
            if key != exclude
        }
        if len(found) > 1:  # rare: several open letters share a symbol; the first opened wins
            return next(entry for key, entry in self._entries.items() if key in found)
        return self._entries[found.pop()] if found else None

    def title_of(self, symbols: Sequence[str]) -> str | None:
        entry = self.resolve(symbols)
        if entry is None or entry.letter is None:
            return None
        return entry.letter.title or entry.label

    def symbols(self) -> list[str]:
        """Every symbol worth suggesting: the open letters' own and every symbol they cite."""
        seen: dict[str, None] = {}
        for entry in self._entries.values():
            if entry.letter is None:
                continue
            for symbol in (entry.letter.symbol, *entry.letter.symbols):
                if symbol:
                    seen.setdefault(symbol, None)
            for reference in entry.letter.references:
                for symbol in reference_symbols(reference):
                    seen.setdefault(symbol, None)
        return list(seen)
