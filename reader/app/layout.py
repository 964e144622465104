"""How many rows the footnotes and agenda panes get: the letter always keeps the most.

Fixed heights gave a 100x14 terminal two nine-row side panes and a letter pane with no text, and an
80x24 one an empty "No footnotes." pane of seven rows. Here the side panes get only what they show,
never more than leaves the letter half the terminal, an empty pane one line, and below
`COLLAPSE_BELOW` rows they start hidden (`w`, `2` and `3` still show them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.app.widgets.text_pane import Block, wrap_block

WIDE_FROM = 120  # columns from which the three panes sit side by side (the app's breakpoint)
COLLAPSE_BELOW = 16  # terminal rows under which the side panes start hidden
CHROME_ROWS = 3  # the header, the status line and the key bar
SIDE_ROWS = 9  # at most, for the side panes below the letter
BORDER_ROWS = 2


def is_empty(blocks: Sequence[Block]) -> bool:
    """A pane that only says it has nothing ("No footnotes.")."""
    return all(block.kind == "muted" for block in blocks) and len(blocks) <= 1


def text_rows(blocks: Sequence[Block], width: int, limit: int = SIDE_ROWS) -> int:
    """Wrapped lines of `blocks` at `width`, gaps included, counted up to `limit`: more never fit,
    and a letter with thousands of footnotes must not be wrapped here on every resize."""
    rows = 0
    for block in blocks:
        rows += len(wrap_block(block.text[: width * (limit + 1)], width, block.indent)) + block.gap
        if rows > limit:
            return rows
    return max(rows - (blocks[-1].gap if blocks else 0), 0)


@dataclass(frozen=True, slots=True)
class SideLayout:
    """What the screen applies: the side panes' row count below the letter (None when the panes sit
    beside the letter and take the full height), and which side panes are empty."""

    rows: int | None
    empty: frozenset[str]


def letter_min_rows(height: int) -> int:
    """The letter pane never gets fewer than half the terminal's rows."""
    return (height + 1) // 2


def side_layout(width: int, height: int, footnotes: Sequence[Block], agenda: Sequence[Block]) -> SideLayout:
    """Rows for the side panes at a terminal of `width` x `height`."""
    panes = {"footnotes": footnotes, "agenda": agenda}
    empty = frozenset(name for name, blocks in panes.items() if is_empty(blocks))
    if width >= WIDE_FROM:
        return SideLayout(None, empty)
    column = max(width // 2 - 4, 10)  # two panes side by side, each with border, padding, scrollbar
    needed = max(
        (1 if name in empty else text_rows(blocks, column) + BORDER_ROWS) for name, blocks in panes.items()
    )
    room = height - CHROME_ROWS - letter_min_rows(height)
    return SideLayout(max(1, min(needed, SIDE_ROWS, room)), empty)


def starts_collapsed(height: int) -> bool:
    return height < COLLAPSE_BELOW
