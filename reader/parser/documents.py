"""Everything a document is beyond a letter: kind, own title and date, numbered paragraphs, the
heading tree, a resolution's parts, pinpoints and internal references, and a poor-OCR flag.

`build_letter` calls in here at three places: `masthead_symbols` before page furniture is removed
(so the running headers it reads are then removed as the own symbols they are), `paragraph_texts`
when a part's paragraphs are cut, and `complete` on the finished `Letter`.
"""

from __future__ import annotations

from dataclasses import replace

from reader.formats.lines import Source
from reader.model import LETTER_KINDS, Letter, LetterKind, Paragraph, Reference, Section
from reader.parser import kinds, numbering, own_symbols, pinpoints, quality, resolutions, sections


def masthead_symbols(source: Source, masthead: tuple[str, ...], low: bool) -> tuple[str, ...]:
    """The own symbols; none at all for a poor OCR, whose "symbols" are as likely misread as not."""
    if low:
        return ()
    return own_symbols.own_symbols(source, masthead)


def is_low_quality(source: Source) -> bool:
    return quality.is_low_quality(line.text for page in source.pages for line in page.lines)


cut_at_numbers = numbering.cut_at_numbers


def paragraph_texts(texts: list[str]) -> list[str]:
    return numbering.join_lone_numbers(texts)


def make_paragraph(pid: str, text: str) -> Paragraph:
    """``Paragraph(pid, text, its printed number)``, its slots filled by their own descriptors: a
    frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, and every
    paragraph of every letter is made here (as `make_row` makes rows)."""
    paragraph: Paragraph = _new(Paragraph)
    _set_id(paragraph, pid)
    _set_text(paragraph, text)
    _set_number(paragraph, numbering.printed_number(text))
    return paragraph


_new = object.__new__
_set_id, _set_text, _set_number = (Paragraph.__dict__[name].__set__ for name in ("id", "text", "number"))


def complete(letter: Letter, source: Source, low: bool) -> Letter:
    agenda = tuple(a.title for a in letter.agenda_items)
    signed = bool(letter.signatures or any(a.signatures for a in letter.annexes))
    kind = kinds.document_kind(letter.symbols, letter.kind, letter.title, source, agenda, signed)
    title, date, warnings = letter.title, letter.date, list(letter.warnings)
    if kind not in LETTER_KINDS:
        title = kinds.document_title(source, agenda) or title
        warnings = [w for w in warnings if w not in _LETTER_ONLY]
    adopted = resolutions.adoption(source) if kind in (LetterKind.RESOLUTION, LetterKind.DECISION) else None
    if kind not in LETTER_KINDS:
        date = (adopted.date if adopted else None) or letter.date or letter.issued
    if kind == LetterKind.RESOLUTION:
        title = resolutions.assembly_title(source) or title
    if kind in (LetterKind.RESOLUTION, LetterKind.DRAFT_RESOLUTION):
        paragraphs, _ = resolutions.split_preamble(letter.paragraphs, letter.references)
        if paragraphs != letter.paragraphs:
            letter = replace(letter, paragraphs=paragraphs, references=_found_again(letter, paragraphs))
    resolution = (
        resolutions.resolution(letter.symbols, title, letter.paragraphs)
        if kind == LetterKind.RESOLUTION
        else None
    )

    heads, refs = _navigation(letter, kind)
    if letter.symbols:  # the running headers gave what the masthead could not read
        warnings = [w for w in warnings if w != "no document symbol found"]
    if low:
        warnings.append("the text looks like a poor OCR of a scan: symbols are not read from it")
    return replace(
        letter,
        kind=kind,
        title=title,
        date=date,
        sections=tuple(heads),
        adopted=adopted,
        resolution=resolution,
        references=tuple(refs),
        low_quality=low,
        warnings=tuple(dict.fromkeys(warnings)),
    )


_LETTER_ONLY = ("no (Signed) block found in the letter", "no letter title found")


def _navigation(letter: Letter, kind: LetterKind) -> tuple[list[Section], list[Reference]]:
    """The heading tree, and the references with their pinpoints plus the internal ones: all read from
    the finished paragraphs, so a letter read from structure (AKN) gets them by the same rules."""
    heads: list[Section] = []
    if kind == LetterKind.MEETING_RECORD:
        heads = sections.speaker_sections(letter.paragraphs)
    else:
        heads = sections.heading_sections(letter.paragraphs)
        for annex in letter.annexes:
            heads += sections.heading_sections(annex.paragraphs, start=len(heads) + 1)

    texts = letter.texts()
    refs = pinpoints.with_pinpoints(letter.references, texts)
    internal = pinpoints.internal_references(
        texts.items(), refs, letter.paragraphs, heads, [a.id for a in letter.annexes]
    )
    refs += internal  # after the finder's own, whose order consumers already rely on
    return heads, refs


def complete_structured(letter: Letter) -> Letter:
    """A letter a structured format (AKN) handed over: its kind and fields are as written; what the
    parser derives from paragraphs (printed numbers, sections, pinpoints, internal references) is
    derived here by the same rules as for text, so both roads give the same letter."""

    def numbered(paragraphs: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        return tuple(make_paragraph(p.id, p.text) for p in paragraphs)

    letter = replace(
        letter,
        paragraphs=numbered(letter.paragraphs),
        annexes=tuple(replace(a, paragraphs=numbered(a.paragraphs)) for a in letter.annexes),
    )
    heads, refs = _navigation(letter, letter.kind)
    return replace(letter, sections=tuple(heads), references=tuple(refs))


def _found_again(letter: Letter, paragraphs: tuple[Paragraph, ...]) -> tuple[Reference, ...]:
    """References of the main text found again in its cut paragraphs: what a reference means can
    hang on the paragraph around it ("its resolution 2023/34" names the issuer's series), so moving
    the spans found in the uncut run would read them differently from a text that printed the cuts."""
    from reader import symbols as symbol_finder

    numbers = [f.number for f in letter.footnotes]
    agenda = [item.number for item in letter.agenda_items if item.number]
    old = {p.id for p in letter.paragraphs}
    fresh = [r for p in paragraphs for r in symbol_finder.find(p.text, p.id, numbers, agenda)]
    return tuple(fresh + [r for r in letter.references if r.where not in old])
