"""Synthetic UN letters, printed the way `pdftotext` and `pdftotext -layout` print real ones.

The real fixtures cover 42 letters; the letters the reader meets later come from other organs,
sessions, senders and layouts. These builders print a letter described field by field in the
same page layout as the real files (measured on tests/fixtures/letters/layout), so a test can
state by hand what the parser must find and vary one thing at a time.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

WIDTH = 84  # characters of running text on a -layout page
LEFT = 16  # left edge of running text in -layout output
INDENT = 5  # first-line indent of a paragraph in -layout output
RIGHT_COL = 82  # -layout: where the masthead's right column starts
SYMBOL_EDGE = 118  # -layout: right edge of the symbol in the top right corner


@dataclass
class OrganBlock:
    organ: str  # "General Assembly"
    session: str  # "Seventy-ninth session"
    agenda: str = ""  # "Agenda items 14, 68 (b) and 121"
    titles: tuple[str, ...] = ()  # each title wrapped at `title_width`


@dataclass
class Annex:
    heading: str  # "Annex I", "Enclosure", "Annex to the letter dated ..."
    paragraphs: tuple[str, ...] = ()
    original: str = ""  # "French" prints "[Original: French]"
    signatures: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass
class Spec:
    symbols: tuple[str, ...]
    organs_header: tuple[str, ...]  # the organ names under "United Nations"
    issued: str  # "17 January 2025"
    title: str
    paragraphs: tuple[str, ...]
    blocks: tuple[OrganBlock, ...] = ()
    original: str = "English"
    signatures: tuple[tuple[str, tuple[str, ...]], ...] = ()
    footnotes: tuple[tuple[str, str], ...] = ()  # (number, text), all at the foot of page 1
    annexes: tuple[Annex, ...] = ()
    job: str = "25-09999 (E)"
    stamp: str = "010725"
    title_width: int = 60
    lines_per_page: int = 46  # body lines before a page break
    footnote_page_break: bool = False  # the last footnote runs on at the foot of page 2
    extra: dict[str, str] = field(default_factory=dict)


def _wrap(text: str, width: int, first: int = 0) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=" " * first, break_on_hyphens=False) or [""]


# Times Roman advance widths (1/1000 em, the font's published metrics): a PDF breaks lines by them
_TIMES = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:-()/’‘“”",
        [444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
         278, 500, 500, 722, 500, 500, 444, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611,
         889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611]
        + [500] * 10
        + [250, 250, 250, 278, 278, 333, 333, 333, 278, 333, 333, 444, 444],
        strict=True,
    )
)  # fmt: skip
FULL = 34_000  # a full line of running text, as measured on the real letters
INDENT_WIDTH = 1_900  # the first-line indent
TITLE_MEASURE = 27_000  # a letter's title is set narrower than the text
LETTER_TITLE = 66


def _advance(text: str) -> int:
    return sum(_TIMES.get(ch, 500) for ch in text)


def _wrap_printed(text: str) -> list[str]:
    """Break a paragraph as the PDF does: by printed width, the first line shorter by its indent."""
    lines: list[str] = []
    current = ""
    room = FULL - INDENT_WIDTH
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and _advance(candidate) > room:
            lines.append(current)
            current = word
            room = FULL
        else:
            current = candidate
    lines.append(current)
    return lines


def _title_lines(title: str, width: int) -> list[str]:
    """Masthead item titles wrap at ``width`` characters; a letter's title (width 66) is set in a
    narrower measure than the text, by printed width like any line of the PDF."""
    if width != LETTER_TITLE:
        return textwrap.wrap(title, width=width, break_on_hyphens=False)
    lines: list[str] = []
    for word in title.split():
        if lines and _advance(f"{lines[-1]} {word}") <= TITLE_MEASURE:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


class _Pages:
    """Body lines with page breaks and the furniture each page prints."""

    def __init__(self, spec: Spec, layout: bool) -> None:
        self.spec = spec
        self.layout = layout
        self.pages: list[list[str]] = [[]]
        self.count = 0

    def add(self, line: str) -> None:
        if self.count >= self.spec.lines_per_page:
            self.pages.append([])
            self.count = 0
            self._head()
        self.pages[-1].append(line)
        self.count += 1

    def _head(self) -> None:
        for symbol in self.spec.symbols:
            self.pages[-1].append(symbol.rjust(SYMBOL_EDGE) if self.layout else symbol)
        if not self.layout:
            self.pages[-1].append("")


def _footer(spec: Spec, page: int, total: int, layout: bool) -> list[str]:
    number = spec.job.split()[0]
    if page == 0:
        if layout:
            return ["", f" {spec.job}     {spec.stamp}", f" *{number.replace('-', '')}*"]
        return ["", spec.job, "", spec.stamp, "", f"*{number.replace('-', '')}*", ""]
    mark = f"{page + 1}/{total}"
    if layout:
        return ["", f"{mark}{number.rjust(100)}" if page % 2 else f"{number}{mark.rjust(100)}"]
    return ["", mark if page % 2 else number, "", number if page % 2 else mark, ""]


def _masthead(spec: Spec, layout: bool) -> list[str]:
    joint = "-".join(spec.symbols)
    right = [
        "Distr.: General",
        spec.issued,
        "",
        f"Original: {spec.original}",
    ]
    if not layout:
        out = [joint, "", "United Nations", ""]
        out += [*spec.organs_header, ""]
        out += ["Distr.: General", spec.issued, f"Original: {spec.original}", ""]
        for block in spec.blocks:
            out += [block.organ, block.session]
            if block.agenda:
                out.append(block.agenda)
            out.append("")
        for block in spec.blocks:
            for title in block.titles:
                out += _title_lines(title, spec.title_width)
        out.append("")
        return out
    left = ["United Nations", *spec.organs_header]
    out = [" " * LEFT + left[0] + joint.rjust(SYMBOL_EDGE - LEFT - len(left[0]))]
    for k in range(max(len(left) - 1, len(right))):
        a = left[k + 1] if k + 1 < len(left) else ""
        b = right[k] if k < len(right) else ""
        line = (" " * LEFT + a).ljust(RIGHT_COL) + b if b else " " * LEFT + a
        out.append(line.rstrip())
    out += ["", "", ""]
    if spec.blocks:
        heads = [b.organ for b in spec.blocks]
        sessions = [b.session for b in spec.blocks]
        out.append(heads[0].ljust(70) + (heads[1] if len(heads) > 1 else ""))
        out.append(sessions[0].ljust(70) + (sessions[1] if len(sessions) > 1 else ""))
        for block in spec.blocks:
            if block.agenda:
                out.append(block.agenda)
        for block in spec.blocks:
            for title in block.titles:
                out += _title_lines(title, spec.title_width)
        out += ["", ""]
    return [line.rstrip() for line in out]


def _signature_lines(signatures: tuple[tuple[str, tuple[str, ...]], ...], layout: bool) -> list[str]:
    out: list[str] = []
    for name, titles in signatures:
        for text in (f"(Signed) {name}", *titles):
            out.append(text.rjust(LEFT + WIDTH - 6) if layout else text)
    return out


def _paragraph_lines(text: str, layout: bool) -> list[str]:
    lines = _wrap_printed(text)
    if not layout:
        return lines  # plain text loses the first-line indent, not its effect on the breaks
    lines[0] = " " * INDENT + lines[0]
    return [" " * LEFT + line for line in lines]


def render(spec: Spec, layout: bool = False) -> str:
    """The letter as `pdftotext` (layout=False) or `pdftotext -layout` prints it."""
    head = _masthead(spec, layout)
    pages = _Pages(spec, layout)
    for line in _title_lines(spec.title, LETTER_TITLE):
        pages.add(" " * LEFT + line if layout else line)
    if layout:
        pages.add("")
    for paragraph in spec.paragraphs:
        for line in _paragraph_lines(paragraph, layout):
            pages.add(line)
    if layout:
        pages.add("")
    for line in _signature_lines(spec.signatures, layout):
        pages.add(line)
    first_page_notes: list[str] = []
    second_page_notes: list[str] = []
    if spec.footnotes:
        notes = ["__________________"]
        for k, (number, text) in enumerate(spec.footnotes):
            wrapped = _wrap(text, 80)
            last = k == len(spec.footnotes) - 1
            if last and spec.footnote_page_break and len(wrapped) > 1:
                keep, rest = wrapped[:1], wrapped[1:]
                second_page_notes = [" " * (LEFT + 4) + r if layout else r for r in rest]
                wrapped = keep
            if layout:
                notes.append(" " * (LEFT + 1) + number.ljust(4) + wrapped[0])
                notes += [" " * (LEFT + 5) + w for w in wrapped[1:]]
            else:
                notes += [number, *wrapped]
        first_page_notes = notes
    for annex in spec.annexes:
        pages.pages.append([])
        pages.count = 0
        pages._head()
        for line in _title_lines(annex.heading, 62):
            pages.add(" " * (LEFT + 4) + line if layout else line)
        if annex.original:
            note = f"[Original: {annex.original}]"
            pages.add(note.rjust(LEFT + WIDTH) if layout else note)
        for paragraph in annex.paragraphs:
            for line in _paragraph_lines(paragraph, layout):
                pages.add(line)
        for line in _signature_lines(annex.signatures, layout):
            pages.add(line)
    if second_page_notes and len(pages.pages) < 2:
        pages.pages.append([])
        pages.count = 0
        pages._head()
        pages.add(_paragraph_lines("This page carries only the end of a footnote and one line.", layout)[0])
    total = len(pages.pages)
    out_pages: list[str] = []
    for k, body in enumerate(pages.pages):
        lines = head + body if k == 0 else list(body)
        if k == 0 and first_page_notes:
            lines += ["", *first_page_notes]
        if k == 1 and second_page_notes:
            lines += ["", "__________________", *second_page_notes]
        lines += _footer(spec, k, total, layout)
        out_pages.append("\n".join(lines) + "\n")
    return "\f".join(out_pages) + "\f"
