"""The first letter, parsed beside the app's start-up rather than after it.

Importing Textual and the app is most of a start (~150 ms), and the first parse pays for the parser's
own imports (~50 ms): one after the other, the first paint waited for both. On Linux the CLI forks,
before it imports Textual and before any thread exists, a child that parses the letter and pickles
it back through a pipe, so the two overlap on two cores (on this 2-core machine, ~30-40 ms sooner
when a core is free; no gain when both are busy). The child exits with `os._exit` and never touches
the terminal. Where forking is not safe (macOS, Windows) or fails, the letter is parsed in the
process before `App.run`. Neither for a large file: it is left to the app's parse worker, which
shows "Loading…" meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reader.app import start_gc

if TYPE_CHECKING:  # imported by the child that parses, and by the app: the fork comes before both
    from reader.model import Letter

PARSE_FIRST_MAX = 256 * 1024  # bytes: a letter parses in a few ms; a larger file waits for its worker


def parse_first(path: Path) -> Letter | None:
    """The letter at `path` when it is small and parses; None leaves it to the app's parse worker,
    which parses it again and shows why it failed, in the app."""
    try:
        if path.stat().st_size > PARSE_FIRST_MAX:
            return None
        from reader.parser import parse_path

        return parse_path(path)
    except Exception:
        return None


class FirstLetter:
    """A parse started now, in a child process where it can; `result()` waits for it."""

    def __init__(self, path: Path, *, fork: bool | None = None) -> None:
        self.path = path
        self._pid = 0
        self._read = -1
        if fork is None:
            fork = sys.platform.startswith("linux")
        if not fork or not _small(path):
            return
        try:
            read, write = os.pipe()
            pid = os.fork()
        except OSError:
            return
        if pid == 0:  # the child: parse, send, exit without running the parent's exit handlers
            status = 0
            try:
                import pickle

                os.close(read)
                letter = parse_first(path)
                data = pickle.dumps(letter, protocol=pickle.HIGHEST_PROTOCOL) if letter is not None else b""
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
            except BaseException:
                status = 1
            os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read

    def cancel(self) -> None:
        """Not wanted after all: the child is ended and reaped."""
        if self._pid:
            pid, self._pid = self._pid, 0
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
            os.close(self._read)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)

    def result(self) -> Letter | None:
        """The parsed letter, or None when it is left to the app's parse worker."""
        if not self._pid:
            return parse_first(self.path)
        pid, self._pid = self._pid, 0
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        if not data:
            return None
        import pickle

        from reader.model import Letter

        try:
            letter = pickle.loads(data)  # our own child's bytes, never a file's
        except Exception:
            return None
        return letter if isinstance(letter, Letter) else None


def start(paths: Sequence[Path]) -> tuple[list[Path], FirstLetter | None]:
    """The files the paths name (as `reader.app.letters.expand_paths` lists them, without importing the
    model before the fork) and the first one's parse, started; no parse when there is nothing to show
    or no terminal to show it on (the app then refuses to start)."""
    from reader.formats.files import document_files

    files = [file for path in paths for file in (document_files(path) if path.is_dir() else [path])]
    if not files or not sys.stdout.isatty():
        return files, None
    start_gc.pause()  # the app will run: its screen resumes the collector after the first paint
    return files, FirstLetter(files[0])


def _small(path: Path) -> bool:
    try:
        return path.stat().st_size <= PARSE_FIRST_MAX
    except OSError:
        return False
