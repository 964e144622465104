"""The agenda pane: the organs and sessions, then each agenda item, number and title."""

from __future__ import annotations

from reader.app.safe_text import visible
from reader.app.widgets.contents import contents_blocks
from reader.app.widgets.text_pane import Block, Mark, TextPane
from reader.model import Letter


def agenda_anchor(number: str) -> str:
    """Agenda items are found by number as printed, with spacing normalised: "98 (j)"."""
    return "agenda:" + " ".join(number.split())


def agenda_blocks(letter: Letter) -> tuple[list[Block], list[Mark]]:
    blocks: list[Block] = []
    marks: list[Mark] = []
    for organ in letter.organs:
        session = f" — {organ.session}" if organ.session else ""
        blocks.append(Block(visible(organ.name + session), kind="muted", gap=0))
    if blocks:
        blocks[-1] = Block(blocks[-1].text, kind="muted", gap=1)
    for item in letter.agenda_items:
        label = visible(item.number)
        prefix = f"{label}  "
        suffix = " (preliminary list)" if item.preliminary else ""
        text = prefix + visible(item.title) + suffix
        marks.append(Mark(len(blocks), 0, len(text), anchor=agenda_anchor(item.number)))
        blocks.append(Block(text, indent=len(prefix), label=len(label)))
    if not letter.agenda_items and not letter.sections:
        blocks.append(Block("No agenda items.", kind="muted"))
    if blocks and letter.sections:
        blocks[-1] = Block(blocks[-1].text, blocks[-1].kind, blocks[-1].indent, 1, blocks[-1].label)
    contents, section_marks = contents_blocks(letter, len(blocks))
    return blocks + contents, marks + section_marks


class AgendaView(TextPane):
    """Agenda items: `3` focuses it; an agenda mention in the text jumps here."""

    pane_name = "agenda"

    def show_letter(self, letter: Letter) -> None:
        self.set_content(*agenda_blocks(letter))
