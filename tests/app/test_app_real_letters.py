"""The reader on real letters through `parse_path`: the seed and fixture letters that cite each other."""

from __future__ import annotations

import re
from pathlib import Path

from app_support import ready, screen_text

from reader.app.app import ReaderApp
from reader.app.screens.help import HelpScreen
from reader.app.screens.references import ReferencesScreen
from reader.app.screens.symbol_panel import SymbolPanel, panel_content, symbol_parts
from reader.app.widgets.status import StatusLine
from reader.model import RefKind
from tests.conftest import parsed_fixture

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "letter_2021-02-08_azerbaijan.txt"
TEXT = ROOT / "tests" / "fixtures" / "letters" / "text"
PDF = ROOT / "tests" / "fixtures" / "letters" / "pdf"


def need_parsed(app: ReaderApp) -> None:
    """Every letter read: a parse failure fails the test (it is a regression, never hidden)."""
    failed = {entry.name: entry.error for entry in app.reader.letters if entry.error}
    assert not failed, f"reader.parser.parse_path could not read: {failed}"


def select_kind(app: ReaderApp, kind: RefKind, text: str | None = None) -> int:
    pane = app.reader.pane("body")
    for index, mark in enumerate(pane.marks):
        ref = mark.reference
        if ref is not None and ref.kind is kind and (text is None or ref.text == text):
            return index
    raise AssertionError(f"parser: no {kind.value} reference {text or ''} in {app.reader.current}")


def status(app: ReaderApp) -> str:
    return str(app.query_one(StatusLine).render())


async def test_seed_every_key() -> None:
    app = ReaderApp([SEED], load=parsed_fixture)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        need_parsed(app)
        assert "Letter dated 8 February 2021" in screen_text(app)
        await pilot.press("tab")
        first = app.reader.pane("body").selected_mark
        assert first is not None and first.reference is not None
        assert first.reference.symbol == "A/75/710-S/2021/42"
        assert "https://undocs.org/en/A/75/710" in status(app)
        await pilot.press("tab", "shift+tab")
        assert app.reader.pane("body").selected_mark == first
        await pilot.press("y")
        assert app.clipboard.startswith("A/75/710-S/2021/42")
        await pilot.press("enter")  # not open: the symbol panel
        assert isinstance(app.screen, SymbolPanel)
        assert "A/75/710 + S/2021/42" in screen_text(app)
        await pilot.press("escape")
        # the footnote marker
        index = select_kind(app, RefKind.FOOTNOTE)
        app.reader.pane("body").select(index)
        await pilot.press("enter")
        assert app.focused is app.reader.pane("footnotes")
        assert "Footnote 1: See, for example, the identical letters" in status(app)
        await pilot.press("tab")
        assert "A/74/450-S/2019/762" in status(app)
        await pilot.press("backspace")
        assert app.focused is app.reader.pane("body") and app.reader.pane("body").selected == index
        await pilot.press("f")
        assert app.focused is app.reader.pane("footnotes")
        await pilot.press("b")
        assert app.focused is app.reader.pane("body")
        # an agenda mention
        app.reader.pane("body").select(select_kind(app, RefKind.AGENDA_ITEM, "34"))
        await pilot.press("enter")
        assert app.focused is app.reader.pane("agenda")
        assert "Prevention of armed conflict" in status(app)
        await pilot.press("alt+left", "3", "2", "1")
        assert app.focused is app.reader.pane("body")
        await pilot.press("slash", *"Azerbaijan", "enter")
        count = len(app.reader.find_hits)
        assert count > 10
        first = status(app).split()[0]
        assert re.fullmatch(rf"\d+/{count}", first)
        await pilot.press("n", "N")
        assert status(app).split()[0] == first
        await pilot.press("r")
        assert isinstance(app.screen, ReferencesScreen)
        await pilot.press(*"961", "enter")
        assert app.focused is app.reader.pane("footnotes")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "g", *"A/74/450", "enter")
        assert isinstance(app.screen, SymbolPanel)
        assert "Cited in this letter: 1" in screen_text(app)
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_jump_between_fixture_letters_that_cite_each_other() -> None:
    names = ("A_79_818-S_2025_156.txt", "A_79_798-S_2025_110.txt", "A_79_802-S_2025_123.txt")
    app = ReaderApp([TEXT / name for name in names], load=parsed_fixture)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        need_parsed(app)
        assert app.reader.current.endswith(names[0])
        index = select_kind(app, RefKind.DOCUMENT, "A/79/798-S/2025/110")
        app.reader.pane("body").select(index)
        await pilot.pause()
        assert "Letter dated 20 February 2025" in status(app)  # the cited letter is open: its title
        await pilot.press("enter")
        assert app.reader.current.endswith(names[1])
        assert screen_text(app).splitlines()[0].split()[:2] == ["2/3", "A/79/798-S/2025/110"]
        await pilot.press("backspace")
        assert app.reader.current.endswith(names[0])
        assert app.reader.pane("body").selected == index
        index = select_kind(app, RefKind.DOCUMENT, "A/79/802-S/2025/123")
        app.reader.pane("body").select(index)
        await pilot.press("enter")
        assert app.reader.current.endswith(names[2])
        await pilot.press("b")
        assert app.reader.current.endswith(names[0]) and app.reader.pane("body").selected == index


async def test_every_fixture_letter_opens_and_its_references_can_be_followed() -> None:
    """The whole text corpus plus some PDFs in one app: no letter or reference may crash it.

    Every reference is selected (the status line describes each); the first of each kind in each
    pane is followed. Following is called directly and pushed panels are recorded instead of shown
    (hundreds of focus changes and panels take minutes); each recorded panel's content is still
    built, which is what could fail on odd text.
    """
    paths = [TEXT, *sorted(PDF.glob("*.pdf"))[:3]]
    app = ReaderApp(paths, load=parsed_fixture)
    pushed: list[object] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert len(app.reader.letters) == 45
        app.push_screen = lambda screen, callback=None: pushed.append(screen)  # type: ignore[method-assign,assignment,misc]
        followed = 0
        for entry in list(app.reader.letters):
            if entry.letter is None:
                continue
            app.reader.show_letter(entry.key)
            for name in ("body", "footnotes", "agenda"):
                pane = app.reader.pane(name)
                kinds: set[object] = set()
                for index, mark in enumerate(pane.marks):
                    app.reader.focus_pane(name)
                    pane.select(index)
                    kind = mark.reference.kind if mark.reference else mark.anchor[:3]
                    if kind in kinds:
                        continue
                    kinds.add(kind)
                    app.reader.action_follow()
                    followed += 1
                    if app.reader.current != entry.key:
                        app.reader.action_go_back()
                    assert app.reader.current == entry.key
            await pilot.pause()
        panels = [p for p in pushed if isinstance(p, SymbolPanel)]
        for panel in panels:
            panel_content(panel.symbol, panel.url, symbol_parts(panel.symbol), panel.note)
        assert followed > 100 and len(panels) > 30
        assert app.is_running
