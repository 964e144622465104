"""Every key of the reader, driven with Pilot on hand-built letters (the parser is tested elsewhere)."""

from __future__ import annotations

import pytest
from app_support import app_for, citing_pair, ready, screen_text, seed_like_letter

from reader.app.screens.goto import GotoScreen
from reader.app.screens.help import HelpScreen
from reader.app.screens.letters import LettersScreen
from reader.app.screens.references import ReferencesScreen
from reader.app.screens.symbol_panel import SymbolPanel
from reader.app.widgets.status import StatusLine
from reader.model import RefKind


def status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.query_one(StatusLine).render())


def selected_text(app, pane: str = "body") -> str:  # type: ignore[no-untyped-def]
    mark = app.reader.pane(pane).selected_mark
    assert mark is not None
    return app.reader.pane(pane).blocks[mark.block].text[mark.start : mark.end]


async def test_opens_first_letter_with_header_and_panes() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "A/75/760-S/2021/126 · 8 February 2021 · Azerbaijan" in text
        assert "Letter dated 8 February 2021 from the Permanent" in text
        assert "34  Prevention of armed" in text  # agenda pane
        assert "1  See, for example" in text  # footnotes pane
        assert app.focused is app.reader.pane("body")


async def test_tab_and_shift_tab_walk_references_and_status_describes_them() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab")
        assert selected_text(app) == "A/75/710-S/2021/42"
        assert "A/75/710-S/2021/42" in status(app) and "https://undocs.org/en/A/75/710" in status(app)
        await pilot.press("tab")
        assert selected_text(app) == "agenda item 34"
        assert "Agenda item 34: Prevention of armed conflict" in status(app)
        await pilot.press("tab", "tab")
        assert selected_text(app) == "1"
        assert "Footnote 1: See, for example, the identical letters" in status(app)
        await pilot.press("shift+tab")
        assert selected_text(app) == "resolution 2231 (2015)"
        assert "S/RES/2231 (2015)" in status(app)
        for _ in range(4):
            await pilot.press("tab")
        assert selected_text(app) == "S/2020-503"
        assert "malformed" in status(app)


async def test_enter_on_footnote_marker_focuses_the_footnote_and_back_returns() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "tab", "tab", "tab")
        assert selected_text(app) == "1"
        await pilot.press("enter")
        assert app.focused is app.reader.pane("footnotes")
        assert app.reader.pane("footnotes").selected_mark.anchor == "fn1"
        assert status(app).startswith("Footnote 1: See, for example")
        await pilot.press("enter")  # on the footnote's number: back to its marker
        assert app.focused is app.reader.pane("body") and selected_text(app) == "1"
        await pilot.press("backspace")
        assert app.focused is app.reader.pane("footnotes")
        await pilot.press("backspace")
        assert app.focused is app.reader.pane("body") and selected_text(app) == "1"


async def test_enter_on_agenda_mention_focuses_the_item() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "tab", "enter")
        assert app.focused is app.reader.pane("agenda")
        assert app.reader.pane("agenda").selected_mark.anchor == "agenda:34"
        assert "Agenda item 34: Prevention of armed conflict" in status(app)
        await pilot.press("b")
        assert app.focused is app.reader.pane("body") and selected_text(app) == "agenda item 34"
        await pilot.press("f")
        assert app.focused is app.reader.pane("agenda")


async def test_enter_on_symbol_not_open_shows_the_symbol_panel() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for _ in range(5):
            await pilot.press("tab")
        assert selected_text(app) == "A/74/450-S/2019/762"
        await pilot.press("enter")
        panel = app.screen
        assert isinstance(panel, SymbolPanel)
        text = screen_text(app)
        assert "https://undocs.org/en/A/74/450" in text
        assert "Cited in this letter: 2" in text  # the body and footnote 1
        assert "Not among the open letters." in text
        await pilot.press("down", "enter")  # the second place: in footnote 1
        assert not isinstance(app.screen, SymbolPanel)
        assert app.focused is app.reader.pane("footnotes")
        assert selected_text(app, "footnotes") == "A/74/450-S/2019/762"


async def test_enter_on_a_decision_explains_it_has_no_symbol() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        for _ in range(6):
            await pilot.press("tab")
        assert selected_text(app) == "decision 49/426"
        await pilot.press("enter")
        assert isinstance(app.screen, SymbolPanel)
        assert "A decision has no document symbol." in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, SymbolPanel)


async def test_jump_between_letters_and_back_restores_selection() -> None:
    first, second, third = citing_pair()
    app = app_for({"818.txt": first, "798.txt": second, "802.txt": third})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.reader.current == "818.txt"
        await pilot.press("tab", "tab")
        assert selected_text(app) == "A/79/802-S/2025/123"
        assert "open: Letter dated 24 February 2025 from Azerbaijan" in status(app)
        await pilot.press("enter")
        assert app.reader.current == "802.txt"
        assert "A/79/802-S/2025/123" in screen_text(app).splitlines()[0]
        await pilot.press("backspace")
        assert app.reader.current == "818.txt"
        assert selected_text(app) == "A/79/802-S/2025/123"
        await pilot.press("alt+right")
        assert app.reader.current == "802.txt"
        await pilot.press("alt+left")
        assert app.reader.current == "818.txt"
        # and the other way: 818 -> 798 -> back to 818 through 798's own reference
        await pilot.press("shift+tab", "enter")
        assert app.reader.current == "798.txt"
        await pilot.press("tab", "enter")
        assert app.reader.current == "818.txt"
        await pilot.press("backspace", "backspace")
        assert app.reader.current == "818.txt" and selected_text(app) == "A/79/798-S/2025/110"


async def test_number_keys_focus_panes() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("2")
        assert app.focused is app.reader.pane("footnotes")
        await pilot.press("tab")
        assert selected_text(app, "footnotes") == "1"
        await pilot.press("3")
        assert app.focused is app.reader.pane("agenda")
        await pilot.press("tab", "tab")
        assert app.reader.pane("agenda").selected_mark.anchor == "agenda:135"
        assert "The responsibility to protect" in status(app)
        await pilot.press("1")
        assert app.focused is app.reader.pane("body")


async def test_find_counts_highlights_and_walks_matches() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert app.focused is app.query_one("#find-input")
        await pilot.press(*"agenda", "enter")
        assert app.focused is app.reader.pane("body")
        assert len(app.reader.find_hits) == 2  # "agenda item 34", "agenda items 34 and 135"
        assert status(app).startswith("1/2 agenda")
        assert len(app.reader.pane("body").matches) == 2
        await pilot.press("n")
        assert status(app).startswith("2/2")
        await pilot.press("n")
        assert status(app).startswith("1/2")
        await pilot.press("N")
        assert status(app).startswith("2/2")
        await pilot.press("slash", *"zzz", "enter")
        assert status(app).startswith("0/0")
        await pilot.press("slash", "escape")
        assert app.focused is app.reader.pane("body")


async def test_find_reaches_into_footnotes() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"annex", "enter")
        assert app.reader.find_hits == [("footnotes", 0)]
        assert app.focused is app.reader.pane("footnotes")


async def test_goto_completes_symbols_and_opens_the_letter() -> None:
    first, second, third = citing_pair()
    app = app_for({"818.txt": first, "798.txt": second, "802.txt": third})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        assert isinstance(app.screen, GotoScreen)
        await pilot.press(*"a/79/80")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        assert app.screen.query_one("#goto-input").value == "A/79/802"
        await pilot.press("enter")
        assert app.reader.current == "802.txt"
        await pilot.press("backspace")
        assert app.reader.current == "818.txt"
        await pilot.press("g", *"A/70/1", "enter")  # not open: the panel
        assert isinstance(app.screen, SymbolPanel)
        assert "https://undocs.org/en/A/70/1" in screen_text(app)


async def test_references_list_filters_and_jumps() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReferencesScreen)
        assert len(screen.shown) == 9  # one row per cited document: A/74/450's two mentions are one
        await pilot.press(*"961 fn1")
        assert [e.label for e in screen.shown] == ["A/74/961-S/2020/729"]
        await pilot.press("enter")
        assert app.focused is app.reader.pane("footnotes")
        assert selected_text(app, "footnotes") == "A/74/961-S/2020/729"
        await pilot.press("backspace")
        assert app.focused is app.reader.pane("body")


async def test_references_list_moves_from_the_filter_and_counts_what_it_shows() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReferencesScreen)
        assert "  9" in screen_text(app)
        await pilot.press(*"A/7")  # the filter keeps the focus; up and down move the list
        shown = screen.shown
        assert 1 < len(shown) < 9
        assert f"  {len(shown)}" in screen_text(app)
        await pilot.press("down", "down", "up", "enter")
        pane = shown[1].pane
        assert app.focused is app.reader.pane(pane)
        assert app.reader.pane(pane).selected == shown[1].mark


async def test_y_copies_the_symbol_and_shift_y_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "y")
        assert app.clipboard == "A/75/710-S/2021/42"
        await pilot.press("Y")
        assert app.clipboard == "https://undocs.org/en/A/75/710"
        said = [notification.message for notification in app._notifications]
        assert "Sent to the terminal's clipboard (OSC 52): A/75/710-S/2021/42" in said
        assert "Sent to the terminal's clipboard (OSC 52): https://undocs.org/en/A/75/710" in said


async def test_help_lists_every_key_and_closes() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = dict((desc, keys) for keys, desc in app.screen.rows)
        assert rows["Select the next reference in this pane"] == "tab"
        assert rows["Select the previous reference in this pane"] == "shift+tab"
        assert rows["Back to where the last jump started"] == "⌫, b, alt+←, ^o"
        assert rows["Forward again after going back"] == "f, alt+→, ^i"
        assert rows["Follow the selected reference"] == "⏎"
        assert rows["Focus the footnotes"] == "2" and rows["Find text in the letter"] == "/"
        assert rows["Next match of the find"] == "n" and rows["Previous match of the find"] == "N"
        assert rows["Go to a symbol or place: S/RES/2231 (2015) para 5, 12, annex II"] == "g"
        assert rows["Next section"] == "]" and rows["Previous section"] == "["
        assert rows["List all references of the letter"] == "r"
        assert rows["Copy the selected reference's symbol"] == "y"
        assert rows["Copy the selected reference's URL"] == "Y"
        assert rows["This list of keys"] == "?, f1" and rows["Quit"] == "^q, q"
        assert len(rows) == len(set(rows))
        assert "Scroll Left" not in rows
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert not isinstance(app.screen, HelpScreen)


async def test_keymap_remaps_bindings_by_id() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.set_keymap({"next-reference": "j", "help": "h"})
        await pilot.press("j")
        assert selected_text(app) == "A/75/710-S/2021/42"
        keys = {description: key for key, description in app.reader.key_table()}
        assert keys["Select the next reference in this pane"] == "j"
        await pilot.press("h")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_offers_the_same_actions() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        names = [c.name for c in app.reader.palette_commands()]
        for description in (
            "Select the next reference in this pane",
            "Follow the selected reference",
            "Back to where the last jump started",
            "Find text in the letter",
            "Quit",
        ):
            assert description in names
        assert "Show letter A/75/760-S/2021/126" in names
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"next reference")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.pane("body").selected_mark is not None


async def test_palette_shows_another_open_letter_and_back_returns() -> None:
    first, second, _ = citing_pair()
    app = app_for({"818.txt": first, "798.txt": second})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        command = next(c for c in app.reader.palette_commands() if c.name == f"Show letter {second.symbol}")
        command.run()
        await pilot.pause()
        assert app.reader.current == "798.txt"
        await pilot.press("backspace")
        assert app.reader.current == "818.txt"


async def test_quit_key_exits() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_bad_letter_reports_one_line_and_others_stay_open() -> None:
    app = app_for({"seed.txt": seed_like_letter()}, extra=["broken.txt"])
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        entry = app.reader.letters["broken.txt"]
        assert entry.error == "broken.txt: not a letter (no title found)"
        assert any("not a letter" in n.message for n in app._notifications)
        await pilot.press("l")
        assert isinstance(app.screen, LettersScreen)
        assert "error: broken.txt: not a letter" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("tab")
        assert selected_text(app) == "A/75/710-S/2021/42"


async def test_first_letter_failing_shows_its_error_in_the_body() -> None:
    def explode(path):  # type: ignore[no-untyped-def]
        raise RuntimeError("parser bug")

    from pathlib import Path

    from reader.app.app import ReaderApp

    app = ReaderApp([Path("a.txt"), Path("b.txt")], load=explode)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert "a.txt: RuntimeError: parser bug" in screen_text(app)
        await pilot.press("tab", "enter", "r", "g", "escape")
        assert app.is_running


async def test_narrow_puts_side_panes_below_and_wide_beside_the_letter() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        body, notes, agenda = (app.reader.pane(n).region for n in ("body", "footnotes", "agenda"))
        assert notes.y > body.y and agenda.y > body.y and notes.x < agenda.x
        await pilot.press("w")
        assert not app.reader.pane("footnotes").display or app.reader.pane("footnotes").region.height == 0
        await pilot.press("2")  # focusing a hidden pane shows it again
        assert app.reader.pane("footnotes").region.height > 0
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        body, notes, agenda = (app.reader.pane(n).region for n in ("body", "footnotes", "agenda"))
        # wide: the letter on the left, the footnotes over the agenda on its right
        assert body.y == notes.y and body.x < notes.x == agenda.x and notes.y < agenda.y


async def test_reference_kinds_in_seed_like_letter_are_all_reachable() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        kinds = set()
        for _ in range(len(app.reader.pane("body").marks)):
            await pilot.press("tab")
            kinds.add(app.reader.pane("body").selected_mark.reference.kind)
        assert kinds == {
            RefKind.DOCUMENT,
            RefKind.RESOLUTION,
            RefKind.AGENDA_ITEM,
            RefKind.FOOTNOTE,
            RefKind.DECISION,
        }
