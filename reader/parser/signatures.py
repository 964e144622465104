"""Signature blocks: "(Signed) Name" and the title lines under it; several signatories are common.

The rows of a block are taken out of the text flow, so a signature never becomes a paragraph and the
paragraphs around it are never joined across it. Title lines end at a blank line, removed furniture,
a page break, the next "(Signed)" or a line that reads like text. Converted letters (the seed) run
name and titles together on one line; there the titles are split off at the words titles begin with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader import lazy_re
from reader.model import Signature
from reader.parser.rows import Row
from reader.parser.text_shape import ends_sentence

_SIGNED = lazy_re.compile(r"\((?:Signed|Sgd\.?)\)", re.IGNORECASE)
_TITLE_WORDS = frozenset(
    [
        "Ambassador",
        "Permanent",
        "Deputy",
        "Chargé",
        "Chargée",
        "Minister",
        "Secretary",
        "Secretary-General",
        "President",
        "Vice-President",
        "Chair",
        "Chairman",
        "Chairwoman",
        "Chairperson",
        "Head",
        "Director",
        "Director-General",
        "Special",
        "Counsellor",
        "Acting",
        "Representative",
        "Prime",
        "Executive",
        "High",
        "Under-Secretary-General",
        "Commissioner",
        "Coordinator",
        "Alternate",
        "Spokesperson",
        "Envoy",
        "Observer",
        "Consul",
        "Judge",
        "Registrar",
        "Mayor",
        "Governor",
    ]
)
_MODIFIERS = frozenset(
    [
        "Permanent",
        "Deputy",
        "Acting",
        "Alternate",
        "Prime",
        "Special",
        "Executive",
        "High",
        "First",
        "Second",
        "Foreign",
        "Vice",
        "Chief",
    ]
)
_CONNECTORS = frozenset(
    ["of", "the", "and", "for", "to", "a.i.", "d'affaires", "d’affaires", "on", "in", "at"]
)
_MAX_TITLES = 6
_TITLE_LINE_MAX = 70  # characters: a signatory's title line is short


def has_signed(text: str) -> bool:
    return "(" in text and bool(_SIGNED.search(text))  # asked of every row: most hold no "(" at all


def split_name_titles(text: str) -> tuple[str, tuple[str, ...]]:
    """ "Yashar Aliyev Ambassador Permanent Representative" -> name and ("Ambassador", "Permanent ...")."""
    words = text.split()
    cut = next((i for i, w in enumerate(words) if i > 0 and w.rstrip(",") in _TITLE_WORDS), len(words))
    name = " ".join(words[:cut]).rstrip(",")
    titles: list[list[str]] = []
    for i in range(cut, len(words)):
        word = words[i].rstrip(",")
        prev = words[i - 1] if i > cut else ""
        new = (
            not titles
            or prev.endswith(",")
            or (
                word in _TITLE_WORDS
                and prev not in _MODIFIERS
                and prev.lower() not in _CONNECTORS
                and prev not in _TITLE_WORDS - {"Ambassador"}
            )
        )
        if new:
            titles.append([word])
        else:
            titles[-1].append(word)
    return name, tuple(" ".join(t) for t in titles)


def is_title_line(text: str) -> bool:
    """ "Ambassador", "Permanent Representative of ...": a line that can only be a signatory's title."""
    words = text.split()
    if not words or words[0].rstrip(",") not in _TITLE_WORDS or len(text) > _TITLE_LINE_MAX:
        return False
    return not ends_sentence(text) or text.endswith(("a.i.", "a. i."))


def _add_title(titles: list[str], text: str) -> None:
    if titles and (text[:1].islower() or titles[-1].endswith((" of", " to", " the", " and"))):
        titles[-1] += " " + text  # "Permanent Observer of Palestine" / "to the United Nations"
    else:
        titles.append(text)


def _title_row(row: Row, first: Row, base: float | None, typical: float, turned: bool = False) -> bool:
    """``turned``: the "(Signed)" line ended its page, so its first title line may open the next."""
    if has_signed(row.text):
        return False
    if turned:
        if not (row.first_on_page and row.page == first.page + 1 and is_title_line(row.text)):
            return False  # across a page only a line that reads like a title ("Ambassador") goes on
    elif row.gap_before or row.after_furniture or row.page != first.page:
        return False
    text = row.text
    if len(text) > 0.9 * typical:
        return False
    if ends_sentence(text) and not text.endswith(("a.i.", "a. i.", "Jr.", "Sr.")):
        return False
    if row.indent is not None and base is not None:
        # titles are right-aligned or centred under the name, never at the text's left edge
        return row.indent >= base + 6
    return True


def extract(
    rows: Sequence[Row], typical: float = 80.0, base: dict[int, float] | None = None
) -> tuple[list[list[Row]], list[Signature]]:
    """Split the flow at signature blocks: the runs of rows between them, and the signatures."""
    runs: list[list[Row]] = [[]]
    signatures: list[Signature] = []
    # the rows holding "(Signed)" (the pattern's first character first); the rows between go on
    # the current run a slice at a time. A block never takes in a row holding "(Signed)" (its
    # name, title and column rows stop there), so each of these opens a block of its own.
    signed = [k for k, row in enumerate(rows) if "(" in row.text and _SIGNED.search(row.text)]
    i = 0
    for k in signed:
        if k < i:
            continue  # taken into the block before (kept as the row-by-row scan never saw it)
        runs[-1].extend(rows[i:k])
        i = k
        row = rows[i]
        match = _SIGNED.search(row.text)
        assert match is not None
        before = row.text[: match.start()].strip()
        if before:
            runs[-1].append(Row(before, row.page, row.index, row.indent, row.gap_before, row.after_furniture))
        pieces = [p.strip() for p in _SIGNED.split(row.text[match.start() :])[1:]]
        i += 1
        if pieces and not pieces[-1] and i < len(rows):
            # "(Signed)" alone: the name is on the next line, possibly after a blank
            nxt = rows[i]
            if not has_signed(nxt.text) and not ends_sentence(nxt.text) and len(nxt.text) < 60:
                pieces[-1] = nxt.text
                i += 1
        page_base = base.get(row.page) if base else None
        if len(pieces) > 1 and len(row.cells) == len(pieces):
            i = _side_by_side(rows, i, row, signatures)
            runs.append([])
            continue
        titles: list[str] = []
        while i < len(rows) and len(titles) < _MAX_TITLES:
            turned = rows[i].page != row.page
            if not _title_row(rows[i], row, page_base, typical, turned):
                break
            if turned:
                row = rows[i]  # the block goes on on this page: later title lines are measured here
                page_base = base.get(row.page) if base else None
            _add_title(titles, rows[i].text)
            i += 1
        for n, piece in enumerate(pieces):
            name, inline = split_name_titles(piece)
            own_titles = inline + (tuple(titles) if n == len(pieces) - 1 else ())
            signatures.append(Signature(name=name, titles=own_titles))
        runs.append([])
    runs[-1].extend(rows[i:])
    return [run for run in runs if run], signatures


def _side_by_side(rows: Sequence[Row], i: int, head: Row, signatures: list[Signature]) -> int:
    """Signatures printed in columns: each title line's blocks go to the nearest name above them."""
    edges = [edge for edge, _ in head.cells]
    names = [_SIGNED.sub("", text).strip() for _, text in head.cells]
    titles: list[list[str]] = [[] for _ in names]
    while i < len(rows) and rows[i].cells and not has_signed(rows[i].text):
        row = rows[i]
        if row.gap_before or row.after_furniture or row.page != head.page:
            break
        for edge, text in row.cells:
            column = min(range(len(edges)), key=lambda k: abs(edges[k] - edge))
            _add_title(titles[column], text)
        i += 1
    for name, own in zip(names, titles, strict=True):
        signatures.append(Signature(name=name, titles=tuple(own)))
    return i
