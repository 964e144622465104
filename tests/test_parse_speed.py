"""The parser's short cuts give the answers the long way gives.

`symbols.find` tries its patterns only where a match can start (found with `str.find`), furniture
is only tested on lines that can be furniture, and the text format is decided on a sample: each
is checked here against the full work, on the fixture letters and on hostile text made to hit
their edges.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader import lazy_re
from reader.formats.lines import Page
from reader.formats.text import _sample, detect_text_format
from reader.parser import parse_bytes
from reader.parser.body import Geometry
from reader.parser.rows import Row
from reader.symbols import find
from reader.symbols.finder import _FOLDS_TO_ASCII, _matches, _symbol_starts, _word_starts
from reader.symbols.patterns import AGENDA_RE, DEC_RE, RES_RE, SYMBOL_RE
from tests.conftest import FIXTURES, LETTERS, ROOT, SEED

TEXTS = sorted((LETTERS / "text").glob("*.txt")) + sorted((LETTERS / "layout").glob("*.txt"))

# the edges of the candidate scan: capitals glued to words, long runs of capitals, slashes at the
# start, keywords in capitals, inside other words, after hyphens, and the characters that fold
# to an ASCII letter only in the regex engine
HOSTILE = [
    "/A/75/710 xA/75/1 AS/75/2 ABCDEFGH/75/3 S/2021/42-A/75/710 -S/1 .S/2 _S/3 9S/4",
    "A/\n75/710, S /2021/42 and E/CN.4/2005/1 – A/RES/2200 A (XXI) S/RES/2231 (2015)",
    "RESOLUTION 242 (1967), Resolutions 1 and 2, co-resolution 5, irresolution 7, resolution",
    "decision 68/547, DECISIONS 1/2 and 3/4, undecision 5/6, agenda items 32 (a) and (b), item 5",
    "AGENDA ITEM 38 of the preliminary list; line item 5; items 1, 2 and 3; itemised 4",
    "reſolution 2231 (2015) and resolution 1 (2000); ıtem 5 and item 6; İtem 7; decıſion 1/2",
    "İİİ resolution 2231 (2015) İ item 12 (b) decision 61/1",
    "agenda\nitem 38 (agenda item 39) agendaitem 4 -item 5",
]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in TEXTS] + HOSTILE


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", _texts(), ids=lambda t: t[:24])
def test_candidate_scan_matches_finditer(text: str) -> None:
    """Every match the full scan finds, the candidate scan finds, at the same spans."""
    lowered = text.lower()
    exact = len(lowered) == len(text) and not any(c in text for c in _FOLDS_TO_ASCII)
    assert _spans(_matches(SYMBOL_RE, text, _symbol_starts(text))) == _spans(SYMBOL_RE.finditer(text))
    if not exact:  # find() runs the full scan on these: the lowered copy cannot place keywords
        return
    for pattern, words in (
        (RES_RE, ("resolution",)),
        (DEC_RE, ("decision",)),
        (AGENDA_RE, ("agenda", "item")),
    ):
        assert _spans(_matches(pattern, text, _word_starts(lowered, words))) == _spans(pattern.finditer(text))


def test_folded_keywords_are_still_found() -> None:
    """A keyword written with a character that only the regex engine folds is found as before
    (once the plain keyword is in the text too: that is the finder's gate)."""
    text = "reſolution 2231 (2015), resolution 1 (2000), ıtem 5, item 6 and decıſion 61/1, decision 62/2"
    refs = find(text, "p1")
    assert [(str(r.kind), r.text) for r in refs] == [
        ("resolution", "2231 (2015)"),
        ("resolution", "1 (2000)"),
        ("decision", "61/1"),
        ("decision", "62/2"),
    ]
    assert refs[0].symbol == "S/RES/2231 (2015)"


def test_symbol_starts_only_at_runs_of_capitals_before_a_slash() -> None:
    text = "See xA/1, AB/2, S/2021/42 and 2/3."
    assert [text[k : k + 3] for k in _symbol_starts(text)] == ["A/1", "AB/", "S/2"]
    assert [r.text for r in find(text, "p1")] == ["S/2021/42"]


LETTER = """United Nations S/2025/80
Security Council Distr.: General
6 February 2025
Original: English
Letter dated 5 February 2025 from the Permanent Representative of Ruritania to the United
Nations addressed to the President of the Security Council
I have the honour to refer to resolution 2231 (2015) and to transmit the attached report.
25-00746 (E) 070225
*2500746*
The report sets out the position of my Government on the matters raised in the letter.
I should be grateful if the present letter could be circulated as a document of the Security Council.
(Signed) John Smith
Permanent Representative
\f
S/2025/80
2/2 25-00746
Annex to the letter dated 5 February 2025 from the Permanent Representative of Ruritania
Page 2 of the annex: the annex text goes on, and it ends here with a full stop.
Please recycle
"""


def test_furniture_inside_a_page_is_still_removed() -> None:
    """pdftotext may print a page's footer between its paragraphs: it is cut out wherever it is,
    and prose lines starting with other letters are kept whole."""
    letter = parse_bytes(LETTER.encode(), "letter.txt")
    text = " ".join(p.text for p in letter.paragraphs)
    assert "25-00746" not in text and "2500746" not in text
    assert "The report sets out the position" in text
    assert "resolution 2231 (2015) and to transmit the attached report." in text
    annex = " ".join(
        [a.title for a in letter.annexes] + [p.text for a in letter.annexes for p in a.paragraphs]
    )
    assert "Please recycle" not in annex and "2/2" not in annex
    assert "Page 2 of the annex: the annex text goes on" in annex


def _layout_lines(n: int) -> str:
    return "".join(f"    {k:>4}            Column one text        column two text {k}\n" for k in range(n))


def _plain_lines(n: int) -> str:
    return "".join(f"Plain running text of a letter, line {k}, with no indent at all.\n" for k in range(n))


def test_format_detection_samples_across_the_text() -> None:
    """A long text is judged on windows spread over it: a report whose first pages look plain but
    which is laid out throughout is `layout`, and the sample is whole lines, far less than all."""
    text = _plain_lines(1200) + _layout_lines(6000)
    assert len(text) > 400_000
    sample = _sample(text)
    assert len(sample) < 70_000
    assert set(sample.splitlines()) <= set(text.splitlines())  # whole lines only
    assert detect_text_format(text) == "layout"
    assert detect_text_format(_plain_lines(8000)) == "text"
    short = _layout_lines(10)
    assert _sample(short) == short


def test_format_detection_without_line_breaks_reads_the_whole_text() -> None:
    text = "word " * 40_000  # no line break at all: no window holds a whole line
    assert _sample(text) == text
    assert detect_text_format(text) == "text"


@pytest.mark.parametrize(
    "furniture", ["070225", "S/2025/80*", "1/2      25-00746", "25-00746*", "Page 2", "— Please recycle —"]
)
def test_furniture_of_every_shape_is_cut_mid_page(furniture: str) -> None:
    """Each way a furniture line can start (stamp, own symbol with its star, page number beside the
    job number, "Page", punctuation before "Please recycle") is still tested and cut out."""
    text = LETTER.replace("The report sets out", f"{furniture}\nThe report sets out")
    letter = parse_bytes(text.encode(), "letter.txt")
    body = " ".join(p.text for p in letter.paragraphs)
    assert furniture not in body
    assert "attached report. The report sets out the position" in body


def test_furniture_prefilter_keeps_every_own_symbol_start() -> None:
    """An own symbol standing alone mid-page (pdftotext's reading order) is still cut out."""
    text = LETTER.replace("The report sets out", "S/2025/80\nThe report sets out")
    letter = parse_bytes(text.encode(), "letter.txt")
    assert not any(re.fullmatch(r"S/2025/80", p.text) for p in letter.paragraphs)
    assert not any(p.text.startswith("S/2025/80") for p in letter.paragraphs)


# what `un-reader parse SEED --format json` imports: run as the CLI runs, in a fresh interpreter
_CLI_MODULES = """
import contextlib, io, json, sys
from reader.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(["parse", sys.argv[1], "--format", sys.argv[2]])
print(json.dumps({"code": code, "title": json.loads(out.getvalue())["title"] if sys.argv[2] == "json" else "",
                  "modules": sorted(sys.modules)}))
"""


def _cli_modules(path: str, fmt: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CLI_MODULES, path, fmt], cwd=ROOT, capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _top(modules: object) -> set[str]:
    assert isinstance(modules, list)
    return {m.split(".")[0] for m in modules}


def test_parse_json_imports_no_yaml_textual_lxml_or_pdfium() -> None:
    result = _cli_modules(str(SEED), "json")
    assert result["code"] == 0
    assert str(result["title"]).startswith("Letter dated 8 February 2021")
    assert {"yaml", "textual", "lxml", "pypdfium2", "pypdf"}.isdisjoint(_top(result["modules"]))
    assert "reader.formats.akn" not in result["modules"]  # (lxml's reader) and no app either
    assert "reader.app" not in result["modules"]


def test_parse_yaml_still_imports_yaml() -> None:
    """The guard above is not vacuous: the YAML path does load yaml in the same harness."""
    result = _cli_modules(str(SEED), "yaml")
    assert result["code"] == 0
    assert "yaml" in _top(result["modules"])


_IMPORT_COMPILES = """
import re, sys
calls = []
original = re._compile
def counting(pattern, flags):
    caller = sys._getframe(2).f_code.co_filename
    if "/reader/" in caller:
        calls.append(caller)
    return original(pattern, flags)
re._compile = counting
import reader.parser.letter, reader.symbols, reader.formats.load
print(len(calls))
"""


def test_importing_the_parser_compiles_no_regex() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_COMPILES], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0"


def test_lazy_pattern_compiles_on_first_use_and_behaves_like_re() -> None:
    pattern = lazy_re.compile(r"(?P<n>\d+)\s*(?i:items?)", re.MULTILINE)
    assert "_compiled" not in dir(pattern) or not hasattr(pattern, "_compiled")
    text = "3 Items, 4 item and 5 ITEM"
    compiled = re.compile(r"(?P<n>\d+)\s*(?i:items?)", re.MULTILINE)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert hasattr(pattern, "_compiled")
    assert pattern.sub("#", text) == compiled.sub("#", text)
    assert pattern.match(text) is not None and pattern.match(text, 1) is None
    assert pattern.groupindex == compiled.groupindex and pattern.pattern == compiled.pattern


def test_lazy_pattern_reports_a_bad_pattern_on_first_use() -> None:
    pattern = lazy_re.compile("(unclosed")
    with pytest.raises(re.error):
        pattern.search("text")


@pytest.mark.parametrize(
    ("token", "suspicious"),
    [
        ("Representative", False),
        ("strengths", False),
        ("Bcdfghkl", True),  # a word-cased token: only the consonant run can find it odd
        ("schwschw", True),
        ("abcDEFg", True),  # a case flip inside a word
        ("MBiaber", True),
        ("ab1cd", True),
        ("Général", False),
        ("S/2025/80", False),
    ],
)
def test_quality_judges_word_cased_tokens_as_before(token: str, suspicious: bool) -> None:
    from reader.parser.quality import _suspicious

    assert _suspicious(token) is suspicious


@pytest.mark.parametrize("form", ["text", "layout"])
def test_start_rules_skipped_for_a_kind_of_row_never_have_a_say(form: str) -> None:
    """`split_paragraphs` puts a row only to the rules its kind can use: on every row of the 42
    letters the full table and the shortened one pick the same rule."""
    from reader.formats.load import load_path
    from reader.parser.body import Geometry, Place, rules_for, start_rule
    from reader.parser.furniture import clean_pages

    checked = 0
    for path in sorted((LETTERS / form).glob("*.txt")):
        source = load_path(path)
        rows = [row for page in clean_pages(source, ()) for row in page.body]
        geo = Geometry(rows)
        for lines in (False, True):
            rules = rules_for(geo.layout, lines)
            assert len(rules) < 24
            for i in range(1, len(rows)):
                place = Place.at(rows, i, geo, lines, [rows[i - 1]])
                assert start_rule(place, rules) == start_rule(place)
                checked += 1
    assert checked > 5000


@pytest.mark.parametrize(
    ("line", "ends"),
    [
        ("It was adopted.", True),
        ("as follows:", True),
        ("in that regard.1", True),
        ("the text.” 12", True),
        ("“Quoted.”’)”’)”’)”’)”’)”’)”’)”’)”’)", True),  # closing marks longer than the tail
        (".”’)”’)”’)”’)”’)”’)”’)”’) 123", True),
        ("a line that goes on", False),
        ("”’)”’)”’)”’)”’)”’)”’)”’)”’)", False),  # closing marks and no full stop
        ("", False),
    ],
)
def test_ends_sentence_sees_past_its_tail(line: str, ends: bool) -> None:
    from reader.parser.text_shape import ends_sentence

    assert ends_sentence(line) is ends


ALL_TEXTS = TEXTS + sorted((FIXTURES / "documents" / "text").glob("*.txt"))
ALL_TEXTS += sorted((FIXTURES / "documents" / "layout").glob("*.txt"))


def _fixture_rows(path: Path) -> list[Row]:
    from reader.formats.load import load_path
    from reader.parser.furniture import clean_pages

    return [row for page in clean_pages(load_path(path), ()) for row in page.body]


# rows a plain running line is next to: a title's first line in lower case, items "a)", an ornament,
# a change of type, a line ending a sentence
_EDGE_ROWS = [
    ("the Council met", "and decided", False, False),
    ("the Council met", "letter dated 8 February 2021 from the", False, False),
    ("the Council met", "identical letters dated 8 February", False, False),
    ("the Council met", "a) the first item", False, False),
    ("the Council met", "a)", False, False),
    ("* * *", "and so on", False, False),
    ("•  •  •", "and so on", False, False),
    ("Heading in bold", "and then text", True, False),
    ("It was adopted.", "and then text", False, False),
    ("as follows:", "“quoted”", False, False),
    ("a line", "[Original: English]", False, False),
    ("a line", "éclairé and on", False, False),
]


def test_running_lines_skip_the_rules_that_have_no_say_on_them() -> None:
    """`running_lines` says "sentence goes on" only where the full rule table says so: every row
    of the 42 letters and 124 documents (text and layout) and rows made to sit at its edges."""
    from reader.parser.body import Geometry, Place, running_lines, start_rule

    fired = checked = 0
    cases: list[list[Row]] = [_fixture_rows(p) for p in ALL_TEXTS]
    cases += [
        [Row(prev, 0, 0, None, False, False, True, bold), Row(text, 0, 1, None, False, False, False, nbold)]
        for prev, text, bold, nbold in _EDGE_ROWS
    ]
    for rows in cases:
        geo = Geometry(rows)
        going = running_lines(rows)
        assert len(going) == len(rows) and not going[0]
        for i in range(1, len(rows)):
            if going[i]:
                assert start_rule(Place.at(rows, i, geo, False, [rows[i - 1]])) == (False, "sentence goes on")
                fired += 1
            checked += 1
    assert fired > checked // 4  # the short cut takes a good share of the rows
    edge = [
        running_lines(
            [Row(p, 0, 0, None, False, False, True, b), Row(t, 0, 1, None, False, False, False, nb)]
        )[1]
        for p, t, b, nb in _EDGE_ROWS
    ]
    assert edge == [True] + [False] * 10 + [True]


def test_quality_tokens_are_the_regex_tokens() -> None:
    """Quality splits lines with `str.split`: the same tokens as the regex `\\S+` it replaced, on the
    fixture texts and on every kind of white space."""
    spaces = "".join(chr(c) for c in range(0x3100) if chr(c).isspace())
    hostile = f"a{spaces}b\x1c c\x85d\u00a0e\u2028f\u3000g \u200b h\ufeffi"
    for text in [p.read_text(encoding="utf-8") for p in ALL_TEXTS] + [hostile, spaces]:
        assert text.split() == re.findall(r"\S+", text)


def test_fast_made_rows_and_lines_are_the_dataclasses_themselves() -> None:
    """`make_row` and `make_line` fill the slots directly: what they make equals, hashes, prints
    and stays frozen as what the dataclass's own ``__init__`` makes."""
    import dataclasses

    from reader.formats.lines import Line, make_line
    from reader.parser.rows import Row, make_row

    fields = ("a line", 2, 7, 4.0, True, False, True, True, ((4.0, "a"), (40.0, "line")))
    made, built = make_row(*fields), Row(*fields)
    assert type(made) is Row and made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert dataclasses.astuple(made) == fields
    assert dataclasses.replace(made, text="other") == dataclasses.replace(built, text="other")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "changed"  # type: ignore[misc]
    for args in (("text", None, None, False), ("text", 3.0, 10.5, True, 2, True)):
        line, plain = make_line(*args), Line(*args)
        assert (
            type(line) is Line and line == plain and hash(line) == hash(plain) and repr(line) == repr(plain)
        )
        with pytest.raises(dataclasses.FrozenInstanceError):
            line.gap_before = False  # type: ignore[misc]


_JOIN_EDGES = [
    ["see ww\u00ad", "w.un.org/en/", "about"],  # a soft hyphen glues a URL's start together
    ["at htt\u00ad", "ps://un.org/a/", "b/c"],
    ["at https://", "un.org/a/", "b and S/2025/", "80"],
    ["S/2025/", "80 and A/79/", "710"],  # a "/" outside a URL: a space
    ["Secretary-", "General", "on\u00ad", "ly", "\u00ad", "x"],
    ["  ", "\u00ad", " a-", "-", "b/", "c"],
]


def _blocks_of_fixture_lines() -> list[list[str]]:
    """Every paragraph of the fixture texts as the lines `build_letter` joins."""
    from reader.parser.body import Geometry, split_paragraphs

    blocks: list[list[str]] = []
    for path in ALL_TEXTS:
        rows = _fixture_rows(path)
        blocks += [[r.text for r in b] for b in split_paragraphs(rows, geo=Geometry(rows))]
    return blocks


def test_lines_without_a_url_join_as_the_url_aware_join_does() -> None:
    """`join_lines` skips the URL bookkeeping where neither a line nor the lines glued together hold
    "http" or "www.": on every fixture paragraph and on lines made to glue a URL at a join the short
    way gives what the long way gives, and the gate sends URLs the long way."""
    from reader.parser.body import _join_with_urls, _join_without_urls, join_lines

    shortcut = 0
    for block in _blocks_of_fixture_lines() + _JOIN_EDGES:
        parts = [p.strip() for p in block]
        glued = "".join(parts).replace("\u00ad", "")
        if "http" not in glued and "www." not in glued:
            assert _join_without_urls(parts) == _join_with_urls(parts)
            shortcut += 1
        assert join_lines(block) == _join_with_urls(parts)
    assert shortcut > 1000
    assert join_lines(_JOIN_EDGES[0]) == "see www.un.org/en/about"
    assert join_lines(_JOIN_EDGES[3]) == "S/2025/ 80 and A/79/ 710"


def test_table_cells_measure_rows_as_geometry_short_does() -> None:
    """`_table_cells` compares widths with the limit itself: the same rows as `Geometry.short`."""
    from reader.parser.body import CELL, MIN_CELLS, Geometry, _table_cells
    from reader.parser.titles import is_title_start

    for path in ALL_TEXTS:
        rows = _fixture_rows(path)
        geo = Geometry(rows)
        short = [geo.short(r, CELL) and not is_title_start(r.text) for r in rows]
        expected = [False] * len(rows)
        i = 0
        while i < len(rows):
            j = i
            while j < len(rows) and short[j]:
                j += 1
            if j - i >= MIN_CELLS:
                expected[i:j] = [True] * (j - i)
            i = max(j, i + 1)
        assert _table_cells(rows, geo) == expected


def test_page_ends_are_the_lines_the_header_reader_used() -> None:
    """`header_symbols` reads a page's first and last non-blank lines found from either end: the
    same lines as slicing the list of every non-blank line, for pages of 0 to 30 lines with blank
    lines among them."""
    from reader.formats.lines import Line
    from reader.parser.own_symbols import _EDGE_LINES, _TOP_LINES, _end_lines

    def edge(lines: list[str]) -> list[str]:  # what _edge_cells reads of the lines it is given
        return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:] if len(lines) > 2 * _EDGE_LINES else lines

    for n in range(31):
        page = [Line("  " if k % 3 == 1 else f"line {k}") for k in range(n)]
        full = [line.text for line in page if line.text.strip()]
        for front in (_TOP_LINES, 2 * _EDGE_LINES):
            ends = _end_lines(page, front, _EDGE_LINES)
            assert ends[:front] == full[:front]
            assert edge(ends) == edge(full)


def test_own_symbols_are_read_as_before_on_every_fixture() -> None:
    """The header reader with its short cuts finds what reading every line finds: symbols are only
    tried on cells starting with a capital, and only a page's end lines are collected."""
    from collections import Counter

    from reader.formats.load import load_path
    from reader.parser.own_symbols import (
        _JOINT_SPLIT,
        _SYMBOL,
        _cells,
        _edge_cells,
        header_symbols,
        split_symbol,
    )

    def slow(cell: str) -> tuple[str, ...]:  # split_symbol as it was, without the capital gate
        if "/" not in cell:
            return ()
        text = re.sub(r"\s+", " ", cell.strip())
        if len(text) > 90:
            return ()
        parts = tuple(p.strip() for p in _JOINT_SPLIT.split(text))
        return parts if all(_SYMBOL.match(p) and re.search(r"\d", p) for p in parts) else ()

    odd = ["  S/2025/80 ", "-S/2025/80", "s/2025/80", "É/2025/1", "2/5", "(A/79/710)", "A/79/710 – S/2025/1"]
    for cell in [*odd, "S/2025/80  –  A/79/1*", "ſ/1", "\u00a0A/1/2", "A/" + "1/" * 50]:
        assert split_symbol(cell) == slow(cell)
    for path in ALL_TEXTS:
        source = load_path(path)
        first: list[str] = []
        repeated: Counter[tuple[str, ...]] = Counter()
        for k, page in enumerate(source.pages):
            lines = [ln.text for ln in page.lines if ln.text.strip()]
            if k == 0:
                for line in lines[:12]:
                    for cell in _cells(line):
                        assert split_symbol(cell) == slow(cell)
                        first.extend(p for p in split_symbol(cell) if p not in first)
            seen = [parts for cell in _edge_cells(lines, 4) if (parts := slow(cell))]
            repeated.update(list(dict.fromkeys(seen)))
        flat: list[str] = []
        for parts in [parts for parts, n in repeated.items() if n >= 2]:
            flat.extend(p for p in parts if p not in flat)
        assert header_symbols(source) == (tuple(first), tuple(flat))


def test_a_lone_item_marker_is_never_longer_than_its_gate() -> None:
    """`split_paragraphs` tries `_ALONE` only on rows of at most `_ALONE_LONGEST` characters: no
    fixture row and none of the longest markers the pattern takes is longer."""
    from reader.parser.body import _ALONE, _ALONE_LONGEST

    longest = ["VIIIXL.", "(abcd)", "(12)", "123.", "H.", "z)", "—", "VIIIXL.\n", "(abcd)\n"]
    assert all(_ALONE.match(t) for t in longest)
    assert not _ALONE.match("VIIIXLV.") and not _ALONE.match("(abcde)")
    texts = [r.text for p in ALL_TEXTS for r in _fixture_rows(p)] + longest
    for text in texts:
        if _ALONE.match(text):
            assert len(text) <= _ALONE_LONGEST


def _runs_of_fixture_rows() -> list[tuple[list[Row], Geometry]]:
    out: list[tuple[list[Row], Geometry]] = []
    for path in ALL_TEXTS:
        rows = _fixture_rows(path)
        out.append((rows, Geometry(rows)))
    return out


def test_printed_start_is_the_rule_table_row_by_row() -> None:
    """`printed_start` writes the start rules out for the printed forms: on every row of the fixture
    texts (text and layout), with blocks of one to six rows before it, it picks the rule the table
    picks and says what it says."""
    from reader.parser.body import Place, printed_start, rules_for, start_rule

    checked = 0
    for rows, geo in _runs_of_fixture_rows():
        rules = rules_for(geo.layout, False)
        for i in range(1, len(rows)):
            for size in (1, 5):
                block = rows[max(0, i - size) : i]
                expected = start_rule(Place.at(rows, i, geo, False, block), rules)
                assert printed_start(rows, i, geo, block) == expected
                checked += 1
    assert checked > 50_000


def test_paragraphs_split_as_by_the_rule_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole texts: `split_paragraphs` with its two short cuts gives the blocks and the reasons the
    rule table alone gives, on every fixture text and layout file."""
    from reader.parser import body

    fast = []
    for rows, geo in _runs_of_fixture_rows():
        why: list[tuple[int, str]] = []
        fast.append((body.split_paragraphs(rows, geo=geo, why=why), why))
    monkeypatch.setattr(body, "running_lines", lambda rows: [False] * len(rows))
    monkeypatch.setattr(
        body,
        "printed_start",
        lambda rows, i, geo, block: body.start_rule(
            body.Place.at(rows, i, geo, False, block), body.rules_for(geo.layout, False)
        ),
    )
    for (rows, geo), (blocks, why) in zip(_runs_of_fixture_rows(), fast, strict=True):
        slow_why: list[tuple[int, str]] = []
        assert body.split_paragraphs(rows, geo=geo, why=slow_why) == blocks
        assert slow_why == why


def test_signature_and_number_gates_let_through_every_match() -> None:
    """`has_signed`, `is_lone_number` and `_opens_numbered` look at a row's characters before their
    patterns: on every fixture row (and pairs of rows), and on the longest and oddest forms, they
    answer as the patterns alone do."""
    from reader.parser import numbering
    from reader.parser.signatures import _SIGNED, has_signed

    def opens_numbered(before: str, line: str) -> bool:  # as it was, without the first-character gate
        if numbering._OPERATIVE_LINE.match(line) and before.rstrip().endswith(","):
            return True
        return bool(numbering._NUMBERED_LINE.match(line)) and not numbering._POINTS_ON.search(before)

    odd = ["123.45.67.89.", " 123.45.67.89. ", "(viii)", "(123)", "IV.", "B.", "a)", "(SIGNED) X", "(sgd.)"]
    odd += ["١٢. The text", "12. The text", "IV. Background", "", "X. The", "1. Also requests the"]
    texts = [r.text for p in ALL_TEXTS for r in _fixture_rows(p)] + odd
    for before, text in zip(["as follows,", *texts], texts, strict=False):
        assert has_signed(text) == bool(_SIGNED.search(text))
        assert numbering.is_lone_number(text) == bool(numbering._LONE.match(text.strip()))
        assert numbering._opens_numbered(before, text) == opens_numbered(before, text)
    assert numbering.is_lone_number(" 123.45.67.89. ") and has_signed("(SIGNED) X")


_FURNITURE_EDGES = [
    "Please recycle",
    "PLEASE RECYCLE",
    "— Please recycle —",
    "♲ please  recycle",
    "Page 2",
    "page 12",
    "PAGE 3",
    "P",
    "*2500746*",
    "* 2500746 *",
    "/...",
    "/ . . .",
    "(Signed) John Smith",
    "“Quoted”",
    "– item",
    "peace process",
    "Palestinian Authority",
    "2/5",
    "25-00746 (E)",
    "230125",
    "*S/2025/80*",
    "(E) 25-00746",
    "_S/2025/80",
    "P/2025/1",
]


def test_furniture_pre_test_lets_through_every_furniture_line() -> None:
    """`_may_be_furniture` only spares the full tests on lines those tests reject: every line of the
    fixture texts (text and layout, 42 letters and 124 documents) and lines made at its edges that
    the full tests call furniture passes it, for the symbols the page's masthead gives and others."""
    from reader.formats.load import load_path
    from reader.parser.furniture import _is_furniture, _may_be_furniture, own_symbol_forms

    spared = 0
    owns = [
        own_symbol_forms(["S/2025/80", "A/79/710"]),
        own_symbol_forms(["P/2025/1"]),
        frozenset({"_S/2025/80"}),
    ]
    for path in ALL_TEXTS:
        source = load_path(path)
        lines = [line.text for page in source.pages for line in page.lines] + _FURNITURE_EDGES
        own = own_symbol_forms(parse_bytes(path.read_bytes(), path.name).symbols)
        for forms in [own, *owns]:
            starts = frozenset(form[:1] for form in forms)
            for raw in lines:
                if not raw.strip():
                    continue
                if not _may_be_furniture(raw.strip(), forms, starts):
                    assert not _is_furniture(raw, len(source.pages), forms), raw
                    spared += 1
    assert spared > 100_000


def test_line_end_marks_read_as_the_anchored_patterns() -> None:
    """`_ends_in` answers what the ``[marks]$`` searches it replaced answer, on every fixture row and
    on lines ending in a newline (where ``$`` also matches), alone, or empty."""
    from reader.parser.body import _HEADING_ENDS, _UNFINISHED_ENDS, _WRAP_ENDS, _ends_in

    patterns = [
        (_HEADING_ENDS, r"[.,;:!?․]$"),
        (_WRAP_ENDS, r"[.!?;:]$"),
        (_UNFINISHED_ENDS, r"[.,;:!?\-–—]$"),
    ]
    edges = ["", "\n", ".", ".\n", "a.\n\n", "a\n.", "Heading․", "Heading․\n", "a –", "a—\n", "a-", "a b"]
    texts = [r.text for p in ALL_TEXTS for r in _fixture_rows(p)] + edges
    for marks, pattern in patterns:
        for text in texts:
            assert _ends_in(text, marks) == bool(re.search(pattern, text)), (pattern, text)


def test_session_lines_are_read_as_by_the_pattern_alone() -> None:
    """`is_session` looks at a line's last character before the pattern: on every line of the fixture
    texts and on sessions in every case and ending, it answers as the pattern alone."""
    from reader.parser.sessions import _SESSION_ONLY, is_session

    edges = ["Seventy-ninth session", "EIGHTIETH YEAR", "Tenth emergency special session (resumed)"]
    edges += ["seventy-ninth SESSION ", "2025 session\n", "Eightieth year.", "Fifth seſſion", "ſession"]
    lines = [line.text for p in ALL_TEXTS for page in _pages(p) for line in page.lines] + edges
    for text in lines:
        assert is_session(text) == bool(_SESSION_ONLY.match(text.strip())), text
    assert is_session("Tenth emergency special session (resumed)") and is_session("EIGHTIETH YEAR")


def _pages(path: Path) -> tuple[Page, ...]:
    from reader.formats.load import load_path

    return load_path(path).pages


def test_single_spaced_pages_are_the_lines_split_and_joined() -> None:
    """A page `_single_spaced` passes keeps its line texts as rows: each must be its own split and
    join with nothing `_visible` takes out; every other white space fails the test."""
    from reader.formats.lines import Line, make_line
    from reader.formats.load import load_path
    from reader.parser.furniture import _single_spaced, _visible

    def lines(*texts: str) -> tuple[Line, ...]:
        return tuple(make_line(t, None, None, False) for t in texts)

    passed = 0
    for path in sorted((LETTERS / "text").glob("*.txt")) + sorted(
        (FIXTURES / "documents" / "text").glob("*.txt")
    ):
        for page in load_path(path).pages:
            if _single_spaced(page.lines):
                passed += 1
                assert all(" ".join(x.text.split()) == x.text == _visible(x.text) for x in page.lines)
    assert passed > 200
    others = [chr(c) for c in range(0x3100) if chr(c).isspace() and chr(c) != " "] + ["\u200b", "\ufeff"]
    for char in others:
        for texts in ((f"a{char}b",), (f"{char}a",), ("a", f"b{char}"), (char,)):
            assert not _single_spaced(lines(*texts)), (char, texts)
    for texts in (("a  b",), (" a",), ("a ",), ("a", " b"), ("a ", "b"), ("a", "")):
        assert not _single_spaced(lines(*texts))
    assert _single_spaced(lines("a b", "“c” d"))


def test_only_two_characters_lower_to_an_ascii_letter() -> None:
    """`find` looks for its keywords in the UTF-8 bytes with ASCII letters lowered before it lowers
    a text that is not ASCII: right only while no other character lowers to an ASCII letter that
    could complete a keyword ("İ" lowers to "i" and a combining dot, the Kelvin sign to "k")."""
    lowering = {
        chr(c)
        for c in range(128, sys.maxunicode + 1)
        if not 0xD800 <= c < 0xE000 and any(ch.isascii() and ch.isalpha() for ch in chr(c).lower())
    }
    assert lowering == {"\u0130", "\u212a"}
    for text in ("İtem 5 and resolutİon 2 (2000)", "K item 4", "ITEM 38 \u201cof\u201d RESOLUTION 1 (2001)"):
        lowered = text.lower()
        folded = text.encode("utf-8").lower()
        for word in ("resolution", "decision", "item"):
            assert (word in lowered) == (word.encode() in folded)


def test_fast_made_paragraphs_are_the_dataclass_itself() -> None:
    """`make_paragraph` fills the slots directly: the same frozen `Paragraph` its ``__init__`` makes."""
    import dataclasses

    from reader.model import Paragraph
    from reader.parser.documents import make_paragraph

    for text in ("5. Decides to remain seized of the matter.", "The Council,", "(a) First"):
        made = make_paragraph("a1.p3", text)
        built = Paragraph("a1.p3", text, made.number)
        assert type(made) is Paragraph and made == built and hash(made) == hash(built)
        assert repr(made) == repr(built) and dataclasses.astuple(made) == dataclasses.astuple(built)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.text = "changed"  # type: ignore[misc]
    assert make_paragraph("p1", "5. Decides").number == "5"


def test_fast_made_masthead_cells_are_the_dataclass_itself() -> None:
    import dataclasses

    from reader.parser.masthead import Cell, _make_cell

    for fields in (("Distr.: General", 0, 3, 1, 2, 41.0, True), ("S/2025/1", 0, 0, 0, 1, None, False)):
        made, built = _make_cell(*fields), Cell(*fields)
        assert (
            type(made) is Cell and made == built and hash(made) == hash(built) and repr(made) == repr(built)
        )
        assert dataclasses.astuple(made) == fields
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.text = "changed"  # type: ignore[misc]
