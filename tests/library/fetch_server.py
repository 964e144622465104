"""A loopback stand-in for the UN's document server: the same query shape (`?s=SYMBOL&l=LANG&t=pdf`),
answered from the fixture PDFs, with scripted misbehaviour (429, slow answers, truncated bodies...).

It runs `http.server` in a thread on 127.0.0.1, port 0, and records every request with its time, so
tests can assert what the server saw (how many requests, how far apart) and not only what the client
says. No test reaches the internet.
"""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
import time
import urllib.parse
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.symbol_keys import split_joint, symbol_key

PDFS = Path(__file__).resolve().parents[1] / "fixtures" / "letters" / "pdf"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


def closed_port() -> int:
    """A loopback port nothing listens on: a source that always refuses, never the UN's."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def isolated_home(tmp_path: Path, monkeypatch: Any) -> Path:
    """Every place the reader writes moved into tmp_path, the default source a closed loopback port,
    and no proxy between the client and loopback: what every fetch test starts from."""
    monkeypatch.setenv("UN_READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("UN_READER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("UN_READER_CONFIG", str(tmp_path / "config.yaml"))
    monkeypatch.setenv("UN_READER_DOCUMENT_SOURCE", f"http://127.0.0.1:{closed_port()}/?s={{symbol}}")
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return tmp_path


HTML = b"<!DOCTYPE html><html><body><h1>Document not found</h1></body></html>\n"


def fixture_pdfs(folder: Path = PDFS) -> dict[str, Path]:
    """Each fixture PDF under every component of its symbol: `A_79_798-S_2025_110.pdf` answers both
    `A/79/798` and `S/2025/110`."""
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.pdf")):
        for part in split_joint(path.stem.replace("_", "/")):
            found[symbol_key(part)] = path
    return found


@dataclass(frozen=True)
class Seen:
    at: float  # time.monotonic() when the request arrived
    symbol: str
    lang: str
    path: str


Behaviour = Callable[["Handler", str, str], None]


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        parts = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(parts.query)
        symbol = query.get("s", [""])[0]
        lang = query.get("l", [""])[0]
        self.server.record(Seen(time.monotonic(), symbol, lang, self.path))
        behaviour = self.server.next_behaviour(symbol)
        (behaviour or answer_document)(self, symbol, lang)

    def send(
        self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def answer_document(handler: Handler, symbol: str, lang: str) -> None:
    """What the UN does: the PDF when it has one, else 200 with a small HTML page."""
    path = handler.server.pdfs.get(symbol_key(symbol))
    if path is None:
        handler.send(200, HTML, "text/html; charset=utf-8")
    else:
        handler.send(200, path.read_bytes(), "application/pdf")


def busy(status: int = 429, retry_after: str | None = None) -> Behaviour:
    def behaviour(handler: Handler, symbol: str, lang: str) -> None:
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        handler.send(status, b"slow down\n", "text/plain", headers)

    return behaviour


def slow(seconds: float) -> Behaviour:
    """Answer only after a while (the client's timeout should give up first)."""

    def behaviour(handler: Handler, symbol: str, lang: str) -> None:
        handler.server.stopping.wait(seconds)
        answer_document(handler, symbol, lang)

    return behaviour


def raw(status: int, body: bytes, headers: dict[str, str]) -> Behaviour:
    """Any status, body and headers, written as given (a Content-Length that lies, none at all...)."""

    def behaviour(handler: Handler, symbol: str, lang: str) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()
        handler.close_connection = True

    return behaviour


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, pdfs: dict[str, Path] | None = None, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.scheme = "https" if tls else "http"
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.pdfs = fixture_pdfs() if pdfs is None else pdfs
        self.seen: list[Seen] = []
        self.scripts: dict[str, deque[Behaviour]] = defaultdict(deque)
        self.default: Behaviour | None = None  # for every symbol without a script
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def template(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/api/symbol/access?s={{symbol}}&l={{lang}}&t=pdf"

    def script(self, symbol: str, *behaviours: Behaviour) -> None:
        """The next answers for a symbol, in order; after them, the usual answer."""
        with self._lock:
            self.scripts[symbol_key(symbol)].extend(behaviours)

    def next_behaviour(self, symbol: str) -> Behaviour | None:
        with self._lock:
            queue = self.scripts.get(symbol_key(symbol))
            return queue.popleft() if queue else self.default

    def record(self, seen: Seen) -> None:
        with self._lock:
            self.seen.append(seen)

    def start(self) -> Server:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)
