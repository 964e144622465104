"""UN document symbols: a grammar for one symbol and a finder for every reference in a text.

One module per job: `grammar` (parse, normalise, is_well_formed, url), `patterns` (the shapes the
finder looks for), `finder` (references in a text), `footnote_markers` (markers glued to words)
and `spans` (what is already taken). Callers import the public names from here.

Choices made here (and relied on by the parser and the app):

* A literal resolution symbol (``A/RES/78/234``, ``S/RES/2231 (2015)``) is a ``RefKind.RESOLUTION``,
  exactly like the citation "resolution 2231 (2015)", so all resolution references look alike.
* Every reference that carries a symbol also carries ``components`` (one entry for a single
  symbol, several for a joint symbol), so ``components[0]`` is always what undocs.org resolves.
* Citation spans cover what identifies one document: the item of a list ("2231 (2015)",
  "68/247 B", "116 (c)"), not the keyword before it, so every item of a list gets its own span.
* ``ES-10`` and ``S-13`` are stored as the session (``session_or_year``): that is their place in
  the symbol (``A/ES-10/1043``, ``A/RES/S-13/2``).
"""

from __future__ import annotations

from reader.symbols.finder import find
from reader.symbols.grammar import (
    DOTTED_SPECIALS,
    FINALS,
    FIRST_NUMBERED_SESSION,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_NUMBER,
    SERIES,
    SLASH_SPECIALS,
    Symbol,
    SymbolError,
    is_well_formed,
    normalise,
    parse,
    url,
)

__all__ = [
    "DOTTED_SPECIALS",
    "FINALS",
    "FIRST_NUMBERED_SESSION",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_NUMBER",
    "SERIES",
    "SLASH_SPECIALS",
    "Symbol",
    "SymbolError",
    "find",
    "is_well_formed",
    "normalise",
    "parse",
    "url",
]
