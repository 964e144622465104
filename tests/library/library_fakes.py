"""Letters built by hand, written as small JSON files, and a parser for them.

The library must work whatever the parser finds; these fakes let its tests state exactly which
symbols, references and texts a letter has, independently of the real parser's progress.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from reader.errors import InputError
from reader.model import AgendaItem, Footnote, Letter, Organ, Paragraph, Reference, RefKind


def write_letter(
    folder: Path,
    name: str,
    symbols: list[str],
    paragraphs: list[str],
    *,
    date: str = "2025-03-01",
    sender: str = "Azerbaijan",
    title: str = "",
    organ: tuple[str, str, int | None] = ("General Assembly", "Seventy-ninth session", 79),
    agenda: list[str] | None = None,
    footnotes: list[str] | None = None,
    bad: list[str] | None = None,
) -> Path:
    """A letter whose references are every symbol-looking word of its paragraphs listed in ``refs``."""
    path = folder / f"{name}.txt"
    path.write_text(
        json.dumps(
            {
                "symbols": symbols,
                "paragraphs": paragraphs,
                "date": date,
                "sender": sender,
                "title": title or f"Letter dated {date} from {sender}",
                "organ": list(organ),
                "agenda": agenda or [],
                "footnotes": footnotes or [],
                "bad": bad or [],
            }
        ),
        encoding="utf-8",
    )
    return path


def _references(pid: str, text: str, bad: list[str]) -> list[Reference]:
    import re

    refs: list[Reference] = []
    for match in re.finditer(r"\b(?:[AS]|A/ES-10)/[\w./-]+\d(?:/Rev\.\d+)?", text):
        written = match.group().rstrip(".")
        parts = tuple(p for p in re.split(r"-(?=[AS]/)", written))
        ok = written not in bad
        refs.append(
            Reference(
                kind=RefKind.DOCUMENT,
                text=written,
                where=pid,
                start=match.start(),
                end=match.start() + len(written),
                symbol=written,
                components=parts if len(parts) > 1 else (),
                well_formed=ok,
            )
        )
    for match in re.finditer(r"\[(\d+)\]", text):
        refs.append(
            Reference(RefKind.FOOTNOTE, match.group(), pid, match.start(), match.end(), target=match.group(1))
        )
    return refs


def parse_fake(path: Path) -> Letter:
    try:
        data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(f"{path}: not a letter") from None
    paragraphs = tuple(Paragraph(f"p{i + 1}", text) for i, text in enumerate(data["paragraphs"]))
    refs = [r for p in paragraphs for r in _references(p.id, p.text, data["bad"])]
    footnotes = tuple(Footnote(f"fn{i + 1}", str(i + 1), text) for i, text in enumerate(data["footnotes"]))
    name, session, number = data["organ"]
    return Letter(
        source=str(path),
        format="text",
        symbols=tuple(data["symbols"]),
        date=dt.date.fromisoformat(data["date"]),
        sender=data["sender"],
        title=data["title"],
        organs=(Organ(name, session, number),),
        agenda_items=tuple(AgendaItem(item, "") for item in data["agenda"]),
        paragraphs=paragraphs,
        footnotes=footnotes,
        references=tuple(refs),
        digest=str(abs(hash(path.read_bytes()))),
    )


def parse_fake_again(path: Path) -> Letter:
    """The same letters from "another parser": an index made by `parse_fake` must not be trusted."""
    return parse_fake(path)


def parse_slowly(path: Path) -> Letter:
    """A parser stuck on every file named `slow*`: for time budgets, locks and killed indexers.

    Each call notes its process id in the folder UN_READER_TEST_PIDS (when set), so a test can see
    which worker processes ran and whether they are gone."""
    import os
    import time

    folder = os.environ.get("UN_READER_TEST_PIDS")
    if folder:
        Path(folder, f"{os.getpid()}-{os.getppid()}").touch()
    if Path(path).name.startswith("slow"):
        time.sleep(float(os.environ.get("UN_READER_TEST_SLEEP", "60")))
    return parse_fake(path)
