"""A document's own symbols, read from where the UN prints them: the masthead and the running headers.

A symbol counts as the document's own only when it stands alone in a header cell — the top lines of
page 1 or a line repeated at the top or bottom of two or more pages — never because the text cites
it. The printed form is kept exactly ("S/RES/2771 (2025)", "A/80/15 (Part I)",
"DP/FPA/2025/4 (Part I/Add.1)"), only runs of spaces are made single; a joint symbol
("E/2025/34 (Part II)-E/ICEF/2025/7 (Part II)", "A/79/924–S/2025/351") gives each part.

The shape is checked here rather than by the citation grammar in `reader.symbols` because own
symbols come from newer series (JIU/NOTE, GEGN.2, TPNW/MSP) and keep their "(Part I)" spacing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader import lazy_re
from reader.formats.lines import Line, Source

# a series ("A", "DP/FPA", "GEGN.2", "TPNW") then slash-separated segments, one of them holding a digit
_SEGMENT = r"[A-Za-z0-9][A-Za-z0-9.\-]*"
_PAREN = r"\s?\((?:\d{4}|[A-Za-zÀ-ÿ][^()]{0,30})\)"
_ONE = rf"[A-Z][A-Z0-9.]{{0,9}}(?:/{_SEGMENT})+(?:{_PAREN})?(?:/{_SEGMENT})*\*?"
_SYMBOL = lazy_re.compile(rf"^{_ONE}$")
_JOINT_SPLIT = lazy_re.compile(r"\s*[-–—]\s*(?=[A-Z][A-Z0-9.]{0,9}/)")
_WIDE = lazy_re.compile(r"\s{3,}")
_SPACES = lazy_re.compile(r"\s+")
_DIGIT = lazy_re.compile(r"\d")
_TOP_LINES = 12  # page 1: the masthead's symbol is within its first lines in every form
_EDGE_LINES = 4  # pages 2 onwards: the running header (or footer) is within the first or last lines


def split_symbol(cell: str) -> tuple[str, ...]:
    """The parts of a cell that is nothing but a (joint) symbol, as printed; () for anything else."""
    if "/" not in cell or cell.strip()[:1] not in _CAPITALS:
        return ()  # most cells: no symbol (every part, the first too, starts with a capital)
    text = _SPACES.sub(" ", cell.strip())
    if len(text) > 90:
        return ()
    parts = tuple(p.strip() for p in _JOINT_SPLIT.split(text))
    if not all(_SYMBOL.match(p) and _DIGIT.search(p) for p in parts):
        return ()
    return parts


_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")  # how _SYMBOL starts: [A-Z], ASCII


def _cells(text: str) -> list[str]:
    return [c for c in _WIDE.split(text.strip()) if c]


def _edge_lines(lines: list[str], count: int) -> list[str]:
    """The first and last ``count`` lines (all of them when there are at most twice as many)."""
    return lines[:count] + lines[-count:] if len(lines) > 2 * count else lines


def _edge_cells(lines: list[str], count: int) -> Iterable[str]:
    for line in _edge_lines(lines, count):
        if "/" in line:  # a cell without a slash holds no symbol (`split_symbol`): not split
            yield from _cells(line)


def _line_symbols(line: str, known: dict[str, list[tuple[str, ...]]]) -> list[tuple[str, ...]]:
    """The (joint) symbols standing alone in the cells of a line that holds a slash, in order;
    ``known`` holds the lines already read (a running header repeats one line on every page, and
    page 1's top lines are read twice). A line without a slash holds no symbol (`split_symbol`):
    callers pass it over without a call."""
    found = known.get(line)
    if found is None:
        found = known[line] = [parts for cell in _cells(line) if (parts := split_symbol(cell))]
    return found


def _end_lines(page: Sequence[Line], front: int, back: int) -> list[str]:
    """The page's non-blank lines as far as `header_symbols` reads them: all of them when there are
    at most ``front``, else the first ``front`` and the last ``back`` (``back <= front``), found
    from either end instead of collecting every line of a 300-page report."""
    lines: list[str] = []
    for line in page:
        if line.text.strip():
            lines.append(line.text)
            if len(lines) > front:
                break
    else:
        return lines
    tail: list[str] = []
    for line in reversed(page):
        if line.text.strip():
            tail.append(line.text)
            if len(tail) == back:
                break
    return lines[:front] + tail[::-1]


def header_symbols(source: Source) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(symbols printed at the top of page 1, symbols repeated as a running header on 2+ pages)."""
    first: list[str] = []
    repeated: dict[tuple[str, ...], int] = {}  # a Counter's update is a Python call a page
    known: dict[str, list[tuple[str, ...]]] = {}
    for k, page in enumerate(source.pages):
        lines = _end_lines(page.lines, _TOP_LINES if k == 0 else 2 * _EDGE_LINES, _EDGE_LINES)
        if k == 0:
            for line in lines[:_TOP_LINES]:
                for parts in _line_symbols(line, known) if "/" in line else ():
                    first.extend(p for p in parts if p not in first)
        edge = _edge_lines(lines, _EDGE_LINES)
        seen = [parts for line in edge if "/" in line for parts in _line_symbols(line, known)]
        for parts in dict.fromkeys(seen):  # once a page, in the order printed
            repeated[parts] = repeated.get(parts, 0) + 1
    # in the order first printed: "A/79/963" above "S/2025/438"
    running = [parts for parts, n in repeated.items() if n >= 2]
    flat: list[str] = []
    for parts in running:
        flat.extend(p for p in parts if p not in flat)
    return tuple(first), tuple(flat)


def own_symbols(source: Source, masthead: tuple[str, ...]) -> tuple[str, ...]:
    """The masthead's symbols when the headers agree or say nothing, else what the headers print.

    A masthead reading can pick up a stray fragment ("E/25" between the columns); the running
    headers, printed on every page, outvote it. A one-page document has only its top lines.
    """
    first, running = header_symbols(source)
    norm = {_key(s) for s in running}
    if masthead and not running:
        return masthead
    kept = tuple(s for s in masthead if _key(s) in norm)
    if kept:
        return _printed(kept, running)
    if running:
        top = [s for s in first if _key(s) in norm]
        return tuple(top) if top else running[:2]
    return first[:2]


def _key(symbol: str) -> str:
    return symbol.replace(" ", "").replace("*", "")


def _printed(masthead: tuple[str, ...], running: tuple[str, ...]) -> tuple[str, ...]:
    """The masthead's symbols in their printed form (the masthead may have dropped a space)."""
    by_key = {_key(s): s for s in running}
    return tuple(by_key.get(_key(s), s) if "*" not in s else s for s in masthead)
