"""Make untrusted text safe to put on a terminal: letter text, file names, error messages quoting them.

Letters come from outside: a stray ESC, BEL or C1 byte in a PDF (or in a file's name) would otherwise
reach the terminal and act. Each character maps to exactly one character, so reference offsets
(``Reference.start``/``end``) stay valid on the result. Textual-free: the command line's one-line
errors use it as well as the app (whose `reader.app.safe_text` adds `Content`).

The one rule for control characters: they stay in the letter as printed (the model holds what the
file says) and are made visible where text leaves the program: here for terminals, escaped in JSON,
YAML and AKN output. `valid_unicode` is the other half of the boundary: every format's text passes it
once before the parser sees it, so nothing downstream (SQLite, JSON, XML, the terminal) meets a lone
surrogate.
"""

from __future__ import annotations

_CONTROL_PICTURE_BASE = 0x2400  # U+2400..U+241F picture the C0 controls: ESC -> U+241B
_DELETE_PICTURE = "\u2421"
_UNKNOWN = "\ufffd"
# Bidirectional overrides and isolates reorder what follows them on screen: show them, never obey.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# What JSON, YAML and XML writers leave raw that a terminal acts on (U+009B is a CSI to many): DEL,
# the C1 controls, bidirectional controls, line and paragraph separators. Every output escapes these
# (C0 controls each format escapes by itself, or cannot hold at all).
ESCAPED_IN_OUTPUT = frozenset(range(0x7F, 0xA0)) | {ord(c) for c in _BIDI_CONTROLS} | {0x2028, 0x2029}


def _build_table(keep_newline: bool) -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        table[code] = chr(_CONTROL_PICTURE_BASE + code)
    table[0x09] = " "  # a tab's width depends on the terminal; one space keeps offsets and columns
    if keep_newline:
        del table[0x0A]
    else:
        table[0x0A] = " "
    table[0x7F] = _DELETE_PICTURE
    for code in range(0x80, 0xA0):
        table[code] = _UNKNOWN
    for char in _BIDI_CONTROLS:
        table[ord(char)] = _UNKNOWN
    table[0x2028] = " "  # line and paragraph separators would break a terminal line
    table[0x2029] = " "
    for code in range(0xD800, 0xE000):  # a lone surrogate (a file name that is not UTF-8) cannot be
        table[code] = _UNKNOWN  # written to a terminal at all; one for one keeps offsets valid
    return table


_BLOCK_TABLE = _build_table(keep_newline=True)
_LINE_TABLE = _build_table(keep_newline=False)


def visible(text: str) -> str:
    """The text with every control character made visible; newlines kept (the wrapper breaks on them)."""
    return text.translate(_BLOCK_TABLE)


def control_picture(char: str) -> str:
    """The visible stand-in of one C0 control or DEL (ESC -> U+241B), for outputs that cannot hold it."""
    code = ord(char)
    return _DELETE_PICTURE if code == 0x7F else chr(_CONTROL_PICTURE_BASE + code) if code < 0x20 else char


def one_line(text: str) -> str:
    """The text for a one-line place (header, status, list entry): newlines become spaces too."""
    return text.translate(_LINE_TABLE)


def valid_unicode(text: str) -> str:
    """The text as valid Unicode: a surrogate pair becomes its character, a lone surrogate U+FFFD.

    A PDF's ToUnicode map or a UTF-16 string decoded piecewise can leave surrogates in a `str`; they
    cannot be encoded as UTF-8, so SQLite, `json`, lxml and the terminal would all fail on them later.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text
