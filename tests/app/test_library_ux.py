"""The library as its users meet it (issue 11): the list of the 13 sample letters at 80 and 120
columns, the cursor on the shown letter, Home/End in the list, `g` completing from the library,
unreadable files named, and the first indexing usable before it ends.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from app_support import doc, loader_for, make_letter, ready, screen_text
from textual.pilot import Pilot

from reader.app.app import ReaderApp
from reader.app.letters import expand_paths
from reader.app.screens.cited_by import CitedByScreen
from reader.app.screens.goto import GotoScreen
from reader.app.screens.library_list import LibraryScreen, row_text, short_title
from reader.app.screens.search import SearchScreen
from reader.app.screens.unreadable import UnreadableScreen
from reader.cli import seeds_dir
from tests.conftest import parsed_fixture

SAMPLES = seeds_dir() / "library"
TEXTS = Path(__file__).resolve().parent.parent / "fixtures" / "letters" / "text"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index cache for the module: the sample letters are indexed once."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def env(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(cache))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    return tmp_path


def samples_app(first: str = "S_2025_311.pdf") -> ReaderApp:
    files = expand_paths([SAMPLES])
    files.remove(SAMPLES / first)
    return ReaderApp([SAMPLES / first, *files], load=parsed_fixture, library=[SAMPLES])


async def library_ready(pilot: Pilot[int]) -> None:
    await ready(pilot)
    app = pilot.app
    assert isinstance(app, ReaderApp)
    assert app.library_service.library is not None, app.library_service.state
    await pilot.pause()


# -- the list -----------------------------------------------------------------------------------


def test_library_list_of_the_samples_at_80_columns(snap_compare, env: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(samples_app(), terminal_size=(80, 24), run_before=library_ready, press=["l"])


def test_library_list_of_the_samples_at_120_columns(snap_compare, env: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(samples_app(), terminal_size=(120, 36), run_before=library_ready, press=["l"])


@pytest.mark.parametrize("width", [80, 120])
async def test_the_samples_rows_can_be_told_apart(env: Path, width: int) -> None:
    app = samples_app()
    async with app.run_test(size=(width, 36)) as pilot:
        await library_ready(pilot)
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.table
        rows = [
            row_text(table.rows[i], table.scrollable_content_region.width) for i in range(len(table.rows))
        ]
        assert len(rows) == 13 and len(set(rows)) == 13
        text = screen_text(app)
        for entry in (table.rows[i] for i in range(13)):
            assert entry.label in text  # whole symbols, never cut
            assert short_title(entry)[:12] in text  # the title column is there at 80 columns too
        assert "Armenia to Secretary-General" in text
        assert "Denmark to Secretary-General" in text
        assert (
            "Chair of the Peacebuilding Commission to President of the Security Council"[: width // 4] in text
        )
        assert not [
            row for row in rows if "Permanent Representative of" in row
        ]  # the country, not the office


async def test_the_cursor_starts_on_the_shown_letter_and_home_end_move_the_list(env: Path) -> None:
    app = samples_app("S_2025_311.pdf")
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(pilot)
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.pause()
        assert screen.table.current is not None and screen.table.current.symbol == "S/2025/311"
        await pilot.press(*"2025")
        await pilot.press("end")
        assert screen.table.cursor == len(screen.table.rows) - 1 > 0
        await pilot.press("home")
        assert screen.table.cursor == 0
        assert screen.query_one("#library-filter").value == "2025"  # type: ignore[attr-defined]
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"S/2025/311")
        assert "Library  1 letter ·" in screen_text(app)
        await pilot.press("enter")
        assert not isinstance(app.screen, LibraryScreen)


async def test_g_completes_from_the_whole_library(env: Path) -> None:
    app = samples_app("S_2025_311.pdf")
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(pilot)
        parsed = {entry.key for entry in app.reader.letters if entry.letter is not None}
        assert len(parsed) == 1  # only the shown letter is parsed: the others are in the library
        await pilot.press("g")
        assert isinstance(app.screen, GotoScreen)
        suggester = app.screen.suggester
        assert await suggester.get_suggestion("s/2025/50") == "S/2025/508"  # not open: the library's
        assert await suggester.get_suggestion("a/79/80") == "A/79/802-S/2025/123"
        assert await suggester.get_suggestion("x/1") is None
        await pilot.press(*"A/79/81")
        await pilot.pause()
        assert "A/79/818-S/2025/156" in screen_text(app)  # offered as completion
        await pilot.press("right", "enter")
        await ready(pilot)
        assert Path(app.reader.current or "").name == "A_79_818-S_2025_156.pdf"


# -- unreadable files ---------------------------------------------------------------------------


async def test_the_librarys_unreadable_files_are_named_with_their_reason(env: Path) -> None:
    folder = env / "letters"
    folder.mkdir()
    shutil.copy(TEXTS / "S_2025_80.txt", folder / "S_2025_80.txt")
    (folder / "scrambled.txt").write_bytes(b"\xff\xfe\x00garbage\x00\x01" * 10)
    app = ReaderApp([folder / "S_2025_80.txt"], load=parsed_fixture, library=[folder])
    async with app.run_test(size=(120, 30)) as pilot:
        await library_ready(pilot)
        assert "1 unreadable (E lists them)" in screen_text(app)
        await pilot.press("E")
        assert isinstance(app.screen, UnreadableScreen)
        text = screen_text(app)
        assert "scrambled.txt" in text
        reason = app.library_service.bridge.unreadable[0].message
        assert reason and reason[:30] in text


# -- the first indexing -------------------------------------------------------------------------


async def test_list_cited_by_and_search_work_on_what_is_indexed_so_far(env: Path) -> None:
    """40 letters, the parse of the last chunk held back: the first 32 are usable while it waits."""
    folder = env / "big"
    folder.mkdir()
    letters = {}
    for number in range(1, 41):
        text = f"Letter number {number} about fisheries. It recalls S/2025/1." if number > 1 else "The first."
        name = f"S_2025_{number}.txt"
        refs = [doc("S/2025/1", "p1", text)] if number > 1 else []
        letters[name] = make_letter((f"S/2025/{number}",), f"Letter {number} from Narnia", [text], refs=refs)
        (folder / name).write_text("hand-built", encoding="utf-8")
    release = threading.Event()
    parse = loader_for(letters)

    seen: set[str] = set()  # the shown letter is parsed twice: for the screen and for the index

    def held(path: Path):  # type: ignore[no-untyped-def]
        first_time = path.name not in seen
        seen.add(path.name)
        if first_time and len(seen) == 33:  # the first file of the index's second chunk of 32
            release.wait(30)
        return parse(path)

    app = ReaderApp([folder / "S_2025_1.txt"], load=held, library=[folder])
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(200):
                await pilot.pause(0.05)
                if "indexing 32/40…" in screen_text(app):
                    break
            assert app.library_service.library is None, screen_text(app).splitlines()[-2]
            assert app.library_service.bridge.partial() is not None
            assert "indexing 32/40…" in screen_text(app)
            await pilot.press("l")
            assert isinstance(app.screen, LibraryScreen)
            text = screen_text(app)
            assert "32 letters" in text and "indexed so far, indexing 32/40…" in text
            await pilot.press("escape", "c")
            assert isinstance(app.screen, CitedByScreen)
            assert "letters citing S/2025/1 (indexed so far; indexing 32/40…)" in screen_text(app)
            assert len(app.screen.rows) >= 20  # citing letters indexed so far
            await pilot.press("escape")
            await pilot.pause()
            assert "indexing 32/40…" in screen_text(app).splitlines()[-2]  # the toast leaves it in view
            await pilot.press("s")
            assert isinstance(app.screen, SearchScreen)
            await pilot.press(*"fisheries")
            await pilot.pause(0.3)
            assert len(app.screen.rows) >= 20
            await pilot.press("escape")
            release.set()
            for _ in range(200):
                await pilot.pause(0.05)
                if app.library_service.library is not None:
                    break
            assert "library: 40 letters" in screen_text(app)
    finally:
        release.set()


def test_search_during_a_bulk_first_build_says_full_text_comes_at_the_end(env: Path) -> None:
    import sqlite3

    from reader.app.library_screens import _full_text_pending
    from reader.library import Library

    folder = env / "few"
    folder.mkdir()
    shutil.copy(TEXTS / "S_2025_80.txt", folder / "S_2025_80.txt")
    library = Library.open([folder], parser=parsed_fixture)
    try:
        assert not _full_text_pending(library)
        with sqlite3.connect(library.indexes[0].db_path) as db:
            db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('fts', 'pending')")
        assert _full_text_pending(library)
    finally:
        library.close()


async def test_the_header_and_the_library_count_the_same_letters(env: Path) -> None:
    """A subfolder and a Markdown letter: opened by the app and indexed alike (one rule for both)."""
    from reader.app.app import cli_app

    folder = env / "counted"
    (folder / "older").mkdir(parents=True)
    shutil.copy(TEXTS / "S_2025_80.txt", folder / "S_2025_80.txt")
    shutil.copy(TEXTS / "S_2025_141.txt", folder / "older" / "S_2025_141.txt")
    shutil.copy(seeds_dir() / "letter_2021-02-08_azerbaijan.txt", folder / "seed.md")
    (folder / "notes.odt").write_text("not a document", encoding="utf-8")
    files = expand_paths([folder])
    app = cli_app([folder], files, libraries=[])
    app.library_service.parser = parsed_fixture
    async with app.run_test(size=(120, 30)) as pilot:
        await library_ready(pilot)
        text = screen_text(app)
        assert text.splitlines()[0].lstrip().startswith("1/3 ")
        assert "library: 3 letters" in text
