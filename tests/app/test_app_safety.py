"""Letters are untrusted: markup-looking text shows literally, control characters never reach the terminal."""

from __future__ import annotations

from pathlib import Path

from app_support import doc, make_letter, ready, screen_text, terminal_output

from reader.app.app import ReaderApp
from reader.errors import InputError
from reader.model import AgendaItem, Footnote, Letter, Reference, RefKind

HOSTILE = (
    "[bold]x[/] [@click=app.quit]quit[/] \x1b[31mred\x07bell\x9bcsi\x7f [link=file:///etc/passwd]l[/link]"
)


def hostile_letter() -> Letter:
    paragraph = f"Text {HOSTILE} cites A/79/798 here."
    footnote = f"Note {HOSTILE} end."
    start = paragraph.index("[@click=app.quit]")
    refs = [
        doc("A/79/798", "p1", paragraph),
        Reference(
            RefKind.DOCUMENT,
            "[@click=app.quit]",
            "p1",
            start,
            start + 17,
            symbol="[@click=app.quit]",
            components=("[@click=app.quit]",),
        ),
    ]
    return make_letter(
        ("A/79/999\x1b[2J", "[b]S/2025/1[/b]"),
        f"Letter {HOSTILE}",
        [paragraph],
        refs=refs,
        footnotes=(Footnote("fn1", "1", footnote),),
        agenda=(AgendaItem("7", f"Item {HOSTILE}"),),
        sender="[red]Sender[/] \x1b]52;c;ZXZpbA==\x07",
    )


def load(path: Path) -> Letter:
    if path.name == "evil.txt":
        return hostile_letter()
    raise InputError(f"{path.name}: [bold]broken[/] \x1b[2J\x07 [@click=app.quit]x[/]")


def assert_safe(app: ReaderApp) -> None:
    output = terminal_output(app)
    for raw in ("\x07", "\x9b", "\x7f", "\x1b[31mred", "\x1b[2J", "\x1b]52;c;ZXZpbA"):
        assert raw not in output, repr(raw)


async def test_hostile_text_renders_literally_and_never_acts() -> None:
    app = ReaderApp([Path("evil.txt"), Path("bad.txt")], load=load)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "[bold]x[/] [@click=app.quit]quit[/]" in text  # title and paragraph, literally
        assert "\u241b[31mred\u2407bell\ufffdcsi\u2421" in text  # controls made visible
        assert "[red]Sender[/]" in text and "[b]S/2025/1[/b]" in text  # header
        assert "Item [bold]x[/]" in text  # agenda pane
        assert "Note [bold]x[/]" in text  # footnotes pane
        assert_safe(app)
        await pilot.press("tab")  # the first reference: its text is "[@click=app.quit]"
        assert "[@click=app.quit]" in str(app.reader.status.render())
        await pilot.press("enter")  # its panel
        assert "[@click=app.quit]" in screen_text(app)
        assert_safe(app)
        await pilot.press("escape", "r")
        assert "[@click=app.quit]" in screen_text(app)
        await pilot.press("escape", "l")
        assert "bad.txt: [bold]broken[/]" in screen_text(app)
        assert_safe(app)
        await pilot.press("escape", "question_mark", "escape", "slash", *"[bold]", "enter")
        assert len(app.reader.find_hits) == 3  # title, paragraph, footnote
        await pilot.press("y")
        assert app.is_running
        assert app.return_value is None


async def test_markup_in_an_error_notification_is_shown_literally() -> None:
    app = ReaderApp([Path("bad.txt")], load=load)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.pause(0.2)
        text = screen_text(app)
        assert "bad.txt: [bold]broken[/]" in text
        assert "\x1b[2J" not in terminal_output(app)
        assert app.is_running


async def test_a_hostile_file_name_never_reaches_the_terminal() -> None:
    """File names are untrusted too: a letter that failed is listed by its name, controls made visible."""
    name = "bad\x1b[2J\x07.txt"
    app = ReaderApp([Path("evil.txt"), Path(name)], load=load)
    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("l")
        await pilot.pause(0.1)
        assert "bad\u241b[2J\u2407.txt" in screen_text(app)
        assert_safe(app)
