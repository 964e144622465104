"""One action table (reader/app/actions.py): the bindings, the help screen, the key bar and the
palette are all made from it, so none can list a key the others do not know."""

from __future__ import annotations

import inspect

from app_support import app_for, ready, screen_text, seed_like_letter
from textual.binding import Binding

from reader.app.actions import ACTIONS, bindings
from reader.app.app import ReaderApp
from reader.app.palette import PaletteCommand
from reader.app.reader_screen import ReaderScreen
from reader.app.screens.help import HelpScreen
from reader.app.widgets.key_bar import KeyBar
from reader.app.widgets.text_pane import TextPane


async def run(command: PaletteCommand) -> None:
    """What the palette does with a chosen command (it awaits what the command returns)."""
    result = command.run()
    if inspect.isawaitable(result):
        await result


def binding_ids(*owners: type) -> list[str]:
    ids = []
    for owner in owners:
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.id is not None:
                ids.append(binding.id)
    return ids


def test_the_bindings_are_the_table() -> None:
    ids = binding_ids(TextPane, ReaderScreen, ReaderApp)
    assert sorted(ids) == sorted(action.id for action in ACTIONS)
    assert len(ids) == len(set(ids))
    assert [b.id for b in bindings("pane") if isinstance(b, Binding)][:3] == [
        "next-reference",
        "previous-reference",
        "follow",
    ]


async def test_every_binding_is_in_help_and_in_the_palette() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        commands = {command.name: command for command in app.reader.palette_commands()}
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_rows = {description: keys for keys, description in app.screen.rows}
        described = {action.id: action.description for action in ACTIONS}
        for binding_id in binding_ids(TextPane, ReaderScreen, ReaderApp):
            assert described[binding_id] in help_rows, binding_id
            assert help_rows[described[binding_id]], binding_id  # with its keys
            assert described[binding_id] in commands, binding_id
        order = [description for _, description in app.screen.rows]
        assert order[: len(ACTIONS)] == [action.description for action in ACTIONS]
        assert commands["Find text in the letter"].help == "key: /"


async def test_a_remapped_key_works_and_shows_in_help_palette_and_key_bar() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.set_keymap({"find": "ctrl+k", "references": "R"})
        await pilot.pause()
        await pilot.press("slash")  # the old key does nothing now
        assert not app.reader.find_bar.has_class("-shown")
        await pilot.press("ctrl+k")
        assert app.reader.find_bar.has_class("-shown")
        await pilot.press("escape")
        rows = {description: keys for keys, description in app.reader.key_table()}
        assert rows["Find text in the letter"] == "^k"
        assert rows["List all references of the letter"] == "R"
        commands = {command.name: command.help for command in app.reader.palette_commands()}
        assert commands["Find text in the letter"] == "key: ^k"
        bar = str(app.reader.query_one(KeyBar).render())
        assert "^k Find" in bar and "R Refs" in bar and "/ Find" not in bar


async def test_the_palette_names_remapped_pane_keys_while_the_find_bar_has_the_focus() -> None:
    """With the find input focused the panes' keys are not live; the palette still says the keymap's."""
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.set_keymap({"next-reference": "j"})
        await pilot.press("slash")
        assert app.focused is app.reader.find_input
        commands = {command.name: command.help for command in app.reader.palette_commands()}
        assert commands["Select the next reference in this pane"] == "key: j"
        assert commands["Follow the selected reference"] == "key: ⏎"


async def test_palette_commands_run_where_their_binding_runs() -> None:
    """A pane's action (page down) runs in the focused pane, a screen's (find) on the screen, the
    app's (quit) on the app: the command is the table's action, not a look-up of its words."""
    paragraphs = [f"Paragraph {i} of a long letter." for i in range(80)]
    from app_support import make_letter

    app = app_for({"long.txt": make_letter(("A/1/1",), "A long letter", paragraphs)})
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        commands = {command.name: command for command in app.reader.palette_commands()}
        body = app.reader.pane("body")
        assert body.scroll_y == 0
        await run(commands["Page down"])
        await pilot.pause()
        assert body.scroll_y > 0
        await run(commands["Find text in the letter"])
        await pilot.pause()
        assert app.reader.find_bar.has_class("-shown")
        await pilot.press("escape")
        await run(commands["Quit"])
        await pilot.pause()
        assert not app.is_running


async def test_the_key_bar_follows_the_table() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        last_line = screen_text(app).splitlines()[-1]
        shown = [action for action in ACTIONS if action.show]
        positions = [last_line.index(f" {action.label}") for action in shown]
        assert positions == sorted(positions)
        assert last_line.rstrip().endswith("^p palette  q Quit")  # quit last: never dropped for room
