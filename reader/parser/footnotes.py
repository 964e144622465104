"""Footnotes: the number and text under the separator at the foot of a page.

`-layout` text and PDFs give each number before its text. Plain `pdftotext` scrambles them: a run of
numbers can come before all their texts ("1", "2", text, text), and the first number of a page is
often printed last, after every text. So the numbers of a page are read first, the texts are
grouped, and numbers are matched to texts in order; a page whose area starts with text and has no
number left over continues the previous page's last footnote. Text that cannot be given a number is
kept in a footnote numbered "?" and reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader import lazy_re
from reader.parser.body import join_lines
from reader.parser.rows import Row

_BARE = lazy_re.compile(r"^(\d{1,3}|\*{1,3})$")
_INLINE = lazy_re.compile(r"^(\d{1,3}|\*{1,3})\s+(\S.*)$")
_MONTH = lazy_re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_BOUNDARY_END = lazy_re.compile(r"[.)\]”\"’/]$")


@dataclass
class Note:
    """A footnote while its lines are being gathered."""

    number: str
    page: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class NoteReader:
    """Reads the footnote areas of consecutive pages, carrying a footnote over a page break."""

    notes: list[Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def read_page(self, rows: Sequence[Row], page: int) -> None:
        if not rows:
            return
        items: list[tuple[str, str]] = []  # ("num", "3") or ("words", "...")
        # a line may open a footnote with the number after the highest read so far, or "*": that
        # number kept up to date instead of recounted over every footnote of the letter at each row
        numbers = [int(n.number) for n in self.notes if n.number.isdigit()]
        highest = max(numbers) if numbers else None
        for row in rows:
            text = row.text
            if bare := _BARE.match(text):
                number = bare.group(1)
                items.append(("num", number))
            elif (inline := _INLINE.match(text)) and (
                (number := inline.group(1)) == "*"
                or number == (str(highest + 1) if highest is not None else "1")
                # an annex may number its footnotes from 1 again
                or (number == "1" and not items and not _MONTH.match(inline.group(2)))
            ):
                # the expected numbers asked only of a line that opens with one (most do not)
                items.append(("num", number))
                items.append(("words", inline.group(2)))
            else:
                items.append(("words", text))
                continue
            if number.isdigit():
                highest = int(number) if highest is None else max(highest, int(number))
        leading = 0
        while leading < len(items) and items[leading][0] == "words":
            leading += 1
        trailing = 0
        while trailing < len(items) - leading and items[len(items) - 1 - trailing][0] == "num":
            trailing += 1
        if leading and trailing:
            # the first number printed after everything else: it belongs to the leading text
            tail = items[len(items) - trailing :]
            items = tail + items[: len(items) - trailing]
        elif leading:
            head = [text for _, text in items[:leading]]
            if self.notes:
                self.notes[-1].lines.extend(head)
            else:
                self.notes.append(Note("?", page, head))
                self.warnings.append(f"page {page + 1}: footnote text without a number kept as footnote '?'")
            items = items[leading:]
        self._group(items, page)

    def _group(self, items: list[tuple[str, str]], page: int) -> None:
        i = 0
        while i < len(items):
            numbers: list[str] = []
            while i < len(items) and items[i][0] == "num":
                numbers.append(items[i][1])
                i += 1
            texts: list[str] = []
            while i < len(items) and items[i][0] == "words":
                texts.append(items[i][1])
                i += 1
            if not numbers:
                continue
            groups = _split(texts, len(numbers))
            for number, group in zip(numbers, groups, strict=True):
                self.notes.append(Note(number, page, group))
                if not group:
                    self.warnings.append(f"page {page + 1}: footnote {number} has no text")


def _split(texts: list[str], count: int) -> list[list[str]]:
    """Share a run of text lines among `count` numbers printed together before them."""
    if count <= 1:
        return [texts]
    if len(texts) <= count:
        return [[t] for t in texts] + [[] for _ in range(count - len(texts))]
    candidates = [
        i for i in range(1, len(texts))
        if _BOUNDARY_END.search(texts[i - 1]) and texts[i][:1].isupper()
    ]  # fmt: skip
    # the last line of a footnote is its short one
    chosen = sorted(sorted(candidates, key=lambda i: len(texts[i - 1]))[: count - 1])
    cuts = [0, *chosen]
    while len(cuts) < count:
        cuts.append(len(texts))
    cuts.append(len(texts))
    return [texts[cuts[k] : cuts[k + 1]] for k in range(count)]
