"""Text inputs: `pdftotext` output (plain or `-layout`) and Markdown-like text such as the seed.

`pdftotext` ends every page with a form feed, which gives us pages for free; `-layout` keeps each
line's indentation, which is what marks paragraph starts and the masthead's columns.
"""

from __future__ import annotations

import re

from reader.formats.lines import Line, Page

_MARKDOWN_HINTS = re.compile(r"^\s*(#{1,6} |\*\*)|<sup>|\*\*\s*$", re.MULTILINE)
_WIDE_GAP = re.compile(r"\S {6,}\S")


def detect_text_format(text: str) -> str:
    head = text.lstrip()[:2000]
    if head.startswith("<") and ("<akomaNtoso" in head or "akn/3.0" in head):
        return "akn"
    if _MARKDOWN_HINTS.search(text[:200_000]) and "\f" not in text:
        return "markdown"
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return "text"
    indented = sum(1 for line in lines if line.startswith("    "))
    gapped = sum(1 for line in lines if _WIDE_GAP.search(line))
    if indented / len(lines) > 0.3 or gapped / len(lines) > 0.05:
        return "layout"
    return "text"


def text_to_pages(text: str, fmt: str) -> tuple[Page, ...]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_pages = text.split("\f")
    if raw_pages and not raw_pages[-1].strip() and len(raw_pages) > 1:
        raw_pages.pop()
    pages: list[Page] = []
    for number, raw in enumerate(raw_pages, start=1):
        lines: list[Line] = []
        gap = number > 1
        for raw_line in raw.split("\n"):
            stripped = raw_line.rstrip()
            if not stripped.strip():
                gap = True
                continue
            content = stripped.lstrip(" ")
            indent = float(len(stripped) - len(content)) if fmt == "layout" else None
            lines.append(Line(text=content, indent=indent, gap_before=gap))
            gap = False
        pages.append(Page(number=number, lines=tuple(lines)))
    return tuple(pages)
