"""The footnotes pane: numbered footnotes of the letter and its annexes, their references marked."""

from __future__ import annotations

from reader.app.safe_text import visible
from reader.app.widgets.text_pane import Block, Mark, TextPane
from reader.model import Letter


def _short_title(title: str) -> str:
    """Head an annex's footnotes "Annex", not "Annex to the letter dated ...": the pane is narrow."""
    return title.split(" to the ", 1)[0].split(" of the ", 1)[0]


def footnote_blocks(letter: Letter) -> tuple[list[Block], list[Mark]]:
    """One block per footnote, "1  text"; the number is an anchor a footnote marker jumps to."""
    blocks: list[Block] = []
    marks: list[Mark] = []
    annex_titles = {annex.id: annex.title for annex in letter.annexes}
    group = ""
    for footnote in letter.all_footnotes():
        scope = footnote.id.rpartition(".")[0]
        if scope != group:
            group = scope
            blocks.append(
                Block(visible(_short_title(annex_titles.get(scope) or scope)), kind="heading", gap=0)
            )
        label = visible(footnote.number or "?")
        prefix = f"{label}  "
        index = len(blocks)
        blocks.append(Block(prefix + visible(footnote.text), indent=len(prefix), label=len(label)))
        marks.append(Mark(index, 0, len(label), anchor=footnote.id))
        marks.extend(
            Mark(index, r.start + len(prefix), r.end + len(prefix), reference=r)
            for r in letter.references_in(footnote.id)
        )
    if not blocks:
        blocks.append(Block("No footnotes.", kind="muted"))
    return blocks, marks


class FootnotesView(TextPane):
    """Footnotes: `2` focuses it; enter on a footnote's number goes back to its marker."""

    pane_name = "footnotes"

    def show_letter(self, letter: Letter) -> None:
        self.set_content(*footnote_blocks(letter))
