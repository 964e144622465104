"""Reading a file: checks it is something we can read, decodes it and picks the format module.

All the ways a file can be unreadable end here as an `InputError` with one line of text, so the CLI
and the app can report them the same way. The file is only ever read, never written.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import stat
from pathlib import Path

from reader.errors import InputError
from reader.formats.lines import Source
from reader.formats.text import detect_text_format, text_capabilities, text_to_pages
from reader.safe_text import valid_unicode

# CPython's own SHA-256, hashlib's fallback where OpenSSL is missing: importing hashlib loads OpenSSL
# first (2.3 ms of `un-reader parse`). The module is _sha256 up to 3.11, _sha2 from 3.12.
try:
    from _sha256 import sha256  # type: ignore[import-not-found, unused-ignore]
except ImportError:  # pragma: no cover
    try:
        from _sha2 import sha256  # type: ignore[import-not-found, no-redef, unused-ignore]
    except ImportError:  # other interpreters
        from hashlib import sha256  # type: ignore[assignment, unused-ignore]

MAX_BYTES = 64 * 1024 * 1024  # a letter PDF is well under 5 MB; anything bigger is not a letter
_CHUNK = 1024 * 1024


def load_path(path: Path) -> Source:
    return load_bytes(read_regular_file(path), str(path))


def read_regular_file(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else is an `InputError`.

    A FIFO would block `open` and `read` forever and `/dev/zero` never ends, so only regular files
    are opened (checked before opening, and again on the open descriptor in case the name was swapped
    for a FIFO in between: O_NONBLOCK keeps that `open` from waiting for a writer), and at most
    `limit + 1` bytes are ever read, whatever `st_size` claimed.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot be read ({_reason(error)})") from None
    _check_kind(path, info.st_mode)
    _check_size(path, info.st_size, limit)
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({_reason(error)})") from None
    try:
        _check_kind(path, os.fstat(fd).st_mode)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({_reason(error)})") from None
    finally:
        os.close(fd)
    _check_size(path, total, limit)
    return b"".join(chunks)


def _check_kind(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder, not a letter (open folders in the app or with `index`)")
    kind = (
        "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "a special file"
    )  # fmt: skip
    raise InputError(f"{path}: {kind}, not a regular file (only files are read)")


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        cap = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} bytes"
        raise InputError(f"{path}: more than {cap}, too large for a letter")


def _reason(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)


def load_bytes(data: bytes, name: str) -> Source:
    try:
        return _load_bytes(data, name)
    except RecursionError:  # a format's reader recursing on nested input: bad input, not a bug
        raise InputError(f"{name}: nested too deeply to read") from None


def _load_bytes(data: bytes, name: str) -> Source:
    if not data or data.isspace():  # `not data.strip()` without copying the file: the same ASCII spaces
        raise InputError(f"{name}: the file is empty")
    digest = sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        from reader.formats.pdf import pdf_to_source

        return valid_source(pdf_to_source(data, name, digest))
    text = decode_text(data, name)
    fmt = detect_text_format(text)
    if fmt == "akn":
        from reader.formats.akn import akn_to_source

        return valid_source(akn_to_source(text, name, digest))
    pages = text_to_pages(text, fmt)
    return Source(path=name, format=fmt, pages=pages, digest=digest, capabilities=text_capabilities(fmt))


def valid_source(source: Source) -> Source:
    """Every line of every format made valid Unicode here, once, before the parser sees it."""
    lines = (line for page in source.pages for line in page.lines)
    if all(valid_unicode(line.text) is line.text for line in lines):
        return source
    pages = tuple(
        dataclasses.replace(
            page, lines=tuple(dataclasses.replace(line, text=valid_unicode(line.text)) for line in page.lines)
        )
        for page in source.pages
    )
    return dataclasses.replace(source, pages=pages)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) and UTF-16 (as Word and Windows tools write it); nothing is guessed."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", name)
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", name)
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 3 >= len(sample):
        # UTF-16 without a BOM puts a NUL beside every ASCII letter
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        if odd_nuls > even_nuls * 4:
            return _decode(data, "utf-16-le", name)
        if even_nuls > odd_nuls * 4:
            return _decode(data, "utf-16-be", name)
    if b"\x00" in sample:
        raise InputError(f"{name}: a binary file, not a letter (expected a PDF or text)")
    return _decode(data, "utf-8", name)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not readable as {encoding.upper()} text (byte {error.start}); save it as UTF-8"
        ) from None
    if "\x00" in text:
        raise InputError(f"{name}: a binary file, not a letter (expected a PDF or text)")
    # no `valid_unicode` pass (an encode of the whole text): the strict UTF-8 and UTF-16 decoders
    # refuse a surrogate, alone or encoded, and join a UTF-16 pair into its character
    return text
