"""A 1 MB letter opens, scrolls to its end and pages down: the line-based panes wrap once per width."""

from __future__ import annotations

import time
from pathlib import Path

from app_support import loader_for, make_letter, ready

from reader.app.app import ReaderApp
from reader.model import Letter, Paragraph, Reference, RefKind

SENTENCE = "the General Assembly recalls its resolution and the letter circulated under agenda item 34"
WORDS = SENTENCE.split()


def big_letter(size: int = 1_000_000, paragraph_chars: int = 600) -> Letter:
    """About `size` characters in paragraphs of `paragraph_chars`, each citing one symbol."""
    paragraphs: list[Paragraph] = []
    refs: list[Reference] = []
    total = 0
    index = 0
    while total < size:
        words: list[str] = []
        length = 0
        while length < paragraph_chars:
            word = WORDS[(index + len(words)) % len(WORDS)]
            words.append(word)
            length += len(word) + 1
        symbol = f"A/79/{index + 1}"
        text = f"Paragraph {index + 1} cites {symbol}: " + " ".join(words)
        start = text.index(symbol)
        paragraphs.append(Paragraph(f"p{index + 1}", text))
        refs.append(
            Reference(
                RefKind.DOCUMENT,
                symbol,
                f"p{index + 1}",
                start,
                start + len(symbol),
                symbol=symbol,
                components=(symbol,),
            )
        )
        total += len(text)
        index += 1
    base = make_letter(("A/79/1000",), "A very long letter", [])
    from dataclasses import replace

    return replace(base, paragraphs=tuple(paragraphs), references=tuple(refs))


async def test_one_megabyte_letter_opens_and_scrolls() -> None:
    letter = big_letter()
    assert sum(len(p.text) for p in letter.paragraphs) >= 1_000_000
    app = ReaderApp([Path("big.txt")], load=loader_for({"big.txt": letter}))
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        opened = time.perf_counter() - started
        body = app.reader.pane("body")
        assert body.line_count > 10_000
        assert opened < 10, f"opening a 1 MB letter took {opened:.1f} s"
        await pilot.press("pagedown")
        assert body.scroll_y > 0
        first_page = body.scroll_y
        await pilot.press("pagedown")
        assert body.scroll_y > first_page
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 10_000
        last = letter.paragraphs[-1].text
        assert last[-30:].split()[-1] in body.visible_text()
        shown = body.visible_text()
        assert "(Signed) Yashar Aliyev" in shown or "Permanent Representative" in shown
        await pilot.press("home", "tab")
        assert body.selected == 0
        await pilot.press("shift+tab")  # wraps round to the last reference, scrolled into view
        assert body.selected == len(body.marks) - 1
        assert body.scroll_y > 10_000
        await pilot.press("slash", *"paragraph 1500 ", "enter")
        assert len(app.reader.find_hits) == 1
        assert "Paragraph 1500 cites" in body.visible_text()


async def test_one_paragraph_of_a_megabyte_wraps_and_scrolls() -> None:
    text = ("word " * 200_000).strip()
    base = make_letter(("A/79/1001",), "One huge paragraph", [text])
    app = ReaderApp([Path("huge.txt")], load=loader_for({"huge.txt": base}))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        body = app.reader.pane("body")
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 10_000
        await pilot.press("pageup")
        assert body.scroll_y < body.max_scroll_y


async def test_resize_rewraps_and_keeps_the_reading_place() -> None:
    letter = big_letter(size=60_000)
    app = ReaderApp([Path("big.txt")], load=loader_for({"big.txt": letter}))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.reader.pane("body")
        await pilot.press("slash", *"paragraph 40 ", "enter")
        before = body.top_position()
        assert before is not None and before[0] > 30
        wide_lines = body.line_count
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert body.line_count != wide_lines  # re-wrapped to the new width (stacked layout: wider body)
        after = body.top_position()
        assert after is not None and after[0] == before[0]  # the same paragraph is still at the top
        width = body.scrollable_content_region.width
        assert all(len(line) <= width for line in body.visible_text().splitlines())
