"""The terminal side: NO_COLOR still shows references and the selection, run_app's one-line errors,
and the resolver seam the library will plug into."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import app_for, citing_pair, loader_for, ready, seed_like_letter

from reader.app.app import ReaderApp, run_app
from reader.app.letters import OpenLetter
from reader.errors import ReaderError


def segment_styles(app: ReaderApp, text: str) -> list[object]:
    """Styles of the painted segments that hold `text` (what the terminal is told to draw)."""
    update = app.screen._compositor.render_update(full=True)
    found = []
    for line in update.strips:
        for strip in line:
            for segment in strip:
                if text in segment.text and segment.style is not None:
                    found.append(segment.style)
    return found


async def test_no_color_marks_references_by_underline_and_selection_by_reverse(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for({"seed.txt": seed_like_letter()})
    assert app.no_color
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab")
        marked = [s for s in segment_styles(app, "A/75/710-S/2021/42") if s.underline]  # type: ignore[attr-defined]
        assert marked and all(s.reverse for s in marked)  # in the body: underlined and reversed
        other = [s for s in segment_styles(app, "A/74/450-S/2019/762") if s.underline]  # type: ignore[attr-defined]
        assert len(other) == 2 and not any(s.reverse for s in other)  # body and footnote: underlined
        assert all(
            s.color is None or s.color.triplet is None or len({*s.color.triplet}) == 1 for s in marked + other
        )  # greys only: no colour
        output = app.screen._compositor.render_update(full=True).render_segments(app.console)
        assert "\x1b[7m" in output or ";7m" in output or ";7;" in output  # reverse reaches the terminal


def test_run_app_refuses_a_folder_without_letters(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match=r"no documents .* found in"):
        run_app([tmp_path])


def test_run_app_refuses_paths_that_do_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match=r"missing\.txt: no such file"):
        run_app([tmp_path / "missing.txt"])


def test_the_cli_reports_a_missing_letter_in_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "reader", str(tmp_path / "missing.txt")], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"un-reader: error: {tmp_path / 'missing.txt'}: no such file"]


def test_run_app_needs_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ReaderError, match="needs a terminal"):
        run_app([tmp_path])  # pytest's captured stdout is no terminal


async def test_a_resolver_can_supply_letters_that_are_not_open() -> None:
    """The library seam: a resolver that knows A/79/802 opens it although it was not named."""
    first, _second, third = citing_pair()

    class Library:
        def resolve(self, symbols, exclude=None):  # type: ignore[no-untyped-def]
            if any(s.startswith("A/79/802") for s in symbols):
                return OpenLetter(key="library:A/79/802", path=Path("A_79_802.txt"), letter=third)
            return None

        def title_of(self, symbols):  # type: ignore[no-untyped-def]
            entry = self.resolve(symbols)
            return entry.letter.title if entry else None

    app = ReaderApp([Path("818.txt")], load=loader_for({"818.txt": first}), resolver=Library())
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "tab")
        assert "open: Letter dated 24 February 2025" in str(app.reader.status.render())
        await pilot.press("enter")
        assert app.reader.current == "library:A/79/802"
        await pilot.press("backspace")
        assert app.reader.current == "818.txt"
        await pilot.press("tab")  # A/79/798 is neither open nor in this library: the panel
        await pilot.press("enter")
        assert app.screen.__class__.__name__ == "SymbolPanel"
