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

import pytest

from reader import lazy_re
from reader.formats.text import _sample, detect_text_format
from reader.parser import parse_bytes
from reader.symbols import find
from reader.symbols.finder import _FOLDS_TO_ASCII, _matches, _symbol_starts, _word_starts
from reader.symbols.patterns import AGENDA_RE, DEC_RE, RES_RE, SYMBOL_RE
from tests.conftest import LETTERS, ROOT, SEED

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
