"""`F` in the app: a reference's document fetched from a loopback server, shown when it arrives.

The server is tests/library/fetch_server.py (a real HTTP server on 127.0.0.1 answering the UN's query
shape from the fixture PDFs); `UN_READER_DOCUMENT_SOURCE` points at it, and a closed loopback port is
the source whenever a test does not start one, so no test can reach the internet. What is asserted is
what the user and the server see: the status line as it changed, the notification, the letter on
screen, the files in the documents folder and the requests the server received.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from app_support import doc, make_letter, ready, screen_text
from textual.content import Content
from textual.pilot import Pilot

from reader.app import reader_screen
from reader.app.app import ReaderApp, cli_app
from reader.app.fetching import pinpoint_where, progress_text
from reader.app.screens.symbol_panel import SymbolPanel
from reader.library.fetch import FetchProgress
from reader.model import Annex, Letter, Paragraph
from tests.conftest import parsed_fixture
from tests.library.fetch_server import PDFS, Server, isolated_home, slow

TEXTS = Path(__file__).resolve().parents[1] / "fixtures" / "letters" / "text"
CITING = TEXTS / "A_79_818-S_2025_156.txt"  # cites A/79/798-S/2025/110, served from the fixture PDFs
CITED_PDF = PDFS / "A_79_798-S_2025_110.pdf"
STORED = "A_79_798.en.pdf"  # a joint symbol is fetched and stored under its first component


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, cache and config in tmp_path; the default source a closed loopback port; no proxy."""
    return isolated_home(tmp_path, monkeypatch)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    running = Server().start()
    monkeypatch.setenv("UN_READER_DOCUMENT_SOURCE", running.template)
    yield running
    running.stop()


def documents(home: Path) -> Path:
    return home / "data" / "documents"


def citing_app(path: Path = CITING, interval: float = 0.0) -> ReaderApp:
    """The citing letter alone: what it cites is in no library. The fetched PDF is parsed for real."""
    app = ReaderApp([path], load=parsed_fixture, library=[])
    app.reader.fetching.interval = interval  # the fetcher's 2 s between requests, shortened for tests
    return app


def status(app: ReaderApp) -> str:
    return str(app.reader.status.render())


def record_status(app: ReaderApp) -> list[str]:
    """Every text the status line shows from now on, however briefly."""
    shown: list[str] = []
    original = app.reader.status.update

    def update(content: Content | str = "", *, layout: bool = True) -> None:
        shown.append(str(content))
        original(content, layout=layout)

    app.reader.status.update = update  # type: ignore[method-assign]
    return shown


async def select(pilot: Pilot[int], app: ReaderApp, prefix: str) -> None:
    for _ in range(len(app.reader.pane("body").marks) + 1):
        await pilot.press("tab")
        mark = app.reader.active_pane.selected_mark
        if (
            mark is not None
            and mark.reference is not None
            and (mark.reference.symbol or "").startswith(prefix)
        ):
            return
    raise AssertionError(f"no reference to {prefix}")


async def until(pilot: Pilot[int], done: object, seconds: float = 20.0) -> None:
    """Let the app run until `done()` holds (a worker in a thread needs real time, not just pauses)."""
    ends = time.monotonic() + seconds
    while not done():  # type: ignore[operator]
        if time.monotonic() > ends:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


def notifications(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_F_fetches_the_cited_document_shows_progress_and_opens_it(home: Path, server: Server) -> None:
    app = citing_app(interval=0.5)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        assert "stored" not in status(app)
        shown = record_status(app)
        # the last request was "just now": the wait for the rate limit shows in the status line
        documents(home).mkdir(parents=True)
        (documents(home) / ".last-request").write_text(f"{time.time():.3f}\n")
        await pilot.press("F")
        await until(pilot, lambda: not app.reader.fetching.running)
        await ready(pilot)
        assert any("fetching A/79/798-S/2025/110: waiting" in text and "rate limit" in text for text in shown)
        assert any("fetching A/79/798-S/2025/110: downloading" in text and "KB" in text for text in shown)
        letter = app.reader.shown_letter
        assert letter is not None and letter.symbols == ("A/79/798", "S/2025/110")
        assert "A/79/798-S/2025/110" in str(app.reader.header.render())
        assert "I am transmitting herewith" in screen_text(app)
        stored = documents(home) / STORED
        assert stored.read_bytes() == CITED_PDF.read_bytes()
        assert [(seen.symbol, seen.lang) for seen in server.seen] == [("A/79/798", "en")]
        assert "fetching" not in status(app)
        # indexed as it arrived: the library now holds the documents folder and resolves the symbol
        library = app.library_service.library
        assert library is not None and [m.entry.path.name for m in library.resolve("S/2025/110")] == [STORED]
        await pilot.press("backspace")
        assert app.reader.current == str(CITING)
        assert "stored: en" in status(app)


async def test_F_again_on_a_stored_document_opens_it_without_a_request(home: Path, server: Server) -> None:
    app = citing_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        await pilot.press("F")
        await until(pilot, lambda: not app.reader.fetching.running)
        await ready(pilot)
        assert len(server.seen) == 1
        await pilot.press("backspace")
        assert app.reader.current == str(CITING)
        await pilot.press("F")
        await until(pilot, lambda: not app.reader.fetching.running)
        await ready(pilot)
        letter = app.reader.shown_letter
        assert letter is not None and letter.symbols == ("A/79/798", "S/2025/110")
        assert len(server.seen) == 1  # the store answered


async def test_not_available_is_one_line_and_nothing_is_stored(home: Path, server: Server) -> None:
    text = "We refer to document S/2099/17 of last year."
    path = home / "S_2025_900.txt"
    path.write_text("placeholder", encoding="utf-8")
    citing = make_letter(
        ("S/2025/900",), "Letter citing an unknown document", [text], refs=[doc("S/2099/17", "p1", text)]
    )
    app = ReaderApp([path], load=lambda p: citing if p == path else parsed_fixture(p), library=[])
    app.reader.fetching.interval = 0.0
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "S/2099/17")
        await pilot.press("F")
        await until(pilot, lambda: not app.reader.fetching.running)
        await pilot.pause()
        said = [n for n in notifications(app) if "S/2099/17" in n]
        assert said == ["S/2099/17 (en): not available (the source answered with an HTML page, not a PDF)"]
        assert app.reader.current == str(path)  # the reader stays on its letter
        assert list(documents(home).glob("*.pdf")) == []
        assert (
            not (home / "data" / "pending.json").exists()
            or "S/2099/17" not in (home / "data" / "pending.json").read_text()
        )
        await pilot.press("tab")  # still working
        assert app.reader.active_pane.selected_mark is not None


async def test_offline_is_one_line_and_remembered_as_pending(home: Path) -> None:
    app = citing_app()  # the source is a closed loopback port: the connection is refused
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        await pilot.press("F")
        await until(pilot, lambda: not app.reader.fetching.running)
        await pilot.pause()
        said = [n for n in notifications(app) if "A/79/798" in n]
        assert len(said) == 1 and "failed (offline: cannot reach 127.0.0.1" in said[0]
        assert said[0].endswith("kept as pending (un-reader fetch --pending retries it)")
        assert "A/79/798-S/2025/110" in (home / "data" / "pending.json").read_text(encoding="utf-8")
        assert app.reader.current == str(CITING)


async def test_escape_cancels_a_fetch_waiting_on_a_slow_server(home: Path, server: Server) -> None:
    server.script("A/79/798", slow(3.0))
    app = citing_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        await pilot.press("F")
        await until(pilot, lambda: len(server.seen) == 1)
        assert "fetching A/79/798-S/2025/110" in status(app)
        pressed = time.monotonic()
        await pilot.press("escape")
        await until(pilot, lambda: not app.reader.fetching.running)
        assert time.monotonic() - pressed < 1.0  # at once, not when the server answers
        await pilot.pause()
        assert "Fetch of A/79/798-S/2025/110 cancelled." in notifications(app)
        assert "fetching" not in status(app)
        assert app.reader.current == str(CITING)
        await app.workers.wait_for_complete()  # the server answers after 3 s: the worker drops it
        await pilot.pause()
        assert list(documents(home).glob("*.pdf")) == []
        assert app.reader.current == str(CITING)  # a cancelled fetch never opens later


async def test_escape_during_the_rate_limit_wait_sends_no_request(home: Path, server: Server) -> None:
    app = citing_app(interval=5.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        documents(home).mkdir(parents=True)
        (documents(home) / ".last-request").write_text(f"{time.time():.3f}\n")
        await pilot.press("F")
        await until(pilot, lambda: "waiting" in status(app))
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert server.seen == []
        assert "Fetch of A/79/798-S/2025/110 cancelled." in notifications(app)


async def test_the_symbol_panel_says_what_is_stored_and_F_there_fetches(home: Path, server: Server) -> None:
    app = citing_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        await pilot.press("enter")  # not in any library: the symbol panel
        await pilot.pause()
        assert isinstance(app.screen, SymbolPanel)
        assert "Stored  not yet (F fetches it)" in screen_text(app)
        await pilot.press("F")
        await until(pilot, lambda: not app.reader.fetching.running)
        await ready(pilot)
        assert app.screen is app.reader
        letter = app.reader.shown_letter
        assert letter is not None and letter.symbols == ("A/79/798", "S/2025/110")
        await pilot.press("backspace")
        await select(pilot, app, "A/79/798")
        await pilot.press("enter")  # now in the library (the documents folder): it opens
        await ready(pilot)
        assert app.reader.shown_letter is letter or app.reader.shown_letter == letter


async def test_the_config_language_is_fetched_and_shown_as_stored(home: Path, server: Server) -> None:
    (home / "config.yaml").write_text("language: fr\n", encoding="utf-8")
    app = citing_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        await pilot.press("F")
        await until(pilot, lambda: not app.reader.fetching.running)
        await ready(pilot)
        assert [(seen.symbol, seen.lang) for seen in server.seen] == [("A/79/798", "fr")]
        assert (documents(home) / "A_79_798.fr.pdf").is_file()
        await pilot.press("backspace")
        assert "stored: fr" in status(app)


async def test_a_bad_config_language_is_one_line_and_no_request(home: Path, server: Server) -> None:
    (home / "config.yaml").write_text("language: xx\n", encoding="utf-8")
    app = citing_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        await pilot.press("F")
        await until(pilot, lambda: not app.reader.fetching.running)
        await pilot.pause()
        said = [n for n in notifications(app) if "language" in n]
        assert len(said) == 1 and "unknown language 'xx'" in said[0]
        assert server.seen == []


async def test_F_without_a_document_reference_says_so(home: Path) -> None:
    app = citing_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("F")  # nothing selected
        await pilot.pause()
        assert any("to fetch" in n for n in notifications(app))
        assert not app.reader.fetching.running


async def test_the_fetched_document_opens_at_the_references_pinpoint(
    home: Path, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `Reference.pinpoint` is not in the model yet: the reading screen asks `reference_pinpoint`
    monkeypatch.setattr(
        reader_screen, "reference_pinpoint", lambda ref: SimpleNamespace(kind="annex", value="")
    )
    app = citing_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        await pilot.press("F")
        await until(pilot, lambda: not app.reader.fetching.running)
        await ready(pilot)
        letter = app.reader.shown_letter
        assert letter is not None and letter.annexes
        assert app.reader.body.scroll_y > 0
        first = letter.annexes[0].paragraphs[0].text.split()[:4]
        assert " ".join(first) in screen_text(app)


def test_pinpoints_name_paragraphs_annexes_and_sections() -> None:
    letter = Letter(
        source="x.txt",
        format="text",
        paragraphs=(Paragraph("p1", "Recalling its resolutions,"), Paragraph("p2", "5. Decides that ...")),
        annexes=(
            Annex("a1", "Annex I", (Paragraph("a1.p1", "First annex"),)),
            Annex("a2", "Annex II", (Paragraph("a2.p1", "12. Second annex"),)),
        ),
    )
    where = lambda kind, value: pinpoint_where(letter, SimpleNamespace(kind=kind, value=value))  # noqa: E731
    assert where("paragraph", "5") == "p2"
    assert where("paragraph", "12–14") == "a2.p1"  # a range opens at its first paragraph
    assert where("paragraph", "99") is None
    assert where("annex", "") == "a1.p1"
    assert where("annex", "II") == "a2.p1"
    assert where("page", "3") is None
    assert pinpoint_where(letter, None) is None


def test_progress_lines_say_what_the_fetch_waits_for() -> None:
    assert progress_text(FetchProgress("S/2025/1", "waiting", wait=1.5)) == (
        "fetching S/2025/1: waiting 1.5 s (rate limit) · escape cancels"
    )
    assert progress_text(FetchProgress("S/2025/1", "downloading", 204800, 409600)) == (
        "fetching S/2025/1: downloading 200 KB of 400 KB · escape cancels"
    )
    assert progress_text(FetchProgress("S/\x1b[2J", "requesting")).startswith("fetching S/␛[2J")


def test_the_documents_folder_is_part_of_the_library_once_it_exists(home: Path) -> None:
    letters = TEXTS / "S_2025_80.txt"
    assert cli_app([letters], [letters]).library_service.folders == []
    documents(home).mkdir(parents=True)
    assert cli_app([letters], [letters]).library_service.folders == [documents(home)]
    assert cli_app([TEXTS], [letters]).library_service.folders == [TEXTS, documents(home)]


async def test_the_palette_fetches_like_F(home: Path, server: Server) -> None:
    app = citing_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        commands = {command.name: command for command in app.reader.palette_commands()}
        fetch = commands["Fetch the selected reference's document from the UN"]
        assert fetch.help == "key: F"
        await fetch.run()
        await until(pilot, lambda: not app.reader.fetching.running)
        await ready(pilot)
        letter = app.reader.shown_letter
        assert letter is not None and letter.symbols == ("A/79/798", "S/2025/110")
        assert [seen.symbol for seen in server.seen] == ["A/79/798"]


async def test_quitting_during_a_fetch_does_not_wait_for_the_server(home: Path, server: Server) -> None:
    server.script("A/79/798", slow(4.0))
    app = citing_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await select(pilot, app, "A/79/798")
        await pilot.press("F")
        await until(pilot, lambda: len(server.seen) == 1)
        pressed = time.monotonic()
        await pilot.press("q")
    # the app's worker threads are joined when it exits: none may wait for the silent server
    assert time.monotonic() - pressed < 2.0
    assert not [w for w in app.workers if w.name == "fetch document" and not w.is_finished]
    await asyncio.get_running_loop().shutdown_default_executor()  # what asyncio.run does at exit
    assert time.monotonic() - pressed < 2.0
    assert list(documents(home).glob("*.pdf")) == []
