"""Progress of indexing: a record for the app's callback, and its rendering on a terminal.

A bar redrawn in place only makes sense on a terminal; when stderr is a file or a pipe (CI logs,
scripts) one line per folder says what is happening without filling the log.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True, slots=True)
class Progress:
    folder: str
    phase: str  # "scanning", "reading", "done"
    done: int
    total: int

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


ProgressCallback = Callable[[Progress], None]


class TerminalProgress:
    """A progress callback writing to stderr: a bar on a terminal, a single line otherwise."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None = None, *, interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self._last = 0.0
        self._drawn = False

    def __call__(self, progress: Progress) -> None:
        if progress.phase == "reading" and progress.total and progress.done == 0:
            if not self.tty:
                print(
                    f"reading {progress.total} files in {progress.folder} ...", file=self.stream, flush=True
                )
            return
        if not self.tty:
            return
        now = time.monotonic()
        if progress.phase == "reading" and progress.total and now - self._last >= self.interval:
            self._last = now
            filled = int(self.WIDTH * progress.fraction)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {progress.done}/{progress.total} files")
            self.stream.flush()
            self._drawn = True
        elif progress.phase == "done" and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False
