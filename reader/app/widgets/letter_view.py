"""The body pane: title, paragraphs, signatures and annexes, every reference marked."""

from __future__ import annotations

from reader.app.safe_text import visible
from reader.app.widgets.text_pane import Block, Mark, TextPane
from reader.model import Letter, Paragraph, Signature


def _signature_text(signature: Signature) -> str:
    return "\n".join(("(Signed) " + signature.name, *signature.titles))


def letter_blocks(letter: Letter) -> tuple[list[Block], list[Mark]]:
    """Blocks in reading order and a mark for each reference that lives in the body or an annex."""
    blocks, where_block = _layout(letter)
    marks = [
        Mark(where_block[r.where], r.start, r.end, reference=r)
        for r in letter.references
        if r.where in where_block
    ]
    return blocks, marks


def paragraph_block(letter: Letter, where: str) -> int | None:
    """The block showing text `where` ("title", "p3", "a1.p2"): from the same walk that lays it out."""
    return 0 if where == "title" else _layout(letter)[1].get(where)


def block_map(letter: Letter) -> dict[str, int]:
    """Every paragraph's and annex's block ("p3", "a1", "a1.p2"): where places and sections lead."""
    return _layout(letter)[1]


def _layout(letter: Letter) -> tuple[list[Block], dict[str, int]]:
    blocks: list[Block] = []
    where_block: dict[str, int] = {}
    # A numbered heading is a paragraph of its own ("II. Threat assessment"): shown as a heading. A
    # speaker's turn starts at a paragraph of speech, which stays a paragraph.
    headings = {s.paragraph for s in letter.sections if s.number is not None}

    def add_paragraphs(paragraphs: tuple[Paragraph, ...]) -> None:
        for paragraph in paragraphs:
            where_block[paragraph.id] = len(blocks)
            kind = "heading" if paragraph.id in headings and paragraph.number else "paragraph"
            blocks.append(Block(visible(paragraph.text), kind=kind))

    blocks.append(Block(visible(letter.title or "(untitled letter)"), kind="title"))
    add_paragraphs(letter.paragraphs)
    blocks.extend(Block(visible(_signature_text(s)), kind="signature") for s in letter.signatures)
    for annex in letter.annexes:
        where_block[annex.id] = len(blocks)  # an annex is a place: "annex II", a pinpoint "annex"
        blocks.append(Block(visible(annex.title or "Annex"), kind="heading"))
        add_paragraphs(annex.paragraphs)
        blocks.extend(Block(visible(_signature_text(s)), kind="signature") for s in annex.signatures)
    return blocks, where_block


class LetterView(TextPane):
    """The letter's text: the pane `1` focuses and where reading starts."""

    pane_name = "body"

    def show_letter(self, letter: Letter) -> None:
        self.set_content(*letter_blocks(letter))

    def show_message(self, text: str, kind: str = "muted") -> None:
        """A placeholder while loading, or a failed letter's one-line error."""
        self.set_content([Block(visible(text), kind=kind)], [])
