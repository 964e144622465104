"""The app with a library: references into other letters, cited by, the library list, agenda letters,
full-text search and review marks, on copies of real fixture letters that cite each other.

The library folder and its index are built once per module (indexing is the slow part); each test
gets its own review state, so marks never leak between tests.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from app_support import citing_pair, loader_for, ready, screen_text, settled
from textual.pilot import Pilot

from reader.app import library_screens
from reader.app.app import ReaderApp
from reader.app.safe_text import one_line
from reader.app.screens.agenda_letters import AgendaLettersScreen
from reader.app.screens.cited_by import CitedByScreen
from reader.app.screens.library_list import LetterTable, LibraryScreen
from reader.app.screens.references import ReferencesScreen
from reader.app.screens.search import SearchScreen
from reader.app.widgets.letter_view import paragraph_block
from reader.library import LetterEntry
from reader.model import LetterKind
from tests.conftest import parsed_fixture

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "letters" / "text"
NAMES = (
    "A_79_818-S_2025_156",  # cites A/79/798 and A/79/802
    "A_79_798-S_2025_110",
    "A_79_802-S_2025_123",
    "S_2025_80",
    "S_2025_147",  # cites S/2025/80
    "S_2025_141",
)


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(library folder, cache folder) shared by the module's tests."""
    root = tmp_path_factory.mktemp("library")
    folder = root / "letters"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(FIXTURES / f"{name}.txt", folder / f"{name}.txt")
    return folder, root / "cache"


@pytest.fixture
def env(tmp_path: Path, shelf: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The library folder, with data, cache and config moved away from the home folder."""
    folder, cache = shelf
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(cache))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    return folder


def library_app(folder: Path, first: str) -> ReaderApp:
    return ReaderApp([folder / f"{first}.txt"], load=parsed_fixture, library=[folder])


def status(app: ReaderApp) -> str:
    return str(app.reader.status.render())


async def select_symbol(pilot: Pilot[int], app: ReaderApp, prefix: str) -> None:
    """Tab through the body's references until one with this symbol is selected."""
    for _ in range(len(app.reader.pane("body").marks) + 1):
        await pilot.press("tab")
        mark = app.reader.active_pane.selected_mark
        if (
            mark is not None
            and mark.reference is not None
            and (mark.reference.symbol or "").startswith(prefix)
        ):
            return
    raise AssertionError(f"no reference to {prefix} in the body")


def key_of(app: ReaderApp) -> str:
    return Path(app.reader.current or "").name


async def test_library_is_indexed_in_a_worker_and_named_in_the_status(env: Path) -> None:
    app = library_app(env, "A_79_818-S_2025_156")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert f"library: {len(NAMES)} letters" in status(app)


async def test_following_a_reference_opens_the_library_letter_and_back_returns(env: Path) -> None:
    app = library_app(env, "A_79_818-S_2025_156")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await select_symbol(pilot, app, "A/79/798")
        assert "library: Letter dated 20 February 2" in status(app)  # the review count keeps its room
        await pilot.press("enter")
        await ready(pilot)
        assert key_of(app) == "A_79_798-S_2025_110.txt"
        shown = app.reader.shown_letter
        assert shown is not None and shown.symbols == ("A/79/798", "S/2025/110")
        assert "A/79/798-S/2025/110" in str(app.reader.header.render())
        await pilot.press("backspace")
        assert key_of(app) == "A_79_818-S_2025_156.txt"
        mark = app.reader.pane("body").selected_mark
        assert mark is not None and mark.reference is not None
        assert mark.reference.symbol == "A/79/798-S/2025/110"  # back where the jump started
        await pilot.press("f")
        assert key_of(app) == "A_79_798-S_2025_110.txt"


async def test_cited_by_lists_the_citing_letter_and_opens_it_at_the_reference(env: Path) -> None:
    app = library_app(env, "A_79_798-S_2025_110")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, CitedByScreen)
        text = screen_text(app)
        assert "Cited by: letters citing A/79/798-S/2025/110" in text
        assert "A/79/818-S/2025/156" in text and "strongest protest" in text
        assert len(app.screen.rows) == 1
        await pilot.press("enter")
        await ready(pilot)
        assert key_of(app) == "A_79_818-S_2025_156.txt"
        mark = app.reader.active_pane.selected_mark
        assert mark is not None and mark.reference is not None
        assert mark.reference.symbol == "A/79/798-S/2025/110" and mark.reference.where == "p1"
        await pilot.press("backspace")
        assert key_of(app) == "A_79_798-S_2025_110.txt"


async def test_cited_by_says_so_when_nothing_cites_the_letter(env: Path) -> None:
    app = library_app(env, "S_2025_141")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("c")
        assert "No letter in the library cites this one." in screen_text(app)


async def test_library_list_filters_sorts_and_opens(env: Path) -> None:
    app = library_app(env, "A_79_818-S_2025_156")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one(LetterTable)
        dates = [e.date for e in table.rows]
        assert len(dates) == len(NAMES) and dates == sorted(d for d in dates if d is not None)
        await pilot.press(*"2025-02")  # a date: the letters of February 2025
        assert [e.symbol for e in table.rows] == ["S/2025/80", "A/79/798-S/2025/110", "A/79/802-S/2025/123"]
        assert "3 letters · sorted by date" in screen_text(app)
        await pilot.press("ctrl+t")
        assert [e.symbol for e in table.rows] == ["A/79/798-S/2025/110", "A/79/802-S/2025/123", "S/2025/80"]
        assert "sorted by symbol" in screen_text(app)
        await pilot.press("down", "enter")
        await ready(pilot)
        assert key_of(app) == "A_79_802-S_2025_123.txt"
        await pilot.press("backspace")
        assert key_of(app) == "A_79_818-S_2025_156.txt"


class CountingRows(Sequence[LetterEntry]):
    """100,000 rows that count how many are read: the list must read only what it shows."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read: set[int] = set()

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        if not 0 <= index < self.size:
            raise IndexError(index)
        self.read.add(index)
        return LetterEntry(
            Path(f"{index}.txt"),
            f"S/2025/{index}",
            (f"S/2025/{index}",),
            None,
            "Sender",
            "Title",
            LetterKind.LETTER,
            "text",
        )


async def test_library_list_reads_only_the_rows_on_screen(env: Path) -> None:
    rows = CountingRows(100_000)
    app = library_app(env, "S_2025_141")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        app.push_screen(LibraryScreen(lambda text, sort: rows))
        await pilot.pause()
        assert "100000 letters" in screen_text(app)
        await pilot.press("pagedown", "pagedown")
        assert app.screen.query_one(LetterTable).cursor > 40
        app.screen.query_one(LetterTable).focus()
        await pilot.press("end")
        await pilot.pause()
        assert "S/2025/99999" in screen_text(app)
        assert len(rows.read) < 200


async def test_enter_on_an_agenda_item_lists_the_library_letters_under_it(env: Path) -> None:
    app = library_app(env, "A_79_818-S_2025_156")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("3")
        for _ in range(10):
            await pilot.press("tab")
            mark = app.reader.pane("agenda").selected_mark
            if mark is not None and mark.anchor == "agenda:32":
                break
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, AgendaLettersScreen)
        symbols = [target.entry.symbol for _, target in screen.rows]
        assert symbols == ["A/79/798-S/2025/110", "A/79/802-S/2025/123", "A/79/818-S/2025/156"]
        assert "General Assembly (79), item 32" in screen_text(app)
        await pilot.press("down", "enter")
        await ready(pilot)
        assert key_of(app) == "A_79_802-S_2025_123.txt"


async def open_search(pilot: Pilot[int], app: ReaderApp) -> SearchScreen:
    """The library settled, then `s`: the search screen, its input focused."""
    await settled(pilot)
    await pilot.press("s")
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def test_search_shows_snippets_and_opens_the_letter_at_the_match(env: Path) -> None:
    app = library_app(env, "S_2025_141")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_search(pilot, app)
        await pilot.press(*"houthi attacks")
        assert {t.entry.symbol for _, t in screen.rows} == {"S/2025/80", "S/2025/147"}
        assert "further Houthi attacks on merchant" in screen_text(app)
        await pilot.press("enter")
        await ready(pilot)
        target = screen.rows[0][1]
        letter = app.reader.shown_letter
        assert letter is not None and letter.symbols == target.entry.symbols
        assert app.reader.find_query.lower() == "houthi" and app.reader.find_index is not None
        name, match = app.reader.find_hits[app.reader.find_index]
        assert name == "body"
        assert app.reader.pane("body").matches[match].block == paragraph_block(letter, target.where)


async def test_search_says_when_the_answer_was_cut_at_the_limit(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_screens, "SEARCH_LIMIT", 3)
    app = library_app(env, "S_2025_141")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_search(pilot, app)
        await pilot.press(*"the")
        assert len(screen.rows) == 3
        assert "Search the library  3 shown; more may match: narrow the search" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", *"houthi attacks")
        assert len(screen.rows) == 2
        assert "more may match" not in screen_text(app)
        assert "Search the library  2" in screen_text(app)


async def test_review_marks_show_in_status_and_list_and_survive_a_restart(env: Path, tmp_path: Path) -> None:
    app = library_app(env, "A_79_818-S_2025_156")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert "0 of " in status(app)
        await select_symbol(pilot, app, "A/79/798")
        await pilot.press("m")
        assert "✓ checked" in status(app)
        total = status(app).split("1 of ", 1)[1].split(" ", 1)[0]
        assert f"1 of {total} documents checked" in status(app)
        await select_symbol(pilot, app, "A/79/802")
        await pilot.press("x")
        await pilot.press(*"date looks wrong", "enter")
        assert "⚑ flagged: date looks wrong" in status(app)
        assert f"1 of {total} documents checked · {total} mentions, 1 flagged" in status(app)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReferencesScreen)
        labels = {e.label: e.detail for e in screen.entries}
        assert "✓ A/79/798-S/2025/110" in labels
        assert "flagged: date looks wrong" in labels["⚑ A/79/802-S/2025/123"]
        assert f"1 of {total} documents checked · {total} mentions, 1 flagged" in screen_text(app)
    (review,) = (tmp_path / "data" / "reviews").glob("*.yaml")  # one file per letter
    assert "date looks wrong" in review.read_text(encoding="utf-8")

    again = library_app(env, "A_79_818-S_2025_156")
    async with again.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await select_symbol(pilot, again, "A/79/798")
        counts = f"documents checked · {total} mentions, 1 flagged"
        assert "✓ checked" in status(again) and f"1 of {total} {counts}" in status(again)
        await pilot.press("m")  # again: unchecked
        assert "✓ checked" not in status(again) and f"0 of {total} {counts}" in status(again)


async def test_new_keys_are_in_help_and_palette(env: Path) -> None:
    app = library_app(env, "S_2025_141")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        table = dict((description, keys) for keys, description in app.reader.key_table())
        for description, key in (
            ("Letters in the library citing this one", "c"),
            ("Search the text of every letter in the library", "s"),
            ("Mark the selected reference's document checked, every mention of it (again: unmark)", "m"),
            ("Flag the selected reference's document with a note", "x"),
        ):
            assert table[description] == key
        names = {command.name for command in app.reader.palette_commands()}
        assert "Letters in the library citing this one" in names
        assert "Search the text of every letter in the library" in names


# -- snapshots: hand-built letters (a parser change never moves them), no paths, no clock ---------


def snapshot_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str) -> ReaderApp:
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    folder = tmp_path / "letters"
    folder.mkdir()
    one, two, three = citing_pair()
    letters = {"818.txt": one, "798.txt": two, "802.txt": three}
    for name in letters:
        (folder / name).write_text("hand-built", encoding="utf-8")
    return ReaderApp([folder / first], load=loader_for(letters), library=[folder])


def test_library_list_snapshot(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app = snapshot_app(tmp_path, monkeypatch, "818.txt")
    assert snap_compare(app, terminal_size=(120, 40), run_before=ready, press=["l"])


def test_cited_by_snapshot(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    app = snapshot_app(tmp_path, monkeypatch, "798.txt")
    assert snap_compare(app, terminal_size=(120, 40), run_before=ready, press=["c"])


# -- the command line's folders, progress, and the seeds ---------------------------------------


async def test_a_hand_edited_review_note_never_reaches_the_terminal(env: Path, tmp_path: Path) -> None:
    """review.yaml is the reader's to edit: a control character typed into a note is shown, not sent."""
    from app_support import terminal_output
    from textual.widgets import Input

    app = library_app(env, "A_79_818-S_2025_156")
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await select_symbol(pilot, app, "A/79/798")
        await pilot.press("x", *"plain", "enter")
        (review,) = (tmp_path / "data" / "reviews").glob("*.yaml")  # one file per letter
        review.write_text(review.read_text(encoding="utf-8").replace("plain", '"be\\x1b[2Jware"'), "utf-8")
        letter, mark = app.reader.shown_letter, app.reader.active_pane.selected_mark
        assert letter is not None and mark is not None and mark.reference is not None
        stored = app.library_service.reviews.get(letter, mark.reference)
        assert stored is not None and stored.note == "be\x1b[2Jware"
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.query_one("#flag-note", Input).value == "be\u241b[2Jware"
        assert "\x1b[2J" not in terminal_output(app)
        await pilot.press("escape")
        app.reader.refresh_status()  # the status line reads the edited file again
        assert "be\u241b[2Jware" in status(app)
        assert "\x1b[2J" not in terminal_output(app)


def test_library_folders_are_the_folders_named_and_the_configured_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.app.library_bridge import library_folders

    named, configured = tmp_path / "named", tmp_path / "configured"
    named.mkdir()
    configured.mkdir()
    config = tmp_path / "config.yaml"
    config.write_text("libraries: [configured]\n", encoding="utf-8")
    monkeypatch.setenv("UN_READER_CONFIG", str(config))
    letter = named / "a.txt"
    letter.write_text("x", encoding="utf-8")
    assert library_folders([named, letter]) == [named, configured.resolve()]
    assert library_folders([letter], configured=False) == []


def test_indexing_reports_progress_lines(env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.app.letters import OpenLetters
    from reader.app.library_bridge import LibraryBridge

    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "fresh-cache"))
    lines: list[str] = []
    bridge = LibraryBridge(OpenLetters([]))
    library = bridge.open([env], lines.append)
    try:
        assert f"indexing {len(NAMES)}/{len(NAMES)}…" in lines
        bridge.ready(library)
        assert bridge.state == f"library: {len(NAMES)} letters"
    finally:
        library.close()


def test_a_symbol_is_looked_up_in_the_library_once(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line asks on every key (resolve, then title_of): the index answers each symbol once."""
    from reader.app.letters import OpenLetters
    from reader.app.library_bridge import LibraryBridge
    from reader.library import Library

    bridge = LibraryBridge(OpenLetters([]))
    library = bridge.open([env], lambda _: None)
    calls: list[object] = []
    real = Library.resolve
    monkeypatch.setattr(
        Library, "resolve", lambda self, symbols: calls.append(symbols) or real(self, symbols)
    )
    try:
        bridge.ready(library)
        for _ in range(3):
            found = bridge.resolve(["A/79/798-S/2025/110", "A/79/798"])
            assert found is not None and found.path.name.startswith("A_79_798")
            assert bridge.title_of(["A/79/798-S/2025/110", "A/79/798"])
        assert len(calls) == 1
        assert bridge.resolve(["S/2099/1"]) is None
        assert len(calls) == 2
    finally:
        bridge.close()


async def test_a_library_folders_letters_are_parsed_when_shown_not_all_at_start(env: Path) -> None:
    """`un-reader FOLDER`: the index parses the folder; the app parses only the letter it shows."""
    from reader.app.letters import expand_paths

    files = expand_paths([env])
    assert len(files) > 2
    app = ReaderApp(files, load=parsed_fixture, library=[env])
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        entries = list(app.reader.letters)
        assert entries[0].letter is not None
        assert all(entry.loading for entry in entries[1:])
        app.reader._letter_chosen(entries[2].key)
        await ready(pilot)
        shown = app.reader.letters[entries[2].key]
        assert shown.letter is not None and app.reader.current == shown.key
        assert one_line(shown.letter.title)[:30] in screen_text(app)
        assert entries[1].key not in {e.key for e in app.reader.letters if not e.loading}


async def test_seeds_open_the_seed_letter_first_with_the_sample_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`un-reader` with no PATH: the seed letter shown, seeds/library indexed for jumps between letters."""
    from reader.app.letters import expand_paths
    from reader.app.library_bridge import library_folders
    from reader.cli import seeds_dir

    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    seeds = seeds_dir()
    files = expand_paths([seeds])
    # the seed letter first; the library folder's letters follow, parsed when shown
    assert files[0].name == "letter_2021-02-08_azerbaijan.txt"
    app = ReaderApp(files, load=parsed_fixture, library=library_folders([seeds]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert key_of(app) == "letter_2021-02-08_azerbaijan.txt"
        count = len(list((seeds / "library").glob("*.pdf"))) + 1
        assert f"library: {count} letters" in status(app)
        await pilot.press("l")
        assert f"{count} letters" in screen_text(app)
        await pilot.press(*"A/79/818", "enter")
        await ready(pilot)
        assert key_of(app) == "A_79_818-S_2025_156.pdf"
        await select_symbol(pilot, app, "A/79/798")
        await pilot.press("enter")
        await ready(pilot)
        assert key_of(app) == "A_79_798-S_2025_110.pdf"


async def test_library_text_is_shown_as_text_never_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Titles, senders and sentences from letters may hold markup or escape codes: shown, never obeyed."""
    from dataclasses import replace

    app = snapshot_app(tmp_path, monkeypatch, "798.txt")
    one, two, three = citing_pair()
    hostile = replace(one, title="[@click=app.quit]x[/] \x1b[31mred", sender="[bold]Sender[/]")
    app.library_service.parser = loader_for({"818.txt": hostile, "798.txt": two, "802.txt": three})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("l")
        text = screen_text(app)
        assert "[@click=app.quit]x[/] ␛[31mred" in text and "[bold]Sender[/]" in text
        await pilot.press("escape", "c")
        assert "[bold]Sender[/]" in screen_text(app)
        assert app.is_running
