"""A line-based pane of wrapped text with selectable marks (references) and find highlights.

Built on the Line API (`ScrollView.render_line`) rather than one widget per paragraph: the text is
wrapped once per width into (block, start, end) spans and each visible line becomes a `Strip` on
demand, so a 1 MB letter opens and scrolls without building thousands of widgets. Text arrives
already passed through `safe_text.visible` and only ever becomes `Segment`s, never markup.

Rendered lines are cached under what can change a line: its index and width, the selected span on it
and the find matches on it. Moving the selection or the current match repaints only the lines they
leave and reach (toolong's `pointer_line`), and every other line comes from the cache unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar, TypeAlias

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.color import Color
from textual.css.styles import RenderStyles
from textual.dom import DOMNode
from textual.events import Click, Resize
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.app.actions import bindings
from reader.model import Reference


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit: wrapped as a whole, continuation lines indented by `indent`."""

    text: str
    kind: str = "paragraph"  # a component class suffix: paragraph, title, heading, signature, muted
    indent: int = 0
    gap: int = 1  # blank lines after the block
    label: int = 0  # leading characters shown as a label: a footnote's or an agenda item's number


@dataclass(frozen=True, slots=True)
class Mark:
    """A selectable span: a reference, or an anchor such as a footnote's number or an agenda item."""

    block: int
    start: int
    end: int
    reference: Reference | None = None
    anchor: str = ""  # "fn1", "a1.fn2", "agenda:34" for targets that are not references


@dataclass(frozen=True, slots=True)
class Match:
    """A find hit: `start:end` of a block's text. (A docstring also spares `dataclass` building one
    with `inspect.signature` at import.)"""

    block: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Line:
    """One wrapped line: `start:end` of a block's text, after `indent` spaces."""

    block: int  # -1 for a blank separator line
    start: int = 0
    end: int = 0
    indent: int = 0


Span: TypeAlias = tuple[int, int]
# (line index, wrap width, selected span on the line, find matches on the line with "is current")
LineKey: TypeAlias = tuple[int, int, Span | None, tuple[tuple[int, int, bool], ...]]


def wrap_block(text: str, width: int, indent: int = 0) -> list[tuple[int, int, int]]:
    """Greedy word wrap into (start, end, indent) spans of `text`; offsets stay offsets into `text`.

    Plain single-cell text takes a fast path of `str.rfind` calls; text with wide characters is
    measured cell by cell.
    """
    width = max(width, 1)
    indent = indent if indent < width // 2 else 0
    narrow = cell_len(text) == len(text)
    out: list[tuple[int, int, int]] = []
    line_start = 0
    length = len(text)
    while line_start <= length:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = length
        pos = line_start
        first = True
        while True:
            lead = 0 if first else indent
            avail = width - lead
            if narrow:
                if line_end - pos <= avail:
                    out.append((pos, line_end, lead))
                    break
                cut = text.rfind(" ", pos, pos + avail + 1)
                if cut <= pos:
                    cut, resume = pos + avail, pos + avail
                else:
                    resume = cut + 1
            else:
                cells, cut, last_space = 0, pos, -1
                while cut < line_end:
                    size = get_character_cell_size(text[cut])
                    if cells + size > avail:
                        break
                    if text[cut] == " ":
                        last_space = cut
                    cells += size
                    cut += 1
                if cut >= line_end:
                    out.append((pos, line_end, lead))
                    break
                if text[cut] == " ":
                    resume = cut + 1
                elif last_space > pos:
                    cut, resume = last_space, last_space + 1
                else:
                    cut = max(cut, pos + 1)
                    resume = cut
            out.append((pos, cut, lead))
            pos = resume
            first = False
            while pos < line_end and text[pos] == " ":
                pos += 1
            if pos >= line_end:
                break
        line_start = line_end + 1
    return out


def _wrap_with_badges(
    text: str, width: int, indent: int, ends: dict[int, list[tuple[str, str]]]
) -> list[tuple[int, int, int]]:
    """`wrap_block` with room for the badges drawn after marks: each badge is wrapped as a
    no-break space and its glyph glued to the mark's last word, and the spans mapped back to `text`."""
    pieces: list[str] = []
    inserted: list[tuple[int, int]] = []  # (offset in the wrapped text, length) of each badge
    last = 0
    shift = 0
    for end in sorted(ends):
        pieces.append(text[last:end])
        badge = "".join("\u00a0" + glyph for glyph, _ in ends[end])
        pieces.append(badge)
        inserted.append((end + shift, len(badge)))
        shift += len(badge)
        last = end
    pieces.append(text[last:])

    def real(offset: int) -> int:
        return offset - sum(min(length, max(0, offset - at)) for at, length in inserted)

    return [(real(s), real(e), lead) for s, e, lead in wrap_block("".join(pieces), width, indent)]


class TextPane(ScrollView, can_focus=True):
    """A scrollable pane of blocks; `tab` walks its marks, the app acts on the selected one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("pane")  # from the one action table

    # The marks' styles, set in styles/app.tcss as `TextPane > .text-pane--title` and so on. Not
    # Textual's COMPONENT_CLASSES: Textual resolves every component class of a widget on every style
    # update of it (a virtual node per class, matched against the whole stylesheet), 13 classes x 3
    # panes x each update before the first paint (mount, screen resume, focus, `-empty`): ~5 ms of
    # it. `mark_styles` resolves them the same way, when a paint needs them, once per style update.
    MARK_CLASSES: ClassVar[frozenset[str]] = frozenset(
        {
            "text-pane--title",
            "text-pane--heading",
            "text-pane--signature",
            "text-pane--muted",
            "text-pane--error",
            "text-pane--reference",
            "text-pane--reference-malformed",
            "text-pane--label",
            "text-pane--selected",
            "text-pane--match",
            "text-pane--match-current",
            "text-pane--badge-checked",
            "text-pane--badge-flagged",
        }
    )

    DEFAULT_CSS = """
    TextPane {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;  /* the wrap width never depends on whether a scrollbar shows */
    }
    """

    pane_name = "pane"

    class SelectionChanged(Message):
        """The pane's selected mark changed: the status line describes the new one. (A plain
        `__init__`, as Textual's messages: `@dataclass` cost ~0.2 ms at import.)"""

        def __init__(self, pane: str, mark: Mark | None) -> None:
            super().__init__()
            self.pane = pane
            self.mark = mark

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._blocks: list[Block] = []
        self._marks: list[Mark] = []
        self._mark_starts: list[tuple[int, int]] = []
        self._marks_by_block: dict[int, list[int]] = {}
        self._matches: list[Match] = []
        self._matches_by_block: dict[int, list[int]] = {}
        self._match_ends_by_block: dict[int, list[int]] = {}  # sorted: find matches never overlap
        self._lines: list[_Line] = []
        self._block_first_line: list[int] = []
        self._wrapped_width = -1
        self._strips: LRUCache[LineKey, Strip] = LRUCache(1024)
        self.rendered_lines = 0  # lines drawn rather than taken from the cache: what repaints cost
        self._style_cache: dict[str, Style] = {}
        self._mark_styles: dict[str, RenderStyles] = {}  # resolved `MARK_CLASSES`, until a style update
        # What the cached lines were drawn with: the pane's style and each mark style a line used.
        self._drawn_base: Style | None = None
        self._drawn_with: dict[str, Style] = {}
        self._styles_checked = False
        self._base_style = Style()  # `rich_style` as of the last style update (`_check_styles`)
        self.selected: int | None = None
        self.current_match: int | None = None
        self._badges: dict[int, tuple[str, str]] = {}  # mark index -> (glyph, "checked"/"flagged")
        self._badge_ends: dict[int, dict[int, list[tuple[str, str]]]] = {}  # block -> end -> badges

    # -- content -------------------------------------------------------------------------------

    @property
    def blocks(self) -> list[Block]:
        return self._blocks

    @property
    def marks(self) -> list[Mark]:
        return self._marks

    @property
    def matches(self) -> list[Match]:
        return self._matches

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def set_content(self, blocks: list[Block], marks: list[Mark]) -> None:
        """Replace what the pane shows; selection, matches and scroll start over."""
        self._blocks = blocks
        valid = [
            m
            for m in marks
            if 0 <= m.block < len(blocks) and 0 <= m.start < m.end <= len(blocks[m.block].text)
        ]
        self._marks = sorted(valid, key=lambda m: (m.block, m.start, m.end))
        self._mark_starts = [(m.block, m.start) for m in self._marks]
        self._marks_by_block = {}
        for index, mark in enumerate(self._marks):
            self._marks_by_block.setdefault(mark.block, []).append(index)
        self._matches = []
        self._matches_by_block = {}
        self._match_ends_by_block = {}
        self.selected = None
        self.current_match = None
        self._badges = {}
        self._badge_ends = {}
        self._wrapped_width = -1
        self._lines = []  # nothing to keep in place: the new content starts at its top
        self._strips.clear()
        self._rewrap()
        self.scroll_to(0, 0, animate=False, immediate=True)  # now: a place shown next must not be undone
        self.refresh()

    def _wrap_width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _rewrap(self) -> None:
        """Wrap to the current width; the paragraph at the top of the view stays at the top."""
        width = self._wrap_width()
        if width == self._wrapped_width:
            return
        anchor = self.top_position()
        lines: list[_Line] = []
        first: list[int] = []
        for index, block in enumerate(self._blocks):
            first.append(len(lines))
            ends = self._badge_ends.get(index)
            spans = (
                _wrap_with_badges(block.text, width, block.indent, ends)
                if ends
                else wrap_block(block.text, width, block.indent)
            )
            lines.extend(_Line(index, s, e, lead) for s, e, lead in spans)
            lines.extend(_Line(-1) for _ in range(block.gap))
        while lines and lines[-1].block == -1:
            lines.pop()
        self._lines = lines
        self._block_first_line = first
        self._wrapped_width = width
        self._strips.clear()
        self.virtual_size = Size(width, len(lines))
        if anchor is not None:
            self.scroll_to(y=self._line_of(*anchor), animate=False, immediate=True)

    def on_resize(self, event: Resize) -> None:
        self._rewrap()

    def top_position(self) -> tuple[int, int] | None:
        """The (block, offset) at the top of the view, to keep the reader's place over a re-wrap."""
        top = int(self.scroll_y)
        if not self._lines or top <= 0 or top >= len(self._lines):
            return None
        line = self._lines[top]
        return (line.block, line.start) if line.block >= 0 else None

    def top_block(self) -> int:
        """The block at the top of the view: where `[` and `]` count sections from."""
        return self._first_visible_position()[0]

    def show_block_at_top(self, block: int) -> None:
        """Scroll a block's first line to the top of the view (a section, a place jumped to), so the
        next `]` counts from there; at the end of the text it shows as high as the scroll allows.

        Scrolled now, and again after the next refresh: a letter shown just before (`set_content`)
        has its own scroll to the top queued, which would otherwise land after this one."""
        self._scroll_to_block(block)
        self.call_after_refresh(self._scroll_to_block, block)

    def _scroll_to_block(self, block: int) -> None:
        self.scroll_to(y=self._line_of(block, 0), animate=False, immediate=True)

    def _line_of(self, block: int, offset: int) -> int:
        """The wrapped line index that shows `offset` of `block`."""
        if not self._lines or block >= len(self._block_first_line):
            return 0
        y = self._block_first_line[block]
        while (
            y + 1 < len(self._lines)
            and self._lines[y + 1].block == block
            and self._lines[y + 1].start <= offset
        ):
            y += 1
        return y

    # -- rendering -----------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """Focus moving in or out updates the styles too; the cache is dropped only if the text's
        styles really changed (checked at the next render, when the new styles are resolved)."""
        super().notify_style_update()
        self._style_cache.clear()
        self._mark_styles.clear()
        self._styles_checked = False

    def _check_styles(self) -> None:
        """Resolve the pane's own style once per style update (as Textual's `_rich_style_cache` does
        for component styles): `rich_style` walks every ancestor, and a paint asks it once per line.
        The cached lines stay if the styles they were drawn with did not change; only those are
        resolved again, not every mark class (a focus change usually changes none of them)."""
        base = self._base_style = self.rich_style
        drawn = self._drawn_with
        if base != self._drawn_base or any(self._style(name) != style for name, style in drawn.items()):
            self._strips.clear()
            drawn.clear()
            self._drawn_base = base
        self._styles_checked = True

    def render_line(self, y: int) -> Strip:
        if self._wrapped_width != self._wrap_width():
            self._rewrap()
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        if not self._styles_checked:
            self._check_styles()
        base = self._base_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        key = self._line_key(index, line)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_wrapped_line(line, base)
            self.rendered_lines += 1
            self._strips[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _line_key(self, index: int, line: _Line) -> LineKey:
        """What the line's picture depends on besides the text: a changed key is a changed line."""
        selected: Span | None = None
        mark = self.selected_mark
        if mark is not None and _overlaps(mark.block, mark.start, mark.end, line):
            selected = (mark.start, mark.end)
        return (index, self._wrapped_width, selected, self._matches_on(line))

    def _matches_on(self, line: _Line) -> tuple[tuple[int, int, bool], ...]:
        indices = self._matches_by_block.get(line.block)
        if not indices:
            return ()
        out: list[tuple[int, int, bool]] = []
        position = bisect_right(self._match_ends_by_block[line.block], line.start)
        while position < len(indices):
            match_index = indices[position]
            match = self._matches[match_index]
            if match.start >= line.end:
                break
            out.append((match.start, match.end, match_index == self.current_match))
            position += 1
        return tuple(out)

    def _refresh_span(self, block: int, start: int, end: int) -> None:
        """Repaint the wrapped lines that show `start:end` of `block`, and no others."""
        first = self._line_of(block, start)
        last = self._line_of(block, max(end - 1, start))
        self.refresh_lines(first, last - first + 1)

    def _style(self, name: str) -> Style:
        style = self._style_cache.get(name)
        if style is None:
            style = self.get_component_rich_style(f"text-pane--{name}", partial=True)
            self._style_cache[name] = style
        self._drawn_with.setdefault(name, style)  # a line drawn now uses it (see `_check_styles`)
        return style

    def mark_styles(self, name: str) -> RenderStyles:
        """A mark class's styles, as Textual's `Stylesheet._process_component_classes` resolves a
        component class: a node of that class under the pane, matched against the stylesheet."""
        styles = self._mark_styles.get(name)
        if styles is None:
            node = DOMNode(classes=name)
            node._attach(self)
            self.app.stylesheet.apply(node, animate=False)
            styles = self._mark_styles[name] = node.styles
        return styles

    def get_component_rich_style(
        self, *names: str, partial: bool = False, default: Style | None = None
    ) -> Style:
        """Textual's, for the mark classes too (one name at a time, as the pane asks)."""
        if len(names) != 1 or names[0] not in self.MARK_CLASSES:
            return super().get_component_rich_style(*names, partial=partial, default=default)
        styles = self.mark_styles(names[0])
        if partial:
            return styles.partial_rich_style
        style = styles.rich_style
        if styles.text_opacity < 1 and style.bgcolor is not None:  # as Widget.get_component_rich_style
            blended = Color.from_rich_color(style.bgcolor) + styles.color.multiply_alpha(styles.text_opacity)
            style += Style.from_color(blended.rich_color)
        return style

    def _render_wrapped_line(self, line: _Line, base: Style) -> Strip:
        if line.block < 0:
            return Strip.blank(self._wrapped_width, base)
        block = self._blocks[line.block]
        block_style = base + self._style(block.kind) if block.kind != "paragraph" else base
        cuts = {line.start, line.end}
        overlays: list[tuple[int, int, Style]] = []
        for mark_index in self._marks_by_block.get(line.block, ()):
            mark = self._marks[mark_index]
            if mark.end <= line.start or mark.start >= line.end:
                continue
            if mark.reference is None:
                style = Style()
            elif mark.reference.well_formed:
                style = self._style("reference")
            else:
                style = self._style("reference-malformed")
            if mark_index == self.selected:
                style += self._style("selected")
            overlays.append((mark.start, mark.end, style))
        for match_index in self._matches_by_block.get(line.block, ()):
            match = self._matches[match_index]
            if match.end <= line.start or match.start >= line.end:
                continue
            name = "match-current" if match_index == self.current_match else "match"
            overlays.append((match.start, match.end, self._style(name)))
        if block.label and line.start < block.label:
            overlays.append((0, block.label, self._style("label")))
        for start, end, _ in overlays:
            cuts.add(min(max(start, line.start), line.end))
            cuts.add(min(max(end, line.start), line.end))
        badges = {
            end: marks
            for end, marks in self._badge_ends.get(line.block, {}).items()
            if line.start < end <= line.end
        }
        cuts.update(badges)
        points = sorted(cuts)
        segments: list[Segment] = []
        if line.indent:
            segments.append(Segment(" " * line.indent, block_style))
        for start, end in pairwise(points):
            if start >= end:
                continue
            style = block_style
            for o_start, o_end, o_style in overlays:
                if o_start <= start and end <= o_end:
                    style += o_style
            segments.append(Segment(block.text[start:end], style))
            for glyph, state in badges.get(end, ()):
                segments.append(Segment(" ", block_style))
                segments.append(Segment(glyph, block_style + self._style(f"badge-{state}")))
        strip = Strip(segments)
        return strip.extend_cell_length(self._wrapped_width, base)

    # -- review badges -------------------------------------------------------------------------

    @property
    def badges(self) -> dict[int, tuple[str, str]]:
        return self._badges

    def set_badges(self, badges: dict[int, tuple[str, str]]) -> None:
        """Show a badge (glyph, "checked" or "flagged") after each mark named; the text is wrapped
        again with room for them, keeping the paragraph at the top of the view in place."""
        valid = {i: b for i, b in badges.items() if 0 <= i < len(self._marks)}
        if valid == self._badges:
            return
        self._badges = valid
        ends: dict[int, dict[int, list[tuple[str, str]]]] = {}
        for index in sorted(valid):
            mark = self._marks[index]
            ends.setdefault(mark.block, {}).setdefault(mark.end, []).append(valid[index])
        self._badge_ends = ends
        self._wrapped_width = -1
        self._strips.clear()
        self._rewrap()
        self.refresh()

    # -- selection -----------------------------------------------------------------------------

    @property
    def selected_mark(self) -> Mark | None:
        if self.selected is None or not 0 <= self.selected < len(self._marks):
            return None
        return self._marks[self.selected]

    def select(self, index: int | None, *, scroll: bool = True) -> None:
        """Select a mark (or none), keep it in view and tell the app so the status line follows."""
        if index is not None and not 0 <= index < len(self._marks):
            index = None
        previous = self.selected_mark
        self.selected = index
        if previous is not None:
            self._refresh_span(previous.block, previous.start, previous.end)
        mark = self.selected_mark
        if mark is not None:
            self._refresh_span(mark.block, mark.start, mark.end)
            if scroll:
                self.scroll_to_line(self._line_of(mark.block, mark.start))
        self.post_message(self.SelectionChanged(self.pane_name, mark))

    def mark_at(self, x: int, y: int) -> int | None:
        """The mark under a point of the content region (a mouse click), or None."""
        index = int(self.scroll_y) + y
        if not 0 <= index < len(self._lines) or self._lines[index].block < 0:
            return None
        line = self._lines[index]
        text = self._blocks[line.block].text
        cells = line.indent
        offset = line.start
        while offset < line.end:
            size = get_character_cell_size(text[offset])
            if cells + size > x:
                break
            cells += size
            offset += 1
        if offset >= line.end:
            return None
        for mark_index in self._marks_by_block.get(line.block, ()):
            mark = self._marks[mark_index]
            if mark.start <= offset < mark.end:
                return mark_index
        return None

    async def on_click(self, event: Click) -> None:
        """A click on a reference selects it, a double click follows it (like enter)."""
        point = event.get_content_offset(self)
        if point is None:
            return
        self.focus()
        index = self.mark_at(point.x, point.y)
        if index is None:
            return
        event.stop()
        if index != self.selected:
            self.select(index, scroll=False)
        if event.chain >= 2:
            await self.run_action("screen.follow")

    def action_half_page(self, direction: int) -> None:
        """ctrl+d / ctrl+u as in less and vim: half the pane's height down or up."""
        step = max(self.scrollable_content_region.height // 2, 1)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False)

    def show_block(self, block: int) -> None:
        """Bring a block's first line into view (a paragraph opened from the library)."""
        self.scroll_to_line(self._line_of(block, 0))

    def scroll_to_line(self, y: int) -> None:
        """Bring a wrapped line into view, a third down the pane, if it is not visible already."""
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_y)
        if top <= y < top + height:
            return
        self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)

    def _first_visible_position(self) -> tuple[int, int]:
        top = min(int(self.scroll_y), max(len(self._lines) - 1, 0))
        while top < len(self._lines) and self._lines[top].block < 0:
            top += 1
        if top >= len(self._lines):
            return (len(self._blocks), 0)
        return (self._lines[top].block, self._lines[top].start)

    def select_next(self, step: int = 1) -> bool:
        """Select the next (step=1) or previous (step=-1) mark; from nothing, start at the view."""
        if not self._marks:
            return False
        if self.selected is None:
            position = self._first_visible_position()
            after = bisect_right(self._mark_starts, (position[0], position[1] - 1))
            index = after if step > 0 else after - 1
        else:
            index = self.selected + step
        index %= len(self._marks)
        self.select(index)
        return True

    def select_anchor(self, anchor: str) -> bool:
        for index, mark in enumerate(self._marks):
            if mark.anchor == anchor:
                self.select(index)
                return True
        return False

    def select_reference(self, reference: Reference) -> bool:
        for index, mark in enumerate(self._marks):
            if mark.reference == reference:
                self.select(index)
                return True
        return False

    # -- find ----------------------------------------------------------------------------------

    def find(self, query: str) -> int:
        """Highlight every case-insensitive occurrence of `query`; returns how many there are."""
        self._matches = []
        self._matches_by_block = {}
        self._match_ends_by_block = {}
        self.current_match = None
        if query:
            pattern = re.compile(re.escape(query), re.IGNORECASE)
            for index, block in enumerate(self._blocks):
                for found in pattern.finditer(block.text):
                    if found.end() > found.start():
                        self._matches_by_block.setdefault(index, []).append(len(self._matches))
                        self._match_ends_by_block.setdefault(index, []).append(found.end())
                        self._matches.append(Match(index, found.start(), found.end()))
        self.refresh()  # lines whose matches did not change are still taken from the cache
        return len(self._matches)

    def show_match(self, index: int | None) -> None:
        if index is not None and not 0 <= index < len(self._matches):
            index = None
        previous = self.current_match
        self.current_match = index
        for changed in (previous, index):
            if changed is not None and changed < len(self._matches):
                match = self._matches[changed]
                self._refresh_span(match.block, match.start, match.end)
        if index is not None:
            match = self._matches[index]
            self.scroll_to_line(self._line_of(match.block, match.start))

    def first_match_from_view(self) -> int | None:
        """The first match at or after the top of the view, so `/` does not jump backwards."""
        if not self._matches:
            return None
        position = self._first_visible_position()
        for index, match in enumerate(self._matches):
            if (match.block, match.start) >= position:
                return index
        return 0

    # -- text for tests and the status line ----------------------------------------------------

    def line_text(self, y: int) -> str:
        """The plain text of wrapped line `y` (what the reader sees, without styles)."""
        if not 0 <= y < len(self._lines):
            return ""
        line = self._lines[y]
        if line.block < 0:
            return ""
        text = self._blocks[line.block].text
        badges = self._badge_ends.get(line.block, {})
        out, last = [], line.start
        for end in sorted(e for e in badges if line.start < e <= line.end):
            out += [text[last:end], *(f" {glyph}" for glyph, _ in badges[end])]
            last = end
        out.append(text[last : line.end])
        return " " * line.indent + "".join(out)

    def visible_text(self) -> str:
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        return "\n".join(self.line_text(y) for y in range(top, min(top + height, len(self._lines))))


def _overlaps(block: int, start: int, end: int, line: _Line) -> bool:
    """Whether `start:end` of `block` shows on `line` (the render's own test)."""
    return block == line.block and not (end <= line.start or start >= line.end)
