"""The reader as its users meet it (issue 11): small terminals, less/vim keys, URLs, the mouse,
unreadable files, a keymap from the config file, the last place restored, NO_COLOR and the console.

Hand-built letters (app_support), so what is asserted is the app's behaviour, not the parser's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import (
    app_for,
    citing_pair,
    loader_for,
    make_letter,
    ready,
    screen_text,
    seed_like_letter,
    terminal_output,
)

from reader.app.app import ReaderApp
from reader.app.history import PANES
from reader.app.layout import COLLAPSE_BELOW
from reader.app.screens.help import HelpScreen
from reader.app.screens.unreadable import UnreadableScreen
from reader.app.screens.url_panel import UrlPanel
from reader.app.session_state import SessionStore

SIZES = [(120, 36), (80, 24), (80, 15), (60, 12), (100, 14)]


def seed_app() -> ReaderApp:
    first, second, _ = citing_pair()
    return app_for({"seed.txt": seed_like_letter(), "818.txt": first, "798.txt": second})


def long_app(count: int = 120) -> ReaderApp:
    paragraphs = [f"Paragraph {i} of a long letter about nothing in particular." for i in range(count)]
    return app_for({"long.txt": make_letter(("A/1/1",), "A long letter", paragraphs)})


def said(app: ReaderApp) -> list[str]:
    """What the app told the person in notifications, in order."""
    return [notification.message for notification in app._notifications]


def side_shown(app: ReaderApp) -> bool:
    return app.reader.pane("footnotes").region.height > 0


# -- small terminals ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_the_letter_pane_gets_at_least_half_the_rows(size: tuple[int, int]) -> None:
    _width, height = size
    app = seed_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        body = app.reader.pane("body")
        assert body.region.height >= height / 2, (size, body.region)
        assert body.visible_text().startswith("Letter dated 8 February 2021")  # text, not only a border
        for name in ("footnotes", "agenda"):  # never taller than the letter
            assert app.reader.pane(name).region.height <= body.region.height
        assert side_shown(app) == (height >= COLLAPSE_BELOW)
        lines = screen_text(app).splitlines()
        assert lines[-1].rstrip().endswith("q Quit")  # the key bar never loses q
        if height < COLLAPSE_BELOW:  # collapsed side panes are still reachable with 2, 3 and w
            assert "Letter (1) · w: footnotes (2), agenda (3)" in screen_text(app)  # and say so
            await pilot.press("2")
            assert side_shown(app) and app.focused is app.reader.pane("footnotes")
            assert body.region.height >= height / 2
            assert "w: footnotes (2)" not in screen_text(app)
            await pilot.press("w")
            assert not side_shown(app) and app.focused is body
            assert "w: footnotes (2)" in screen_text(app)
            await pilot.press("w")
            assert side_shown(app)
            assert "w: footnotes (2)" not in screen_text(app)


async def test_an_empty_side_pane_is_one_line() -> None:
    first, _, _ = citing_pair()  # no footnotes
    app = app_for({"818.txt": first})
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        notes = app.reader.pane("footnotes")
        assert notes.region.height == 1
        assert "No footnotes." in screen_text(app)
        assert app.reader.pane("body").region.height >= 12


async def test_side_panes_come_back_when_the_terminal_grows() -> None:
    app = seed_app()
    async with app.run_test(size=(80, 12)) as pilot:
        await ready(pilot)
        assert not side_shown(app)
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert side_shown(app)


async def test_header_and_status_cut_with_an_ellipsis_and_the_key_bar_keeps_quit() -> None:
    letter = make_letter(
        ("A/79/1",), "A letter", ["Text."], sender="Permanent Representative of a Very Long Country Name " * 3
    )
    app = app_for({"long-sender.txt": letter})
    async with app.run_test(size=(60, 24)) as pilot:
        await ready(pilot)
        lines = screen_text(app).splitlines()
        assert lines[0].rstrip().endswith("…")
        assert len(lines[0]) == 60
        bar = lines[-1].rstrip()
        assert bar.endswith("…  q Quit")  # keys left out are said to be left out


# -- less and vim keys --------------------------------------------------------------------------


async def test_less_and_vim_keys_scroll_the_pane() -> None:
    app = long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        body = app.reader.pane("body")
        height = body.scrollable_content_region.height
        await pilot.press("j", "j", "j")
        assert body.scroll_y == 3
        await pilot.press("k")
        assert body.scroll_y == 2
        await pilot.press("ctrl+d")
        assert body.scroll_y == 2 + height // 2
        await pilot.press("ctrl+u")
        assert body.scroll_y == 2
        await pilot.press("ctrl+f")
        after_page = body.scroll_y
        assert after_page >= height - 1
        await pilot.press("ctrl+b")
        assert body.scroll_y < after_page
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y > 0
        await pilot.press("home")
        assert body.scroll_y == 0


async def test_less_and_vim_keys_scroll_the_help_screen() -> None:
    app = seed_app()
    async with app.run_test(size=(80, 20)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help-keys")
        await pilot.press("j", "j")
        assert keys.scroll_y == 2
        await pilot.press("k")
        assert keys.scroll_y == 1
        await pilot.press("G")
        assert keys.scroll_y == keys.max_scroll_y > 1
        await pilot.press("g")
        assert keys.scroll_y == 0
        await pilot.press("ctrl+d")
        assert keys.scroll_y > 1
        await pilot.press("ctrl+u")
        assert keys.scroll_y == 0
        await pilot.press("ctrl+f")
        assert keys.scroll_y > 1
        await pilot.press("ctrl+b")
        assert keys.scroll_y == 0


async def test_ctrl_o_and_ctrl_i_go_back_and_forward() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("right_curly_bracket")  # a jump to the next letter
        assert Path(app.reader.current or "").name == "818.txt"
        await pilot.press("ctrl+o")
        assert Path(app.reader.current or "").name == "seed.txt"
        await pilot.press("ctrl+i")
        assert Path(app.reader.current or "").name == "818.txt"


async def test_braces_show_the_next_and_previous_letter() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("left_curly_bracket")
        assert "This is the first letter." in said(app)
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        assert Path(app.reader.current or "").name == "798.txt"
        assert "3/3" in screen_text(app).splitlines()[0]
        await pilot.press("right_curly_bracket")
        assert "This is the last letter." in said(app)
        await pilot.press("left_curly_bracket")
        assert Path(app.reader.current or "").name == "818.txt"


# -- feedback -----------------------------------------------------------------------------------


async def test_going_back_with_nothing_to_go_back_to_says_so() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("b")
        assert "Nothing to go back to." in said(app)
        await pilot.press("f")
        assert "Nothing to go forward to." in said(app)


async def test_find_says_when_it_wraps() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"agenda", "enter")
        total = len(app.reader.find_hits)
        assert total >= 2
        for _ in range(total - 1 - (app.reader.find_index or 0)):
            await pilot.press("n")
        assert not [text for text in said(app) if "wrapped" in text]
        await pilot.press("n")
        assert app.reader.find_index == 0
        assert "Find wrapped to the first match." in said(app)
        await pilot.press("N")
        assert app.reader.find_index == total - 1
        assert "Find wrapped to the last match." in said(app)


async def test_a_file_that_could_not_be_read_does_not_suggest_tab() -> None:
    app = app_for({}, extra=["broken.txt"])
    async with app.run_test(size=(100, 24)) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "broken.txt: not a letter" in text
        status, keys = text.splitlines()[-2:]
        assert "tab" not in status and "Could not be read" in status and "E: unreadable files" in status
        assert "Next ref" not in keys and "Follow" not in keys and "q Quit" in keys


# -- copying and opening URLs -------------------------------------------------------------------


async def test_without_a_clipboard_y_shows_the_text_to_select(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "Y")
        assert isinstance(app.screen, UrlPanel)
        assert "https://undocs.org/en/A/75/710" in screen_text(app)
        assert app.clipboard == ""  # nothing claimed to be copied
        assert not [text for text in said(app) if "clipboard" in text]
        await pilot.press("escape")
        assert not isinstance(app.screen, UrlPanel)


async def test_o_opens_the_url_in_a_thread_when_there_is_a_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setenv("BROWSER", "firefox")
    opened: list[tuple[str, bool]] = []
    release = threading.Event()

    def opener(url: str) -> bool:
        release.wait(5)  # a slow browser: the app must not wait for it
        opened.append((url, threading.current_thread() is threading.main_thread()))
        return True

    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.reader.url_opener = opener
        await pilot.press("tab", "o")
        await pilot.press("tab")  # the app still answers keys while the browser starts
        assert app.reader.active_pane.selected == 1
        release.set()
        for _ in range(50):
            await pilot.pause(0.02)
            if opened and "Opened in the browser: https://undocs.org/en/A/75/710" in said(app):
                break
        assert opened == [("https://undocs.org/en/A/75/710", False)]
        assert "Opened in the browser: https://undocs.org/en/A/75/710" in said(app)


async def test_o_over_ssh_without_a_display_shows_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 22")
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.reader.url_opener = lambda url: pytest.fail("no browser must be started")  # type: ignore[assignment]
        await pilot.press("tab", "o")
        assert isinstance(app.screen, UrlPanel)
        assert "https://undocs.org/en/A/75/710" in screen_text(app)


async def test_o_without_a_selection_says_what_to_do() -> None:
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("o")
        assert "Nothing selected: tab selects a reference." in said(app)


# -- the mouse ----------------------------------------------------------------------------------


def _cell_of(app: ReaderApp, text: str) -> tuple[int, int]:
    """The (x, y) on screen of the first cell of `text`."""
    for y, line in enumerate(screen_text(app).splitlines()):
        if text in line:
            return line.index(text), y
    raise AssertionError(f"{text!r} is not on screen")


async def test_a_click_selects_a_reference_and_a_double_click_follows_it() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        x, y = _cell_of(app, "A/74/450-S/2019/762 and decision")
        await pilot.click(offset=(x + 2, y))
        mark = app.reader.pane("body").selected_mark
        assert mark is not None and mark.reference is not None
        assert mark.reference.symbol == "A/74/450-S/2019/762"
        assert "A/74/450-S/2019/762" in screen_text(app).splitlines()[-2]
        x, y = _cell_of(app, "A/75/710-S/2021/42")
        await pilot.click(offset=(x + 1, y), times=2)
        await pilot.pause()
        # not in the library: the panel for the symbol
        assert type(app.screen).__name__ == "SymbolPanel"


async def test_a_click_on_plain_text_selects_nothing() -> None:
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        x, y = _cell_of(app, "At the end of the 1980s")
        await pilot.click(offset=(x + 3, y))
        assert app.reader.pane("body").selected is None


# -- unreadable files ---------------------------------------------------------------------------


async def test_unreadable_files_are_named_with_their_reason() -> None:
    app = app_for({"seed.txt": seed_like_letter()}, extra=["broken.txt"])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("E")
        assert isinstance(app.screen, UnreadableScreen)
        text = screen_text(app)
        assert "broken.txt" in text and "not a letter (no title found)" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, UnreadableScreen)
        names = [command.name for command in app.reader.palette_commands()]
        assert "The files that could not be read, and why" in names


# -- keymap from the config file ----------------------------------------------------------------


async def test_a_keymap_in_the_config_file_changes_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.app.app import cli_app

    config = tmp_path / "config.yaml"
    config.write_text("keymap:\n  next-reference: ctrl+n\n  find: ctrl+k, F2\n", encoding="utf-8")
    monkeypatch.setenv("UN_READER_CONFIG", str(config))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    letter = tmp_path / "seed.txt"
    letter.write_text("hand-built", encoding="utf-8")
    app = cli_app([letter], [letter], libraries=[])
    assert app.keymap == {"next-reference": "ctrl+n", "find": "ctrl+k,F2"}
    app.library_service.parser = lambda path: seed_like_letter()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("tab")
        assert app.reader.pane("body").selected is None  # tab no longer selects (it moves the focus)
        await pilot.press("1", "ctrl+n")
        assert app.reader.pane("body").selected == 0
        await pilot.press("ctrl+k")
        assert app.reader.find_bar.has_class("-shown")
        await pilot.press("escape", "question_mark")
        rows = {description: keys for keys, description in app.screen.rows}  # type: ignore[attr-defined]
        assert rows["Select the next reference in this pane"] == "^n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("keymap:\n  no-such-action: x\n", "unknown binding id 'no-such-action'"),
        ("keymap:\n  find: ' , '\n", "no key given for 'find'"),
        ("keymap: [find]\n", "`keymap` must map binding ids to keys"),
    ],
)
def test_a_bad_keymap_is_one_warning_line_and_the_default_keys(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    text: str,
    message: str,
) -> None:
    from reader.app.keymap import configured_keymap

    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("UN_READER_CONFIG", str(config))
    assert configured_keymap() == {}
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("un-reader: warning: ") and message in line


# -- the last place -----------------------------------------------------------------------------


async def test_the_last_letter_pane_and_position_are_restored(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "data" / "session.json", "library-key")

    first, second, _ = citing_pair()
    letters = {"seed.txt": seed_like_letter(), "818.txt": first, "798.txt": second}
    for name in letters:
        (tmp_path / name).write_text("hand-built", encoding="utf-8")

    def app() -> ReaderApp:
        paths = [tmp_path / name for name in letters]
        return ReaderApp(paths, load=loader_for(letters), session=store)

    first_run = app()
    async with first_run.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.press("right_curly_bracket", "2", "tab")  # 818.txt has no footnotes: agenda instead
        await pilot.press("1", "tab", "tab")
        selected = first_run.reader.pane("body").selected
        assert Path(first_run.reader.current or "").name == "818.txt" and selected == 1
    assert store.path.is_file()
    second_run = app()
    async with second_run.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await pilot.pause()
        assert Path(second_run.reader.current or "").name == "818.txt"
        assert second_run.reader.active_pane_name == "body"
        assert second_run.reader.pane("body").selected == 1
        assert "A/79/802-S/2025/123" in screen_text(second_run).splitlines()[-2]


def test_a_damaged_session_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    store = SessionStore(path, "key")
    for text in ("not json", "[1, 2]", '{"key": {"path": 3, "panes": {"body": ["x", 1]}}}', '{"key": 5}'):
        path.write_text(text, encoding="utf-8")
        place = store.load()
        assert place is None or place.location.state("body").selected is None
    path.write_text('{"key": {"path": "/x", "pane": "nowhere", "panes": {}}}', encoding="utf-8")
    place = store.load()
    assert place is not None and place.location.pane == "body"
    assert set(PANES) >= {"body"}


def test_the_session_file_lives_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "elsewhere"))
    store = SessionStore.for_library([tmp_path])
    assert store.path == tmp_path / "elsewhere" / "session.json"


# -- NO_COLOR and the Linux console -------------------------------------------------------------


async def test_with_no_color_the_focused_pane_is_told_apart_by_its_border(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)

        def top_left(name: str) -> str:
            region = app.reader.pane(name).region
            return screen_text(app).splitlines()[region.y][region.x]

        assert top_left("body") == "┏" and top_left("footnotes") == "╭"
        await pilot.press("2")
        assert top_left("body") == "╭" and top_left("footnotes") == "┏"
        assert "\x1b[38;2" not in terminal_output(app)  # no colour at all


async def test_on_the_linux_console_corners_are_square(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    app = seed_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "╭" not in text and "╮" not in text and "┏" not in text
        assert "┌" in text and "╔" in text  # unfocused square, focused double


async def test_the_symbol_panel_copies_the_symbol_with_y_and_the_url_with_shift_y(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "enter")  # A/75/710-S/2021/42 is not open: its panel
        assert type(app.screen).__name__ == "SymbolPanel"
        await pilot.press("y")
        assert app.clipboard == "A/75/710-S/2021/42"
        await pilot.press("Y")
        assert app.clipboard == "https://undocs.org/en/A/75/710"
        assert "Sent to the terminal's clipboard (OSC 52): https://undocs.org/en/A/75/710" in said(app)
        assert not [text for text in said(app) if text.startswith("Copied")]


def test_the_last_place_is_restored_only_when_a_folder_comes_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.app.app import cli_app

    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "none.yaml"))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "letters"
    folder.mkdir()
    letter = folder / "a.txt"
    letter.write_text("hand-built", encoding="utf-8")
    from_folder = cli_app([folder], [letter])
    assert from_folder.reader.session is not None and from_folder.reader.session.restore
    from_file = cli_app([letter, folder], [letter])
    assert from_file.reader.session is not None and not from_file.reader.session.restore
    assert from_file.reader.session.path == tmp_path / "data" / "session.json"
    assert cli_app([letter], [letter]).reader.session is None  # no library: nothing to restore


@pytest.mark.parametrize("size", [(120, 36), (80, 15), (60, 12)])
def test_main_screen_snapshots_at_small_and_wide_sizes(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """80x24 and 120x40 are in test_app_snapshots; these show the letter's rows at the other sizes."""
    assert snap_compare(seed_app(), terminal_size=size, run_before=ready, press=["tab"])


def test_an_empty_footnotes_pane_snapshot_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    first, second, _ = citing_pair()
    app = app_for({"818.txt": first, "798.txt": second})
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


async def test_a_restored_letter_not_on_the_command_line_is_opened_and_parsed(tmp_path: Path) -> None:
    """The last letter was one opened from the library: the next start opens it again."""
    from reader.app.history import Location, PaneState

    _first, second, _ = citing_pair()
    letters = {"seed.txt": seed_like_letter(), "798.txt": second}
    for name in letters:
        (tmp_path / name).write_text("hand-built", encoding="utf-8")
    store = SessionStore(tmp_path / "session.json", "key")
    store.save(tmp_path / "798.txt", Location("", "body", (("body", PaneState(0, 0)),)))
    app = ReaderApp([tmp_path / "seed.txt"], load=loader_for(letters), session=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await ready(pilot)
        assert Path(app.reader.current or "").name == "798.txt"
        assert app.reader.pane("body").selected == 0
        assert "A/79/818" in screen_text(app).splitlines()[-2]
        assert "A/79/798-S/2025/110" in screen_text(app).splitlines()[0]


async def test_the_reader_opens_with_default_keys_after_a_bad_keymap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`un-reader FOLDER` with a typo in the keymap: one line naming it, then the reader, keys as usual."""
    from reader.app.app import cli_app

    config = tmp_path / "config.yaml"
    config.write_text("keymap:\n  fnd: ctrl+k\n", encoding="utf-8")
    monkeypatch.setenv("UN_READER_CONFIG", str(config))
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    letter = tmp_path / "a.txt"
    letter.write_text("hand-built", encoding="utf-8")
    app = cli_app([letter], [letter])
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("un-reader: warning: ") and "unknown binding id 'fnd'" in line
    assert line.endswith("the default keys are used")
    assert app.keymap == {}
    app.library_service.parser = lambda path: seed_like_letter()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert app.reader.find_bar.has_class("-shown")


async def test_o_shows_the_url_when_the_browser_cannot_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER", "no-such-browser")
    app = seed_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.reader.url_opener = lambda url: False
        await pilot.press("tab", "o")
        for _ in range(50):
            await pilot.pause(0.02)
            if isinstance(app.screen, UrlPanel):
                break
        assert isinstance(app.screen, UrlPanel)
        assert "The browser could not be started" in screen_text(app)
        assert "https://undocs.org/en/A/75/710" in screen_text(app)


async def test_back_to_another_letter_puts_its_scroll_back() -> None:
    paragraphs = [f"Paragraph {i} of a long letter about nothing in particular." for i in range(120)]
    first, _, _ = citing_pair()
    app = app_for({"long.txt": make_letter(("A/1/1",), "A long letter", paragraphs), "818.txt": first})
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press(*"jjjjjjjjjj")
        assert app.reader.pane("body").scroll_y == 10
        await pilot.press("right_curly_bracket")
        assert Path(app.reader.current or "").name == "818.txt"
        await pilot.press("ctrl+o")
        assert Path(app.reader.current or "").name == "long.txt"
        assert app.reader.pane("body").scroll_y == 10
        await pilot.pause()
        # the title, then two lines a paragraph: line 10 is paragraph 4
        assert app.reader.pane("body").visible_text().startswith("Paragraph 4 ")


async def test_hints_in_sentences_name_remapped_keys() -> None:
    app = app_for({}, extra=["broken.txt"])
    app.set_keymap({"unreadable": "f9", "back": "ctrl+z"})
    async with app.run_test(size=(120, 24)) as pilot:
        await ready(pilot)
        status = screen_text(app).splitlines()[-2]
        assert "f9: unreadable files" in status and "^z: back" in status
        assert "E:" not in status
        await pilot.press("f9")
        assert isinstance(app.screen, UnreadableScreen)
