"""Moving the selection or the current find match redraws only the lines it leaves and reaches.

Every other line of every pane comes from the rendered-line cache, keyed by what changes a line
(index, width, the selected span on it, the find matches on it); the old code cleared the whole
cache on each tab, so every visible line of the pane was drawn again.
"""

from __future__ import annotations

from app_support import app_for, ready, screen_text, seed_like_letter
from textual.pilot import Pilot

from reader.app.app import ReaderApp
from reader.app.widgets.text_pane import TextPane


def lines_showing(pane: TextPane, text: str) -> set[int]:
    """The wrapped lines on which `text` (or its first word, when it wraps) is seen."""
    head = text.split()[0]
    return {y for y in range(pane.line_count) if text in pane.line_text(y) or head in pane.line_text(y)}


def rendered(app: ReaderApp) -> dict[str, int]:
    return {name: app.reader.pane(name).rendered_lines for name in ("body", "footnotes", "agenda")}


async def settle(pilot: Pilot[int]) -> None:
    """Let the key's refreshes arrive, then draw the whole screen: every line that is out of date is
    drawn now, so the count does not depend on when the compositor got to it."""
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app, ReaderApp)
    screen_text(pilot.app)


async def test_tab_redraws_only_the_old_and_the_new_selected_lines() -> None:
    app = app_for({"seed.txt": seed_like_letter()})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.reader.pane("body")
        await pilot.press("tab")  # A/75/710-S/2021/42
        await settle(pilot)
        first = body.selected_mark
        before = rendered(app)
        await pilot.press("tab", "tab")  # past agenda item 34 to resolution 2231 (2015)
        await settle(pilot)
        after = rendered(app)
        second = body.selected_mark
        assert first is not None and second is not None and second.reference is not None
        assert second.reference.text == "resolution 2231 (2015)"
        old_lines = lines_showing(body, "A/75/710-S/2021/42")
        new_lines = lines_showing(body, "resolution 2231 (2015)")
        middle = lines_showing(body, "agenda item 34")
        assert old_lines and new_lines and old_lines.isdisjoint(new_lines)
        # each tab redraws the line it leaves and the line it reaches, once
        assert after["body"] - before["body"] <= len(old_lines | middle) + len(middle | new_lines)
        assert after["body"] - before["body"] >= 2
        assert after["footnotes"] == before["footnotes"] and after["agenda"] == before["agenda"]
        # and what is drawn is right: the new reference is shown selected, the old one no longer
        selected = body.get_component_rich_style("text-pane--selected", partial=True)
        styles = {
            segment.text: segment.style
            for y in old_lines | new_lines
            for segment in body.render_line(y - int(body.scroll_y))
        }
        assert any(
            selected.reverse and style and style.reverse for text, style in styles.items() if "2231" in text
        )
        assert not any(style and style.reverse for text, style in styles.items() if "A/75/710" in text)


async def test_one_tab_in_a_long_letter_redraws_two_lines_not_the_pane() -> None:
    paragraphs = [f"Paragraph {i} cites A/{i}/1 and then says nothing more of note." for i in range(60)]
    from app_support import doc, make_letter

    letter = make_letter(
        ("A/1/1",),
        "A long letter",
        paragraphs,
        refs=[doc(f"A/{i}/1", f"p{i + 1}", p) for i, p in enumerate(paragraphs)],
    )
    app = app_for({"long.txt": letter})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.reader.pane("body")
        await pilot.press("tab")
        await settle(pilot)
        before = body.rendered_lines
        await pilot.press("tab")
        await settle(pilot)
        # the old line and the new one (the old one's unselected picture may still be cached from the
        # first paint); ~30 lines are visible and none of the others is drawn again
        moved = body.rendered_lines - before
        assert moved in (1, 2)
        await pilot.press("shift+tab", "tab")
        await settle(pilot)
        assert body.rendered_lines - before == moved  # both pictures of both lines are cached


async def test_next_match_redraws_only_the_old_and_the_new_current_match() -> None:
    paragraphs = [f"Paragraph {i} mentions the council and nothing else." for i in range(40)]
    from app_support import make_letter

    app = app_for({"long.txt": make_letter(("A/1/1",), "A long letter", paragraphs)})
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        body = app.reader.pane("body")
        await pilot.press("slash", *"council", "enter")
        await settle(pilot)
        assert len(app.reader.find_hits) == 40
        before = body.rendered_lines
        await pilot.press("n")
        await settle(pilot)
        assert body.rendered_lines - before == 2
        assert app.reader.find_index == 1
