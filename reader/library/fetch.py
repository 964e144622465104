"""Fetching a cited document's file from the UN (or a mirror) into the documents folder.

For the app (Textual-free; run `Fetcher.fetch` in a thread worker)::

    fetcher = Fetcher()                                    # source from env/config, the user's store
    result = fetcher.fetch("S/2025/110", "en", progress=callback, cancel=event)
    result.outcome  # Outcome.FETCHED / ALREADY_THERE / NOT_AVAILABLE / FAILED / CANCELLED
    result.path, result.reason, str(result)                # "failed (timed out after 30 s)"

The UN's server starts refusing at about one request a second, so every request of every thread and
process waits its turn: at most one each `interval` seconds (2 s), kept in a stamp file under a lock
in the documents folder. 429 and 5xx answers are retried after `Retry-After` or an exponential
backoff, a bounded number of times. Only the standard library is used: urllib verifies TLS with the
system's certificates, follows redirects (http and https only, never from https down to http) and
honours the usual proxy variables. What arrives is only stored when it is a complete PDF; it is never
run or handed to another program, only parsed by the reader later.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import http.client
import os
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from reader.errors import ReaderError
from reader.library.config import Config, documents_dir, load_config
from reader.library.documents_store import DocumentStore, PendingList, StoreError, pdf_problem
from reader.model import Letter, RefKind
from reader.symbol_keys import component_keys
from reader.urls import DOCUMENT_SOURCE, SOURCE_LANGUAGES, source_url

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the limit then holds within one process
    fcntl = None  # type: ignore[assignment]

SOURCE_ENV = "UN_READER_DOCUMENT_SOURCE"
DEFAULT_LANGUAGE = "en"
REQUEST_INTERVAL = 2.0  # seconds between two requests to the source, whoever makes them
TIMEOUT = 30.0  # seconds for connecting and for each read
DEADLINE = 300.0  # seconds for a whole download, however slowly the bytes trickle in
RETRIES = 4  # further tries after a 429 or 5xx
MAX_BACKOFF = 60.0  # a longer Retry-After is not waited for: the fetch fails and stays pending
CHUNK = 64 * 1024
STAMP_FILE = ".last-request"
USER_AGENT = "un-reader/0.1 (+https://github.com/un-reader; fetches cited UN documents)"


class Outcome(StrEnum):
    FETCHED = "fetched"
    ALREADY_THERE = "already there"
    NOT_AVAILABLE = "not available"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class FetchResult:
    symbol: str  # normalised, as asked (a joint symbol stays joint)
    lang: str
    outcome: Outcome
    path: Path | None = None  # the stored file, when there is one
    reason: str = ""  # why not available, failed or cancelled
    transient: bool = False  # may work later (offline, timeout, busy server): kept as pending
    size: int = 0
    seconds: float = 0.0  # the whole fetch
    waited: float = 0.0  # of which waiting for the rate limit and backoff

    @property
    def ok(self) -> bool:
        """The document is in the store now."""
        return self.outcome in (Outcome.FETCHED, Outcome.ALREADY_THERE)

    def __str__(self) -> str:
        return f"{self.outcome} ({self.reason})" if self.reason else str(self.outcome)


@dataclass(frozen=True, slots=True)
class FetchProgress:
    symbol: str
    phase: str  # "waiting" (rate limit or backoff), "requesting", "downloading", "done"
    received: int = 0
    total: int | None = None  # bytes, from Content-Length
    wait: float = 0.0  # seconds to wait, when waiting


FetchProgressCallback = Callable[[FetchProgress], None]


class FetchInputError(ReaderError):
    """A symbol, language or source that cannot be fetched at all: bad input, exit code 2."""


class _Cancelled(Exception):
    pass


# --- where from, in which language ----------------------------------------------------------------


def document_source(config: Config | None = None) -> str:
    """The URL template: UN_READER_DOCUMENT_SOURCE, else the config's `document_source`, else the UN's."""
    env = os.environ.get(SOURCE_ENV, "").strip()
    if env:
        return check_source(env, SOURCE_ENV)
    config = config if config is not None else load_config()
    if config.document_source:
        return check_source(config.document_source, f"{config.path}: `document_source`")
    return DOCUMENT_SOURCE


def check_source(template: str, where: str) -> str:
    parts = urlsplit(template.replace("{symbol}", "S").replace("{lang}", "en"))
    if "{symbol}" not in template:
        raise FetchInputError(f"{where}: the document source must contain {{symbol}}: {template!r}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchInputError(f"{where}: the document source must be an http or https URL: {template!r}")
    return template


def language(given: str | None, config: Config | None = None) -> str:
    """`--lang`, else the config's `language`, else English; a language the UN does not publish in is
    an error."""
    if given is None:
        config = config if config is not None else load_config()
        given, where = config.language or DEFAULT_LANGUAGE, f"{config.path}: `language`"
    else:
        where = "--lang"
    lang = given.strip().lower()
    if lang not in SOURCE_LANGUAGES:
        raise FetchInputError(f"{where}: unknown language {given!r} (one of {', '.join(SOURCE_LANGUAGES)})")
    return lang


def fetchable(symbol: str) -> tuple[str, str]:
    """The symbol normalised and the single symbol its file is asked for (a joint symbol is one
    document, served under its first component), or a one-line error for a malformed symbol."""
    from reader.symbols import SymbolError, parse  # the grammar's regexes only when fetching

    try:
        parsed = parse(symbol)
    except SymbolError as error:
        raise FetchInputError(f"malformed symbol: {error}") from None
    if not parsed.well_formed:
        raise FetchInputError(f"malformed symbol {symbol.strip()[:60]!r}: {'; '.join(parsed.problems)}")
    return parsed.text, parsed.parts[0].text


def cited_symbols(letter: Letter) -> list[str]:
    """Every document a letter cites, once: references sharing a component (`A/79/798` and
    `A/79/798-S/2025/110`) are one document, named by its most complete written symbol. The letter's
    own symbols and malformed ones are left out."""
    own = set(component_keys(letter.symbols))
    groups: list[tuple[set[str], str]] = []
    for ref in letter.references:
        if ref.kind not in (RefKind.DOCUMENT, RefKind.RESOLUTION) or not ref.symbol or not ref.well_formed:
            continue
        keys = set(component_keys(ref.components or ref.symbol))
        if not keys or keys & own:
            continue
        touching = [group for group in groups if group[0] & keys]
        name = max([*(g[1] for g in touching), ref.symbol], key=lambda s: len(component_keys(s)))
        if touching:
            first = touching[0]
            merged = set(keys).union(*(g[0] for g in touching))
            groups[groups.index(first)] = (merged, name)
            for group in touching[1:]:
                groups.remove(group)
        else:
            groups.append((keys, ref.symbol))
    return [name for _, name in groups]


# --- the rate limit ------------------------------------------------------------------------------


class RateLimiter:
    """At most one request each ``interval`` seconds: threads take turns on a lock, processes on a
    stamp file (the wall time of the last request) locked with flock."""

    def __init__(self, interval: float, stamp: Path | None = None) -> None:
        self.interval = interval
        self.stamp = stamp
        self._lock = threading.Lock()
        self._last = 0.0

    def wait(
        self, cancel: threading.Event | None = None, on_wait: Callable[[float], None] | None = None
    ) -> float:
        """Block until a request may go out (and count it as made); the seconds waited."""
        started = time.monotonic()
        while not self._lock.acquire(timeout=0.1):
            _check(cancel)
        try:
            with self._stamp_file(cancel) as handle:
                last = max(self._last, _read_stamp(handle))
                delay = min(last + self.interval - time.time(), self.interval)  # a clock set back: bounded
                if delay > 0:
                    if on_wait:
                        on_wait(delay)
                    _sleep(delay, cancel)
                self._last = time.time()
                _write_stamp(handle, self._last)
        finally:
            self._lock.release()
        return time.monotonic() - started

    @contextlib.contextmanager
    def _stamp_file(self, cancel: threading.Event | None) -> Iterator[IO[bytes] | None]:
        if self.stamp is None or fcntl is None:
            yield None
            return
        try:
            self.stamp.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.stamp, "a+b")  # noqa: SIM115 - closed below
        except OSError:  # a read-only data folder: the limit still holds within this process
            yield None
            return
        try:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    _sleep(0.05, cancel)
            yield handle
        finally:
            handle.close()


def _read_stamp(handle: IO[bytes] | None) -> float:
    if handle is None:
        return 0.0
    handle.seek(0)
    try:
        return float(handle.read(64).decode("ascii").strip() or 0)
    except ValueError:
        return 0.0


def _write_stamp(handle: IO[bytes] | None, when: float) -> None:
    if handle is None:
        return
    with contextlib.suppress(OSError):
        handle.seek(0)
        handle.truncate()
        handle.write(f"{when:.3f}\n".encode("ascii"))
        handle.flush()


_LIMITERS: dict[tuple[Path | None, float], RateLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def shared_limiter(interval: float, stamp: Path | None) -> RateLimiter:
    """One limiter per stamp file and interval in a process, so every Fetcher of the app shares it."""
    with _LIMITERS_LOCK:
        return _LIMITERS.setdefault((stamp, interval), RateLimiter(interval, stamp))


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise _Cancelled


def _sleep(seconds: float, cancel: threading.Event | None) -> None:
    if cancel is None:
        time.sleep(seconds)
    elif cancel.wait(seconds):
        raise _Cancelled


# --- HTTP ----------------------------------------------------------------------------------------


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only, and never from https down to plain http."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        scheme = urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https") or (req.type == "https" and scheme == "http"):
            raise urllib.error.HTTPError(newurl, code, f"refused redirect to {scheme}:", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The default context: certificates verified against the system's store, host names checked.
    Loading that store takes ~50 ms, so it is done once per process, not per Fetcher."""
    return ssl.create_default_context()


def build_opener() -> urllib.request.OpenerDirector:
    """urllib with certificate verification and safe redirects; build_opener adds the ProxyHandler
    that reads http_proxy, https_proxy and no_proxy."""
    tls = urllib.request.HTTPSHandler(context=_tls_context())
    return urllib.request.build_opener(tls, _RedirectHandler())


@dataclass(frozen=True, slots=True)
class _Answer:
    outcome: Outcome
    reason: str = ""
    transient: bool = False
    data: bytes = b""
    retry: bool = False  # 429 or 5xx: worth asking again after a while
    retry_after: str | None = None  # the server's Retry-After header


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


# --- the fetcher ---------------------------------------------------------------------------------

_TARGET_LOCKS: dict[Path, threading.Lock] = {}
_TARGET_LOCKS_LOCK = threading.Lock()


def _target_lock(path: Path) -> threading.Lock:
    with _TARGET_LOCKS_LOCK:
        return _TARGET_LOCKS.setdefault(path, threading.Lock())


class Fetcher:
    """Fetches documents into one store; safe to share between threads."""

    def __init__(
        self,
        store: DocumentStore | None = None,
        *,
        source: str | None = None,
        interval: float | None = None,
        timeout: float = TIMEOUT,
        deadline: float = DEADLINE,
        retries: int = RETRIES,
        backoff: float | None = None,
        max_backoff: float = MAX_BACKOFF,
        pending: PendingList | None = None,
        opener: urllib.request.OpenerDirector | None = None,
    ) -> None:
        self.store = store or DocumentStore()
        self.default_store = store is None or store.folder == documents_dir()
        self.source = source if source is not None else document_source()
        self.interval = REQUEST_INTERVAL if interval is None else interval
        self.limiter = shared_limiter(self.interval, documents_dir() / STAMP_FILE)
        self.timeout = timeout
        self.deadline = deadline
        self.retries = retries
        self.backoff = max(self.interval, 1.0) if backoff is None else backoff
        self.max_backoff = max_backoff
        self.pending = pending if pending is not None else PendingList()
        self.opener = opener or build_opener()

    def fetch(
        self,
        symbol: str,
        lang: str | None = None,
        *,
        progress: FetchProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> FetchResult:
        """Fetch one document unless it is already stored (``lang`` None: the config's language, else
        English). A malformed symbol or an unknown language raise FetchInputError; everything that can
        go wrong on the way is an outcome with a reason. ``progress`` is called in this thread."""
        started = time.monotonic()
        name, single = fetchable(symbol)
        lang = language(lang)
        report = progress or (lambda _: None)
        existing = self.store.find(name, lang)
        if existing is not None:
            report(FetchProgress(name, "done"))
            return self._finish(FetchResult(name, lang, Outcome.ALREADY_THERE, existing), started, 0.0)
        target = self.store.path_for(single, lang)
        waited = 0.0
        lock = _target_lock(target)
        try:
            while not lock.acquire(timeout=0.1):
                _check(cancel)
            try:
                existing = self.store.find(name, lang)  # a second fetch of the same document waited here
                if existing is not None:
                    result = FetchResult(name, lang, Outcome.ALREADY_THERE, existing)
                else:
                    result, waited = self._download(name, single, lang, report, cancel)
            finally:
                lock.release()
        except _Cancelled:
            result = FetchResult(name, lang, Outcome.CANCELLED, reason="cancelled")
        report(FetchProgress(name, "done", result.size, result.size or None))
        return self._finish(result, started, waited)

    def _finish(self, result: FetchResult, started: float, waited: float) -> FetchResult:
        folder = None if self.default_store else self.store.folder
        try:
            if result.transient:
                self.pending.add(result.symbol, result.lang, folder, result.reason)
            elif result.outcome != Outcome.CANCELLED:
                self.pending.remove(result.symbol, result.lang, folder)
        except StoreError:
            pass  # an unreadable pending list must not turn a fetched document into a failure
        return FetchResult(
            result.symbol,
            result.lang,
            result.outcome,
            result.path,
            result.reason,
            result.transient,
            result.size,
            time.monotonic() - started,
            waited,
        )

    def _download(
        self, name: str, single: str, lang: str, report: FetchProgressCallback, cancel: threading.Event | None
    ) -> tuple[FetchResult, float]:
        url = source_url(self.source, single, lang)
        waited = 0.0
        tries = 0
        while True:
            waited += self.limiter.wait(cancel, lambda s: report(FetchProgress(name, "waiting", wait=s)))
            report(FetchProgress(name, "requesting"))
            answer = self._request(url, name, report, cancel)
            tries += 1
            if not answer.retry:
                break
            delay = self._backoff(tries, answer.retry_after)
            if tries > self.retries or delay > self.max_backoff:
                break
            report(FetchProgress(name, "waiting", wait=delay))
            began = time.monotonic()
            _sleep(delay, cancel)
            waited += time.monotonic() - began
        if answer.outcome != Outcome.FETCHED:
            reason = answer.reason
            if tries > 1:
                reason += f" after {tries} tries"
            return FetchResult(name, lang, answer.outcome, reason=reason, transient=answer.transient), waited
        try:
            path = self.store.save(single, lang, answer.data)
        except StoreError as error:
            return FetchResult(name, lang, Outcome.FAILED, reason=str(error)), waited
        return FetchResult(name, lang, Outcome.FETCHED, path, size=len(answer.data)), waited

    def _backoff(self, tries: int, header: str | None) -> float:
        """Retry-After when the server says; else backoff, 2x backoff, 4x ... up to max_backoff."""
        given = _retry_after(header)
        return given if given is not None else min(self.backoff * 2 ** (tries - 1), self.max_backoff)

    def _request(
        self, url: str, name: str, report: FetchProgressCallback, cancel: threading.Event | None
    ) -> _Answer:
        host = urlsplit(url).hostname or url
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/pdf"})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return self._read(response, name, report, cancel)
        except urllib.error.HTTPError as error:
            with contextlib.suppress(Exception):
                error.close()
            code = error.code
            if code in (404, 410):
                return _Answer(Outcome.NOT_AVAILABLE, f"HTTP {code}: no such document")
            if code == 429 or 500 <= code < 600:
                header = error.headers.get("Retry-After") if error.headers else None
                busy = f"HTTP {code} {_said(error.reason)}"
                return _Answer(Outcome.FAILED, busy, transient=True, retry=True, retry_after=header)
            return _Answer(Outcome.FAILED, f"HTTP {code} {_said(error.reason)}")
        except TimeoutError:
            return _Answer(Outcome.FAILED, f"timed out after {self.timeout:g} s", True)
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                return _Answer(Outcome.FAILED, f"timed out after {self.timeout:g} s", True)
            if isinstance(reason, ssl.SSLCertVerificationError):
                return _Answer(Outcome.FAILED, f"{host}: certificate not trusted ({reason.verify_message})")
            text = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
            return _Answer(Outcome.FAILED, f"offline: cannot reach {host} ({text})", True)
        except (http.client.HTTPException, ConnectionError) as error:
            return _Answer(Outcome.FAILED, f"connection broken ({type(error).__name__})", True)
        except OSError as error:
            return _Answer(Outcome.FAILED, f"offline: cannot reach {host} ({error.strerror or error})", True)

    def _read(
        self,
        response: http.client.HTTPResponse,
        name: str,
        report: FetchProgressCallback,
        cancel: threading.Event | None,
    ) -> _Answer:
        cap = self.store.max_bytes
        length_header = response.headers.get("Content-Length")
        total = int(length_header) if length_header and length_header.strip().isdigit() else None
        if total is not None and total > cap:
            return _Answer(Outcome.FAILED, f"too large ({total:,} bytes, the limit is {cap:,})")
        ends = time.monotonic() + self.deadline
        chunks: list[bytes] = []
        received = 0
        looked = False  # at the first bytes: an HTML page is not read to its end
        try:
            while True:
                _check(cancel)
                if time.monotonic() > ends:
                    return _Answer(Outcome.FAILED, f"download took longer than {self.deadline:g} s", True)
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
                received += len(chunk)
                if not looked and received >= 4:
                    looked = True
                    if not b"".join(chunks).startswith(b"%PDF"):
                        return _not_a_pdf(response)
                if received > cap:
                    return _Answer(Outcome.FAILED, f"too large (more than {cap:,} bytes)")
                report(FetchProgress(name, "downloading", received, total))
        except TimeoutError:
            return _Answer(Outcome.FAILED, f"timed out after {self.timeout:g} s", True)
        except http.client.IncompleteRead as error:
            got = received + len(error.partial)
            return _Answer(Outcome.FAILED, f"truncated ({got:,} of {total or '?'} bytes)", True)
        data = b"".join(chunks)
        if not data.startswith(b"%PDF"):
            return _not_a_pdf(response)
        if total is not None and received != total:
            return _Answer(Outcome.FAILED, f"truncated ({received:,} of {total:,} bytes)", True)
        problem = pdf_problem(data, max_bytes=cap)
        if problem:
            return _Answer(Outcome.FAILED, problem)
        return _Answer(Outcome.FETCHED, data=data)


def _said(text: object) -> str:
    """What the server said (a reason phrase, a content type), kept short: it is quoted in one line,
    and every output makes its control characters visible."""
    text = " ".join(str(text).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _not_a_pdf(response: http.client.HTTPResponse) -> _Answer:
    kind = (response.headers.get_content_type() or "").lower()
    what = "an HTML page" if "html" in kind else _said(kind or "something")
    return _Answer(Outcome.NOT_AVAILABLE, f"the source answered with {what}, not a PDF")
