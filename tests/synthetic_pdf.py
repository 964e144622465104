"""Made-up letters as PDFs: the `-layout` page of tests/synthetic_letters.py drawn with PDF text.

A minimal PDF writer (the standard Times fonts, one text run per chunk of a line) so a test can
hand the PDF reader letters the fixtures do not show. Each chunk between wide gaps is drawn at the
x position of its column, the letter's title and annex headings in Times-Bold, the footnote area
in smaller type, as Word-made UN PDFs draw them.
"""

from __future__ import annotations

import re

from tests.synthetic_letters import LETTER_TITLE, Spec, _title_lines, render

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
LEFT = 20.0  # points: the x of column 0
COLUMN = 4.1  # points per -layout character column (0.41 of the 10-point body type)
LEADING = 12.0
_CHUNK = re.compile(r"\S+(?: {1,2}\S+)*")


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(lines: list[str], bold: set[str]) -> bytes:
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
            x = LEFT + match.start() * COLUMN
            out.append(
                b"BT /%s %.1f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (font.encode(), size, x, y, _escape(text))
            )
        y -= LEADING if not in_notes else LEADING * 0.8
    return b"\n".join(out)


def render_pdf(spec: Spec) -> bytes:
    """The letter as a PDF of as many pages as its -layout rendering has."""
    pages = render(spec, layout=True).split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    bold = set(_title_lines(spec.title, LETTER_TITLE))
    for annex in spec.annexes:
        bold.update(_title_lines(annex.heading, 62))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>",
    ]
    kids: list[int] = []
    for page in pages:
        stream = _page_stream(page.split("\n"), bold)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>" % (PAGE_WIDTH, PAGE_HEIGHT, content)
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
