"""Fetching cited documents against a real HTTP server on 127.0.0.1 (tests/library/fetch_server.py).

What is asserted is what a user and the server see: the files in the documents folder (bytes equal
to the fixture, nothing else left behind), the lines and exit codes of `un-reader fetch`, and the
requests the server received and when. No test reaches the internet: every source points at the
loopback server or at a closed loopback port.
"""

from __future__ import annotations

import io
import itertools
import os
import shutil
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_server import PDFS, PROXY_VARIABLES, Handler, Server, busy, closed_port, isolated_home, raw, slow

from reader.cli import main
from reader.library import fetch as fetch_module
from reader.library.config import documents_dir, load_config
from reader.library.documents_store import MAX_STEM, DocumentStore, PendingList, StoreError, file_name
from reader.library.fetch import (
    Fetcher,
    FetchInputError,
    FetchProgress,
    Outcome,
    RateLimiter,
    cited_symbols,
    document_source,
)
from reader.model import Letter, Reference, RefKind
from reader.parser import parse_path
from reader.urls import DOCUMENT_SOURCE, source_url

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "tests" / "fixtures" / "letters" / "text"


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server().start()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every place the reader writes moved into tmp_path; no proxy between the client and loopback."""
    return isolated_home(tmp_path, monkeypatch)


@pytest.fixture
def source(server: Server, monkeypatch: pytest.MonkeyPatch) -> Server:
    """The server as the document source, and no 2 s rate limit for the command (tests must be fast)."""
    monkeypatch.setenv("UN_READER_DOCUMENT_SOURCE", server.template)
    monkeypatch.setattr(fetch_module, "REQUEST_INTERVAL", 0.0)
    return server


def fetcher(server: Server, folder: Path | None = None, **options: float) -> Fetcher:
    options = {"interval": 0.0, **options}
    return Fetcher(DocumentStore(folder), source=server.template, **options)  # type: ignore[arg-type]


def files(folder: Path) -> list[str]:
    """Every entry of a folder, hidden ones too (a temporary file left behind would show here)."""
    return sorted(os.listdir(folder)) if folder.exists() else []


def stored(folder: Path) -> list[str]:
    return [name for name in files(folder) if name != ".last-request"]


def cli(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], list[str]]:
    code = main(["fetch", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


# --- fetching one document -------------------------------------------------------------------------


def test_fetches_a_document_into_the_documents_folder(server: Server) -> None:
    result = fetcher(server).fetch("S/2025/141", "en")
    assert result.outcome == Outcome.FETCHED and str(result) == "fetched"
    assert result.path == documents_dir() / "S_2025_141.en.pdf"
    assert result.path.read_bytes() == (PDFS / "S_2025_141.pdf").read_bytes()
    assert stored(documents_dir()) == ["S_2025_141.en.pdf"]
    assert [(s.symbol, s.lang) for s in server.seen] == [("S/2025/141", "en")]
    again = fetcher(server).fetch("S/2025/141", "en")
    assert again.outcome == Outcome.ALREADY_THERE and again.path == result.path
    assert len(server.seen) == 1  # already there: the server is not asked again


def test_a_joint_symbol_is_asked_for_by_its_first_component_and_found_by_either(server: Server) -> None:
    result = fetcher(server).fetch("A/79/798-S/2025/110", "fr")
    assert result.outcome == Outcome.FETCHED
    assert [(s.symbol, s.lang) for s in server.seen] == [("A/79/798", "fr")]
    assert result.path is not None and result.path.name == "A_79_798.fr.pdf"
    store = DocumentStore()
    assert store.find("A/79/798-S/2025/110", "fr") == result.path
    assert store.languages("A/79/798-S/2025/110") == ("fr",)
    assert store.languages("S/2025/110") == ()  # alone, the second component is another name


def test_a_resolution_is_asked_for_without_the_space_before_its_bracket(server: Server) -> None:
    result = fetcher(server).fetch("S/RES/2231 (2015)", "en")
    assert result.outcome == Outcome.NOT_AVAILABLE  # no fixture for it: the server's HTML page
    assert server.seen[0].path.startswith("/api/symbol/access?s=S/RES/2231(2015)&l=en&t=pdf")


def test_the_source_template_escapes_the_symbol_as_a_query_value() -> None:
    assert source_url(DOCUMENT_SOURCE, "S/RES/2231 (2015)", "en") == (
        "https://documents.un.org/api/symbol/access?s=S/RES/2231(2015)&l=en&t=pdf"
    )
    assert source_url("https://m.example/{lang}?s={symbol}", "A/RES/68/247 B", "fr") == (
        "https://m.example/fr?s=A/RES/68/247%20B"
    )
    assert (
        source_url("https://m.example/?s={symbol}", "S/1&x=1#y", "en")
        == "https://m.example/?s=S/1%26x%3D1%23y"
    )


def test_html_for_an_unknown_symbol_is_not_available_and_nothing_is_written(server: Server) -> None:
    result = fetcher(server).fetch("S/2025/9999", "en")
    assert result.outcome == Outcome.NOT_AVAILABLE and result.path is None
    assert str(result) == "not available (the source answered with an HTML page, not a PDF)"
    assert stored(documents_dir()) == []
    assert not result.transient and PendingList().items() == []


def test_a_404_is_not_available(server: Server) -> None:
    server.script("S/2025/141", raw(404, b"gone", {"Content-Length": "4"}))
    result = fetcher(server).fetch("S/2025/141", "en")
    assert (result.outcome, result.reason) == (Outcome.NOT_AVAILABLE, "HTTP 404: no such document")
    assert stored(documents_dir()) == []


def test_429_then_success_backs_off_before_asking_again(server: Server) -> None:
    server.script("S/2025/141", busy(429))
    result = fetcher(server, backoff=0.4).fetch("S/2025/141", "en")
    assert result.outcome == Outcome.FETCHED
    first, second = server.seen
    assert second.at - first.at >= 0.4
    assert result.waited >= 0.4


def test_retry_after_is_honoured(server: Server) -> None:
    server.script("S/2025/141", busy(503, retry_after="1"))
    result = fetcher(server, backoff=0.05).fetch("S/2025/141", "en")
    assert result.outcome == Outcome.FETCHED
    first, second = server.seen
    assert second.at - first.at >= 1.0


def test_a_server_that_stays_busy_fails_after_bounded_retries_and_is_pending(server: Server) -> None:
    server.default = busy(503)
    result = fetcher(server, backoff=0.15, retries=2).fetch("S/2025/141", "en")
    assert result.outcome == Outcome.FAILED
    assert str(result) == "failed (HTTP 503 Service Unavailable after 3 tries)"
    gaps = [b.at - a.at for a, b in itertools.pairwise(server.seen)]
    assert len(server.seen) == 3 and gaps[0] >= 0.15 and gaps[1] >= 0.3  # exponential: 0.15 s, then 0.3 s
    assert [(p.symbol, p.lang) for p in PendingList().items()] == [("S/2025/141", "en")]
    assert stored(documents_dir()) == []


def test_a_retry_after_beyond_the_bound_is_not_waited_for(server: Server) -> None:
    server.default = busy(429, retry_after="3600")
    started = time.monotonic()
    result = fetcher(server).fetch("S/2025/141", "en")
    assert time.monotonic() - started < 5
    assert result.outcome == Outcome.FAILED and result.transient and len(server.seen) == 1


def test_a_slow_server_times_out_and_the_symbol_is_pending(server: Server) -> None:
    server.script("S/2025/141", slow(3.0))
    started = time.monotonic()
    result = fetcher(server, timeout=0.3).fetch("S/2025/141", "en")
    assert time.monotonic() - started < 2.5
    assert str(result) == "failed (timed out after 0.3 s)" and result.transient
    pending = PendingList().items()
    assert [(p.symbol, p.lang, p.folder, p.reason) for p in pending] == [
        ("S/2025/141", "en", None, "timed out after 0.3 s")
    ]
    assert stored(documents_dir()) == []


def test_offline_is_a_failure_with_a_reason_and_pending(home: Path) -> None:
    source = f"http://127.0.0.1:{closed_port()}/?s={{symbol}}"
    result = Fetcher(source=source, interval=0.0).fetch("S/2025/141", "en")
    assert result.outcome == Outcome.FAILED and result.transient
    assert result.reason.startswith("offline: cannot reach 127.0.0.1 (")
    assert [p.symbol for p in PendingList().items()] == ["S/2025/141"]


def test_a_truncated_body_is_refused_and_nothing_is_left(server: Server) -> None:
    pdf = (PDFS / "S_2025_141.pdf").read_bytes()
    server.script("S/2025/141", raw(200, pdf[:5000], {"Content-Length": str(len(pdf))}))
    result = fetcher(server).fetch("S/2025/141", "en")
    assert str(result) == f"failed (truncated (5,000 of {len(pdf):,} bytes))"
    assert stored(documents_dir()) == []


def test_a_pdf_without_its_end_is_refused(server: Server) -> None:
    pdf = (PDFS / "S_2025_141.pdf").read_bytes()
    server.script("S/2025/141", raw(200, pdf[:5000], {"Content-Type": "application/pdf"}))  # no length
    result = fetcher(server).fetch("S/2025/141", "en")
    assert str(result) == "failed (incomplete PDF (no %%EOF at the end))"
    assert stored(documents_dir()) == []


@pytest.mark.parametrize("with_length", [True, False])
def test_an_oversized_body_is_refused(server: Server, tmp_path: Path, with_length: bool) -> None:
    pdf = (PDFS / "S_2025_141.pdf").read_bytes()
    headers = {"Content-Length": str(len(pdf))} if with_length else {}
    server.script("S/2025/141", raw(200, pdf, headers))
    store = DocumentStore(tmp_path / "docs", max_bytes=100_000)
    result = Fetcher(store, source=server.template, interval=0.0).fetch("S/2025/141", "en")
    assert result.outcome == Outcome.FAILED and result.reason.startswith("too large (")
    assert not result.transient
    assert files(tmp_path / "docs") == []


def test_what_the_server_says_reaches_the_terminal_short_and_harmless(
    source: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    phrase = "Busy \x1b[2J\x1b]52;c;cHduZWQ=\x07 " + "x" * 200

    def hostile(handler: Handler, symbol: str, lang: str) -> None:
        handler.send_response(418, phrase)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    source.script("S/2025/141", hostile)
    source.script("S/2025/180", raw(200, b"MZ\x90\x00", {"Content-Type": "application/x-\x1b[31mexe"}))
    code, out, _ = cli("S/2025/141", "S/2025/180", capsys=capsys)
    assert code == 1 and len(out) == 3
    assert all("\x1b" not in line and "\x07" not in line and len(line) < 120 for line in out)
    assert out[0].startswith("S/2025/141: failed (HTTP 418 Busy \u241b[2J\u241b]52;c;cHduZWQ=\u2407 xxx")
    assert out[0].endswith("…)")
    assert out[1].startswith("S/2025/180: not available (the source answered with ")
    assert stored(documents_dir()) == []


def test_a_redirect_is_followed_but_not_to_another_scheme(server: Server) -> None:
    target = server.template.replace("{symbol}", "S/2025/180").replace("{lang}", "en")
    server.script("S/2025/141", raw(302, b"", {"Location": target, "Content-Length": "0"}))
    result = fetcher(server).fetch("S/2025/141", "en")
    assert result.path is not None and result.path.read_bytes() == (PDFS / "S_2025_180.pdf").read_bytes()
    server.script("S/2025/15", raw(302, b"", {"Location": "file:///etc/passwd", "Content-Length": "0"}))
    refused = fetcher(server).fetch("S/2025/15", "en")
    assert refused.outcome == Outcome.FAILED and "302" in refused.reason
    assert stored(documents_dir()) == ["S_2025_141.en.pdf"]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_tls_certificates_are_verified(tmp_path: Path) -> None:
    """A server whose certificate no authority signed is refused: nothing is fetched from it."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = Server(tls=context).start()
    try:
        result = Fetcher(source=server.template, interval=0.0).fetch("S/2025/141", "en")
    finally:
        server.stop()
    assert result.outcome == Outcome.FAILED and not result.transient
    assert result.reason.startswith("127.0.0.1: certificate not trusted (")
    assert stored(documents_dir()) == []


# --- names that cannot escape the folder ------------------------------------------------------------


@pytest.mark.parametrize(
    "symbol",
    [
        "S/../../etc/passwd",
        "../x",
        "..",
        "/abs/path",
        "a\x00b",
        "A\\..\\..\\x",
        ".hidden",
        "-rf",
        "x" * 1000,
        "S/\u202e2025/1",
        "S/2025/1_x",
    ],
)
def test_a_hostile_symbol_is_stored_inside_the_folder(tmp_path: Path, symbol: str) -> None:
    folder = tmp_path / "docs"
    pdf = (PDFS / "S_2025_141.pdf").read_bytes()
    path = DocumentStore(folder).save(symbol, "en", pdf)
    assert path.parent == folder and path.resolve().parent == folder.resolve()
    assert files(folder) == [path.name] and files(tmp_path) == ["docs"]
    name = path.name
    assert not name.startswith((".", "-")) and ".." not in name.removesuffix(".en.pdf").replace("~", "")
    assert "\x00" not in name and "/" not in name and "\\" not in name
    assert len(name.encode()) <= MAX_STEM + 30 and name.isascii() and name.endswith(".en.pdf")


def test_names_are_readable_and_distinct() -> None:
    assert file_name("S/RES/2231 (2015)", "en") == "S_RES_2231(2015).en.pdf"
    assert file_name("A/RES/68/247 B", "fr") == "A_RES_68_247 B.fr.pdf"
    assert file_name("A/C.3/79/L.1/Rev.1", "es") == "A_C.3_79_L.1_Rev.1.es.pdf"
    hostile = ["S/2025/1_x", "S/2025/1/x", "S/../x", "S/_./x", "x" * 500, "x" * 501]
    assert len({file_name(s, "en") for s in hostile}) == len(hostile)
    with pytest.raises(StoreError):
        file_name("S/2025/1", "../en")


def test_a_symbol_with_dot_dot_is_bad_input_for_the_command(
    source: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli("S/../../x", capsys=capsys)
    assert code == 2 and out == []
    assert err == ["un-reader: error: malformed symbol 'S/../../x': unexpected part '..'"]
    assert source.seen == [] and stored(documents_dir()) == []
    with pytest.raises(FetchInputError):
        fetcher(source).fetch("../../etc/passwd", "en")


def test_only_complete_pdfs_are_ever_stored(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path / "docs")
    for data in (b"<html></html>", b"%PDF-1.7 no end", b"MZ\x90\x00%PDF-1.7\n%%EOF"):
        with pytest.raises(StoreError):
            store.save("S/2025/1", "en", data)
    assert files(tmp_path / "docs") == []


# --- threads, processes, the rate limit --------------------------------------------------------------


def test_two_fetches_of_the_same_document_at_once_write_one_file(server: Server) -> None:
    server.default = slow(0.3)
    shared = fetcher(server)
    results: list[Outcome] = []

    def one() -> None:
        results.append(shared.fetch("S/2025/141", "en").outcome)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(results) == [Outcome.ALREADY_THERE, Outcome.FETCHED]
    assert len(server.seen) == 1
    assert stored(documents_dir()) == ["S_2025_141.en.pdf"]
    assert (documents_dir() / "S_2025_141.en.pdf").read_bytes() == (PDFS / "S_2025_141.pdf").read_bytes()


def test_two_fetchers_of_the_same_document_in_threads_never_corrupt_it(server: Server) -> None:
    """Separate Fetcher objects (as two app workers would have) still share the target's lock."""
    results: list[Outcome] = []
    threads = [
        threading.Thread(target=lambda: results.append(fetcher(server).fetch("S/2025/180", "en").outcome))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(results) == [Outcome.ALREADY_THERE] * 3 + [Outcome.FETCHED]
    assert (documents_dir() / "S_2025_180.en.pdf").read_bytes() == (PDFS / "S_2025_180.pdf").read_bytes()


def test_requests_from_several_threads_keep_the_interval(server: Server) -> None:
    shared = fetcher(server, interval=0.5)
    symbols = ["S/2025/141", "S/2025/180", "S/2025/15"]
    threads = [threading.Thread(target=shared.fetch, args=(s, "en")) for s in symbols]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    times = sorted(s.at for s in server.seen)
    assert len(times) == 3
    # the client spaces them 0.5 s apart; the server may see one a little late on a busy machine
    assert all(b - a >= 0.35 for a, b in itertools.pairwise(times))


def test_the_interval_holds_across_processes_through_the_stamp_file(tmp_path: Path) -> None:
    stamp = tmp_path / ".last-request"
    RateLimiter(0.5, stamp).wait()
    first = float(stamp.read_text(encoding="ascii"))  # when the first request went out
    # a new limiter (another process has its own) reads the stamp and waits out the rest
    waited = RateLimiter(0.5, stamp).wait()
    second = float(stamp.read_text(encoding="ascii"))
    assert second - first >= 0.499 and waited > 0


def test_cancel_stops_a_wait_at_once_and_writes_nothing(server: Server) -> None:
    shared = fetcher(server, interval=5.0)
    assert shared.fetch("S/2025/141", "en").outcome == Outcome.FETCHED
    cancel = threading.Event()
    phases: list[str] = []

    def progress(update: FetchProgress) -> None:
        phases.append(update.phase)
        if update.phase == "waiting":
            cancel.set()

    started = time.monotonic()
    result = shared.fetch("S/2025/180", "en", progress=progress, cancel=cancel)
    assert time.monotonic() - started < 1.0
    assert result.outcome == Outcome.CANCELLED and phases == ["waiting", "done"]
    assert stored(documents_dir()) == ["S_2025_141.en.pdf"] and PendingList().items() == []


def test_progress_reports_the_download(server: Server) -> None:
    updates: list[FetchProgress] = []
    fetcher(server).fetch("S/2025/141", "en", progress=updates.append)
    size = (PDFS / "S_2025_141.pdf").stat().st_size
    assert updates[0].phase == "requesting" and updates[-1].phase == "done"
    downloading = [u for u in updates if u.phase == "downloading"]
    assert downloading[-1].received == size and downloading[-1].total == size


# --- which documents a letter cites -----------------------------------------------------------------


def _ref(symbol: str, components: tuple[str, ...] = (), **kw: object) -> Reference:
    return Reference(RefKind.DOCUMENT, symbol, "p1", 0, 1, symbol, components or (symbol,), **kw)  # type: ignore[arg-type]


def test_components_of_joint_symbols_count_once() -> None:
    letter = Letter(
        "x.txt",
        "text",
        symbols=("S/2025/9",),
        references=(
            _ref("A/79/798"),
            _ref("S/2025/9"),  # the letter itself
            _ref("A/79/798-S/2025/110", ("A/79/798", "S/2025/110")),
            _ref("S/2025/110"),
            _ref("S/2376/2025", well_formed=False),
            Reference(RefKind.RESOLUTION, "resolution 2231 (2015)", "p1", 0, 1, "S/RES/2231 (2015)"),
            Reference(RefKind.DECISION, "decision 79/1", "p1", 0, 1),
        ),
    )
    assert cited_symbols(letter) == ["A/79/798-S/2025/110", "S/RES/2231 (2015)"]


def test_cited_documents_of_real_letters() -> None:
    assert cited_symbols(parse_path(TEXTS / "A_79_818-S_2025_156.txt")) == [
        "A/79/798-S/2025/110",
        "A/79/802-S/2025/123",
    ]
    assert cited_symbols(parse_path(TEXTS / "S_2025_311.txt")) == [
        "S/2025/141",
        "S/2025/180",
        "S/RES/2719 (2023)",
        "S/PV.9884",
    ]


# --- the command -----------------------------------------------------------------------------------


def test_fetch_command_lines_and_exit_codes(source: Server, capsys: pytest.CaptureFixture[str]) -> None:
    folder = documents_dir()
    code, out, err = cli("S/2025/141", capsys=capsys)
    assert (code, out, err) == (0, [f"S/2025/141: fetched {folder / 'S_2025_141.en.pdf'}"], [])
    code, out, _ = cli("S/2025/141", "S/2025/9999", capsys=capsys)
    assert code == 1
    assert out == [
        f"S/2025/141: already there {folder / 'S_2025_141.en.pdf'}",
        "S/2025/9999: not available (the source answered with an HTML page, not a PDF)",
        "0 fetched, 1 already there, 1 not available, 0 failed",
    ]


def test_fetch_command_bad_input_is_one_line_and_exit_2(
    source: Server, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cases = {
        (
            "S/2025/141",
            "--lang",
            "xx",
        ): "un-reader: error: --lang: unknown language 'xx' (one of ar, zh, en, fr, ru, es, de)",
        (
            "S/2025/141",
            "not a symbol",
        ): "un-reader: error: malformed symbol: not a UN document symbol: 'not a symbol'",
        (
            "S/2376/2025",
        ): "un-reader: error: malformed symbol 'S/2376/2025': year 2025 written after the number"
        " 2376 (the UN writes S/2025/...)",
        (): "un-reader: error: fetch: give SYMBOLs, --cited-by FILE or --pending (one of them)",
        (
            "S/2025/141",
            "--pending",
        ): "un-reader: error: fetch: give SYMBOLs, --cited-by FILE or --pending (one of them)",
        (
            "S/2025/141",
            "--into",
            str(tmp_path / "nope"),
        ): f"un-reader: error: {tmp_path / 'nope'}: no such folder",
        ("--cited-by", str(tmp_path / "missing.txt")): None,
    }
    for args, message in cases.items():
        code, out, err = cli(*args, capsys=capsys)
        assert code == 2 and out == [] and len(err) == 1, (args, err)
        if message is not None:
            assert err == [message]
        else:
            assert err[0].startswith("un-reader: error: ") and "missing.txt" in err[0]
    assert source.seen == [] and stored(documents_dir()) == []


def test_fetch_into_a_folder(source: Server, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    into = tmp_path / "mine"
    into.mkdir()
    code, out, _ = cli("S/2025/180", "--into", str(into), "--lang", "ES", capsys=capsys)
    assert code == 0 and out == [f"S/2025/180: fetched {into / 'S_2025_180.es.pdf'}"]
    assert files(into) == ["S_2025_180.es.pdf"] and stored(documents_dir()) == []
    assert source.seen[0].lang == "es"


def test_config_sets_the_language_and_the_source(
    server: Server, capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch_module, "REQUEST_INTERVAL", 0.0)
    monkeypatch.delenv("UN_READER_DOCUMENT_SOURCE")
    (home / "config.yaml").write_text(
        f"language: fr\ndocument_source: '{server.template}'\n", encoding="utf-8"
    )
    assert document_source(load_config()) == server.template
    code, out, _ = cli("S/2025/141", capsys=capsys)
    assert code == 0 and out[0].endswith("S_2025_141.fr.pdf")
    assert [(s.symbol, s.lang) for s in server.seen] == [("S/2025/141", "fr")]
    monkeypatch.setenv("UN_READER_DOCUMENT_SOURCE", "ftp://mirror.example/{symbol}")  # the variable wins
    code, _, err = cli("S/2025/141", capsys=capsys)
    assert code == 2 and err == [
        "un-reader: error: UN_READER_DOCUMENT_SOURCE: the document source must be an http or https URL:"
        " 'ftp://mirror.example/{symbol}'"
    ]
    (home / "config.yaml").write_text("language: xx\n", encoding="utf-8")
    monkeypatch.delenv("UN_READER_DOCUMENT_SOURCE")
    code, _, err = cli("S/2025/141", capsys=capsys)
    assert code == 2 and err == [
        f"un-reader: error: {home / 'config.yaml'}: `language`: unknown language 'xx'"
        " (one of ar, zh, en, fr, ru, es, de)"
    ]


def test_the_default_source_is_the_uns_document_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UN_READER_DOCUMENT_SOURCE")
    assert document_source() == "https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t=pdf"


def test_cited_by_fetches_every_cited_document_and_resumes(
    source: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    letter = str(TEXTS / "S_2025_311.txt")
    folder = documents_dir()
    code, out, _ = cli("--cited-by", letter, capsys=capsys)
    assert code == 1
    assert out == [
        f"S/2025/141: fetched {folder / 'S_2025_141.en.pdf'}",
        f"S/2025/180: fetched {folder / 'S_2025_180.en.pdf'}",
        "S/RES/2719 (2023): not available (the source answered with an HTML page, not a PDF)",
        "S/PV.9884: not available (the source answered with an HTML page, not a PDF)",
        "2 fetched, 0 already there, 2 not available, 0 failed",
    ]
    assert stored(folder) == ["S_2025_141.en.pdf", "S_2025_180.en.pdf"]
    before = len(source.seen)
    code, out, _ = cli("--cited-by", letter, capsys=capsys)
    assert out[-1] == "0 fetched, 2 already there, 2 not available, 0 failed"
    assert sorted(s.symbol for s in source.seen[before:]) == ["S/PV.9884", "S/RES/2719(2023)"]


def test_cited_by_a_letter_citing_only_present_documents_exits_0(
    source: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli("--cited-by", str(TEXTS / "A_79_818-S_2025_156.txt"), capsys=capsys)
    assert code == 0 and out[-1] == "2 fetched, 0 already there, 0 not available, 0 failed"
    assert [s.symbol for s in source.seen] == ["A/79/798", "A/79/802"]


def test_pending_retries_what_failed_for_a_passing_reason(
    server: Server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fetch_module, "REQUEST_INTERVAL", 0.0)
    into = tmp_path / "mine"
    into.mkdir()
    monkeypatch.setenv("UN_READER_DOCUMENT_SOURCE", f"http://127.0.0.1:{closed_port()}/?s={{symbol}}")
    code, out, _ = cli("S/2025/141", "S/2025/180", "--lang", "fr", capsys=capsys)
    assert code == 1 and all(": failed (offline: cannot reach 127.0.0.1 (" in line for line in out[:2])
    assert cli("S/2025/15", "--into", str(into), capsys=capsys)[0] == 1
    assert [(p.symbol, p.lang, p.folder) for p in PendingList().items()] == [
        ("S/2025/141", "fr", None),
        ("S/2025/180", "fr", None),
        ("S/2025/15", "en", str(into)),
    ]
    monkeypatch.setenv("UN_READER_DOCUMENT_SOURCE", server.template)  # back online
    code, out, _ = cli("--pending", capsys=capsys)
    assert code == 0 and out[-1] == "3 fetched, 0 already there, 0 not available, 0 failed"
    assert stored(documents_dir()) == ["S_2025_141.fr.pdf", "S_2025_180.fr.pdf"]
    assert files(into) == ["S_2025_15.en.pdf"]
    assert PendingList().items() == []
    assert cli("--pending", capsys=capsys)[:2] == (0, ["nothing pending"])


def test_progress_line_on_a_terminal(source: Server) -> None:
    from reader.library.fetch_command import fetch_command

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out, err = io.StringIO(), Tty()
    assert fetch_command(["S/2025/141", "S/2025/180"], out=out, err=err) == 0
    shown = err.getvalue()
    assert "[1/2] S/2025/141: asking the source" in shown and "[2/2] S/2025/180: downloading" in shown
    assert shown.endswith("\r\x1b[K")  # the line is cleared before each result is printed
    assert "\x1b" not in out.getvalue()


def test_the_installed_command_end_to_end(server: Server, home: Path) -> None:
    """As a user runs it (a real process, the real 2 s limit: one request, so no wait)."""
    env = {
        **os.environ,
        "UN_READER_DATA_DIR": str(home / "data"),
        "UN_READER_CONFIG": str(home / "config.yaml"),
        "UN_READER_DOCUMENT_SOURCE": server.template,
    }
    env = {k: v for k, v in env.items() if k not in PROXY_VARIABLES}
    run = subprocess.run(
        [sys.executable, "-m", "reader", "fetch", "A/79/798-S/2025/110", "S/2025/9999"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1 and run.stderr == ""
    assert (
        run.stdout.splitlines()[0]
        == f"A/79/798-S/2025/110: fetched {home / 'data' / 'documents' / 'A_79_798.en.pdf'}"
    )
    assert run.stdout.splitlines()[1].startswith("S/2025/9999: not available (")
    gap = server.seen[1].at - server.seen[0].at
    assert gap >= 1.5  # the second request waited for the 2 s rate limit (arrival times: some slack)


def test_a_documents_folder_that_cannot_be_written_is_a_failure_not_a_crash(
    source: Server, capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    (home / "data").mkdir()
    documents_dir().write_text("a file where the folder should be", encoding="utf-8")
    code, out, err = cli("S/2025/141", capsys=capsys)
    assert code == 1 and err == []
    assert out == [f"S/2025/141: failed ({documents_dir()}: cannot write the documents folder (File exists))"]
    assert documents_dir().read_text(encoding="utf-8") == "a file where the folder should be"


def test_a_broken_pending_list_or_source_is_one_line(
    source: Server, capsys: pytest.CaptureFixture[str], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (home / "data").mkdir()
    (home / "data" / "pending.json").write_text("{not json", encoding="utf-8")
    code, out, err = cli("--pending", capsys=capsys)
    assert (code, out) == (2, [])
    assert err == [
        f"un-reader: error: {home / 'data' / 'pending.json'}: not a pending list (fix or delete the file)"
    ]
    monkeypatch.setenv("UN_READER_DOCUMENT_SOURCE", "https://mirror.example/ods")
    code, _, err = cli("S/2025/141", capsys=capsys)
    assert code == 2 and err == [
        "un-reader: error: UN_READER_DOCUMENT_SOURCE: the document source must contain {symbol}:"
        " 'https://mirror.example/ods'"
    ]
    assert source.seen == []
