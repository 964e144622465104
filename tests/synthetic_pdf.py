"""Made-up letters as PDFs: the `-layout` page of tests/synthetic_letters.py drawn with PDF text.

A minimal PDF writer (the standard Times fonts, one text run per chunk of a line) so a test can
hand the PDF reader letters the fixtures do not show. Each chunk between wide gaps is drawn at the
x position of its column, the letter's title and annex headings in Times-Bold, the footnote area
in smaller type, as Word-made UN PDFs draw them.
"""

from __future__ import annotations

import re
import zlib

from tests.synthetic_letters import LETTER_TITLE, Spec, _advance, _title_lines, render

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
LEFT = 20.0  # points: the x of column 0
COLUMN = 4.1  # points per -layout character column (0.41 of the 10-point body type)
LEADING = 12.0
_CHUNK = re.compile(r"\S+(?: {1,2}\S+)*")


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text(font: str, size: float, x: float, y: float, text: str) -> bytes:
    return b"BT /%s %.1f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (font.encode(), size, x, y, _escape(text))


def _chunk(
    text: str, font: str, size: float, x: float, y: float, italic: tuple[str, ...], shift: float
) -> list[bytes]:
    """A chunk as one run, or three when it holds an italic phrase: before, the phrase, after.

    Each run is placed where the one before ends (Times widths), as Word places runs; the phrase is
    drawn in Times-Italic ``shift`` points above its line (below when negative)."""
    phrase = next((p for p in italic if p in text), None)
    if phrase is None:
        return [_text(font, size, x, y, text)]
    before, after = text.split(phrase, 1)
    at = x + _advance(before) * size / 1000
    runs = [_text(font, size, x, y, before)] if before else []
    runs.append(_text("F3", size, at, y + shift, phrase))
    if after:
        runs.extend(_chunk(after, font, size, at + _advance(phrase) * size / 1000, y, italic, shift))
    return runs


def _page_stream(lines: list[str], bold: set[str], italic: tuple[str, ...] = (), shift: float = 0.0) -> bytes:
    out: list[bytes] = []
    y = PAGE_HEIGHT - 40.0
    in_notes = False
    for line in lines:
        if not line.strip():
            y -= LEADING * 0.6
            continue
        if set(line.strip()) == {"_"}:
            in_notes = True
        size = 8.0 if in_notes else 10.0
        for match in _CHUNK.finditer(line):
            text = match.group()
            font = "F2" if text.strip() in bold else "F1"
            out.extend(_chunk(text, font, size, LEFT + match.start() * COLUMN, y, italic, shift))
        y -= LEADING if not in_notes else LEADING * 0.8
    return b"\n".join(out)


def render_pdf(
    spec: Spec,
    to_unicode: dict[int, str] | None = None,
    italic: tuple[str, ...] = (),
    shift: float = 0.0,
) -> bytes:
    """The letter as a PDF of as many pages as its -layout rendering has.

    ``to_unicode`` gives the body font a ToUnicode map sending those byte codes to those UTF-16
    code units (hex, e.g. ``{0xA4: "D800"}``: a lone surrogate, as a broken font maps it).
    ``italic`` phrases are drawn in Times-Italic wherever a line holds them whole, their baseline
    ``shift`` points off the line's.
    """
    pages = render(spec, layout=True).split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    bold = set(_title_lines(spec.title, LETTER_TITLE))
    for annex in spec.annexes:
        bold.update(_title_lines(annex.heading, 62))
    streams = [_page_stream(page.split("\n"), bold, italic, shift) for page in pages]
    return pdf_document(streams, to_unicode=to_unicode)


def _cmap(mapping: dict[int, str]) -> bytes:
    chars = b"\n".join(b"<%02X> <%s>" % (code, units.encode()) for code, units in sorted(mapping.items()))
    body = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Broken-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"%d beginbfchar\n%s\nendbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end" % (len(mapping), chars)
    )
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body)


def pdf_document(
    streams: list[bytes],
    to_unicode: dict[int, str] | None = None,
    compress: bool = False,
    extra: list[bytes] | None = None,
) -> bytes:
    """A PDF whose pages draw these content streams with /F1 Times-Roman, /F2 -Bold and /F3 -Italic.

    ``compress`` deflates the streams, as a small hostile file hides megabytes of drawing in a few
    kilobytes; ``extra`` objects are numbered after the fonts (5 0 R, ...) for form XObjects.
    """
    unicode_ref = b""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"",  # the body font, once its ToUnicode map has a number
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>",
    ]
    objects.extend(extra or [])
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Italic /Encoding /WinAnsiEncoding >>")
    italic_ref = len(objects)
    if to_unicode:
        objects.append(_cmap(to_unicode))
        unicode_ref = b" /ToUnicode %d 0 R" % len(objects)
    objects[2] = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding%s >>" % unicode_ref
    )
    xobjects = b"".join(b"/X%d %d 0 R " % (k, k) for k in range(5, 5 + len(extra or [])))
    kids: list[int] = []
    for stream in streams:
        if compress:
            packed = zlib.compress(stream, 9)
            head = b"<< /Length %d /Filter /FlateDecode >>" % len(packed)
            objects.append(b"%s\nstream\n%s\nendstream" % (head, packed))
        else:
            objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 %d 0 R >> /XObject << %s>> >> >>"
            % (PAGE_WIDTH, PAGE_HEIGHT, content, italic_ref, xobjects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    data = bytearray(b"%PDF-1.4\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(data)
