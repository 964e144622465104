"""The document's contents below the agenda items: its sections, indented by level, with printed numbers.

A section is a mark with the anchor "section:ID"; enter on it shows its first paragraph in the body.
`[` and `]` walk the same sections from the body's position, so both are computed here from the
blocks the body lays out (`letter_view.block_map`), never from the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from textual.content import Content

from reader.app.safe_text import one_line, visible
from reader.app.widgets.text_pane import Block, Mark
from reader.model import Letter, Section

SECTION_ANCHOR = "section:"
INDENT = 2  # cells per level below the first


def section_anchor(section: Section) -> str:
    return SECTION_ANCHOR + section.id


def section_of(letter: Letter, anchor: str) -> Section | None:
    """The section a contents mark stands for."""
    if not anchor.startswith(SECTION_ANCHOR):
        return None
    wanted = anchor.removeprefix(SECTION_ANCHOR)
    return next((s for s in letter.sections if s.id == wanted), None)


def section_label(section: Section) -> str:
    """ "IV. Programme budget", "Mr. Smith (France)" for a speaker: the number as printed, then the title."""
    number = visible(section.number) if section.number else ""
    if number and not number.endswith((".", ")")):
        number += "."
    title = visible(section.title) or "(untitled)"
    return f"{number} {title}" if number else title


def contents_blocks(letter: Letter, first: int) -> tuple[list[Block], list[Mark]]:
    """The "Contents" heading and a block per section; `first` is the index the heading will have."""
    if not letter.sections:
        return [], []
    blocks = [Block("Contents", kind="heading", gap=0)]
    marks: list[Mark] = []
    top = min(section.level for section in letter.sections)
    for section in letter.sections:
        pad = " " * (INDENT * max(section.level - top, 0))
        label = section_label(section)
        text = pad + label
        marks.append(Mark(first + len(blocks), len(pad), len(text), anchor=section_anchor(section)))
        blocks.append(Block(text, indent=len(pad) + INDENT, gap=0))
    return blocks, marks


def describe_section(section: Section) -> Content:
    """The status line for a selected section."""
    return Content.assemble(
        ("Section ", "bold"), one_line(section_label(section)), ("  enter: go there", "dim")
    )


def section_blocks(letter: Letter, block_of: dict[str, int]) -> list[tuple[int, Section]]:
    """(body block, section) in reading order, for the sections whose paragraph the body shows."""
    out = [(block_of[s.paragraph], s) for s in letter.sections if s.paragraph in block_of]
    return sorted(out, key=lambda pair: pair[0])


def next_section(sections: list[tuple[int, Section]], position: int, step: int) -> tuple[int, Section] | None:
    """The section after (step 1) or before (step -1) body block `position`; None past either end.

    Inside a section `[` goes back to its start, and from its start to the section before, as
    "previous" does in a pager; `]` always goes to a section starting after `position`.
    """
    starts = [block for block, _ in sections]
    if step > 0:
        index = bisect_right(starts, position)
        return sections[index] if index < len(sections) else None
    index = bisect_left(starts, position) - 1
    return sections[index] if index >= 0 else None
