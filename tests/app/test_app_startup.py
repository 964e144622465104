"""Start-up stays light: what the first paint does not need is not imported before it.

Timing tests flake on a loaded machine, so these guard the cause instead: a fresh interpreter lists
the modules loaded after importing the app (and after its first paint), and the heavy ones (the
library with SQLite and worker processes, the symbol grammar's regexes, the parser, the modal
screens) must not be among them. benchmarks/app_startup.py has the figures.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from reader.app.app import ReaderApp
from reader.app.first_letter import PARSE_FIRST_MAX, FirstLetter, parse_first, start
from reader.app.library_bridge import WORKERS_FROM, needs_worker_processes
from reader.library.scan import WORKER_NICENESS, _pool

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "letters" / "text"

# Not needed to show the reading screen; each is imported where it is first used.
HEAVY = ("reader.library", "sqlite3", "multiprocessing", "reader.app.screens.")


def loaded(code: str, names: str = "sorted(sys.modules)") -> list[str]:
    """Module names from a fresh interpreter: `names` evaluated after running `code`."""
    script = f"import json, sys\n{code}\nprint(json.dumps({names}))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def heavy(modules: list[str], prefixes: tuple[str, ...] = HEAVY) -> list[str]:
    return [m for m in modules if m.startswith(prefixes) or m in {p.rstrip(".") for p in prefixes}]


def test_importing_the_app_loads_no_library_parser_symbols_or_screen() -> None:
    modules = loaded("import reader.app.app")
    assert "reader.app.app" in modules and "textual.app" in modules  # the probe ran
    assert heavy(modules, (*HEAVY, "reader.symbols", "reader.parser")) == []


def test_first_paint_without_a_library_loads_neither_library_nor_screens() -> None:
    letter = sorted(FIXTURE.glob("*.txt"))[0]
    code = f"""
import asyncio
from pathlib import Path
from reader.app.app import ReaderApp

async def main():
    app = ReaderApp([Path({str(letter)!r})])
    painted = []
    display = app._display
    def first(screen, renderable):
        display(screen, renderable)
        if renderable is not None and not painted:
            painted.append(sorted(sys.modules))
    app._display = first
    async with app.run_test(size=(120, 40)) as pilot:
        while not painted:
            await pilot.pause()
    return painted[0]

at_paint = asyncio.run(main())
"""
    modules = loaded(code, "at_paint")
    assert "textual.app" in modules  # the probe ran
    assert heavy(modules) == []


def test_the_cli_set_up_reads_the_config_but_loads_no_index_nor_fork_server(tmp_path: Path) -> None:
    """`un-reader FOLDER` before `App.run`: the folder is the library, yet SQLite and the index
    code load in the indexing worker; a folder too small for worker processes starts none of
    multiprocessing (its resource tracker is a process competing with the first paint)."""
    modules = loaded(cli_code(tmp_path, FIXTURE))
    assert "reader.library.config" in modules  # the probe ran and read the config
    assert heavy(modules, ("sqlite3", "reader.library.library", "reader.library.index", "yaml")) == []
    assert heavy(modules, ("multiprocessing", "concurrent.futures.process")) == []


def test_a_folder_large_enough_for_worker_processes_starts_only_the_resource_tracker(tmp_path: Path) -> None:
    """The tracker must see the real stderr, so it starts before the app takes it over; the pool
    starts the fork server itself if indexing needs processes."""
    folder = tmp_path / "letters"
    folder.mkdir()
    for number in range(WORKERS_FROM):
        (folder / f"letter{number:02}.txt").write_text("not parsed before the app\n", encoding="utf-8")
    modules = loaded(cli_code(tmp_path, folder))
    assert "multiprocessing.resource_tracker" in modules
    assert "multiprocessing.forkserver" not in modules
    assert heavy(modules, ("sqlite3", "reader.library.library", "reader.library.index")) == []


def cli_code(tmp_path: Path, folder: Path) -> str:
    return f"""
import os
os.environ["UN_READER_CONFIG"] = {str(tmp_path / "config.yaml")!r}
os.environ["UN_READER_DATA_DIR"] = {str(tmp_path / "data")!r}  # no documents folder of the user's
from pathlib import Path
from reader.app.app import cli_app
from reader.app.letters import expand_paths
app = cli_app([Path({str(folder)!r})], expand_paths([Path({str(folder)!r})]))
assert [str(f) for f in app.library_service.folders] == [{str(folder)!r}], app.library_service.folders
"""


def test_worker_count_threshold_is_the_scanners() -> None:
    from reader.library.scan import PARALLEL_FROM

    assert WORKERS_FROM == PARALLEL_FROM


def test_needs_worker_processes_counts_documents_up_to_the_threshold(tmp_path: Path) -> None:
    small, large = tmp_path / "small", tmp_path / "large"
    small.mkdir()
    large.mkdir()
    for number in range(WORKERS_FROM - 1):
        (small / f"l{number}.txt").write_text("x", encoding="utf-8")
        (large / f"l{number}.txt").write_text("x", encoding="utf-8")
    (small / "notes.bin").write_text("x", encoding="utf-8")  # not a document
    (large / "one-more.pdf").write_bytes(b"%PDF-1.4")
    assert not needs_worker_processes([small])
    assert needs_worker_processes([small, large])
    assert not needs_worker_processes([tmp_path / "missing"])


def test_the_cli_parses_the_first_letter_before_the_app_runs(tmp_path: Path) -> None:
    """The seed is shown at the very first paint: no parse worker, no "Loading…" screen first."""
    seed = ROOT / "seeds" / "letter_2021-02-08_azerbaijan.txt"
    code = f"""
import asyncio, os, time
os.environ["UN_READER_CONFIG"] = {str(tmp_path / "config.yaml")!r}
os.environ["UN_READER_DATA_DIR"] = {str(tmp_path / "data")!r}
os.environ["UN_READER_CACHE_DIR"] = {str(tmp_path / "cache")!r}
from pathlib import Path
from reader.app.app import cli_app
from reader.app.letters import expand_paths
sys.path.insert(0, {str(ROOT / "tests" / "app")!r})
from app_support import screen_text

seeds = Path({str(seed.parent)!r})
app = cli_app([seeds], expand_paths([seeds]))
before = {{"parsed": app.reader.shown_letter is not None, "pending": app.reader.pending}}

async def main():
    painted = []
    display = app._display
    def first(screen, renderable):
        display(screen, renderable)
        if renderable is not None and not painted:
            painted.append(dict(
                before,
                text=screen_text(app),
                workers=[w.name for w in app.workers],
                library=app.library_service.state,
                modules=sorted(sys.modules),
            ))
    app._display = first
    async with app.run_test(size=(120, 40)) as pilot:
        while not painted:
            await pilot.pause()
        await pilot.pause()
        deadline = time.monotonic() + 60  # "indexing 3/14…" counts up on a slow machine
        while app.library_service.library is None and time.monotonic() < deadline:
            await pilot.pause(0.05)
        painted[0]["after"] = app.library_service.state
    return painted[0]

at_paint = asyncio.run(main())
"""
    at_paint = json.loads(loaded(code, "[json.dumps(at_paint)]")[0])
    assert at_paint["parsed"] and at_paint["pending"] == 0
    assert "Letter dated 8 February 2021 from the Permanent" in at_paint["text"]  # the title, wrapped
    assert "At the end of the 1980s the people of Azerbaijan" in at_paint["text"]
    assert "Loading" not in at_paint["text"]
    # nothing competes with the first paint: no parse or indexing worker, no index, no processes
    assert at_paint["workers"] == [] and at_paint["library"] == ""
    assert (
        heavy(
            at_paint["modules"],
            ("sqlite3", "reader.library.index", "reader.library.scan", "multiprocessing", "yaml"),
        )
        == []
    )
    assert at_paint["after"].startswith("library: 14 letters")  # and the library then opens


def test_a_large_first_letter_is_left_to_the_parse_worker(tmp_path: Path) -> None:
    """Parsing a big file before the app would leave the terminal blank; the worker shows "Loading…"."""
    big = tmp_path / "big.txt"
    big.write_text("x" * (PARSE_FIRST_MAX + 1), encoding="utf-8")
    assert parse_first(big) is None
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    assert parse_first(bad) is None  # the worker reads it again and shows the error in the app
    assert parse_first(tmp_path / "missing.txt") is None
    seed = ROOT / "seeds" / "letter_2021-02-08_azerbaijan.txt"
    letter = parse_first(seed)
    assert letter is not None and letter.title.startswith("Letter dated 8 February 2021")


def small_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three fixture letters as the library, with config, index and reviews in `tmp_path`."""
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    folder = tmp_path / "library"
    folder.mkdir()
    for source in sorted(FIXTURE.glob("*.txt"))[:3]:
        shutil.copy(source, folder / source.name)
    return folder


async def run_until_indexed(app: ReaderApp) -> list[tuple[bool, bool, str]]:
    """Per screen write: (letter shown, indexing started, library state), until the library opened."""
    seen: list[tuple[bool, bool, str]] = []
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            seen.append(
                (app.reader.shown_letter is not None, app.reader.library_started, app.library_service.state)
            )

    app._display = spy  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 60  # a loaded machine indexes three letters slowly
        while app.library_service.library is None and time.monotonic() < deadline:
            await pilot.pause(0.02)
        assert app.library_service.state == "library: 3 letters"
    return seen


async def test_indexing_waits_until_the_letter_parsed_by_the_worker_is_painted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = small_library(tmp_path, monkeypatch)
    first = sorted(folder.iterdir())[0]
    seen = await run_until_indexed(ReaderApp([first], library=[folder]))  # the worker parses it
    shown = next(number for number, (letter, _, _) in enumerate(seen) if letter)
    assert shown > 0  # "Loading…" was painted first
    assert all(not started and state == "" for _, started, state in seen[: shown + 1])
    assert seen[-1][1]  # and indexing started after that paint


async def test_indexing_waits_for_the_first_paint_when_the_cli_parsed_the_letter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = small_library(tmp_path, monkeypatch)
    first = sorted(folder.iterdir())[0]
    letter = parse_first(first)
    assert letter is not None
    seen = await run_until_indexed(ReaderApp([first], library=[folder], first_letter=letter))
    assert seen[0] == (True, False, "")  # the letter at the first paint, nothing else started
    assert seen[-1][1]


def test_index_worker_processes_run_at_a_lower_priority_than_the_reader() -> None:
    """Indexing a large library beside the reader must give way to the UI on a machine of few cores."""
    with _pool(1) as pool:
        worker_niceness = pool.submit(os.nice, 0).result(timeout=60)
    assert worker_niceness == min(os.nice(0) + WORKER_NICENESS, 19)
    assert worker_niceness > os.nice(0)


SEED = ROOT / "seeds" / "letter_2021-02-08_azerbaijan.txt"


def test_the_first_letter_parsed_in_a_child_is_the_letter_the_parser_reads() -> None:
    from reader.parser import parse_path

    first = FirstLetter(SEED, fork=True)
    child = first._pid
    assert child  # a child parses it
    assert first.result() == parse_path(SEED)
    with pytest.raises(ChildProcessError):  # and it was reaped
        os.waitpid(child, os.WNOHANG)


def test_a_first_letter_that_fails_in_the_child_is_left_to_the_parse_worker(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    assert FirstLetter(bad, fork=True).result() is None
    big = tmp_path / "big.txt"
    big.write_text("x" * (PARSE_FIRST_MAX + 1), encoding="utf-8")
    large = FirstLetter(big, fork=True)
    assert not large._pid and large.result() is None  # no child for a large file
    assert FirstLetter(SEED, fork=False).result() is not None  # no fork: parsed in this process


def test_a_first_letter_not_wanted_is_ended_and_reaped() -> None:
    first = FirstLetter(SEED, fork=True)
    child = first._pid
    first.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def test_start_lists_the_files_as_the_app_does_and_parses_nothing_without_a_terminal(tmp_path: Path) -> None:
    from reader.app.letters import expand_paths

    paths = [tmp_path / "missing.txt", ROOT / "seeds", SEED, tmp_path]
    files, first = start(paths)
    assert files == expand_paths(paths)
    assert first is None  # pytest's stdout is no terminal: the app refuses to start, so no child


def test_un_reader_on_a_terminal_shows_the_letter_at_once_and_quits_with_0(tmp_path: Path) -> None:
    """The real command on a pseudo-terminal: the title appears without a "Loading…" screen first."""
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "UN_READER_CONFIG": str(tmp_path / "config.yaml"),
        "UN_READER_DATA_DIR": str(tmp_path / "data"),
        "UN_READER_CACHE_DIR": str(tmp_path / "cache"),
    }
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "reader"], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=env
    )
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 60
    try:
        while b"Permanent" not in output and time.monotonic() < deadline:
            if select.select([master], [], [], 0.5)[0]:
                output += os.read(master, 1 << 16)
        assert b"Permanent" in output, output[-2000:]
        assert b"Loading" not in output
        os.write(master, b"q")
        while process.poll() is None and time.monotonic() < deadline:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    os.read(master, 1 << 16)
                except OSError:
                    break
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)


def test_the_cli_parses_the_letter_the_screen_opens_not_one_the_last_session_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder named first reopens the last session's letter: parsing the folder's first file
    before the app would be work for nothing, so that file is left to the app like the others."""
    from reader.app.app import cli_app
    from reader.app.history import Location
    from reader.app.letters import expand_paths
    from reader.app.session_state import SessionStore

    folder = small_library(tmp_path, monkeypatch)
    files = expand_paths([folder])
    app = cli_app([folder], files)
    assert app.reader.letters.first is not None and app.reader.letters.first.letter is not None
    SessionStore.for_library([folder]).save(files[1], Location(letter="", pane="body", panes=()))
    app = cli_app([folder], files)
    assert app.reader.letters.first is not None and app.reader.letters.first.letter is None
    SessionStore.for_library([folder]).save(files[0], Location(letter="", pane="body", panes=()))
    app = cli_app([folder], files)  # the last place is in the first letter: parsed before the app
    assert app.reader.letters.first is not None and app.reader.letters.first.letter is not None
