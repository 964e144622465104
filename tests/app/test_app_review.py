"""Reviewing in the app, on real letters that cite each other: one mark for every mention of a cited
document, badges in the text, the references list grouped by cited document, the keys that walk to
unchecked and flagged references, and what `check` finds shown in the status line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from app_support import screen_text, settled
from textual.pilot import Pilot

from reader.app.app import ReaderApp
from reader.app.review_marks import ascii_badges
from reader.app.screens.references import ReferencesScreen
from tests.conftest import parsed_fixture

LAYOUT = Path(__file__).resolve().parent.parent / "fixtures" / "letters" / "layout"
RESOLUTION = "S/RES/2719 (2023)"  # cited twice by S/2025/311, in a1.p12 and a1.p19


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)
    letters = tmp_path / "letters"
    letters.mkdir()
    for name in ("S_2025_311", "S_2025_141", "S_2025_180"):
        shutil.copy(LAYOUT / f"{name}.txt", letters)
    return letters


def app_on(folder: Path, first: str = "S_2025_311") -> ReaderApp:
    return ReaderApp([folder / f"{first}.txt"], load=parsed_fixture, library=[folder])


def status(app: ReaderApp) -> str:
    return str(app.reader.status.render())


def selected_symbol(app: ReaderApp) -> str | None:
    mark = app.reader.active_pane.selected_mark
    return mark.reference.symbol if mark is not None and mark.reference is not None else None


async def select(pilot: Pilot[int], app: ReaderApp, symbol: str) -> None:
    for _ in range(len(app.reader.pane("body").marks) + 1):
        await pilot.press("tab")
        if selected_symbol(app) == symbol:
            return
    raise AssertionError(f"no reference to {symbol}")


def body_lines(app: ReaderApp) -> list[str]:
    body = app.reader.pane("body")
    return [body.line_text(y) for y in range(body.line_count)]


def badged(app: ReaderApp, pattern: str) -> int:
    """Matches in the body's text as shown, lines joined where they wrap (the pane's width varies)."""
    return len(re.findall(pattern, " ".join(body_lines(app))))


async def test_one_mark_checks_every_mention_of_a_document(folder: Path) -> None:
    async with app_on(folder).run_test(size=(120, 40)) as pilot:
        app = await settled(pilot)
        assert "0 of 4 documents checked · 5 mentions" in status(app)
        await select(pilot, app, RESOLUTION)
        await pilot.press("M")  # this mention alone
        assert "✓ checked" in status(app)
        assert "0 of 4 documents checked · 5 mentions" in status(app)
        assert badged(app, r"2719 \(2023\) ✓") == 1
        await pilot.press("m")  # the document: both mentions
        assert "1 of 4 documents checked · 5 mentions" in status(app)
        assert badged(app, r"2719 \(2023\) ✓") == 2
        await select(pilot, app, RESOLUTION)  # the second mention
        assert app.reader.active_pane.selected_mark.reference.where == "a1.p19"  # type: ignore[union-attr]
        assert "✓ checked" in status(app)
        await pilot.press("m")  # unmark the document, and the mention checked on its own
        assert "0 of 4 documents checked · 5 mentions" in status(app)
        assert badged(app, "✓") == 0
        await pilot.press("m")
    (written,) = (folder.parent / "data" / "reviews").glob("*.yaml")
    marks = yaml.safe_load(written.read_text(encoding="utf-8"))["marks"]
    assert list(marks) == ["doc:S/RES/2719(2023)"] and marks["doc:S/RES/2719(2023)"]["state"] == "checked"

    async with app_on(folder).run_test(size=(120, 40)) as pilot:  # marks and badges survive a restart
        app = await settled(pilot)
        assert "1 of 4 documents checked · 5 mentions" in status(app)
        assert badged(app, r"2719 \(2023\) ✓") == 2


async def test_flag_badge_in_the_text_and_ascii_on_the_linux_console(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app_on(folder).run_test(size=(120, 40)) as pilot:
        app = await settled(pilot)
        await select(pilot, app, "S/2025/180")
        await pilot.press("x", *"wrong body?", "enter")
        assert "⚑ flagged: wrong body?" in status(app)
        assert badged(app, r"\(S/2025/180 ⚑\)") == 1
    monkeypatch.setenv("TERM", "linux")
    async with app_on(folder).run_test(size=(120, 40)) as pilot:
        app = await settled(pilot)
        assert badged(app, r"\(S/2025/180 \[!\]\)") == 1 and badged(app, "⚑") == 0
        await select(pilot, app, "S/2025/141")
        await pilot.press("m")
        assert badged(app, r"\(S/2025/141 \[x\]\)") == 1
        assert "[x] checked" in status(app)


def test_the_ascii_rule() -> None:
    assert not ascii_badges({"TERM": "xterm-256color", "LANG": "en_GB.UTF-8"})
    assert not ascii_badges({"TERM": "xterm", "LC_ALL": "C.utf8", "LANG": "C"})  # LC_ALL wins
    assert not ascii_badges({})  # nothing says otherwise
    assert ascii_badges({"TERM": "linux", "LANG": "en_GB.UTF-8"})
    assert ascii_badges({"TERM": "xterm", "NO_COLOR": "1"})
    assert ascii_badges({"TERM": "xterm", "LANG": "C"})
    assert ascii_badges({"TERM": "xterm", "LC_CTYPE": "en_US.ISO-8859-1", "LANG": "en_US.UTF-8"})


async def test_the_references_list_groups_by_cited_document(folder: Path) -> None:
    async with app_on(folder).run_test(size=(160, 40)) as pilot:
        app = await settled(pilot)
        await select(pilot, app, "S/2025/180")
        await pilot.press("x", *"ask the PBC", "enter")
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReferencesScreen)
        rows = {entry.label: entry.detail for entry in screen.entries}
        documents = [
            label for label in rows if label[2:] in ("S/2025/141", "S/2025/180", RESOLUTION, "S/PV.9884")
        ]
        assert documents == ["  S/2025/141", "⚑ S/2025/180", f"  {RESOLUTION}", "  S/PV.9884"]
        columns = [part.strip() for part in rows[f"  {RESOLUTION}"].split("│")]
        assert columns == ["2 mentions", "a1.p12, a1.p19", "not in library", "review: open"]
        assert [part.strip() for part in rows["  S/2025/141"].split("│")][:3] == [
            "1 mention",
            "a1.p4",
            "in library",
        ]
        assert rows["⚑ S/2025/180"].split("│")[3].strip().startswith("review: flagged: ask the PBC (")
        assert "4 documents" in str(screen.query_one("#references-title").render())
        await pilot.press(*"2719")  # the filter finds the document's row; enter goes to its first mention
        await pilot.press("enter")
        await pilot.pause()
        mark = app.reader.active_pane.selected_mark
        assert mark is not None and mark.reference is not None
        assert (mark.reference.symbol, mark.reference.where) == (RESOLUTION, "a1.p12")


async def test_keys_walk_unchecked_and_flagged_references(folder: Path) -> None:
    async with app_on(folder).run_test(size=(120, 40)) as pilot:
        app = await settled(pilot)
        await pilot.press("u")
        assert selected_symbol(app) == "S/2025/141"
        await pilot.press("m", "u")
        assert selected_symbol(app) == "S/2025/180"
        await pilot.press("u")
        assert selected_symbol(app) == RESOLUTION
        await pilot.press("m", "u")  # both mentions of the resolution are checked now
        assert selected_symbol(app) == "S/PV.9884" and app.reader.active_pane_name == "footnotes"
        await pilot.press("U")
        assert selected_symbol(app) == "S/2025/180"
        await pilot.press("exclamation_mark")
        assert selected_symbol(app) == "S/2025/180"  # nothing flagged: the selection stays
        await pilot.press("x", *"check the date", "enter", "u")
        assert selected_symbol(app) == "S/PV.9884"
        await pilot.press("exclamation_mark")
        assert selected_symbol(app) == "S/2025/180"
        table = {description: keys for keys, description in app.reader.key_table()}
        assert table["Select the next unchecked reference"] == "u"
        assert table["Select the previous unchecked reference"] == "U"
        assert table["Select the next flagged reference"] == "!"
        assert table["Mark only this mention checked (again: unmark)"] == "M"
        names = {command.name for command in app.reader.palette_commands()}
        assert "Select the next flagged reference" in names


async def test_a_citation_that_disagrees_with_the_cited_letter_is_shown(tmp_path: Path, folder: Path) -> None:
    letters = tmp_path / "azerbaijan"
    letters.mkdir()
    shutil.copy(LAYOUT / "A_79_798-S_2025_110.txt", letters)
    text = (LAYOUT / "A_79_818-S_2025_156.txt").read_text(encoding="utf-8")
    wrong, count = re.subn(r"dated(\s+)20 and 25 February", r"dated\g<1>21 and 25 February", text)
    assert count == 1
    (letters / "A_79_818-S_2025_156.txt").write_text(wrong, encoding="utf-8")
    async with app_on(letters, "A_79_818-S_2025_156").run_test(size=(220, 40)) as pilot:
        app = await settled(pilot)
        await select(pilot, app, "A/79/798-S/2025/110")
        assert "≠ date: cited 21 and 25 February 2025, found 20 February 2025" in status(app)
        await select(pilot, app, "A/79/802-S/2025/123")
        assert "≠" not in status(app)
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReferencesScreen)
        rows = {entry.label: entry.detail for entry in screen.entries}
        assert (
            "≠ date: cited 21 and 25 February 2025, found 20 February 2025" in rows["  A/79/798-S/2025/110"]
        )
        assert "not in library" in rows["  A/79/802-S/2025/123"]


async def test_a_resolution_cited_with_another_year_is_said_in_the_symbol_panel(folder: Path) -> None:
    """The library holds resolution 2771 (2025) (a real one); the letter cites it as 2771 (2024)."""
    documents = LAYOUT.parents[1] / "documents" / "layout"
    shutil.copy(documents / "S_RES_2771_2025.txt", folder)
    text = (folder / "S_2025_311.txt").read_text(encoding="utf-8")
    (folder / "S_2025_311.txt").write_text(text.replace("2719 (2023)", "2771 (2024)", 1), encoding="utf-8")
    async with app_on(folder).run_test(size=(160, 40)) as pilot:
        app = await settled(pilot)
        await select(pilot, app, "S/RES/2771 (2024)")
        assert "≠ resolution: cited 2771 (2024), found S/RES/2771 (2025)" in status(app)
        await pilot.press("enter")
        await pilot.pause()
        from reader.app.screens.symbol_panel import SymbolPanel

        assert isinstance(app.screen, SymbolPanel)
        shown = " ".join(screen_text(app).split())
        assert "Not in the library. ≠ resolution: cited 2771 (2024), found S/RES/2771 (2025)" in shown


async def test_another_readers_marks_show_at_the_next_key(folder: Path) -> None:
    from reader.library.review import ReviewStore, cited_documents

    async with app_on(folder).run_test(size=(120, 40)) as pilot:
        app = await settled(pilot)
        assert badged(app, "✓") == 0
        letter = app.reader.shown_letter
        assert letter is not None
        resolution = next(doc for doc in cited_documents(letter) if doc.label == RESOLUTION)
        ReviewStore().set(letter.key, resolution.id, "checked", reviewer="colleague")  # another process, say
        await pilot.press("tab")
        assert badged(app, r"2719 \(2023\) ✓") == 2
        assert "1 of 4 documents checked · 5 mentions" in status(app)
