"""When did the app last write to the (headless) terminal? A clock on `App._display` for the benchmarks."""

from __future__ import annotations

import time
from typing import Any

from textual.app import App


class PaintClock:
    """Records the time of every screen update the app sends to its driver."""

    def __init__(self, app: App[Any]) -> None:
        self.times: list[float] = []
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.times.append(time.perf_counter())

        app._display = timed_display  # type: ignore[method-assign]

    @property
    def first(self) -> float:
        return self.times[0]

    @property
    def last(self) -> float:
        return self.times[-1]
