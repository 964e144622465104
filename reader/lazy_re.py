"""Regular expressions compiled on first use, not at import.

The parser holds some 150 module-level patterns; compiling them all took a third of the import
time of `un-reader parse`, and one letter uses only half of them. A `LazyPattern` compiles when
one of its methods is first looked up and then keeps the compiled pattern's bound methods in its
slots, so every later `_X.match(...)` is one attribute read, as on a compiled `re.Pattern`.

Only methods are forwarded: a lazy pattern is never handed to `re.match(pattern, ...)` and friends,
which want a string or a compiled pattern (call `.match` on it instead).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2 ms of `un-reader parse`)
if TYPE_CHECKING:
    from typing import Any

_FORWARDED = (
    "match",
    "fullmatch",
    "search",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    __slots__ = ("_source", "_flags", "_compiled", *_FORWARDED)

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        """Called only for a name not set yet: compile, keep the methods, answer."""
        if name.startswith("_"):
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        self._compiled = compiled
        for attr in _FORWARDED:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"


def compile(source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """`re.compile`, deferred to the first use of the pattern."""
    return LazyPattern(source, int(flags))  # type: ignore[return-value]  # it answers as one
