"""Cited by: the letters in the library that cite the shown one, each with the citing sentence."""

from __future__ import annotations

from textual.content import Content

from reader.app.safe_text import one_line
from reader.app.screens.entry_pick import EntryPickScreen, LetterTarget, entry_line
from reader.library import Citation

SENTENCE_WIDTH = 300  # characters of a sentence shown: a list row, not the letter


def citation_row(citation: Citation) -> tuple[Content, LetterTarget]:
    """The citing letter, then its sentence with the cited symbol in bold."""
    sentence = citation.sentence
    begin, end = citation.span_in_sentence
    if not 0 <= begin <= end <= len(sentence):
        begin = end = 0
    before, cited, after = sentence[:begin], sentence[begin:end], sentence[end:]
    if len(before) > SENTENCE_WIDTH // 2:
        before = "…" + before[-SENTENCE_WIDTH // 2 :]
    if len(after) > SENTENCE_WIDTH // 2:
        after = after[: SENTENCE_WIDTH // 2] + "…"
    revision = ("  (cites the original)", "italic") if citation.revision else ""
    content = Content.assemble(
        entry_line(citation.entry),
        revision,
        "\n  ",
        (one_line(before).lstrip(), "dim"),
        (one_line(cited), "bold underline"),
        (one_line(after).rstrip(), "dim"),
    )
    target = LetterTarget(citation.entry, where=citation.where, start=citation.start)
    return content, target


class CitedByScreen(EntryPickScreen):
    """Enter opens the citing letter with the citing reference selected."""

    DIALOG_ID = "cited-by-dialog"
    EMPTY = "No letter in the library cites this one."

    def __init__(self, label: str, citations: list[Citation]) -> None:
        super().__init__(f"Cited by: letters citing {label}", [citation_row(c) for c in citations])
