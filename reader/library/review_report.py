"""The review of one letter as a reviewer hands it on: `un-reader review FILE [--format ...]`.

One row per cited document (a joint symbol and its parts are one; every mention of it counted),
with where it is cited, whether the library holds it, what `check` finds against it, and the mark:
checked or flagged, the note, who marked it and when. The app's references list shows the same rows.
Markdown for people, CSV for spreadsheets, JSON for scripts; document text in them is untrusted, so
control characters are cleaned, Markdown table pipes escaped and CSV cells never start a formula.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.library.check import Mismatch, citation_mismatches
from reader.library.review import CitedDocument, Review, ReviewStore, cited_documents, effective
from reader.model import Letter
from reader.safe_text import one_line, valid_unicode

FORMATS = ("markdown", "csv", "json")
IN_LIBRARY, FETCHED, NOT_IN_LIBRARY, MALFORMED, OPEN = (
    "in library",
    "fetched",
    "not in library",
    "malformed",
    "open",
)


@dataclass(frozen=True, slots=True)
class DocumentReview:
    document: CitedDocument
    status: str  # open, in library, fetched, not in library, malformed ("" for a decision)
    findings: tuple[Mismatch, ...]
    review: Review | None

    @property
    def symbol(self) -> str:
        return self.document.label

    @property
    def places(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ref.where for ref in self.document.mentions))

    @property
    def mark(self) -> str:
        return str(self.review.state) if self.review is not None else ""


def review_rows(
    letter: Letter,
    marks: Mapping[str, Review],
    status: Callable[[CitedDocument], str],
    findings: Sequence[Mismatch],
) -> list[DocumentReview]:
    """The letter's cited documents in reading order, each with its status, findings and mark."""
    rows = []
    for doc in cited_documents(letter):
        symbols = {ref.symbol for ref in doc.mentions if ref.symbol}
        own = tuple(f for f in findings if f.symbol in symbols)
        rows.append(DocumentReview(doc, status(doc), own, effective(marks, doc)))
    return rows


def library_status(
    resolve: Callable[[Sequence[str]], Sequence[Any]], documents: Path | None
) -> Callable[[CitedDocument], str]:
    """A document's status against a library: malformed, fetched (in the documents folder), in library."""

    def status(doc: CitedDocument) -> str:
        if not doc.well_formed:
            return MALFORMED
        if not doc.components:
            return ""  # a decision has no document to hold
        matches = [m for m in resolve(doc.components) if not m.revision]
        if not matches:
            return NOT_IN_LIBRARY
        if documents is not None and any(_inside(m.entry.path, documents) for m in matches):
            return FETCHED
        return IN_LIBRARY

    return status


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _clean(text: str) -> str:
    return " ".join(one_line(valid_unicode(text)).split())


def _finding_text(finding: Mismatch) -> str:
    return (
        f"{finding.field}: cited {_clean(finding.cited)!r}, found {_clean(finding.found)!r} ({finding.where})"
    )


def as_json(letter: Letter, rows: Sequence[DocumentReview]) -> str:
    documents = [
        {
            "symbol": row.symbol,
            "components": list(row.document.components),
            "mentions": len(row.document.mentions),
            "where": list(row.places),
            "status": row.status,
            "findings": [
                {"where": f.where, "field": f.field, "cited": f.cited, "found": f.found} for f in row.findings
            ],
            "mark": row.mark,
            "note": row.review.note if row.review else "",
            "reviewer": row.review.reviewer if row.review else "",
            "time": row.review.updated if row.review else "",
        }
        for row in rows
    ]
    checked = sum(row.mark == "checked" for row in rows)
    report = {
        "letter": {"symbol": letter.symbol, "key": letter.key, "path": valid_unicode(letter.source)},
        "summary": {
            "documents": len(rows),
            "checked": checked,
            "flagged": sum(row.mark == "flagged" for row in rows),
            "mentions": sum(len(row.document.mentions) for row in rows),
            "findings": sum(len(row.findings) for row in rows),
        },
        "documents": documents,
    }
    return json.dumps(report, indent=2)  # ASCII: controls and bidirectional overrides escaped


def _cell(text: str) -> str:
    """A Markdown table cell: one line, pipes escaped."""
    return _clean(text).replace("\\", "\\\\").replace("|", "\\|")


def as_markdown(letter: Letter, rows: Sequence[DocumentReview]) -> str:
    name = _clean(letter.symbol) or _clean(Path(letter.source).name)
    checked = sum(row.mark == "checked" for row in rows)
    mentions = sum(len(row.document.mentions) for row in rows)
    lines = [
        f"# Review of {name}",
        "",
        f"{checked} of {len(rows)} documents checked · {mentions} mentions",
        "",
        "| document | mentions | where | status | findings | mark | note | reviewer | time |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(_cell(c) for c in _row_cells(row, ", ")) + " |")
    return "\n".join(lines)


def _row_cells(row: DocumentReview, places: str) -> list[str]:
    """One cited document's cells, in the column order both tables use (places joined by `places`)."""
    review = row.review
    return [
        row.symbol,
        str(len(row.document.mentions)),
        places.join(row.places),
        row.status,
        "; ".join(_finding_text(f) for f in row.findings),
        row.mark,
        review.note if review else "",
        review.reviewer if review else "",
        review.updated if review else "",
    ]


def _csv_cell(text: str) -> str:
    """Clean, and never a spreadsheet formula: a cell starting with = + - @ gets a leading quote."""
    text = _clean(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def as_csv(letter: Letter, rows: Sequence[DocumentReview]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = [
        "letter",
        "document",
        "mentions",
        "where",
        "status",
        "findings",
        "mark",
        "note",
        "reviewer",
        "time",
    ]
    writer.writerow(header)
    name = letter.symbol or Path(letter.source).name
    for row in rows:
        writer.writerow(_csv_cell(cell) for cell in (name, *_row_cells(row, " ")))
    return out.getvalue().rstrip("\n")


def review_command(file: Path, fmt: str, libraries: Sequence[str] | None) -> int:
    """Print the review of one letter; the library is the config's, else the letter's folder."""
    from reader.errors import ReaderError
    from reader.library.cli import _library_folders, _open
    from reader.library.config import documents_dir

    if fmt not in FORMATS:
        raise ReaderError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if not file.exists():
        raise ReaderError(f"{valid_unicode(str(file))}: no such file")
    if file.is_dir():
        raise ReaderError(f"{valid_unicode(str(file))}: a folder; name one letter")
    from reader.parser import parse_path

    letter = parse_path(file)  # bad input is said before any folder is indexed
    folders = _library_folders(libraries, fallback=[file.parent])
    store = ReviewStore()
    with _open(folders) as library:
        findings = citation_mismatches(letter, library.resolve)
        rows = review_rows(
            letter, store.for_letter(letter.key), library_status(library.resolve, documents_dir()), findings
        )
    writer = {"markdown": as_markdown, "csv": as_csv, "json": as_json}[fmt]
    sys.stdout.write(writer(letter, rows) + "\n")
    return 0
