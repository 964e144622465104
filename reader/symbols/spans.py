"""Spans of a text already taken (URLs, references): what a later finder must not overlap."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Spans:
    """Disjoint sorted spans with logarithmic look-up: a text may hold thousands of references."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> Spans:
        if not spans:
            return NO_SPANS
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return cls(tuple(m[0] for m in merged), tuple(m[1] for m in merged))

    def _last_before(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def covers(self, start: int, end: int) -> bool:
        i = self._last_before(start)
        return i >= 0 and self.ends[i] >= end

    def touches(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start


NO_SPANS = Spans((), ())
