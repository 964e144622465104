"""Faults around the index: stuck files, killed indexers, busy and closing indexes, files that raise."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from library_fakes import parse_fake, parse_slowly, write_letter

from reader.cli import main
from reader.library import Library, scan
from reader.library.index import Index, index_path
from reader.library.locks import file_lock
from reader.library.progress import Progress

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def letters(folder: Path, count: int, slow: int = 0) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(count):
        name = f"slow{i:03}" if i < slow else f"letter{i:03}"
        write_letter(folder, name, [f"S/2025/{i + 1}"], [f"Text of letter {i}, citing S/2025/{i + 2}."])
    return folder


def test_a_file_over_its_time_budget_is_skipped_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = letters(tmp_path / "letters", 3, slow=1)
    monkeypatch.setattr(scan, "FILE_BUDGET", 0.5)
    monkeypatch.setenv("UN_READER_TEST_SLEEP", "30")
    started = time.monotonic()
    with Library.open([folder], cache_dir=tmp_path / "cache", parser=parse_slowly, workers=1) as library:
        (report,) = library.reports
    assert time.monotonic() - started < 10
    assert report.letters == 2
    ((path, message),) = [(s.path, s.message) for s in report.skipped]
    assert path == str(folder / "slow000.txt")
    assert message == f"{folder / 'slow000.txt'}: skipped: reading it took over 0.5 s"


def test_the_budget_holds_in_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = letters(tmp_path / "letters", scan.PARALLEL_FROM, slow=2)
    monkeypatch.setenv("UN_READER_TEST_SLEEP", "30")  # the workers inherit it from the fork server
    started = time.monotonic()
    rows = [
        row
        for chunk in scan.read_all(list(scan.walk(folder)), parse_slowly, workers=2, budget=1.0)
        for row in chunk
    ]
    assert time.monotonic() - started < 20
    skipped = sorted(row.stat.path for row in rows if row.error)
    assert skipped == [str(folder / "slow000.txt"), str(folder / "slow001.txt")]
    assert all("took over 1 s" in (row.error or "") for row in rows if row.error)
    assert len(rows) == scan.PARALLEL_FROM


INDEXER = """
import sys
from pathlib import Path
from library_fakes import parse_slowly
from reader.library import Library
Library.open([Path(sys.argv[1])], cache_dir=Path(sys.argv[2]), parser=parse_slowly, workers=2)
"""


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rpartition(b")")[2].split()[0] != b"Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_the_indexer_is_killed(tmp_path: Path) -> None:
    """`kill -9` of an indexer: its workers, fork server and resource tracker go too, within seconds."""
    folder = letters(tmp_path / "letters", scan.PARALLEL_FROM + 4, slow=scan.PARALLEL_FROM + 4)
    pids = tmp_path / "pids"
    pids.mkdir()
    env = {
        **os.environ,
        "UN_READER_TEST_PIDS": str(pids),
        "UN_READER_TEST_SLEEP": "120",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE)]),
    }
    indexer = subprocess.Popen(
        [sys.executable, "-c", INDEXER, str(folder), str(tmp_path / "cache")], env=env, cwd=tmp_path
    )
    try:
        deadline = time.monotonic() + 30
        while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        started = [tuple(int(n) for n in p.name.split("-")) for p in pids.iterdir()]
        assert len(started) >= 2, "the workers did not start"
        workers = {pid for pid, _ in started}
        helpers = {ppid for _, ppid in started} | {
            int(p) for p in os.listdir("/proc") if p.isdigit() and _child_of(int(p), indexer.pid)
        }
        assert all(_running(pid) for pid in workers)
    finally:
        indexer.send_signal(signal.SIGKILL)
        indexer.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers | helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in workers | helpers if _running(pid)]
    for pid in left:  # never leave them behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == []


def _child_of(pid: int, parent: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return int(handle.read().rpartition(b")")[2].split()[1]) == parent
    except (OSError, ValueError, IndexError):
        return False


def test_a_reader_reads_the_last_committed_state_while_the_lock_is_held(tmp_path: Path) -> None:
    folder = letters(tmp_path / "letters", 3)
    cache = tmp_path / "cache"
    with Library.open([folder], cache_dir=cache, parser=parse_fake):
        pass
    write_letter(folder, "new", ["S/2025/99"], ["A letter added while another process indexes."])
    lock = index_path(folder.resolve(), cache).with_suffix(".lock")
    with file_lock(lock):  # another open file description: to flock, another process
        started = time.monotonic()
        with Library.open([folder], cache_dir=cache, parser=parse_fake) as library:
            assert time.monotonic() - started < 2
            (report,) = library.reports
            assert len(library) == 3 and not library.resolve("S/2025/99")
            assert report.notes == (
                f"{folder} is being indexed by another process; using what it has indexed so far",
            )


def test_a_writer_says_it_waits_and_can_give_up(tmp_path: Path) -> None:
    folder = letters(tmp_path / "letters", 2)
    cache = tmp_path / "cache"
    lock = index_path(folder.resolve(), cache).with_suffix(".lock")
    said: list[str] = []
    ticks: list[Progress] = []

    class Quit(Exception):
        pass

    def progress(step: Progress) -> None:
        ticks.append(step)
        if len(ticks) > 3:
            raise Quit  # as the app's quit does through its progress callback

    with file_lock(lock), pytest.raises(Quit):
        Library.open(
            [folder], cache_dir=cache, parser=parse_fake, wait=True, notice=said.append, progress=progress
        )
    assert said == [f"{folder}: waiting for another process indexing it (Ctrl-C stops)"]
    assert {step.phase for step in ticks} == {"waiting"}


def test_closing_never_waits_for_a_thread_using_the_index(tmp_path: Path) -> None:
    folder = letters(tmp_path / "letters", 2)
    index, _ = Index.open(folder, tmp_path / "cache", parser=parse_fake)
    busy = threading.Event()
    release = threading.Event()

    def use() -> None:
        with index._lock:  # a long query or a rebuild in another thread
            busy.set()
            release.wait(10)

    thread = threading.Thread(target=use)
    thread.start()
    busy.wait(5)
    started = time.monotonic()
    index.close()
    assert time.monotonic() - started < 0.5
    release.set()
    thread.join(5)
    with pytest.raises(Exception, match="closed"):
        index.count()


def test_check_reports_a_file_that_raises_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A parser bug in one file (an int() of a footnote marker `²`) is that file's error, not the run's."""
    import reader.parser

    folder = letters(tmp_path / "letters", 3)
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))

    def parse(path: Path) -> object:
        if Path(path).name == "letter001.txt":
            return int("²")
        return parse_fake(Path(path))

    monkeypatch.setattr(reader.parser, "parse_path", parse)
    assert main(["check", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert err.strip().splitlines()[-1] == (
        f"un-reader: error: {folder / 'letter001.txt'}: could not be read"
        " (ValueError: invalid literal for int() with base 10: '²')"
    )
    assert "2 letters checked" in out


def test_a_file_name_that_is_not_utf8_round_trips_through_the_index(tmp_path: Path) -> None:
    folder = letters(tmp_path / "letters", 1)
    latin1 = folder / os.fsdecode(b"caf\xe9.txt")
    write_letter(folder, "x", ["S/2025/50"], ["Citing S/2025/1."]).rename(latin1)
    for _ in range(2):  # built, then re-opened: the bytes key finds the file unchanged
        with Library.open([folder], cache_dir=tmp_path / "cache", parser=parse_fake) as library:
            (report,) = library.reports
            (match,) = library.resolve("S/2025/50")
            assert match.entry.path == latin1 and library.load(match.entry.path).symbol == "S/2025/50"
            assert [e.path for e in library.letters("caf\ufffd")] == [latin1]  # found by its shown name
            assert [c.entry.path for c in library.cited_by("S/2025/1")] == [latin1]
    assert (report.parsed, report.unchanged) == (0, 2)


def test_an_index_that_cannot_be_written_after_all_gives_a_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the checks before opening miss (a read-only file system, which root meets too) still ends
    in a temporary index: here the checks are switched off and a folder stands where the index goes."""
    from reader.library import index as index_module

    folder = letters(tmp_path / "letters", 2)
    monkeypatch.setattr(index_module, "_unusable", lambda db_path: "")
    db = index_path(folder.resolve(), tmp_path / "cache")
    db.mkdir(parents=True)
    with Library.open([folder], cache_dir=tmp_path / "cache", parser=parse_fake) as library:
        (report,) = library.reports
        assert len(library) == 2 and library.resolve("S/2025/1")
        (note,) = report.notes
        assert note.startswith(f"the index of {folder} cannot be written (") and note.endswith(
            "; using a temporary index for this run"
        )
        temp = library.indexes[0].db_path.parent.parent
        assert temp.name.startswith("un-reader-index-")
    assert not temp.exists() and db.is_dir()


def test_check_skips_a_file_over_the_budget_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import reader.parser

    folder = letters(tmp_path / "letters", 3, slow=1)
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    monkeypatch.setenv("UN_READER_TEST_SLEEP", "30")
    monkeypatch.setattr(scan, "FILE_BUDGET", 0.5)
    monkeypatch.setattr(reader.parser, "parse_path", parse_slowly)
    started = time.monotonic()
    assert main(["check", str(folder)]) == 2
    assert time.monotonic() - started < 10  # indexing and checking each stop the slow file at 0.5 s
    out, err = capsys.readouterr()
    assert err.strip().splitlines()[-1] == (
        f"un-reader: error: {folder / 'slow000.txt'}: skipped: reading it took over 0.5 s"
    )
    assert "2 letters checked" in out
