"""Annexes and enclosures: where the letter ends and each attachment begins.

An attachment starts at a heading line of its own: "Annex", "Annex II", "Enclosure 1", "ANNEX", or
"Annex to the letter dated ... addressed to ..." (wrapped over up to five lines, up to its
addressee). Only the heading is the annex's title; a title line after it ("Letter dated 7 January
2025 from ... addressed to the Secretary-General") is the annex's first paragraph, so nothing the
annex says is hidden in a title; so is "[Original: French]", kept as a paragraph of its own. A letter
inside an annex stays inside that annex. The model has no nesting: an enclosure to an annex, or an
annex's own "Annex", is the next entry in the list (a2, a3 ...), in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader import lazy_re
from reader.parser.rows import Row
from reader.parser.signatures import has_signed, is_title_line
from reader.parser.text_shape import ends_sentence
from reader.parser.titles import addressee_goes_on, addressee_runs_on, ends_title, is_title_start, opens_text

_NUMBERING = r"(?:[IVXLC]{1,6}|\d{1,2}|[A-Z])\*{0,3}"
_BARE = lazy_re.compile(
    rf"^(?:Annex|ANNEX|Enclosure|ENCLOSURE|Appendix|APPENDIX|Attachment)(?:\s+{_NUMBERING}|\*{{1,3}})?\.?$"
)
_TO_THE = lazy_re.compile(
    rf"^(?:Annex|ANNEX|Enclosure|Appendix|Attachment)(?:\s+{_NUMBERING})?\s+to\s+the\s+"
    r"(?:identical\s+|joint\s+|same\s+)?(?:letters?|notes?\s+verbales?|note|annex|communication|"
    r"statement|memorandum|declaration)\b",
    re.IGNORECASE,
)
_HEADING_INITIALS = frozenset("aAeE")
_SIGNATURE_ROWS = 8  # a signature block's name and title lines
_TITLE_LINE = 70  # characters: longer lines are text, not a signatory's title
_MAX_HEADING_ROWS = 8  # a heading naming four addressees runs to six lines
_WITH_ORIGINAL = lazy_re.compile(r"^(.*\S)\s+(\[Original:[^\]]*\])$", re.IGNORECASE)
_CONNECTORS = frozenset(
    ["to", "the", "of", "and", "from", "by", "on", "in", "for", "at", "a.i.", "addressed"]
)


@dataclass
class Part:
    """One annex while it is being read: its heading and its rows."""

    title: str
    rows: list[Row] = field(default_factory=list)


def _split_original(text: str) -> tuple[str, str]:
    """ "Annex [Original: French]" printed on one line: the heading and the language note."""
    match = _WITH_ORIGINAL.match(text) if "[" in text else None  # its backtracking only where a "[" is
    return (match.group(1), match.group(2)) if match else (text, "")


def is_heading(text: str) -> bool:
    if text[:1] not in _HEADING_INITIALS:
        return False  # every heading word starts with a or e (annex, enclosure, appendix, attachment)
    text = _split_original(text)[0]
    return bool(_BARE.match(text) or _TO_THE.match(text))


def _opens(rows: Sequence[Row], i: int) -> bool:
    row = rows[i]
    if not is_heading(row.text):
        return False
    if i == 0 or row.first_on_page or row.gap_before or row.after_furniture:
        return True
    prev = rows[i - 1]
    return ends_sentence(prev.text) or prev.page != row.page or _after_signature(rows, i)


def _after_signature(rows: Sequence[Row], i: int) -> bool:
    """Row i follows a signature block: "(Signed) ...", then only its name and title lines."""
    for k in range(i - 1, max(i - 1 - _SIGNATURE_ROWS, -1), -1):
        row = rows[k]
        if has_signed(row.text):
            return True
        if not is_title_line(row.text) and (len(row.text) > _TITLE_LINE or ends_sentence(row.text)):
            return False
    return False


def _name_goes_on(heading: list[str], top: Row, nxt: Row) -> bool:
    """ "... the Security Council" / "Committee established ...": only where the page shows the
    wrap (-layout, PDF: the same left edge, no gap); in plain text a heading line cannot be told
    from the annex's own first line ("Statement by the Ministry ...")."""
    if top.indent is None or nxt.indent is None or nxt.gap_before or nxt.after_furniture:
        return False
    return abs(nxt.indent - top.indent) <= 1 and addressee_goes_on(heading, nxt.text, measure=False)


def split_sections(rows: Sequence[Row]) -> tuple[list[Row], list[Part]]:
    """The letter's own rows, then each annex with its heading as title.

    Rows on a later page than a part's signature and before the next heading belong to that next
    annex: plain `pdftotext` sometimes prints an annex page's text above its heading.
    """
    main: list[Row] = []
    parts: list[Part] = []
    pending: list[Row] = []
    signed_page: int | None = None
    carrying = False  # the rows just kept are a signature's titles carried over a page break
    current = main  # the rows of the last part, once there is one
    count = len(rows)
    i = 0
    while i < count:
        row = rows[i]
        text = row.text
        # is_heading's first-letter gate before the call, and has_signed's "(" gate: most rows fail both
        if text[:1] not in _HEADING_INITIALS or not _opens(rows, i):
            if "(" in text and has_signed(text):
                current.extend(pending)
                pending = []
                signed_page = row.page
                current.append(row)
            elif signed_page is not None and row.page > signed_page:
                if (
                    row.page == signed_page + 1
                    and not pending
                    and (row.first_on_page or carrying)
                    and is_title_line(text)
                ):
                    current.append(row)  # the signature's title lines go on at the top of the page
                    carrying = True
                else:
                    pending.append(row)
                    carrying = False
            else:
                current.append(row)
            i += 1
            continue
        first, original = _split_original(rows[i].text)
        heading = [first]
        if original:
            row = rows[i]
            pending.append(
                Row(original, row.page, row.index, row.indent, row.gap_before, row.after_furniture)
            )
        i += 1
        if not _BARE.match(heading[0]):
            top = rows[i - 1]
            while (
                i < len(rows)
                and len(heading) < _MAX_HEADING_ROWS
                and (
                    not ends_title(" ".join(heading))
                    or addressee_runs_on(rows[i])
                    or _name_goes_on(heading, top, rows[i])
                )
            ):
                nxt = rows[i]
                broken = nxt.gap_before or nxt.after_furniture or nxt.page != rows[i - 1].page
                dangling = heading[-1].rsplit(" ", 1)[-1] in _CONNECTORS
                if (broken and not nxt.text[:1].islower() and not dangling) or is_title_start(nxt.text):
                    break
                if opens_text(nxt.text) and not dangling:
                    break  # "Furthermore, ...": the annex's text, after an addressee of unknown shape
                if nxt.text.startswith("[") or has_signed(nxt.text):
                    break
                heading.append(nxt.text)
                i += 1
        parts.append(Part(title=" ".join(heading), rows=pending))
        current = pending
        pending = []
        signed_page = None
    current.extend(pending)
    return main, parts
