"""The header line (which letter) and the status line (what the selected reference is)."""

from __future__ import annotations

from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Static

from reader.app.letters import OpenLetter, SymbolResolver, reference_symbols
from reader.app.safe_text import one_line
from reader.app.widgets.contents import describe_section, section_of
from reader.app.widgets.text_pane import Mark
from reader.model import Footnote, Letter, LetterKind, Reference, RefKind

LOW_QUALITY = "⚠ poor text (OCR?): symbols not trusted"

FIRST_WORDS = 12


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = one_line(text).split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def header_content(entry: OpenLetter | None, position: int, total: int) -> Content:
    """Symbols (or file name), date and sender; never a path, never a clock: snapshots stay stable."""
    if entry is None:
        return Content("No letter open")
    parts: list[tuple[str, str] | str] = [(f"{position}/{total} ", "dim")] if total > 1 else []
    parts.append((one_line(entry.label), "bold"))
    letter = entry.letter
    if letter is not None:
        day = letter.date or letter.issued
        if day is not None:
            parts += [" · ", f"{day.day} {day:%B %Y}"]
        if letter.sender:
            parts += [" · ", one_line(letter.sender)]
        parts += document_kind(letter)
    elif entry.error is not None:
        parts += [" · ", ("could not be read", "italic")]
    else:
        parts += [" · ", ("loading…", "italic")]
    return Content.assemble(*parts)


def document_kind(letter: Letter) -> list[tuple[str, str] | str]:
    """The kind of a document that is not a plain letter ("report", "resolution") and the low-quality
    warning; a plain letter says neither, its title ("Letter dated ...") already says what it is."""
    parts: list[tuple[str, str] | str] = []
    if letter.kind is not LetterKind.LETTER:
        parts += [" · ", (str(letter.kind), "italic")]
    if letter.low_quality:
        parts += [" · ", (LOW_QUALITY, "bold")]
    return parts


def find_footnote(letter: Letter, reference: Reference) -> Footnote | None:
    """The footnote a marker points at: same number, same scope (the letter, or the same annex)."""
    scope = reference.where.rpartition(".")[0]
    number = (reference.target or reference.text).strip()
    candidates = [f for f in letter.all_footnotes() if f.id.rpartition(".")[0] == scope] or list(
        letter.all_footnotes()
    )
    for footnote in candidates:
        if footnote.number.strip() == number:
            return footnote
    return None


def describe_reference(
    reference: Reference, letter: Letter, resolver: SymbolResolver, own_key: str
) -> Content:
    """One line: the symbol and the cited letter's title where it is open, else its undocs.org URL."""
    if reference.kind is RefKind.FOOTNOTE:
        footnote = find_footnote(letter, reference)
        if footnote is None:
            return Content.assemble(
                ("Footnote ", "bold"), (one_line(reference.text), "bold"), ": (not found)"
            )
        return Content.assemble(
            ("Footnote ", "bold"), (one_line(footnote.number), "bold"), ": ", first_words(footnote.text)
        )
    if reference.kind is RefKind.AGENDA_ITEM:
        number = " ".join((reference.target or reference.text).split())
        item = next((i for i in letter.agenda_items if " ".join(i.number.split()) == number), None)
        title = item.title if item is not None else "(not on this letter's agenda)"
        return Content.assemble(("Agenda item ", "bold"), (one_line(number), "bold"), ": ", one_line(title))
    if reference.kind is RefKind.DECISION:
        return Content.assemble(
            (one_line(reference.text), "bold"), ": ", ("a decision has no document symbol", "italic")
        )
    from reader.app.places import describe_place, internal_place  # with a selected reference only

    if reference.kind is RefKind.INTERNAL:
        where = "enter: go there" if internal_place(letter, reference) else "not found in this document"
        return Content.assemble(
            (one_line(reference.text), "bold"), "  ", (f"in this document · {where}", "italic")
        )
    symbol = reference.symbol or reference.text
    parts: list[tuple[str, str] | str] = [(one_line(symbol), "bold")]
    if reference.pinpoint is not None:  # beside the symbol: a long title must not cut it off
        parts.append((f" at {one_line(describe_place(reference.pinpoint))}", "bold"))
    if not reference.well_formed:
        parts.append(("  (malformed symbol)", "italic"))
    entry = resolver.resolve(reference_symbols(reference), exclude=own_key)
    if entry is not None and entry.letter is not None:
        parts += ["  ", ("open: ", "italic"), one_line(entry.letter.title or entry.label)]
    elif entry is not None and (found := resolver.title_of(reference_symbols(reference))):
        parts += ["  ", ("library: ", "italic"), one_line(found)]
    elif reference.url:
        parts += ["  ", one_line(reference.url)]
    return Content.assemble(*parts)


def describe_mark(
    mark: Mark | None, letter: Letter | None, resolver: SymbolResolver, own_key: str
) -> Content:
    if mark is None or letter is None:
        return Content("tab: select the next reference   ?: help")
    if mark.reference is not None:
        return describe_reference(mark.reference, letter, resolver, own_key)
    if mark.anchor.startswith("agenda:"):
        number = mark.anchor.removeprefix("agenda:")
        item = next((i for i in letter.agenda_items if " ".join(i.number.split()) == number), None)
        title = item.title if item is not None else ""
        return Content.assemble(("Agenda item ", "bold"), (one_line(number), "bold"), ": ", one_line(title))
    section = section_of(letter, mark.anchor)
    if section is not None:
        return describe_section(section)
    footnote = next((f for f in letter.all_footnotes() if f.id == mark.anchor), None)
    if footnote is not None:
        return Content.assemble(
            ("Footnote ", "bold"),
            (one_line(footnote.number), "bold"),
            ": ",
            first_words(footnote.text),
        )
    return Content(one_line(mark.anchor))


class FittedLine(Static):
    """One line that never cuts a word silently: what does not fit ends in an ellipsis."""

    _full: Content = Content("")

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._full = content if isinstance(content, Content) else Content(str(content))
        super().update(self._fitted(), layout=layout)

    def _fitted(self) -> Content:
        width = self.content_region.width
        if width <= 0 or self._full.cell_length <= width:
            return self._full
        return self._full.truncate(width, ellipsis=True)

    def on_resize(self) -> None:
        super().update(self._fitted())

    @property
    def full_text(self) -> str:
        """Everything the line says, before fitting it to the width."""
        return self._full.plain


class HeaderLine(FittedLine):
    """The letter's identity in one line at the top."""


class StatusLine(FittedLine):
    """What the selected reference is, and the find count while a search is active."""
