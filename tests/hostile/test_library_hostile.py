"""Hostile folders, files and settings against `index`, `search`, `cited-by` and `check`, as a user runs them.

Every input is generated here (nothing large is shipped). Whatever the input, a command ends with
its exit code and, for bad input, one line `un-reader: error: ...` on stderr: never a traceback,
never a hang (each run has a timeout), never a change to the input files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import cli_env

ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "tests" / "fixtures" / "letters" / "text"
LATIN1_NAME = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name: normal on Linux, not UTF-8
CONTROL_NAME = "bad\x1b[31m\x07.txt"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    # strict, as on a UTF-8 terminal: a surrogate would be a traceback
    return cli_env(tmp_path, PYTHONIOENCODING="utf-8")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two real letters citing each other, one under a Latin-1 name, and a binary file named with
    control characters."""
    folder = tmp_path / "letters"
    folder.mkdir()
    shutil.copy(LETTERS / "S_2025_80.txt", folder / LATIN1_NAME)
    shutil.copy(LETTERS / "S_2025_147.txt", folder)
    (folder / CONTROL_NAME).write_bytes(b"\x00\x01\x02\x03" * 64)
    return folder


def run(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=timeout,
    )


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback, and nothing that would act on a terminal."""
    for stream in (result.stdout, result.stderr):
        assert "Traceback" not in stream
        assert "\x1b" not in stream and "\x07" not in stream
        assert not any("\udc80" <= ch <= "\udcff" for ch in stream)  # bytes that are not UTF-8


def one_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("un-reader: error: ")]
    assert len(errors) == 1 and errors == lines[-1:], result.stderr
    assert_clean(result)
    return errors[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {os.fsdecode(p): p.read_bytes() for p in Path(folder).rglob("*") if p.is_file()}


# -- file names that are not UTF-8, and unreadable files -------------------------------------------


def test_a_file_name_that_is_not_utf8_is_indexed_searched_and_checked(
    env: dict[str, str], folder: Path
) -> None:
    before = snapshot(folder)
    index = run(env, "index", str(folder))
    assert index.returncode == 0, index.stderr
    assert_clean(index)
    assert f"{folder}: 2 letters indexed (3 files read, 0 unchanged, 0 removed), 1 skipped" in index.stdout

    search = run(env, "search", "Secretary-General", "--library", str(folder))
    assert search.returncode == 0, search.stderr
    assert_clean(search)
    assert "S/2025/80 · 7 February 2025" in search.stdout

    cited = run(env, "cited-by", "S/2025/80", "--library", str(folder))
    assert cited.returncode == 0, cited.stderr
    assert_clean(cited)
    assert cited.stdout.splitlines()[0] == "S/2025/80 is cited by 1 letter:"

    check = run(env, "check", str(folder))
    assert_clean(check)
    assert f"S/2025/80 ({folder}/caf\ufffd.txt): " in check.stdout  # the name, with the bad byte visible
    assert snapshot(folder) == before  # input files are only read


def test_index_names_every_unreadable_file_with_its_reason(env: dict[str, str], folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    result = run(env, "index", str(folder))
    assert result.returncode == 0
    assert_clean(result)
    warnings = [line for line in result.stderr.splitlines() if line.startswith("un-reader: warning: ")]
    # one line per file: its name (controls made visible), then why (the formats' own words)
    assert len(warnings) == 2
    assert warnings[0].startswith(f"un-reader: warning: {folder}/bad\u241b[31m\u2407.txt: ")
    assert warnings[1].startswith(f"un-reader: warning: {folder}/empty.txt: ")
    assert "empty" in warnings[1]
    assert ", 2 skipped, " in result.stdout


def test_check_names_each_unreadable_file_and_exits_2(env: dict[str, str], folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    result = run(env, "check", str(folder))
    assert result.returncode == 2
    assert_clean(result)
    errors = [line for line in result.stderr.splitlines() if line.startswith("un-reader: error: ")]
    assert len(errors) == 2
    assert errors[0].startswith(f"un-reader: error: {folder}/bad\u241b[31m\u2407.txt: ")
    assert errors[1].startswith(f"un-reader: error: {folder}/empty.txt: ") and "empty" in errors[1]
    assert "2 letters checked" in result.stdout  # the readable ones are still checked


# -- hostile settings: config and review files ------------------------------------------------------

BOMB = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("libraries: " + "[" * 50_000 + "]" * 50_000 + "\n", "not valid YAML"),
        ("libraries: " + "[" * 100 + "]" * 100 + "\n", "nested more than"),
        (BOMB + "\nlibraries: *a9\n", "anchors or aliases"),
        ("- a\n- list\n", "expected a mapping"),
    ],
    ids=["50000-deep", "100-deep", "billion-laughs", "list"],
)
@pytest.mark.parametrize("command", [["search", "peace"], ["cited-by", "S/2025/80"], ["check", "LETTER"]])
def test_a_hostile_config_file_is_one_line(
    env: dict[str, str], folder: Path, config: str, message: str, command: list[str]
) -> None:
    Path(env["UN_READER_CONFIG"]).write_text(config, encoding="utf-8")
    args = [str(folder / "S_2025_147.txt") if arg == "LETTER" else arg for arg in command]
    started = time.monotonic()
    error = one_error(run(env, *args, timeout=60))
    assert message in error and env["UN_READER_CONFIG"] in error
    assert time.monotonic() - started < 30


@pytest.mark.parametrize(
    "review",
    ["letters: " + "[" * 50_000 + "]" * 50_000 + "\n", BOMB + "\nletters: *a9\n", "- a list\n"],
    ids=["50000-deep", "billion-laughs", "list"],
)
def test_a_hostile_review_file_is_one_line_and_never_rewritten(
    env: dict[str, str], folder: Path, review: str
) -> None:
    path = Path(env["UN_READER_DATA_DIR"]) / "review.yaml"
    path.parent.mkdir()
    path.write_text(review, encoding="utf-8")
    error = one_error(run(env, "check", str(folder / "S_2025_147.txt"), timeout=60))
    assert str(path) in error
    assert path.read_text(encoding="utf-8") == review


# -- the index: damaged, in the way, busy ------------------------------------------------------------


def index_file(env: dict[str, str], folder: Path) -> Path:
    from reader.library.index import index_path

    return index_path(folder.resolve(), Path(env["UN_READER_CACHE_DIR"]))


def test_search_and_cited_by_rebuild_a_damaged_index(env: dict[str, str], folder: Path) -> None:
    assert run(env, "index", str(folder)).returncode == 0
    db = index_file(env, folder)
    for extra in db.parent.glob("*.sqlite3-*"):
        extra.unlink()
    data = bytearray(db.read_bytes())
    page = 4096
    for start in range(2 * page, len(data), page):  # every page but the schema's: the header reads fine
        data[start : start + page] = b"\xa5" * page
    db.write_bytes(bytes(data))
    search = run(env, "search", "Secretary-General", "--library", str(folder))
    assert search.returncode == 0, search.stderr
    assert_clean(search)
    assert "S/2025/80 · 7 February 2025" in search.stdout and "run `un-reader index" not in search.stderr
    cited = run(env, "cited-by", "S/2025/80", "--library", str(folder))
    assert cited.returncode == 0, cited.stderr
    assert cited.stdout.splitlines()[0] == "S/2025/80 is cited by 1 letter:"


def test_a_folder_where_the_index_should_be_gives_a_temporary_index(
    env: dict[str, str], folder: Path
) -> None:
    index_file(env, folder).mkdir(parents=True)
    for command in (["index", str(folder)], ["search", "Secretary-General", "--library", str(folder)]):
        result = run(env, *command)
        assert result.returncode == 0, result.stderr
        assert_clean(result)
        notes = [line for line in result.stderr.splitlines() if line.startswith("un-reader: note: ")]
        assert len(notes) == 1 and "using a temporary index" in notes[0], result.stderr
    assert "S/2025/80" in result.stdout
    assert index_file(env, folder).is_dir()  # left as it was


def test_a_cache_that_cannot_be_created_gives_a_temporary_index(env: dict[str, str], folder: Path) -> None:
    Path(env["UN_READER_CACHE_DIR"]).write_text("a file, not a folder", encoding="utf-8")
    result = run(env, "cited-by", "S/2025/80", "--library", str(folder))
    assert result.returncode == 0, result.stderr
    assert "using a temporary index" in result.stderr and "S/2025/80 is cited by 1 letter:" in result.stdout
    assert not list(Path(env["UN_READER_CACHE_DIR"]).parent.glob("un-reader-index-*"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_gives_a_temporary_index(env: dict[str, str], folder: Path) -> None:
    cache = Path(env["UN_READER_CACHE_DIR"])
    (cache / "index").mkdir(parents=True)
    (cache / "index").chmod(0o500)
    try:
        result = run(env, "search", "Secretary-General", "--library", str(folder))
    finally:
        (cache / "index").chmod(0o700)
    assert result.returncode == 0, result.stderr
    assert "using a temporary index" in result.stderr


HOLD_LOCK = """
import fcntl, sys, time
handle = open(sys.argv[1], "a+b")
fcntl.flock(handle, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


def test_readers_do_not_wait_while_another_process_indexes(env: dict[str, str], folder: Path) -> None:
    assert run(env, "index", str(folder)).returncode == 0
    lock = index_file(env, folder).with_suffix(".lock")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        started = time.monotonic()
        search = run(env, "search", "Secretary-General", "--library", str(folder), timeout=20)
        cited = run(env, "cited-by", "S/2025/80", "--library", str(folder), timeout=20)
        check = run(env, "check", str(folder / "S_2025_147.txt"), timeout=20)
        assert time.monotonic() - started < 15
        for result in (search, cited):
            assert result.returncode == 0, result.stderr
            assert "being indexed by another process; using what it has indexed so far" in result.stderr
        assert "S/2025/80 · 7 February 2025" in search.stdout
        assert check.returncode == 0 and "S/2025/147" in check.stdout
        # a writer waits, says so once, and Ctrl-C stops it
        writer = subprocess.Popen(
            [sys.executable, "-m", "reader", "index", str(folder)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)
        assert writer.poll() is None
        writer.send_signal(2)
        _, err = writer.communicate(timeout=10)
        assert writer.returncode == 130
        assert err.strip().splitlines() == [
            f"un-reader: note: {folder}: waiting for another process indexing it (Ctrl-C stops)"
        ]
    finally:
        holder.kill()
        holder.wait(timeout=10)


@pytest.mark.parametrize(
    "config",
    ["libraries: " + "[" * 50_000 + "]" * 50_000 + "\n", BOMB + "\nlibraries: *a9\n"],
    ids=["50000-deep", "billion-laughs"],
)
async def test_the_app_still_opens_with_a_hostile_config_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    config: str,
) -> None:
    """The app's start-up path (`cli_app`, as `un-reader FOLDER` runs it): one line, then the reader."""
    from reader.app.app import ReaderApp, cli_app
    from reader.app.letters import expand_paths

    path = tmp_path / "config.yaml"
    path.write_text(config, encoding="utf-8")
    monkeypatch.setenv("UN_READER_CONFIG", str(path))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    app = cli_app([folder], expand_paths([folder]))
    assert isinstance(app, ReaderApp)
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"un-reader: warning: {path}: the config file ")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = app.reader.shown_letter
        assert shown is not None and shown.symbol in ("S/2025/80", "S/2025/147")
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_q_exits_at_once_while_another_process_holds_the_index_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    """A cold library another process is indexing: the app waits for it in its worker, and `q` still
    ends the app at once (the wait asks the app at every try whether to give up)."""
    from reader.app.app import cli_app
    from reader.app.letters import expand_paths
    from reader.library.index import index_path
    from reader.library.locks import file_lock

    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    lock = index_path(folder.resolve(), tmp_path / "cache").with_suffix(".lock")
    with file_lock(lock):  # held through another open file: to flock, another process
        app = cli_app([folder], expand_paths([folder]))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(1.0)
            assert app.reader.shown_letter is not None
            started = time.monotonic()
            await pilot.press("q")
        # the process exits only once its worker threads end (the wait of 33 s was there, after the
        # screen had gone): the thread waiting for the lock must give up as well
        while indexing_threads() and time.monotonic() - started < 3:
            time.sleep(0.05)
        assert indexing_threads() == []


def indexing_threads() -> list[str]:
    """Threads now inside `Index.open` (waiting for the lock or indexing)."""
    found = []
    for ident, frame in sys._current_frames().items():
        stack = frame
        while stack is not None:
            code = stack.f_code
            if code.co_name == "open" and code.co_filename.endswith(os.path.join("library", "index.py")):
                found.append(str(ident))
                break
            stack = stack.f_back
    return found
