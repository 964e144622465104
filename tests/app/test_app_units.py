"""The app's plain-Python parts: safe text, wrapping, history and symbol resolution."""

from __future__ import annotations

from pathlib import Path

from app_support import citing_pair, seed_like_letter

from reader.app.history import History, Location, PaneState
from reader.app.letters import OpenLetters, expand_paths
from reader.app.safe_text import one_line, safe_content, visible
from reader.app.widgets.footnotes import footnote_blocks
from reader.app.widgets.letter_view import letter_blocks
from reader.app.widgets.text_pane import wrap_block
from reader.symbol_keys import symbol_key


def test_visible_replaces_every_control_one_for_one() -> None:
    raw = "a\x1b[31mb\x07c\x9bd\x7fe\x00f\tg\nh\u202ei"
    shown = visible(raw)
    assert len(shown) == len(raw)  # reference offsets stay valid
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown and "\x7f" not in shown
    assert "\u241b[31m" in shown  # ESC shown as its control picture, the rest literal
    assert "\u2407" in shown and "\u2421" in shown and "\u2400" in shown
    assert "\n" in shown and "\t" not in shown and "\u202e" not in shown
    assert all(ord(c) >= 0x20 or c == "\n" for c in shown)
    assert not any(0x80 <= ord(c) < 0xA0 for c in shown)


def test_one_line_and_content_never_parse_markup() -> None:
    assert one_line("a\nb") == "a b"
    content = safe_content("[bold]x[/] [@click=app.quit]")
    assert content.plain == "[bold]x[/] [@click=app.quit]"
    assert not content.spans


def test_wrap_keeps_offsets_and_width() -> None:
    text = "one two three four five six seven eight nine ten " * 3
    lines = wrap_block(text.strip(), 20)
    assert all(end - start <= 20 for start, end, _ in lines)
    words = " ".join(text.strip()[start:end] for start, end, _ in lines).split()
    assert words == text.split()


def test_wrap_breaks_long_words_newlines_and_indents() -> None:
    assert wrap_block("x" * 25, 10) == [(0, 10, 0), (10, 20, 0), (20, 25, 0)]
    assert wrap_block("ab\ncd", 10) == [(0, 2, 0), (3, 5, 0)]
    lines = wrap_block("1  alpha beta gamma delta", 12, indent=3)
    assert lines[0][2] == 0 and all(lead == 3 for _, _, lead in lines[1:])
    assert all(end - start + lead <= 12 for start, end, lead in lines)


def test_wrap_measures_wide_characters_in_cells() -> None:
    text = "联合国 大会 安全理事会 联合国 大会"
    lines = wrap_block(text, 8)
    from rich.cells import cell_len

    assert all(cell_len(text[start:end]) <= 8 for start, end, _ in lines)
    assert "".join(text[s:e] for s, e, _ in lines).replace(" ", "") == text.replace(" ", "")


def test_history_back_and_forward() -> None:
    history = History()
    a, b, c = (Location(letter=name, panes=(("body", PaneState(1, 2)),)) for name in "abc")
    assert history.back(a) is None
    history.push(a)
    assert history.back(b) == a
    assert history.forward(a) == b
    history.push(b)  # a new jump forgets the forward stack
    assert not history.can_go_forward
    assert history.back(c) == b
    assert b.state("body") == PaneState(1, 2) and b.state("agenda") == PaneState()


def test_resolve_matches_any_component_and_not_the_letter_itself() -> None:
    first, second, third = citing_pair()
    letters = OpenLetters([Path("818.txt"), Path("798.txt"), Path("802.txt")])
    letters.set_letter("818.txt", first)
    letters.set_letter("798.txt", second)
    letters.set_letter("802.txt", third)
    entry = letters.resolve(["A/79/798-S/2025/110", "A/79/798", "S/2025/110"])
    assert entry is not None and entry.key == "798.txt"
    assert letters.resolve(["s/2025/123"]) is not None  # case does not matter
    assert letters.resolve(["A/79/818"], exclude="818.txt") is None
    assert letters.resolve(["A/79/999"]) is None
    assert letters.title_of(["A/79/802"]) == third.title
    assert "A/79/802-S/2025/123" in letters.symbols()
    assert symbol_key(" a/79/843* ") == "A/79/843"


def test_expand_paths_takes_the_documents_the_index_takes(tmp_path: Path) -> None:
    """The app and the library index list a folder by one rule: same files, so the counts agree."""
    from reader.library.scan import walk

    for name in ("b.txt", "a.pdf", "c.xml", "notes.md", "sub/d.pdf", ".hidden.txt", "image.png"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    opened = [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path])]
    assert opened == ["a.pdf", "b.txt", "c.xml", "notes.md", "sub/d.pdf"]
    assert sorted(Path(stat.path) for stat in walk(tmp_path)) == expand_paths([tmp_path])


def test_blocks_mark_every_reference_at_its_offsets() -> None:
    letter = seed_like_letter()
    blocks, marks = letter_blocks(letter)
    body_refs = [r for r in letter.references if r.where.startswith("p")]
    assert len(marks) == len(body_refs)
    for mark in marks:
        assert mark.reference is not None
        assert blocks[mark.block].text[mark.start : mark.end] == mark.reference.text
    blocks, marks = footnote_blocks(letter)
    texts = [blocks[m.block].text[m.start : m.end] for m in marks]
    assert texts == ["1", "A/74/450-S/2019/762", "A/74/961-S/2020/729"]


def test_the_bridge_finds_an_open_letter_by_any_spelling_of_its_path(tmp_path: Path) -> None:
    """Library matches are mapped to open letters by path; letters opened later are found too."""
    from reader.app.letters import OpenLetter, OpenLetters
    from reader.app.library_bridge import LibraryBridge

    folder = tmp_path / "letters"
    folder.mkdir()
    letters = OpenLetters([folder / "a.txt", folder / "b.txt"])
    bridge = LibraryBridge(letters)
    assert bridge.open_key(tmp_path / "letters" / ".." / "letters" / "b.txt") == str(folder / "b.txt")
    assert bridge.open_key(folder / "c.txt") is None
    letters.add(OpenLetter(key="c", path=folder / "c.txt"))
    assert bridge.open_key(folder / "c.txt") == "c"
    assert bridge.open_key(folder / "a.txt") == str(folder / "a.txt")


def test_side_pane_rows_are_counted_only_as_far_as_they_can_be_shown() -> None:
    """A letter with thousands of long footnotes is not wrapped whole to size its pane."""
    import time

    from reader.app.layout import SIDE_ROWS, side_layout, text_rows
    from reader.app.widgets.text_pane import Block

    huge = [Block("word " * 20_000) for _ in range(5_000)]
    started = time.perf_counter()
    assert text_rows(huge, 40) > SIDE_ROWS
    assert side_layout(80, 24, huge, huge).rows == SIDE_ROWS
    assert time.perf_counter() - started < 0.5
    assert text_rows([Block("one"), Block("two", gap=1)], 40) == 3  # a gap between, none after


async def test_goto_asks_the_library_for_what_is_typed_never_for_every_symbol() -> None:
    from reader.app.screens.goto import SymbolSuggester

    asked: list[str] = []

    def lookup(typed: str) -> list[str]:
        asked.append(typed)
        return ["S/2025/1", "S/2025/150", "S/2025/15"]  # matches anywhere; only a prefix is offered

    suggester = SymbolSuggester(["A/79/818-S/2025/156"], lookup)
    assert await suggester.get_suggestion("a/79") == "A/79/818-S/2025/156"  # open letters first
    assert asked == []
    assert await suggester.get_suggestion("s/2025/15") == "S/2025/150"
    assert asked == ["s/2025/15"]
    assert await suggester.get_suggestion("  ") is None and asked == ["s/2025/15"]
