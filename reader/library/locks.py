"""The one file lock of the library: writers of an index and of the review state take it.

It lived twice (index and review store), each with a blocking `flock` that waited silently and could
not be given up: `search` sat for a minute behind another process's indexing and the app's `q` behind
a writer. Here a lock is tried first; a wait that remains polls, says once what it waits for, and asks
the caller at every step whether to give up (the app's quit), so nothing waits silently or forever.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from reader.errors import ReaderError

try:  # POSIX: a lock file serialises writers across processes
    import fcntl
except ImportError:  # pragma: no cover - Windows relies on SQLite's own locking and os.replace
    fcntl = None  # type: ignore[assignment]

POLL = 0.05  # seconds between tries while another process holds the lock


class LockBusy(Exception):
    """The lock is held by another process (raised by `try_lock` only)."""


def _open(lock_path: Path) -> IO[bytes]:
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        return open(lock_path, "a+b")  # closed by the callers' context managers
    except OSError as error:
        raise ReaderError(f"{lock_path}: cannot take the lock ({error.strerror})") from None


def _try(handle: IO[bytes]) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def try_lock(lock_path: Path) -> Iterator[None]:
    """The lock now, or `LockBusy`: for readers, who read the last committed state instead of waiting."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    with _open(lock_path) as handle:
        if not _try(handle):
            raise LockBusy(str(lock_path))
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def file_lock(
    lock_path: Path,
    *,
    waiting: Callable[[], None] | None = None,
    tick: Callable[[], None] | None = None,
    timeout: float | None = None,
    what: str = "",
) -> Iterator[None]:
    """Hold the lock; when another process has it, call ``waiting`` once (to say so), ``tick`` at every
    try (it may raise to give up, like the app's quit; Ctrl-C interrupts too), and give up with a
    one-line error after ``timeout`` seconds."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    with _open(lock_path) as handle:
        if not _try(handle):
            if waiting is not None:
                waiting()
            started = time.monotonic()
            while not _try(handle):
                if tick is not None:
                    tick()
                if timeout is not None and time.monotonic() - started > timeout:
                    raise ReaderError(
                        f"{what or lock_path}: another process holds the lock; gave up after {timeout:.0f} s"
                    )
                time.sleep(POLL)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
