"""Snapshots of the reader (pytest-textual-snapshot): the main screen narrow and wide, help, symbol panel.

Built on hand-built letters, not the parser, so a parser improvement never changes these pictures;
the header shows symbols or a file name, never a path, and there is no clock.
Update after an intended change with `pytest tests/app/test_app_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from app_support import app_for, citing_pair, ready, seed_like_letter
from textual.pilot import Pilot


def seed_app():  # type: ignore[no-untyped-def]
    first, second, _third = citing_pair()
    return app_for({"seed.txt": seed_like_letter(), "818.txt": first, "798.txt": second})


async def settle(pilot: Pilot[int]) -> None:
    await ready(pilot)


def test_main_screen_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app(), terminal_size=(80, 24), run_before=settle, press=["tab"])


def test_main_screen_120x40(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app(), terminal_size=(120, 40), run_before=settle, press=["tab", "tab", "tab"])


def test_help_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(seed_app(), terminal_size=(100, 40), run_before=settle, press=["question_mark"])


def test_symbol_panel(snap_compare) -> None:  # type: ignore[no-untyped-def]
    presses = ["tab", "tab", "tab", "tab", "tab", "enter"]
    assert snap_compare(seed_app(), terminal_size=(100, 30), run_before=settle, press=presses)


def test_find_matches_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    presses = ["slash", *"agenda", "enter", "n"]
    assert snap_compare(seed_app(), terminal_size=(80, 24), run_before=settle, press=presses)
