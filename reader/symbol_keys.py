"""How two written symbols are compared: the one owner of symbol identity for the app and the library.

A reference resolves when any of its components equals one of a letter's own symbols, compared in a
normal form (no spaces, no reissue star, upper case) because letters write the same symbol with
different spacing and case ("Rev.1", "REV.1"). A revision replaces its original, so a reference to
S/2025/71 also finds S/2025/71/Rev.1; the match is marked so a reader knows it is not the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_SPACES = re.compile(r"\s+")
_REVISION = re.compile(r"/REV\.\d+$")
# a hyphen or en dash joins two symbols only when an organ prefix (letters then "/") follows it;
# hyphens inside a symbol (A/ES-10/1027, A/RES/S-13/2, the malformed S/2020-503) are followed by digits
_JOINT = re.compile(r"\s*[-–]\s*(?=[A-Z][A-Za-z.]*/)")


def symbol_key(symbol: str) -> str:
    """The form symbols are compared in."""
    return _SPACES.sub("", symbol).replace("*", "").upper()


def revision_base(key: str) -> str:
    """The symbol a revision replaces ("S/2025/71/REV.1" -> "S/2025/71"); the key itself otherwise."""
    return _REVISION.sub("", key)


def split_joint(symbol: str) -> tuple[str, ...]:
    """The parts of a joint symbol as written: "A/79/798-S/2025/110" -> ("A/79/798", "S/2025/110")."""
    parts = (part.strip().rstrip("*").strip() for part in _JOINT.split(symbol.strip()))
    return tuple(part for part in parts if part)


def component_keys(symbols: str | Iterable[str]) -> tuple[str, ...]:
    """Comparison keys of every component of one symbol or several, without duplicates, in order."""
    items: Sequence[str] = [symbols] if isinstance(symbols, str) else list(symbols)
    keys: dict[str, None] = {}
    for item in items:
        for part in split_joint(item):
            keys.setdefault(symbol_key(part))
    return tuple(key for key in keys if key)


def natural_key(text: str) -> str:
    """A sort key that orders numbers by value (S/2025/80 before S/2025/147) and compares in SQL."""
    return re.sub(r"\d+", lambda m: m.group().rjust(10, "0"), text.upper())
