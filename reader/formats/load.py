"""Reading a file: checks it is something we can read, decodes it and picks the format module.

All the ways a file can be unreadable end here as an `InputError` with one line of text, so the CLI
and the app can report them the same way. The file is only ever read, never written.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from reader.errors import InputError
from reader.formats.lines import Source
from reader.formats.text import detect_text_format, text_capabilities, text_to_pages

MAX_BYTES = 64 * 1024 * 1024  # a letter PDF is well under 5 MB; anything bigger is not a letter


def load_path(path: Path) -> Source:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a letter (open folders in the app or with `index`)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size // (1024 * 1024)} MB is too large for a letter")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    return load_bytes(data, str(path))


def load_bytes(data: bytes, name: str) -> Source:
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        from reader.formats.pdf import pdf_to_source

        return pdf_to_source(data, name, digest)
    text = decode_text(data, name)
    fmt = detect_text_format(text)
    if fmt == "akn":
        from reader.formats.akn import akn_to_source

        return akn_to_source(text, name, digest)
    pages = text_to_pages(text, fmt)
    return Source(path=name, format=fmt, pages=pages, digest=digest, capabilities=text_capabilities(fmt))


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
    return text
