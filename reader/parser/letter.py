"""The driver: a decoded source becomes a `Letter`.

Order of work: the masthead (symbols, title, where the body starts), page furniture out of every
page, the flow of body rows cut into the letter and its annexes, signatures taken out of each part,
the rest grouped into paragraphs, the footnote areas read into footnotes, then every paragraph and
footnote searched for references.

Footnote markers stay in the paragraph text as printed ("...in that regard.1" or "... attached) 1"),
so a `RefKind.FOOTNOTE` reference's span points at the digits in the text a reader sees.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from operator import attrgetter

from reader import symbols as symbol_finder
from reader.errors import InputError
from reader.formats.lines import Source
from reader.model import Annex, Footnote, Letter, Paragraph, Reference, Signature
from reader.parser import documents, kinds, tables
from reader.parser.annexes import split_sections
from reader.parser.body import Geometry, join_lines, split_paragraphs
from reader.parser.footnotes import Note, NoteReader
from reader.parser.furniture import CleanPage, clean_pages
from reader.parser.masthead import Masthead, parse_masthead
from reader.parser.rows import Row
from reader.parser.signatures import extract, has_signed
from reader.parser.text_shape import ends_sentence


@dataclass
class _Section:
    """The letter itself (prefix "") or one annex (prefix "a1."), while it is being built."""

    prefix: str
    title: str
    rows: list[Row]
    notes: list[Note] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)


def _looks_like_letter(head: Masthead, pages: tuple[CleanPage, ...]) -> bool:
    if head.title or head.symbols or head.organs or head.distribution:
        return True
    return any(has_signed(row.text) for page in pages for row in page.body)


def _body_rows(pages: tuple[CleanPage, ...], start: tuple[int, int]) -> list[Row]:
    """The rows from ``start`` on: (row.page, row.index) >= start, where a page's rows are its own."""
    first_page, first_line = start
    rows: list[Row] = []
    for page in pages:
        if page.index > first_page:
            rows.extend(page.body)
        elif page.index == first_page:
            rows.extend(row for row in page.body if row.index >= first_line)
    return rows


def _page_owner(sections: list[_Section]) -> dict[int, _Section]:
    """Which part a page's footnotes belong to: the part holding most of the page's rows, the first
    such part on a tie (as ``most_common(1)`` of a per-page Counter filled in part order picks)."""
    best: dict[int, tuple[int, _Section]] = {}  # page -> (rows, part), parts seen in order
    for section in sections:
        for page, n in Counter(map(_PAGE, section.rows)).items():  # counted in C, no Python step a row
            if page not in best or n > best[page][0]:  # strictly more: an earlier part keeps a tie
                best[page] = (n, section)
    return {page: section for page, (_, section) in best.items()}


_PAGE = attrgetter("page")


def _masthead(source: Source) -> tuple[Masthead, tuple[int, int]]:
    """The masthead, and where the body starts: never past a first page that holds the letter.

    A letter whose own title is missing would otherwise take the title of the letter in its annex
    and lose its whole first page (body and signature) to the masthead.
    """
    head, start = parse_masthead(source)
    if start[0] == 0:
        return head, start
    first_head, first_start = parse_masthead(replace(source, pages=source.pages[:1]))
    rest = [line.text.strip() for line in source.pages[0].lines[first_start[1] :]]
    prose = any(has_signed(t) or (len(t) >= 60 and ends_sentence(t)) for t in rest)
    return (first_head, first_start) if prose else (head, start)


def build_letter(source: Source) -> Letter:
    """Parse a decoded source. Raises `InputError` when it is not a UN letter at all."""
    if not any(line.text.strip() for page in source.pages for line in page.lines):
        raise InputError(f"{source.path}: no text to read (a scanned PDF without a text layer?)")
    head, start = _masthead(source)
    low = documents.is_low_quality(source)
    symbols = documents.masthead_symbols(source, head.symbols, low)
    if symbols != head.symbols:  # most often the same: no copy of the masthead to make
        head = replace(head, symbols=symbols)
    pages = clean_pages(source, head.symbols)
    if not _looks_like_letter(head, pages) and not kinds.looks_like_un_document(source, head.symbols):
        raise InputError(
            f"{source.path}: does not look like a UN letter or other UN document"
            " (no masthead, symbol or signature)"
        )
    warnings: list[str] = list(head.warnings)
    paragraph_lines = source.capabilities.paragraph_lines

    rows = _body_rows(pages, start)
    main_rows, parts = split_sections(rows)
    sections = [_Section("", head.title, main_rows)]
    sections += [_Section(f"a{k}.", part.title, part.rows) for k, part in enumerate(parts, start=1)]

    reader = NoteReader()
    owner = _page_owner(sections)
    last_owner = sections[0]
    for page in pages:
        section = owner.get(page.index, last_owner)
        last_owner = section
        before = len(reader.notes)
        reader.read_page(page.notes, page.index)
        section.notes.extend(reader.notes[before:])
    warnings.extend(reader.warnings)

    geo = Geometry(rows)

    def prose(rows: list[Row], opens: bool) -> list[str]:
        blocks = documents.cut_at_numbers(split_paragraphs(rows, paragraph_lines, part_start=opens, geo=geo))
        return [join_lines([r.text for r in block]) for block in blocks]

    for section in sections:
        runs, section.signatures = extract(section.rows, geo.typical, geo.base)
        opening = [(run, bool(section.prefix) and k == 0) for k, run in enumerate(runs)]
        texts = tables.paragraph_texts(opening, geo, prose, documents.paragraph_texts)
        pid = f"{section.prefix}p"
        section.paragraphs = [documents.make_paragraph(f"{pid}{n}", t) for n, t in enumerate(texts, start=1)]
        section.footnotes = [
            Footnote(f"{section.prefix}fn{n}", note.number, note.text)
            for n, note in enumerate(section.notes, start=1)
        ]

    references = _references(sections, [a.number for a in head.agenda_items])
    main = sections[0]
    annexes = tuple(
        Annex(
            id=s.prefix.rstrip("."),
            title=s.title,
            paragraphs=tuple(s.paragraphs),
            signatures=tuple(s.signatures),
            footnotes=tuple(s.footnotes),
        )
        for s in sections[1:]
    )
    warnings.extend(_checks(head, sections, references))
    letter = Letter(
        source=source.path,
        format=source.format,
        kind=head.kind,
        symbols=head.symbols,
        reissued=head.reissued,
        distribution=head.distribution,
        issued=head.issued,
        original_language=head.original_language,
        organs=head.organs,
        agenda_items=head.agenda_items,
        title=head.title,
        date=head.date,
        sender=head.sender,
        addressees=head.addressees,
        paragraphs=tuple(main.paragraphs),
        signatures=tuple(main.signatures),
        footnotes=tuple(main.footnotes),
        annexes=annexes,
        references=tuple(references),
        warnings=tuple(dict.fromkeys(warnings)),  # masthead and body may notice the same gap
        digest=source.digest,
        pages=len(source.pages),
    )
    return documents.complete(letter, source, low)


def _references(sections: list[_Section], agenda: list[str]) -> list[Reference]:
    found: list[Reference] = []
    for section in sections:
        numbers = frozenset(f.number for f in section.footnotes)  # not made again for every paragraph
        for paragraph in section.paragraphs:
            found.extend(symbol_finder.find(paragraph.text, paragraph.id, numbers, agenda))
        for footnote in section.footnotes:
            found.extend(symbol_finder.find(footnote.text, footnote.id, (), agenda))
    return found


def _checks(head: Masthead, sections: list[_Section], references: list[Reference]) -> list[str]:
    """What a reader should know the parser could not place or did not find."""
    out: list[str] = []
    main = sections[0]
    if not head.title:
        out.append("no letter title found")
    if not main.paragraphs:
        out.append("no body paragraphs found")
    if not main.signatures and head.kind != "note verbale":
        out.append("no (Signed) block found in the letter")
    for section in sections[1:]:
        if not section.paragraphs and not section.signatures:
            out.append(f"annex {section.prefix.rstrip('.')} has no text (an image without a text layer?)")
    marked = {
        (r.where.split(".")[0] if "." in r.where else "", r.target)
        for r in references
        if r.kind == "footnote"
    }
    for section in sections:
        scope = section.prefix.rstrip(".")
        for footnote in section.footnotes:
            if footnote.number != "*" and (scope, footnote.number) not in marked:
                out.append(f"footnote {footnote.number} ({footnote.id}): no marker found in the text")
    return out
