"""Resolutions: number and year, the adoption line, and preamble versus operative paragraphs.

"Adopted by the Security Council at its 9854th meeting, on 31 January 2025" (Council) and
"Resolution adopted by the General Assembly on 5 December 2024" (Assembly) are the two adoption
lines; the paragraphs after "The Security Council," up to the first numbered one are the preamble,
numbered paragraphs and their "(a)" sub-items the operative part.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from reader import lazy_re
from reader.formats.lines import Source
from reader.model import Adoption, Paragraph, Reference, Resolution
from reader.parser.dates import DATE_PATTERN, parse_date

_ORGAN = (
    r"(?:Security\s+Council|General\s+Assembly|Economic\s+and\s+Social\s+Council|Human\s+Rights\s+Council"
    r"|[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|and|the|for|on)){0,8}?)"
)
_ADOPTED = lazy_re.compile(
    rf"(?:Resolution\s+)?[Aa]dopted\s+by\s+the\s+(?P<organ>{_ORGAN})"
    rf"(?:\s+at\s+its\s+(?P<meeting>\d+(?:st|nd|rd|th)|[a-z-]+(?:\s+plenary)?)\s+(?:plenary\s+)?meeting)?"
    rf",?\s+on\s+(?P<date>{DATE_PATTERN})"
)
_OWN_NUMBER = lazy_re.compile(r"/RES/(?P<number>[\w./-]+?)\s*(?:\((?P<year>\d{4})\))?$")
_TITLE_NUMBER = lazy_re.compile(r"^Resolution\s+(?P<number>\d+(?:/\d+)?)\s*(?:\((?P<year>\d{4})\))?")
_OPENING = lazy_re.compile(
    r"^The\s+(?:Security\s+Council|General\s+Assembly|Economic\s+and\s+Social\s+Council|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}),$"
)
_PAGE_ONE_LINES = 60


def adoption(source: Source) -> Adoption | None:
    """The adoption line of page 1 (it may wrap over two lines)."""
    if not source.pages:
        return None
    text = " ".join(" ".join(line.text.split()) for line in source.pages[0].lines[:_PAGE_ONE_LINES])
    m = _ADOPTED.search(text)
    if not m:
        return None
    meeting = m.group("meeting")
    return Adoption(
        organ=" ".join(m.group("organ").split()), meeting=meeting, date=parse_date(m.group("date"))
    )


_ASSEMBLY_TITLE = lazy_re.compile(r"^\d{1,3}/\d{1,4}\.\s+\S")


def assembly_title(source: Source) -> str:
    """ "79/123. Strengthening of cooperation": the title line of a General Assembly resolution."""
    if not source.pages:
        return ""
    lines = [" ".join(line.text.split()) for line in source.pages[0].lines[:_PAGE_ONE_LINES]]
    for k, text in enumerate(lines):
        if _ASSEMBLY_TITLE.match(text):
            out = [text]
            for more in lines[k + 1 : k + 4]:
                if not more or _OPENING.match(more):
                    break
                out.append(more)
            return " ".join(out)
    return ""


def resolution(symbols: Sequence[str], title: str, paragraphs: Sequence[Paragraph]) -> Resolution | None:
    number, year = _number(symbols, title)
    if number is None:
        return None
    preamble: list[str] = []
    operative: list[str] = []
    opened = not any(_OPENING.match(p.text.strip()) for p in paragraphs)  # the masthead may hold it
    for paragraph in paragraphs:
        if not opened:
            opened = bool(_OPENING.match(paragraph.text.strip()))
            continue
        if paragraph.number is None and not operative:
            preamble.append(paragraph.id)
        elif paragraph.number is not None:
            operative.append(paragraph.id)
        elif operative:
            break  # text after the operative part: an annex heading, a statement
    return Resolution(number=number, year=year, preamble=tuple(preamble), operative=tuple(operative))


def _number(symbols: Sequence[str], title: str) -> tuple[str | None, int | None]:
    for symbol in symbols:
        m = _OWN_NUMBER.search(symbol)
        if m:
            return m.group("number"), int(m.group("year")) if m.group("year") else None
    m = _TITLE_NUMBER.match(title)
    if m:
        return m.group("number"), int(m.group("year")) if m.group("year") else None
    return None, None


# a preambular paragraph opens with a participle or an adjective of state after the previous one's comma
_PREAMBLE_OPENERS = (
    r"(?:[A-Z][a-z]{1,}(?:ing|ed)(?<!Beijing)(?<!United)(?<!Need)(?<!Speed)(?<!Kunming)(?<!Nanjing)\b"
    r"(?!\s+(?:Declaration|Platform|Programme|Agreement|Plan))"
    r"|Bearing\s+in\s+mind|Mindful|Aware|Deeply|Gravely|Convinced|Conscious|Cognizant|Determined|Seized|Further|Also)"
)
_PREAMBLE_SPLIT = lazy_re.compile(rf"(?<=,)\s+(?={_PREAMBLE_OPENERS})")
_OPENING_AT_START = lazy_re.compile(
    r"^(The\s+(?:Security\s+Council|General\s+Assembly|Economic\s+and\s+Social\s+Council|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}),)\s+"
)


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each preambular paragraph run together in one paragraph of plain pdftotext."""
    cuts = [0]
    m = _OPENING_AT_START.match(text)
    if m:
        cuts.append(m.end())
    cuts += [m.end() for m in _PREAMBLE_SPLIT.finditer(text) if m.end() > cuts[-1]]
    cuts.append(len(text))
    return [(a, text[a:b].rstrip()) for a, b in itertools.pairwise(cuts) if text[a:b].strip()]


def split_preamble(
    paragraphs: Sequence[Paragraph], references: Sequence[Reference]
) -> tuple[tuple[Paragraph, ...], tuple[Reference, ...]]:
    """One paragraph per preambular paragraph, and "The Security Council," on its own.

    Where the layout showed no paragraph break (plain pdftotext prints no indent), the preamble of a
    resolution comes as one run; its paragraphs are cut where a participle opens after a comma. The
    main text's paragraphs are numbered again and references moved to the piece holding them.
    """
    out: list[Paragraph] = []
    moved: dict[str, list[tuple[int, int, str]]] = {}  # old id -> [(start, end, new id)]
    before_operative = True
    for paragraph in paragraphs:
        if paragraph.number is not None:
            before_operative = False
        pieces = (
            _pieces(paragraph.text)
            if before_operative and paragraph.number is None
            else [(0, paragraph.text)]
        )
        for offset, text in pieces:
            new_id = f"p{len(out) + 1}"
            moved.setdefault(paragraph.id, []).append((offset, offset + len(text), new_id))
            out.append(Paragraph(new_id, text, paragraph.number if offset == 0 else None))
    refs: list[Reference] = []
    for ref in references:
        spans = moved.get(ref.where)
        if spans is None:
            refs.append(ref)
            continue
        for start, end, new_id in spans:
            if start <= ref.start < end or (start, end, new_id) == spans[-1]:
                refs.append(replace(ref, where=new_id, start=ref.start - start, end=ref.end - start))
                break
    return tuple(out), tuple(refs)
