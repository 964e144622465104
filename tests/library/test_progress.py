"""Indexing progress: a bar redrawn in place on a terminal, one line in a log."""

from __future__ import annotations

import io

from reader.library.progress import Progress, TerminalProgress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def feed(progress: TerminalProgress) -> None:
    progress(Progress("/letters", "scanning", 0, 0))
    for done in (0, 50, 100):
        progress(Progress("/letters", "reading", done, 100))
    progress(Progress("/letters", "done", 100, 100))


def test_a_terminal_gets_a_bar_that_is_cleared_at_the_end() -> None:
    stream = FakeTerminal()
    feed(TerminalProgress(stream, interval=0))
    text = stream.getvalue()
    assert "\r[###############---------------] 50/100 files" in text
    assert "\r[##############################] 100/100 files" in text
    assert text.endswith("\r\x1b[K") and "\n" not in text


def test_a_log_gets_one_line() -> None:
    stream = io.StringIO()
    feed(TerminalProgress(stream, interval=0))
    assert stream.getvalue() == "reading 100 files in /letters ...\n"


def test_nothing_to_read_prints_nothing() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress(Progress("/letters", "reading", 0, 0))
    progress(Progress("/letters", "done", 0, 0))
    assert stream.getvalue() == ""
