"""The heading tree: chapters (I., II.), lettered headings (A., B.), numbered headings (1., 2.1) and,
in meeting records, each speaker's turn.

A heading is a short numbered paragraph that does not read as a sentence; a numbered paragraph of
a report ("1. The present report ...") is long and ends with a full stop, so it stays a paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader import lazy_re
from reader.model import Paragraph, Section

_ROMAN = lazy_re.compile(r"^[IVXL]{1,6}$")
_HEADING_MAX = 150
_SPEAKER = lazy_re.compile(
    r"^(?P<who>(?:The\s+(?:Acting\s+)?(?:President|Chair|Chairman|Chairperson|Secretary-General)"
    r"|(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Archbishop|Cardinal|Prince|Sheikh|Sheikha)\.?\s+[^:()]{1,60}?"
    r"(?:\s+\([^()]{2,60}\))?(?:\s+\((?:spoke|interpretation)\s+[^()]{2,40}\))?))\s*:\s*",
)


def _level(number: str) -> int:
    if _ROMAN.match(number):
        return 1
    if len(number) == 1 and number.isalpha() and number.isupper():
        return 2
    return 3 + number.count(".")


def _is_heading(paragraph: Paragraph) -> bool:
    if paragraph.number is None or paragraph.number.startswith("(") or paragraph.number.endswith(")"):
        return False
    title = _title(paragraph)
    if not title or len(paragraph.text) > _HEADING_MAX:
        return False
    if title.endswith((".", ",", ";", ":")) and not title.endswith("etc."):
        return False
    return title[:1].isupper() or title[:1].isdigit() or not title[:1].isalpha()


def _title(paragraph: Paragraph) -> str:
    text = paragraph.text.strip()
    number = (paragraph.number or "").strip("()")
    at = text.find(number) + len(number) if number else 0
    return text[at:].lstrip(".) \t").strip()


def heading_sections(paragraphs: Sequence[Paragraph], start: int = 1) -> list[Section]:
    """Sections for the numbered headings among these paragraphs; a heading points at itself."""
    out: list[Section] = []
    plausible: bool | None = None  # asked of the paragraphs once, at the first numbered heading
    for paragraph in paragraphs:
        if _is_heading(paragraph):
            number = paragraph.number or ""
            level = _level(number)
            if level >= 3:
                if plausible is None:
                    plausible = _numbered_headings_plausible(paragraphs)
                if not plausible:
                    continue
            out.append(Section(f"s{start + len(out)}", level, number, _title(paragraph), paragraph.id))
    return out


def _numbered_headings_plausible(paragraphs: Sequence[Paragraph]) -> bool:
    """Arabic-numbered headings only where the paragraphs themselves are not numbered 1., 2. as prose."""
    numbered = [p for p in paragraphs if p.number and p.number.replace(".", "").isdigit()]
    long = [p for p in numbered if len(p.text) > _HEADING_MAX]
    return len(long) <= len(numbered) // 4


def speaker_sections(paragraphs: Sequence[Paragraph], start: int = 1) -> list[Section]:
    """A meeting record's turns: "The President: ...", "Mr. Nebenzia (Russian Federation): ..."."""
    out: list[Section] = []
    for paragraph in paragraphs:
        m = _SPEAKER.match(paragraph.text)
        if m:
            out.append(
                Section(f"s{start + len(out)}", 1, None, " ".join(m.group("who").split()), paragraph.id)
            )
    return out
