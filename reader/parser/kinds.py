"""What kind of document this is, and its title, from its symbols and its first page.

The symbol says it first (S/RES/ is a resolution, S/PRST/ a presidential statement, /PV. a meeting
record); then the line under the title that every UN document prints ("Report of the
Secretary-General", "Note by the Secretariat", "Draft resolution submitted by ...", "Working paper
submitted by Mexico"); a letter is what the masthead already recognised as one.
"""

from __future__ import annotations

import re

from reader import lazy_re
from reader.formats.lines import Source
from reader.model import LETTER_KINDS, LetterKind
from reader.parser.body import join_lines

_SUBTITLE = lazy_re.compile(
    r"^(?:(?P<byline>(?:[A-Z][\w-]+\s+)?[Rr]eport\s+(?:of|by)\s+the\s+(?:Secretary-General|Executive\s+Director"
    r"|Administrator|Director(?:[\s,-]+[A-Z][\w-]*)*|High\s+Commissioner(?:\s+[\w-]+){0,6}|[A-Z][\w-]+\s+Office"
    r"|UNCTAD\s+secretariat|Secretariat|Joint\s+Inspection\s+Unit|Board\s+of\s+Auditors)\**$)"
    r"|(?P<report>(?:[A-Z][\w-]*:\s+)?(?:(?!The\b|This\b|That\b|In\b)[A-Z][\w-]+\s+)?[Rr]eport\s+(?:of|on|by)\b"
    r"|Annual\s+report\b|ANNUAL\s+REPORT\b|(?:Draft\s+)?(?i:rapport|informe)\s+(?i:du|de|sur|del|sobre)\b)"
    r"|(?P<note>(?:Information\s+)?Note\s+by\b)"
    r"|(?P<draft>(?:Revised\s+)?Draft\s+resolutions?\b|[^:]{2,250}:[\s*,]*(?:revised\s+)?draft\s+resolutions?$)"
    r"|(?P<amendment>[^:]{2,250}:[\s*,]*(?:amendments?|proposed\s+amendments?)\s+to\b)"
    r"|(?P<sponsored>[^:]{2,250}:[\s*,]*(?:revised\s+)?draft\s+decisions?$)"
    r"|(?P<draftreport>(?:Draft|Provisional)\s+report\b)"
    r"|(?P<decision>(?:Draft\s+)?[Dd]ecisions?\s+(?:\d+/\S+\s|adopted\b))"
    r"|(?P<resolution>Resolution\s+\d+\s*\(\d{4}\)$|Resolution\s+adopted\s+by\b)"
    r"|(?P<statement>Statement\s+by\s+the\s+President\b)"
    r"|(?P<named>(?:List\s+of\s+participants|Provisional\s+(?:annotated\s+)?agenda|Annotated\s+provisional\s+agenda)\b)"
    r"|(?P<other>(?:(?:Revised\s+)?[Ww]orking\s+paper\b|Information\s+note\b|Review\s+Highlights\b|Summary\s+record\b)))"
)
_ITEM_LINE = lazy_re.compile(
    r"^(?:Items?\s+[\d(]|Agenda\s+items?\b|Provisional\s+agenda\s+items?\b)", re.IGNORECASE
)
_FURNITURE = lazy_re.compile(
    r"^(?:(?:United\s+Nations|General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council)$"
    r"|Distr\.|Original\s*:|\d{1,2}\s+\w+\s+\d{4}$|\w+\s+only$|Summary\b|Contents\b|\*|United\s+Nations\s+•)",
    re.IGNORECASE,
)
_SEARCH_LINES = 70
_UN_MARK = lazy_re.compile(
    r"United\s+Nations|Nations\s+Unies|Naciones\s+Unidas|Distr\.|General\s+Assembly|Security\s+Council|"
    r"Economic\s+and\s+Social\s+Council|Executive\s+Board|States\s+Parties|Joint\s+Inspection\s+Unit",
    re.IGNORECASE,
)


def looks_like_un_document(source: Source, symbols: tuple[str, ...]) -> bool:
    """Own symbols, or the name of a UN body on the first page: enough to read it as a UN document."""
    if symbols:
        return True
    first = " ".join(line.text for line in source.pages[0].lines[:_SEARCH_LINES]) if source.pages else ""
    return bool(_UN_MARK.search(first))


def _first_lines(source: Source) -> list[tuple[str, bool]]:
    """Page 1's lines as (text, starts a block); a blank line or a -layout column change starts one."""
    out: list[tuple[str, bool]] = []
    if not source.pages:
        return out
    blank = True
    for line in source.pages[0].lines[:_SEARCH_LINES]:
        text = " ".join(line.text.split())
        if not text:
            blank = True
            continue
        out.append((text, blank or line.gap_before))
        blank = False
    return out


def document_kind(
    symbols: tuple[str, ...],
    masthead_kind: LetterKind,
    masthead_title: str,
    source: Source,
    agenda_titles: tuple[str, ...] = (),
    signed: bool = False,
) -> LetterKind:
    """The kind; ``signed`` (a "(Signed)" block in the body) keeps a letter whose title is missing."""
    joined = " ".join(symbols)
    if "/RES/" in joined:
        return LetterKind.RESOLUTION
    if "/PRST/" in joined:
        return LetterKind.PRESIDENTIAL_STATEMENT
    if _PV.search(joined):
        return LetterKind.MEETING_RECORD
    if masthead_kind in LETTER_KINDS and _is_letter_title(masthead_title):
        return masthead_kind
    for text, starts in _first_lines(source):
        if starts and _LETTER_TITLE.match(text):
            return _letter_kind(text)
    sub = _subtitle(source, agenda_titles)
    if sub is None and signed and masthead_kind in LETTER_KINDS:
        return masthead_kind
    if sub is not None:
        group = sub[1]
        if group == "report" and _note_follows(source, sub[0]):
            group = "note"  # "Report on the ... Forum" transmitted under "Note by the Secretariat"
        return {
            "report": LetterKind.REPORT,
            "byline": LetterKind.REPORT,
            "note": LetterKind.NOTE,
            "draft": LetterKind.DRAFT_RESOLUTION,
            "amendment": LetterKind.DRAFT_RESOLUTION,
            "sponsored": LetterKind.DECISION,
            "draftreport": LetterKind.REPORT,
            "decision": LetterKind.DECISION,
            "resolution": LetterKind.RESOLUTION,
            "statement": LetterKind.PRESIDENTIAL_STATEMENT,
        }.get(group, LetterKind.OTHER)
    if _SR.search(joined):
        return LetterKind.MEETING_RECORD
    return LetterKind.OTHER


_LETTER_TITLE = lazy_re.compile(
    r"^(?:Identical\s+)?letters?\s+dated\b|^Note\s+verbale\s+dated\b|^Cartas?\s+(?:id[eé]nticas\s+)?de\s+fecha\b"
    r"|^Lettres?\s+(?:identiques\s+)?datées?\b|^Nota\s+verbal\s+de\s+fecha\b",
    re.IGNORECASE,
)


def _note_follows(source: Source, at: int) -> bool:
    """A "Note by ..." or a by-line within the few lines under a report's title."""
    for text, _ in _first_lines(source)[at + 1 : at + 6]:
        m = _SUBTITLE.match(text)
        if m and m.lastgroup in ("note", "byline"):
            return m.lastgroup == "note"
    return False


def _letter_kind(title: str) -> LetterKind:
    if re.match(r"^Identical\s+letters", title, re.IGNORECASE):
        return LetterKind.IDENTICAL_LETTERS
    if re.match(r"^Nota?e?\s+verbale?", title, re.IGNORECASE):
        return LetterKind.NOTE_VERBALE
    return LetterKind.LETTER


# compiled once, not looked up in re's cache by pattern string at each call
_PV = lazy_re.compile(r"/PV\.\d")
_SR = lazy_re.compile(r"/SR\.\d")


def _is_letter_title(title: str) -> bool:
    return bool(_LETTER_TITLE.match(title))


def _subtitle(source: Source, agenda_titles: tuple[str, ...] = ()) -> tuple[int, str] | None:
    """The first line naming what the document is, skipping an agenda item's title ("Report of ...")."""
    in_agenda = False
    for k, (text, _) in enumerate(_first_lines(source)):
        if _ITEM_LINE.match(text):
            in_agenda = True
            continue
        if in_agenda and any(text.rstrip("*") in t for t in agenda_titles if t):
            continue  # an agenda item's title, however far below its "Agenda items ..." line
        if re.match(r"^(?:Summary|Contents)\**$", text):
            return None  # the subtitle is always printed above the summary and the contents
        m = _SUBTITLE.match(text)
        if m and m.lastgroup:
            return k, m.lastgroup
    return None


def document_title(source: Source, agenda_titles: tuple[str, ...] = ()) -> str:
    """The document's own title: what stands above its subtitle, or the subtitle when it is the title.

    "Third Industrial Development Decade for Africa (2016–2025)" above "Note by the
    Secretary-General"; "Report of the second regular session 2024 (26 to 29 August 2024, New York)"
    when the block above it is the agenda item's title; "Resolution 2771 (2025)".
    """
    lines = _first_lines(source)
    sub = _subtitle(source, agenda_titles)
    if sub is None:
        # no subtitle: the title stands right above the summary or the contents
        at = next((k for k, (t, _) in enumerate(lines) if re.match(r"^(?:Summary|Contents)\**$", t)), -1)
        return _above(lines, at, agenda_titles, same_block=False) if at > 0 else ""
    at, group = sub
    if group in ("draft", "sponsored"):
        return _below(lines, at) or _subtitle_block(lines, at)
    if group in ("resolution", "report", "decision", "draftreport", "named"):
        own = _above(lines, at, agenda_titles, same_block=True)
        return own or _subtitle_block(lines, at)
    return _above(lines, at, agenda_titles, same_block=False) or _subtitle_block(lines, at)


def _above(lines: list[tuple[str, bool]], at: int, agenda_titles: tuple[str, ...], same_block: bool) -> str:
    """The title block right above the subtitle; with ``same_block`` only when no blank line parts them."""
    start = at
    while start > 0 and not _is_meta(lines[start - 1][0]) and not (same_block and lines[start][1]):
        start -= 1
        if lines[start][1]:
            break
    above = tidy([t for t, _ in lines[start:at]])
    for title in agenda_titles:
        rest = above[len(title) :].strip() if title and above.startswith(title) else ""
        if rest[:1].isupper():  # not "The situation in Afghanistan and its implications ..."
            above = rest
    if not above or len(above) > 300 or above.endswith((".", ",", ";")):
        return ""
    return above


_OPENING = lazy_re.compile(r"^The\s+[A-Z][\w-]*(?:\s+[\w-]+){0,6},$")


def _below(lines: list[tuple[str, bool]], at: int) -> str:
    """A draft's title: the lines between "France: draft resolution" and "The Security Council,"."""
    out: list[str] = []
    for text, _ in lines[at + 1 : at + 8]:
        if _OPENING.match(text):
            return tidy(out)
        out.append(text)
    return ""


_MARKER_AFTER_YEAR = lazy_re.compile(r"((?:19|20)\d\d)\s?\d{1,2}$")


def tidy(lines: list[str]) -> str:
    """Title lines joined as the body joins lines; no reissue star, no footnote marker after a year."""
    text = join_lines([t.rstrip("*").strip() for t in lines]).strip().rstrip("*").strip()
    return _MARKER_AFTER_YEAR.sub(r"\1", text)


def _is_meta(text: str) -> bool:
    return bool(
        _FURNITURE.match(text) or _ITEM_LINE.match(text) or (re.search(r"/\S*\d", text) and len(text) < 40)
    )


# "Report of the Special" / "Committee on the ...": a title line that stops on a capitalised word of a name
_TITLE_RUNS_ON = lazy_re.compile(
    r"^(?:[Rr]eport|REPORT)\s+(?:of|on)\s+the\s+(?:[A-Z][\w’'-]*|on|of|and|the|for)(?:\s+(?:[A-Z][\w’'-]*|on|of|and|the|for)){0,7}$"
)
_CONTINUES = lazy_re.compile(r"\b(?:of|the|and|on|in|for|to|by|with|from|at|its|their|a|an)$|[-–,]$")


def _subtitle_block(lines: list[tuple[str, bool]], at: int) -> str:
    """The subtitle line and the lines continuing it, up to the next block or a summary heading."""
    out = [lines[at][0].rstrip("*")]
    for text, _ in lines[at + 1 : at + 7]:
        if _SUBTITLE.match(text) or _FURNITURE.match(text) or text.startswith("Adopted by"):
            break
        if not (
            text[:1].islower()
            or text[:1] == "("
            or _CONTINUES.search(out[-1])
            or _TITLE_RUNS_ON.search(out[-1])
        ):
            break
        out.append(text.rstrip("*"))
        if text.endswith("."):
            break
    return tidy(out)
