"""The library service on its own: its workers report with its own messages and never call the app.

A bare Textual app mounts the service and records what reaches it; nothing of the reading screen is
there, so a worker that reached into the app or the screen would fail here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual import on
from textual.app import App, ComposeResult
from textual.message import Message

from reader.app.letters import OpenLetters
from reader.app.library_service import LibraryService
from reader.app.review_marks import ReviewMarks
from reader.errors import InputError
from reader.model import Letter
from tests.conftest import parsed_fixture

TEXT = Path(__file__).resolve().parents[1] / "fixtures" / "letters" / "text"
NAMES = ("A_79_818-S_2025_156.txt", "A_79_798-S_2025_110.txt")


class Host(App[None]):
    """Holds a service and writes down every message it sends up."""

    def __init__(self, service: LibraryService) -> None:
        super().__init__()
        self.service = service
        self.heard: list[Message] = []

    def compose(self) -> ComposeResult:
        yield self.service

    @on(LibraryService.Progress)
    @on(LibraryService.Ready)
    @on(LibraryService.Failed)
    @on(LibraryService.LetterParsed)
    def heard_from_service(self, message: Message) -> None:
        self.heard.append(message)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    letters = tmp_path / "letters"
    letters.mkdir()
    for name in NAMES:
        shutil.copy(TEXT / name, letters / name)
    return letters


def load(path: Path) -> Letter:
    if path.name == "broken.txt":
        raise InputError("broken.txt: not a letter (no title found)")
    return parsed_fixture(path)


async def test_indexing_reports_progress_then_ready_and_the_service_holds_the_library(folder: Path) -> None:
    letters = OpenLetters([folder / NAMES[0]])
    service = LibraryService(letters, [folder], ReviewMarks(enabled=False), load=load)
    host = Host(service)
    async with host.run_test() as pilot:
        service.start()
        await host.workers.wait_for_complete()
        await pilot.pause()
        kinds = [type(message) for message in host.heard]
        assert kinds[-1] is LibraryService.Ready and LibraryService.Failed not in kinds
        assert service.library is not None and len(service.library) == len(NAMES)
        assert service.state == f"library: {len(NAMES)} letters"
        found = service.bridge.resolve(["A/79/798"])
        assert found is not None and found.path.name == NAMES[1]


async def test_parsing_posts_one_message_per_letter_and_a_failure_costs_one_letter(folder: Path) -> None:
    (folder / "broken.txt").write_text("nothing", encoding="utf-8")
    paths = [folder / "broken.txt", folder / NAMES[0], folder / NAMES[1]]
    letters = OpenLetters(paths)
    service = LibraryService(letters, None, ReviewMarks(enabled=False), load=load)
    host = Host(service)
    async with host.run_test() as pilot:
        service.parse_letters(list(letters))
        await host.workers.wait_for_complete()
        await pilot.pause()
        parsed = [m for m in host.heard if isinstance(m, LibraryService.LetterParsed)]
        assert [m.key for m in parsed] == [str(p) for p in paths]
        assert all(m.eager for m in parsed)
        assert parsed[0].letter is None and parsed[0].error == "broken.txt: not a letter (no title found)"
        assert parsed[1].letter is not None and parsed[1].letter.symbols == ("A/79/818", "S/2025/156")
        # a letter parsed later, once: a second ask while it is being parsed is not a second parse
        later = letters[str(paths[2])]
        assert service.parse_later(later) is True
        assert service.parse_later(later) is False
        await host.workers.wait_for_complete()
        await pilot.pause()
        again = [m for m in host.heard if isinstance(m, LibraryService.LetterParsed) and not m.eager]
        assert [m.key for m in again] == [later.key] and again[0].letter is not None
        assert service.parse_later(later) is True  # parsed: it may be asked for again


async def test_a_library_that_cannot_open_is_reported_not_raised(folder: Path) -> None:
    letters = OpenLetters([folder / NAMES[0]])
    service = LibraryService(letters, [folder / "missing"], ReviewMarks(enabled=False), load=load)
    host = Host(service)
    async with host.run_test() as pilot:
        service.start()
        await host.workers.wait_for_complete()
        await pilot.pause()
        assert [type(m) for m in host.heard] == [LibraryService.Failed]
        failed = host.heard[0]
        assert isinstance(failed, LibraryService.Failed) and "missing" in failed.error
        assert "\n" not in failed.error and "Traceback" not in failed.error
        assert service.state == "library: not available" and service.library is None
        assert host.is_running
