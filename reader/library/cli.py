"""`index`, `search`, `cited-by` and `check`: the library from the command line.

Exit codes: 0 success; 1 for "nothing found" (`search`, `cited-by`, like grep) and for letters with
problems (`check`: malformed symbols, broken footnotes, citations that disagree with what they cite);
2 for bad input (one line on stderr).
Without --library, the folders in the config file are the library; `check` falls back to the folders
of the files it checks. Text taken from letters is cleaned of control characters before printing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.formats.files import DOCUMENT_SUFFIXES
from reader.library import scan
from reader.library.check import LetterCheck, check_letter
from reader.library.config import config_path, documents_dir, load_config
from reader.library.entries import LetterEntry
from reader.library.library import Library
from reader.library.progress import TerminalProgress
from reader.library.review import ReviewStore
from reader.library.scan import walk
from reader.safe_text import one_line, valid_unicode
from reader.serialize import reference_to_dict

BOLD, PLAIN = "\x1b[1m", "\x1b[0m"
SHOWN = 20  # search results printed


def run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "index":
        return index_command(args.paths)
    if command == "search":
        return search_command(args.query, args.library)
    if command == "cited-by":
        return cited_by_command(args.symbol, args.library)
    if command == "check":
        return check_command(args.paths, args.format, args.library)
    raise ReaderError(f"unknown command {command!r}")


def clean(text: str) -> str:
    """One line of untrusted text made safe for a terminal (controls shown as pictures, as in the app,
    and the undecodable bytes of a file name as U+FFFD)."""
    return " ".join(one_line(valid_unicode(text)).split())


def _say(message: str) -> None:
    """A one-line notice on stderr: what the command waits for, or does instead of what was asked."""
    print(f"un-reader: note: {clean(message)}", file=sys.stderr, flush=True)


def _emphasis(text: str, spans: Sequence[tuple[int, int]], tty: bool) -> str:
    """Matched words in bold on a terminal; plain text in a pipe, where escape codes are noise."""
    if not tty:
        return clean(text)
    out, last = [], 0
    text = valid_unicode(text)
    for start, end in sorted(spans):
        out += [one_line(text[last:start]), BOLD, one_line(text[start:end]), PLAIN]
        last = end
    out.append(one_line(text[last:]))
    return " ".join("".join(out).split())


def _bold_ok() -> bool:
    """Escape codes only for a person at a terminal who has not asked for none (NO_COLOR)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _date(entry: LetterEntry) -> str:
    return f"{entry.date.day} {entry.date:%B %Y}" if entry.date else "undated"


def _heading(entry: LetterEntry) -> str:
    return f"{clean(entry.label)} · {_date(entry)} · {clean(entry.title) or clean(entry.path.name)}"


def _folders(paths: Sequence[Path]) -> list[Path]:
    for path in paths:
        if not path.exists():
            raise ReaderError(f"{valid_unicode(str(path))}: no such folder")
        if not path.is_dir():
            raise ReaderError(f"{valid_unicode(str(path))}: not a folder (a library is a folder of letters)")
    return list(paths)


def _library_folders(given: Sequence[str] | None, fallback: Sequence[Path] = ()) -> list[Path]:
    if given:
        return _folders([Path(item).expanduser() for item in given])
    config = load_config()
    documents = [documents_dir()] if documents_dir().is_dir() else []  # what `fetch` stored
    if config.libraries:
        return [*config.libraries, *documents]
    if fallback or documents:
        return [*fallback, *documents]
    raise ReaderError(
        f"no library: pass --library PATH or list folders under `libraries:` in {config_path()}"
    )


def _open(folders: Sequence[Path], *, verify: bool = False, wait: bool = False) -> Library:
    """The library; readers (``wait`` false) never wait for another process indexing a folder."""
    library = Library.open(
        folders, progress=TerminalProgress(sys.stderr), verify=verify, wait=wait, notice=_say
    )
    for report in library.reports:
        for note in report.notes:
            _say(note)
    return library


def index_command(paths: Sequence[Path]) -> int:
    folders = _folders(paths)
    with _open(folders, verify=True, wait=True) as library:
        for report in library.reports:
            for skipped in report.skipped:  # one line per unreadable file: its name, then why
                print(f"un-reader: warning: {clean(skipped.message)}", file=sys.stderr)
            if report.rebuilt:
                print(f"{clean(str(report.folder))}: index rebuilt: {clean(report.rebuilt)}")
            print(
                f"{clean(str(report.folder))}: {report.letters} letters indexed"
                f" ({report.parsed} files read, {report.unchanged} unchanged, {report.removed} removed),"
                f" {len(report.skipped)} skipped, {report.seconds:.1f} s"
            )
    return 0


def search_command(query: str, libraries: Sequence[str] | None) -> int:
    if not query.strip():
        raise ReaderError("nothing to search for: give some words")
    tty = _bold_ok()
    with _open(_library_folders(libraries)) as library:
        hits = library.search(query, limit=SHOWN)
        passages = library.count(query) if len(hits) == SHOWN else 0
    if not hits:
        print(f"no matches for {clean(query)!r}", file=sys.stderr)
        return 1
    for hit in hits:
        print(_heading(hit.entry))
        print(f"  {hit.where}: {_emphasis(hit.snippet, hit.highlights, tty)}")
    if passages:
        print(f"{len(hits)} letters shown; {passages:,} passages match (narrow the search to see others)")
    else:
        print("1 letter matches" if len(hits) == 1 else f"{len(hits)} letters match")
    return 0


def cited_by_command(symbol: str, libraries: Sequence[str] | None) -> int:
    if not symbol.strip():
        raise ReaderError("no symbol given")
    tty = _bold_ok()
    with _open(_library_folders(libraries)) as library:
        exact = [m for m in library.resolve(symbol) if not m.revision]
        # the cited letter is known by all its symbols: A/79/798 is also cited as S/2025/110
        symbols = [s for m in exact for s in m.entry.symbols] or [symbol]
        citations = library.cited_by(symbols)
    shown = clean(" / ".join(dict.fromkeys(m.entry.symbol for m in exact)) or symbol)
    if not citations:
        print(f"no letter in the library cites {shown}", file=sys.stderr)
        return 1
    letters = len({c.entry.path for c in citations})
    print(f"{shown} is cited by {letters} letter{'s' if letters != 1 else ''}:")
    last: Path | None = None
    for citation in citations:
        if citation.entry.path != last:
            print(_heading(citation.entry))
            last = citation.entry.path
        note = " (the original of a revision)" if citation.revision else ""
        sentence = _emphasis(citation.sentence, [citation.span_in_sentence], tty)
        print(f"  {citation.where}: {sentence}{note}")
    return 0


def _letter_files(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            raise ReaderError(f"{valid_unicode(str(path))}: no such file or folder")
        if path.is_dir():
            found = sorted(Path(stat.path) for stat in walk(path))
            if not found:
                suffixes = " ".join(sorted(DOCUMENT_SUFFIXES))
                raise ReaderError(f"{valid_unicode(str(path))}: no documents in this folder ({suffixes})")
            files.extend(found)
        else:
            files.append(path)
    return files


def check_command(paths: Sequence[Path], fmt: str, libraries: Sequence[str] | None) -> int:
    files = _letter_files(paths)
    parents = list(dict.fromkeys(p if p.is_dir() else p.parent for p in paths))
    folders = _library_folders(libraries, fallback=parents)
    reviews = ReviewStore()
    checks: list[LetterCheck] = []
    errors: list[str] = []
    with _open(folders) as library:
        for path in files:
            # one file's failure, whatever it is, is reported and the run goes on
            try:
                with scan.time_budget(scan.FILE_BUDGET):  # the same budget per file as indexing
                    letter = library.load(path)
                checks.append(check_letter(letter, library, reviews))
            except scan.OverBudget:
                errors.append(
                    f"{valid_unicode(str(path))}: skipped: reading it took over {scan.FILE_BUDGET:g} s"
                )
            except ReaderError as error:
                errors.append(valid_unicode(str(error)))
            except RecursionError:
                errors.append(f"{valid_unicode(str(path))}: too deeply nested to read")
            except Exception as error:
                why = f"{type(error).__name__}: {error}"
                errors.append(f"{valid_unicode(str(path))}: could not be read ({why})")
    if fmt == "json":
        print(json.dumps(_json_report(checks, errors), indent=2))
    else:
        for message in errors:
            print(f"un-reader: error: {clean(message)}", file=sys.stderr)
        _print_checks(checks)
    if errors:
        return 2
    return 0 if all(check.ok for check in checks) else 1


def _print_checks(checks: Sequence[LetterCheck]) -> None:
    for check in checks:
        name = clean(check.symbol) or clean(Path(check.path).name)
        print(f"{name} ({clean(check.path)}): {'ok' if check.ok else 'PROBLEMS'}")
        if check.resolved:
            print(f"  in library: {', '.join(clean(r.text) for r in check.resolved)}")
        for ref in check.malformed:
            print(f"  malformed symbol: {clean(ref.text)!r} in {ref.where}")
        for ref in check.not_in_library:
            print(f"  not in library: {clean(ref.symbol or ref.text)} ({ref.where})")
        for ref in check.markers_without_footnote:
            print(f"  broken: footnote marker {clean(ref.target or ref.text)} in {ref.where} has no footnote")
        for footnote in check.footnotes_without_marker:
            print(f"  broken: footnote {clean(footnote.number)} ({footnote.id}) has no marker in the text")
        for found in check.mismatches:
            print(
                f"  mismatch: {clean(found.symbol)} ({found.where}) {found.field}:"
                f" cited {clean(found.cited)!r}, found {clean(found.found)!r}"
            )
        print(f"  review: {check.review}")
        for label, flag in check.flags:
            print(f"  flagged: {clean(label)}{': ' + clean(flag.note) if flag.note else ''}")
    bad = sum(not check.ok for check in checks)
    print(f"{len(checks)} letter{'s' if len(checks) != 1 else ''} checked, {bad} with problems")


def _json_report(checks: Sequence[LetterCheck], errors: Sequence[str]) -> dict[str, Any]:
    def refs(items: Sequence[Any]) -> list[dict[str, Any]]:
        return [reference_to_dict(ref) for ref in items]

    return {
        "letters": [
            {
                "path": valid_unicode(c.path),
                "key": c.key,
                "symbol": c.symbol,
                "ok": c.ok,
                "malformed": refs(c.malformed),
                "broken": c.broken,
                "in_library": refs(c.resolved),
                "not_in_library": refs(c.not_in_library),
                "markers_without_footnote": refs(c.markers_without_footnote),
                "footnotes_without_marker": [
                    {"id": f.id, "number": f.number, "text": f.text} for f in c.footnotes_without_marker
                ],
                "review": {
                    "checked": c.review.checked,
                    "flagged": c.review.flagged,
                    "total": c.review.total,
                    "documents": c.review.documents,
                    "documents_checked": c.review.documents_checked,
                    "documents_flagged": c.review.documents_flagged,
                },
                "mismatches": [
                    dict(symbol=m.symbol, where=m.where, field=m.field, cited=m.cited, found=m.found)
                    for m in c.mismatches
                ],
                "flags": [
                    {"document": label, "note": flag.note, "reviewer": flag.reviewer, "updated": flag.updated}
                    for label, flag in c.flags
                ],
            }
            for c in checks
        ],
        "errors": list(errors),
        "summary": {
            "letters": len(checks),
            "with_problems": sum(not c.ok for c in checks),
            "malformed": sum(len(c.malformed) for c in checks),
            "broken_footnotes": sum(
                len(c.markers_without_footnote) + len(c.footnotes_without_marker) for c in checks
            ),
            "not_in_library": sum(len(c.not_in_library) for c in checks),
            "mismatches": sum(len(c.mismatches) for c in checks),
        },
    }
