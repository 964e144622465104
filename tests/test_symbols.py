"""The symbol grammar and reference finder, checked against symbols and citations from the real letters.

The expected values below were read off the fixture letters by hand (each test also checks that the
text really occurs in its letter), so a change to the grammar that loses a real citation fails here.
"""

from __future__ import annotations

import itertools
import time
from functools import cache

import pytest

from reader.model import RefKind
from reader.symbols import (
    Symbol,
    SymbolError,
    find,
    is_well_formed,
    normalise,
    parse,
    url,
)
from tests.conftest import LETTER_NAMES, LETTERS


@cache
def letter_text(name: str) -> str:
    return (LETTERS / "text" / f"{name}.txt").read_text(encoding="utf-8")


@cache
def letter_refs(name: str) -> tuple[tuple[str, str | None, str | None, RefKind, bool], ...]:
    text = letter_text(name)
    out = []
    for ref in find(text, "all"):
        assert text[ref.start : ref.end] == ref.text
        out.append((ref.text, ref.symbol, ref.target, ref.kind, ref.well_formed))
    return tuple(out)


# (letter, symbol as printed, normalised symbol, well formed): every explicit symbol in the 42 letters
REAL_SYMBOLS = [
    ("A_49_230-S_1994_822", "A/49/230", "A/49/230", True),
    ("A_49_230-S_1994_822", "S/1994/822", "S/1994/822", True),
    ("A_49_230-S_1994_822", "A/49/50/Rev.1", "A/49/50/Rev.1", True),
    ("A_53_568-S_1998_1025", "A/53/568", "A/53/568", True),
    ("A_53_568-S_1998_1025", "S/1998/1025", "S/1998/1025", True),
    ("A_53_568-S_1998_1025", "A/53/560-S/1998/1019", "A/53/560-S/1998/1019", True),
    ("A_79_716-S_2025_18", "A/79/716-S/2025/18", "A/79/716-S/2025/18", True),
    ("A_79_716-S_2025_18", "A/79/710-S/2024/940", "A/79/710-S/2024/940", True),
    ("A_79_716-S_2025_18", "A/79/684-S/2024/892", "A/79/684-S/2024/892", True),
    ("A_79_716-S_2025_18", "A/79/716", "A/79/716", True),
    ("A_79_716-S_2025_18", "S/2025/18", "S/2025/18", True),
    ("A_79_716-S_2025_18", "A/79/13", "A/79/13", True),
    ("A_79_729-S_2025_40", "A/79/729-S/2025/40", "A/79/729-S/2025/40", True),
    ("A_79_729-S_2025_40", "A/79/729", "A/79/729", True),
    ("A_79_729-S_2025_40", "S/2025/40", "S/2025/40", True),
    ("A_79_729-S_2025_40", "A/77/801", "A/77/801", True),
    ("A_79_729-S_2025_40", "S/2023/134", "S/2023/134", True),
    ("A_79_729-S_2025_40", "E/2023/53", "E/2023/53", True),
    ("A_79_798-S_2025_110", "A/79/798-S/2025/110", "A/79/798-S/2025/110", True),
    ("A_79_798-S_2025_110", "A/79/798", "A/79/798", True),
    ("A_79_798-S_2025_110", "S/2025/110", "S/2025/110", True),
    ("A_79_802-S_2025_123", "A/79/802-S/2025/123", "A/79/802-S/2025/123", True),
    ("A_79_802-S_2025_123", "A/79/802", "A/79/802", True),
    ("A_79_802-S_2025_123", "S/2025/123", "S/2025/123", True),
    ("A_79_807-S_2025_132", "A/79/807-S/2025/132", "A/79/807-S/2025/132", True),
    ("A_79_807-S_2025_132", "A/79/807", "A/79/807", True),
    ("A_79_807-S_2025_132", "S/2025/132", "S/2025/132", True),
    ("A_79_811-S_2025_138", "A/79/811-S/2025/138", "A/79/811-S/2025/138", True),
    ("A_79_811-S_2025_138", "A/79/811", "A/79/811", True),
    ("A_79_811-S_2025_138", "S/2025/138", "S/2025/138", True),
    ("A_79_818-S_2025_156", "A/79/818-S/2025/156", "A/79/818-S/2025/156", True),
    ("A_79_818-S_2025_156", "A/79/818", "A/79/818", True),
    ("A_79_818-S_2025_156", "S/2025/156", "S/2025/156", True),
    ("A_79_843-S_2025_201", "A/79/843*-S/2025/201*", "A/79/843-S/2025/201", True),
    ("A_79_843-S_2025_201", "A/79/843", "A/79/843", True),
    ("A_79_843-S_2025_201", "S/2025/201", "S/2025/201", True),
    ("A_79_843-S_2025_201", "A/78/636-S/2023/960", "A/78/636-S/2023/960", True),
    ("A_79_843-S_2025_201", "A/78/764", "A/78/764", True),
    ("A_79_843-S_2025_201", "E/CN.4/1999/79/Add.1", "E/CN.4/1999/79/Add.1", True),
    ("A_79_843-S_2025_201", "A/HRC/8/6/Add.2", "A/HRC/8/6/Add.2", True),
    ("A_79_843-S_2025_201", "A/HRC/WGAD/2024/46", "A/HRC/WGAD/2024/46", True),
    ("A_79_857-S_2025_217", "A/79/857-S/2025/217", "A/79/857-S/2025/217", True),
    ("A_79_857-S_2025_217", "A/79/814-S/2025/144", "A/79/814-S/2025/144", True),
    ("A_79_857-S_2025_217", "A/79/857", "A/79/857", True),
    ("A_79_857-S_2025_217", "S/2025/217", "S/2025/217", True),
    ("A_79_866-S_2025_222", "A/79/866-S/2025/222", "A/79/866-S/2025/222", True),
    ("A_79_866-S_2025_222", "A/79/866", "A/79/866", True),
    ("A_79_866-S_2025_222", "S/2025/222", "S/2025/222", True),
    ("A_79_907-S_2025_268", "A/79/907-S/2025/268", "A/79/907-S/2025/268", True),
    ("A_79_907-S_2025_268", "A/79/907", "A/79/907", True),
    ("A_79_907-S_2025_268", "S/2025/268", "S/2025/268", True),
    ("A_79_918-S_2025_338", "A/79/918-S/2025/338", "A/79/918-S/2025/338", True),
    ("A_79_918-S_2025_338", "A/79/918", "A/79/918", True),
    ("A_79_918-S_2025_338", "S/2025/338", "S/2025/338", True),
    ("A_79_922-S_2025_352", "A/79/922-S/2025/352", "A/79/922-S/2025/352", True),
    ("A_79_922-S_2025_352", "A/79/922", "A/79/922", True),
    ("A_79_922-S_2025_352", "S/2025/352", "S/2025/352", True),
    ("A_79_942-S_2025_360", "A/79/942-S/2025/360", "A/79/942-S/2025/360", True),
    ("A_79_942-S_2025_360", "A/79/942", "A/79/942", True),
    ("A_79_942-S_2025_360", "S/2025/360", "S/2025/360", True),
    ("A_79_944-S_2025_370", "A/79/944-S/2025/370", "A/79/944-S/2025/370", True),
    ("A_79_944-S_2025_370", "A/79/944", "A/79/944", True),
    ("A_79_944-S_2025_370", "S/2025/370", "S/2025/370", True),
    ("A_79_963-S_2025_438", "A/79/963–S/2025/438", "A/79/963-S/2025/438", True),
    ("A_79_963-S_2025_438", "S/PRST/2021/13", "S/PRST/2021/13", True),
    ("A_79_963-S_2025_438", "A/79/963", "A/79/963", True),
    ("A_79_963-S_2025_438", "S/2025/438", "S/2025/438", True),
    ("A_79_973-S_2025_470", "A/79/973-S/2025/470", "A/79/973-S/2025/470", True),
    ("A_79_973-S_2025_470", "A/79/973", "A/79/973", True),
    ("A_79_973-S_2025_470", "S/2025/470", "S/2025/470", True),
    ("A_80_141", "A/80/141", "A/80/141", True),
    ("A_80_96", "A/80/96", "A/80/96", True),
    ("A_80_96", "A/80/50", "A/80/50", True),
    ("A_80_97", "A/80/97", "A/80/97", True),
    ("A_80_98", "A/80/98", "A/80/98", True),
    ("A_ES-10_1027-S_2025_173", "A/ES-10/1027-S/2025/173", "A/ES-10/1027-S/2025/173", True),
    ("A_ES-10_1027-S_2025_173", "A/ES-10/1027", "A/ES-10/1027", True),
    ("A_ES-10_1027-S_2025_173", "S/2025/173", "S/2025/173", True),
    ("A_ES-10_1027-S_2025_173", "A/55/432-S/2000/921", "A/55/432-S/2000/921", True),
    ("A_ES-10_1027-S_2025_173", "A/ES-10/1026-S/2025/160", "A/ES-10/1026-S/2025/160", True),
    ("A_ES-10_1028-S_2025_193", "A/ES-10/1028-S/2025/193", "A/ES-10/1028-S/2025/193", True),
    ("A_ES-10_1028-S_2025_193", "A/ES-10/1028", "A/ES-10/1028", True),
    ("A_ES-10_1028-S_2025_193", "S/2025/193", "S/2025/193", True),
    ("A_ES-10_1029-S_2025_210", "A/ES-10/1029-S/2025/210", "A/ES-10/1029-S/2025/210", True),
    ("A_ES-10_1029-S_2025_210", "A/ES-10/1029", "A/ES-10/1029", True),
    ("A_ES-10_1029-S_2025_210", "S/2025/210", "S/2025/210", True),
    ("A_ES-10_1030-S_2025_221", "A/ES-10/1030-S/2025/221", "A/ES-10/1030-S/2025/221", True),
    ("A_ES-10_1030-S_2025_221", "A/ES-10/1030", "A/ES-10/1030", True),
    ("A_ES-10_1030-S_2025_221", "S/2025/221", "S/2025/221", True),
    ("S_2025_141", "S/2025/141", "S/2025/141", True),
    ("S_2025_147", "S/2025/147", "S/2025/147", True),
    ("S_2025_147", "S/2025/80", "S/2025/80", True),
    ("S_2025_15", "S/2025/15", "S/2025/15", True),
    ("S_2025_15", "S/2025/14", "S/2025/14", True),
    ("S_2025_180", "S/2025/180", "S/2025/180", True),
    ("S_2025_228", "S/2025/228", "S/2025/228", True),
    ("S_2025_302", "S/2025/302", "S/2025/302", True),
    ("S_2025_311", "S/2025/311", "S/2025/311", True),
    ("S_2025_311", "S/PV.9884", "S/PV.9884", True),
    ("S_2025_35", "S/2025/35", "S/2025/35", True),
    ("S_2025_364", "S/2025/364", "S/2025/364", True),
    ("S_2025_455", "S/2025/455", "S/2025/455", True),
    ("S_2025_508", "S/2025/508", "S/2025/508", True),
    ("S_2025_521", "S/2025/521", "S/2025/521", True),
    ("S_2025_67", "S/2025/67", "S/2025/67", True),
    ("S_2025_67", "S/2025/66", "S/2025/66", True),
    ("S_2025_80", "S/2024/907", "S/2024/907", True),
    ("S_2025_85", "S/2025/85", "S/2025/85", True),
    ("S_2025_85", "S/2024/704", "S/2024/704", True),
    ("S_2025_85", "S/2024/320", "S/2024/320", True),
    ("S_2025_85", "S/2024/554", "S/2024/554", True),
    ("S_2025_85", "S/2024/752", "S/2024/752", True),
    ("S_2025_85", "S/2023/780", "S/2023/780", True),
    ("S_2025_85", "S/2024/79", "S/2024/79", True),
]


@pytest.mark.parametrize(("letter", "printed", "expected", "ok"), REAL_SYMBOLS)
def test_real_symbol_is_found_in_its_letter(letter: str, printed: str, expected: str, ok: bool) -> None:
    assert printed in letter_text(letter)
    kind = RefKind.RESOLUTION if "/RES/" in expected else RefKind.DOCUMENT
    assert (printed, expected, None, kind, ok) in letter_refs(letter)


@pytest.mark.parametrize(("letter", "printed", "expected", "ok"), REAL_SYMBOLS)
def test_real_symbol_parses_and_normalises(letter: str, printed: str, expected: str, ok: bool) -> None:
    sym = parse(printed)
    assert sym.text == expected == normalise(printed)
    assert sym.well_formed is ok is is_well_formed(printed)
    assert all(part.number and part.number.isdigit() for part in sym.parts)
    first = sym.parts[0].text
    assert expected.startswith(first)
    assert url(printed) == "https://undocs.org/en/" + first
    assert sym.is_joint is ("-S/" in expected or "-E/" in expected)
    assert sym.series == expected.split("/")[0]


# (letter, kind, citation as printed, symbol or target, well formed): resolutions and decisions cited in prose
REAL_CITATIONS = [
    ("A_79_716-S_2025_18", "RESOLUTION", "77/247", "A/RES/77/247", True),
    ("A_79_716-S_2025_18", "RESOLUTION", "ES-10/24", "A/RES/ES-10/24", True),
    ("A_79_716-S_2025_18", "RESOLUTION", "ES-10/25", "A/RES/ES-10/25", True),
    ("A_79_716-S_2025_18", "RESOLUTION", "302 (IV)", "A/RES/302 (IV)", True),
    ("A_79_729-S_2025_40", "RESOLUTION", "A/RES/78/234", "A/RES/78/234", True),
    ("A_79_843-S_2025_201", "RESOLUTION", "853 (1993)", "S/RES/853 (1993)", True),
    ("A_79_843-S_2025_201", "RESOLUTION", "48/114", "A/RES/48/114", True),
    ("A_79_843-S_2025_201", "RESOLUTION", "1998/50", "E/CN.4/RES/1998/50", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "1863 (2009)", "S/RES/1863 (2009)", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "2767 (2024)", "S/RES/2767 (2024)", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "2719 (2023)", "S/RES/2719 (2023)", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "2245 (2015)", "S/RES/2245 (2015)", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "2687 (2023)", "S/RES/2687 (2023)", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "2748 (2024)", "S/RES/2748 (2024)", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "67/261", "A/RES/67/261", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "65/289", "A/RES/65/289", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "66/264", "A/RES/66/264", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "70/286", "A/RES/70/286", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "2010 (2011)", "S/RES/2010 (2011)", True),
    ("A_79_907-S_2025_268", "RESOLUTION", "2719\n(2023)", "S/RES/2719 (2023)", True),
    ("A_79_963-S_2025_438", "RESOLUTION", "550 (1984)", "S/RES/550 (1984)", True),
    ("A_79_973-S_2025_470", "RESOLUTION", "242 (1967)", "S/RES/242 (1967)", True),
    ("A_79_973-S_2025_470", "RESOLUTION", "338 (1973)", "S/RES/338 (1973)", True),
    ("A_79_973-S_2025_470", "RESOLUTION", "497 (1981)", "S/RES/497 (1981)", True),
    ("A_80_141", "DECISION", "49/426", "49/426", True),
    ("A_80_96", "RESOLUTION", "60/251", "A/RES/60/251", True),
    ("A_ES-10_1027-S_2025_173", "RESOLUTION", "2735 (2024)", "S/RES/2735 (2024)", True),
    ("A_ES-10_1029-S_2025_210", "RESOLUTION", "2730 (2024)", "S/RES/2730 (2024)", True),
    ("A_ES-10_1030-S_2025_221", "RESOLUTION", "2735\n(2024)", "S/RES/2735 (2024)", True),
    ("A_ES-10_1030-S_2025_221", "RESOLUTION", "2334 (2016)", "S/RES/2334 (2016)", True),
    ("S_2025_141", "RESOLUTION", "2594 (2021)", "S/RES/2594 (2021)", True),
    ("S_2025_147", "RESOLUTION", "2722 (2024)", "S/RES/2722 (2024)", True),
    ("S_2025_147", "RESOLUTION", "2739 (2024)", "S/RES/2739 (2024)", True),
    ("S_2025_147", "RESOLUTION", "2768\n(2025)", "S/RES/2768 (2025)", True),
    ("S_2025_180", "RESOLUTION", "76/305", "A/RES/76/305", True),
    ("S_2025_180", "RESOLUTION", "78/257", "A/RES/78/257", True),
    ("S_2025_180", "RESOLUTION", "79/262", "A/RES/79/262", True),
    ("S_2025_35", "RESOLUTION", "2762 (2024)", "S/RES/2762 (2024)", True),
    ("S_2025_35", "RESOLUTION", "2713 (2023)", "S/RES/2713 (2023)", True),
    ("S_2025_455", "RESOLUTION", "2768 (2025)", "S/RES/2768 (2025)", True),
    ("S_2025_508", "RESOLUTION", "2787 (2025)", "S/RES/2787 (2025)", True),
    ("S_2025_521", "RESOLUTION", "2773 (2025)", "S/RES/2773 (2025)", True),
    ("S_2025_521", "RESOLUTION", "S-37/1", "A/HRC/RES/S-37/1", True),
    ("S_2025_85", "RESOLUTION", "2743 (2024)", "S/RES/2743 (2024)", True),
    ("S_2025_85", "RESOLUTION", "2692 (2023)", "S/RES/2692 (2023)", True),
    ("S_2025_85", "RESOLUTION", "2743\n(2024)", "S/RES/2743 (2024)", True),
    ("S_2025_85", "RESOLUTION", "2752 (2024)", "S/RES/2752 (2024)", True),
    ("S_2025_85", "RESOLUTION", "2653 (2022)", "S/RES/2653 (2022)", True),
]


@pytest.mark.parametrize(("letter", "kind", "printed", "expected", "ok"), REAL_CITATIONS)
def test_real_citation_is_found_in_its_letter(
    letter: str, kind: str, printed: str, expected: str, ok: bool
) -> None:
    text = letter_text(letter)
    assert printed in text
    refs = letter_refs(letter)
    if kind == "DECISION":
        assert (printed, None, expected, RefKind.DECISION, ok) in refs
    else:
        matching = [r for r in refs if r[0] == printed and r[1] == expected]
        assert matching, f"{printed!r} not found as {expected}"
        assert all(r[3] == RefKind[kind] and r[4] is ok for r in matching)


# --- the grammar, part by part ------------------------------------------------------------------

# symbol -> (series, bodies, session_or_year, special, number, finals, reissued)
PARTS = {
    "A/79/729": ("A", (), "79", None, "729", (), False),
    "S/2025/40": ("S", (), "2025", None, "40", (), False),
    "S/22383": ("S", (), None, None, "22383", (), False),
    "A/RES/217 (III)": ("A", (), "III", "RES", "217", (), False),
    "S/RES/1440 (2002)": ("S", (), "2002", "RES", "1440", (), False),
    "S/PV.10011": ("S", (), None, "PV", "10011", (), False),
    "A/RES/ES-8/2": ("A", (), "ES-8", "RES", "2", (), False),
    "A/RES/S-13/2": ("A", (), "S-13", "RES", "2", (), False),
    "A/ES-10/1043": ("A", (), "ES-10", None, "1043", (), False),
    "E/CN.4/2005/1": ("E", ("CN.4",), "2005", None, "1", (), False),
    "E/CN.4/1999/79/Add.1": ("E", ("CN.4",), "1999", None, "79", ("Add.1",), False),
    "A/HRC/8/6/Add.2": ("A", ("HRC",), "8", None, "6", ("Add.2",), False),
    "A/HRC/WGAD/2024/46": ("A", ("HRC", "WGAD"), "2024", None, "46", (), False),
    "A/49/50/Rev.1": ("A", (), "49", None, "50", ("Rev.1",), False),
    "S/PRST/2021/13": ("S", (), "2021", "PRST", "13", (), False),
    "A/C.3/79/L.5/Rev.1": ("A", ("C.3",), "79", "L", "5", ("Rev.1",), False),
    "A/79/PV.23": ("A", (), "79", "PV", "23", (), False),
    "A/C.5/78/SR.12/Corr.1": ("A", ("C.5",), "78", "SR", "12", ("Corr.1",), False),
    "A/AC.51/2024/3": ("A", ("AC.51",), "2024", None, "3", (), False),
    "A/CONF.157/24": ("A", ("CONF.157",), None, None, "24", (), False),
    "E/CN.4/Sub.2/1998/13": ("E", ("CN.4", "Sub.2"), "1998", None, "13", (), False),
    "A/HRC/WG.6/47/AZE/1": ("A", ("HRC", "WG.6", "AZE"), "47", None, "1", (), False),
    "E/CN.4/2005/NGO/12": ("E", ("CN.4",), "2005", "NGO", "12", (), False),
    "A/INF/79/3": ("A", (), "79", "INF", "3", (), False),
    "E/CN.6/2024/CRP.1": ("E", ("CN.6",), "2024", "CRP", "1", (), False),
    "A/HRC/55/WP.1": ("A", ("HRC",), "55", "WP", "1", (), False),
    "E/CN.4/1999/R.2": ("E", ("CN.4",), "1999", "R", "2", (), False),
    "E/C.2/2024/PET/5": ("E", ("C.2",), "2024", "PET", "5", (), False),
    "A/HRC/RES/52/1": ("A", ("HRC",), "52", "RES", "1", (), False),
    "CCPR/C/GC/36": ("CCPR", ("C", "GC"), None, None, "36", (), False),
    "CRC/C/GC/25": ("CRC", ("C", "GC"), None, None, "25", (), False),
    "CEDAW/C/AZE/CO/6": ("CEDAW", ("C", "AZE", "CO"), None, None, "6", (), False),
    "CERD/C/GC/37": ("CERD", ("C", "GC"), None, None, "37", (), False),
    "CAT/C/55/2": ("CAT", ("C",), "55", None, "2", (), False),
    "DP/2024/1": ("DP", (), "2024", None, "1", (), False),
    "TD/B/71/1": ("TD", ("B",), "71", None, "1", (), False),
    "UNEP/EA.6/1": ("UNEP", ("EA.6",), None, None, "1", (), False),
    "ST/SGB/2019/8": ("ST", ("SGB",), "2019", None, "8", (), False),
    "T/1000": ("T", (), None, None, "1000", (), False),
    "A/78/1/Summary": ("A", (), "78", None, "1", ("Summary",), False),
    "A/79/843*": ("A", (), "79", None, "843", (), True),
    "CCPR/C/135/D/3035/2017": ("CCPR", ("C", "D"), "135", None, "3035/2017", (), False),
    "E/ICEF/2024/P/L.1": ("E", ("ICEF", "P"), "2024", "L", "1", (), False),
    "A/S-27/19/Rev.1": ("A", (), "S-27", None, "19", ("Rev.1",), False),
    "ST/SG/AC.10/C.3/2024/1": ("ST", ("SG", "AC.10", "C.3"), "2024", None, "1", (), False),
    "UNEP/OzL.Pro.36/1": ("UNEP", ("OzL.Pro.36",), None, None, "1", (), False),
    "A/79/100/Add.1/Rev.1": ("A", (), "79", None, "100", ("Add.1", "Rev.1"), False),
    "E/2024/SR.5": ("E", (), "2024", "SR", "5", (), False),
}


@pytest.mark.parametrize("symbol", sorted(PARTS))
def test_parts(symbol: str) -> None:
    sym = parse(symbol)
    got = (sym.series, sym.bodies, sym.session_or_year, sym.special, sym.number, sym.finals, sym.reissued)
    assert got == PARTS[symbol]
    assert sym.well_formed, sym.problems
    assert sym.components == ()
    assert sym.text == symbol.rstrip("*")


@pytest.mark.parametrize(
    ("written", "components", "reissued"),
    [
        ("A/79/729-S/2025/40", ("A/79/729", "S/2025/40"), False),
        ("A/79/963–S/2025/438", ("A/79/963", "S/2025/438"), False),
        ("A/79/954-E/2025/77", ("A/79/954", "E/2025/77"), False),
        ("A/79/843*-S/2025/201*", ("A/79/843", "S/2025/201"), True),
        ("A/ES-10/1030-S/2025/221", ("A/ES-10/1030", "S/2025/221"), False),
        ("A/79/729- S/2025/40", ("A/79/729", "S/2025/40"), False),
        ("A/79/729-\nS/2025/40", ("A/79/729", "S/2025/40"), False),
        ("A/79/1-S/2025/2-E/2025/3", ("A/79/1", "S/2025/2", "E/2025/3"), False),
    ],
)
def test_joint_symbols(written: str, components: tuple[str, ...], reissued: bool) -> None:
    sym = parse(written)
    assert sym.is_joint
    assert tuple(p.text for p in sym.components) == components
    assert sym.text == "-".join(components) == normalise(written)
    assert sym.reissued is reissued
    # the top-level parts are the first component's: the one undocs.org resolves
    assert (sym.series, sym.number) == (sym.components[0].series, sym.components[0].number)
    assert sym.url == url(written) == "https://undocs.org/en/" + components[0]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("S/RES/2231(2015)", "S/RES/2231 (2015)"),
        ("S/RES/2231  (2015)", "S/RES/2231 (2015)"),
        ("A/RES/217(III)", "A/RES/217 (III)"),
        ("A/79/\n729", "A/79/729"),
        ("S/2025/ 40", "S/2025/40"),
        ("A/49/50/rev.1", "A/49/50/Rev.1"),
        (" A/79/843* ", "A/79/843"),
        ("A/RES/68/247 B", "A/RES/68/247 B"),
    ],
)
def test_normalise(written: str, expected: str) -> None:
    assert normalise(written) == expected


def test_url_has_no_space_before_the_bracket() -> None:
    assert url("S/RES/2231 (2015)") == "https://undocs.org/en/S/RES/2231(2015)"
    assert url("A/RES/68/247 B") == "https://undocs.org/en/A/RES/68/247%20B"


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("S/2376/2025", "year 2025 written after the number 2376"),
        ("S/2020-503", "unexpected part '2020-503'"),
        ("A/74/881-S/2020-503", "S/2020-503: unexpected part '2020-503'"),
        ("S/25/40", "25 is not a plausible year"),
        ("A/2024/12", "2024 is not a plausible General Assembly session"),
        ("A/RES/4/5", "before session 31"),
        ("S/RES/2231 (2999)", "2999 is not a plausible year"),
        ("S/RES/95 (III)", "a Council resolution carries a year"),
        ("S/2025/1234567", "unexpected part"),
        ("A/79/729/Foo", "unexpected part 'Foo'"),
        ("A/RES", "no document number"),
        ("A/HRC", "no document number"),
        ("S/PV.10011/PV.2", "unexpected part"),
    ],
)
def test_malformed_is_reported_not_fixed(written: str, reason: str) -> None:
    sym = parse(written)
    assert not sym.well_formed
    assert not is_well_formed(written)
    assert any(reason in problem for problem in sym.problems), sym.problems
    assert normalise(written) == sym.text  # kept as written, never repaired


@pytest.mark.parametrize("text", ["", "   ", "20/10/2020", "2/3", "X/79/1", "a/79/1", "A//1", "A/", "24/7"])
def test_not_a_symbol_raises_a_one_line_error(text: str) -> None:
    with pytest.raises(SymbolError) as info:
        parse(text)
    assert "\n" not in str(info.value)
    assert not is_well_formed(text)


def test_symbol_is_frozen() -> None:
    sym = parse("A/79/729")
    assert isinstance(sym, Symbol)
    with pytest.raises(AttributeError):
        sym.number = "1"  # type: ignore[misc]


# --- the finder ---------------------------------------------------------------------------------


def refs(text: str, footnotes: tuple[str, ...] = ()) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, text, symbol, target) of every reference, after checking each span."""
    out = []
    found = find(text, "p1", footnotes=footnotes)
    for ref in found:
        assert text[ref.start : ref.end] == ref.text
        assert ref.where == "p1"
        out.append((ref.kind.value, ref.text, ref.symbol, ref.target))
    starts = [r.start for r in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    return out


D, R, DEC, AG, FN = "document", "resolution", "decision", "agenda item", "footnote"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(A/79/710-S/2024/940).", [(D, "A/79/710-S/2024/940", "A/79/710-S/2024/940", None)]),
        ("a letter (see S/2024/704) on", [(D, "S/2024/704", "S/2024/704", None)]),
        ("(A/79/730-S/2025/41, annex)", [(D, "A/79/730-S/2025/41", "A/79/730-S/2025/41", None)]),
        (
            "(A/79/798-S/2025/110 and A/79/802-S/2025/123)",
            [
                (D, "A/79/798-S/2025/110", "A/79/798-S/2025/110", None),
                (D, "A/79/802-S/2025/123", "A/79/802-S/2025/123", None),
            ],
        ),
        (
            "( A/77/801, S/2023/134 and E/2023/53), the",
            [
                (D, "A/77/801", "A/77/801", None),
                (D, "S/2023/134", "S/2023/134", None),
                (D, "E/2023/53", "E/2023/53", None),
            ],
        ),
        (
            "(A/79/916 and A/79/960, respectively)",
            [(D, "A/79/916", "A/79/916", None), (D, "A/79/960", "A/79/960", None)],
        ),
        ("see A/79/\n729 and", [(D, "A/79/\n729", "A/79/729", None)]),
        ("see A/79/ 729 and", [(D, "A/79/ 729", "A/79/729", None)]),
        ("in A/79/729-\nS/2025/40,", [(D, "A/79/729-\nS/2025/40", "A/79/729-S/2025/40", None)]),
        ("in A/79/729- S/2025/40,", [(D, "A/79/729- S/2025/40", "A/79/729-S/2025/40", None)]),
        ("in S/2025/ 40,", [(D, "S/2025/ 40", "S/2025/40", None)]),
        ("A/79/963–S/2025/438", [(D, "A/79/963–S/2025/438", "A/79/963-S/2025/438", None)]),
        ("the record S/PV.9884.", [(D, "S/PV.9884", "S/PV.9884", None)]),
        ("(see S/PRST/2021/13)", [(D, "S/PRST/2021/13", "S/PRST/2021/13", None)]),
        ("E/CN.4/1999/79/Add.1)", [(D, "E/CN.4/1999/79/Add.1", "E/CN.4/1999/79/Add.1", None)]),
        ("the resolution A/RES/78/234\n(2023) titled", [(R, "A/RES/78/234", "A/RES/78/234", None)]),
        ("S/RES/2231 (2015).", [(R, "S/RES/2231 (2015)", "S/RES/2231 (2015)", None)]),
        ("A/RES/217 (III)", [(R, "A/RES/217 (III)", "A/RES/217 (III)", None)]),
        ("S/2025/40 (2025)", [(D, "S/2025/40", "S/2025/40", None)]),
        ("A/RES/2200 A (XXI) of 16 December", [(R, "A/RES/2200 A (XXI)", "A/RES/2200 A (XXI)", None)]),
        ("A/79/729—S/2025/40", [(D, "A/79/729—S/2025/40", "A/79/729-S/2025/40", None)]),
        ("https://undocs.org/en/S/2025/40.", [(D, "S/2025/40", "S/2025/40", None)]),
        ("https://docs.un.org/en/A/79/729 and", [(D, "A/79/729", "A/79/729", None)]),
    ],
)
def test_find_documents(text: str, expected: list[tuple[str, str, str | None, str | None]]) -> None:
    assert refs(text) == expected


def test_document_reference_fields() -> None:
    (ref,) = find("letter (A/79/843*-S/2025/201*), annex", "a1.p2")
    assert ref.kind is RefKind.DOCUMENT
    assert (ref.start, ref.end, ref.text) == (8, 29, "A/79/843*-S/2025/201*")
    assert ref.symbol == "A/79/843-S/2025/201"
    assert ref.components == ("A/79/843", "S/2025/201")
    assert ref.url == "https://undocs.org/en/A/79/843"
    assert ref.where == "a1.p2"
    assert ref.well_formed


@pytest.mark.parametrize(
    ("text", "printed", "symbol"),
    [
        ("(A/74/881-S/2020-503 of 5 June 2020)", "A/74/881-S/2020-503", "A/74/881-S/2020-503"),
        ("(S/2376/2025)", "S/2376/2025", "S/2376/2025"),
        ("see S/2020-503.", "S/2020-503", "S/2020-503"),
    ],
)
def test_malformed_symbols_are_reported(text: str, printed: str, symbol: str) -> None:
    (ref,) = find(text, "p1")
    assert (ref.kind, ref.text, ref.symbol, ref.well_formed) == (RefKind.DOCUMENT, printed, symbol, False)
    assert ref.components and ref.url is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("resolution 2231 (2015)", [("2231 (2015)", "S/RES/2231 (2015)")]),
        ("Security Council resolution 2334 (2016)", [("2334 (2016)", "S/RES/2334 (2016)")]),
        (
            "resolutions 1267 (1999), 1989 (2011) and 2253 (2015)",
            [
                ("1267 (1999)", "S/RES/1267 (1999)"),
                ("1989 (2011)", "S/RES/1989 (2011)"),
                ("2253 (2015)", "S/RES/2253 (2015)"),
            ],
        ),
        (
            "resolutions 2722 (2024), 2739 (2024) and 2768\n(2025)",
            [
                ("2722 (2024)", "S/RES/2722 (2024)"),
                ("2739 (2024)", "S/RES/2739 (2024)"),
                ("2768\n(2025)", "S/RES/2768 (2025)"),
            ],
        ),
        ("resolution 60/251", [("60/251", "A/RES/60/251")]),
        ("General Assembly resolution 75/1", [("75/1", "A/RES/75/1")]),
        ("resolutions 68/262 and ES-11/1", [("68/262", "A/RES/68/262"), ("ES-11/1", "A/RES/ES-11/1")]),
        ("resolution 68/247 B on", [("68/247 B", "A/RES/68/247 B")]),
        (
            "resolutions 76/305, 78/257 and 79/262, and",
            [
                ("76/305", "A/RES/76/305"),
                ("78/257", "A/RES/78/257"),
                ("79/262", "A/RES/79/262"),
            ],
        ),
        ("adopted resolution ES-10/24, in which", [("ES-10/24", "A/RES/ES-10/24")]),
        ("resolution 302 (IV) of 8 December 1949", [("302 (IV)", "A/RES/302 (IV)")]),
        ("General Assembly resolution 217 A (III)", [("217 A (III)", "A/RES/217 A (III)")]),
        ("Commission on Human Rights resolution 1998/50, “Profiles", [("1998/50", "E/CN.4/RES/1998/50")]),
        ("Human Rights Council resolution S-37/1, adopted", [("S-37/1", "A/HRC/RES/S-37/1")]),
        ("The Human Rights Council, in its resolution 52/1, decided", [("52/1", "A/HRC/RES/52/1")]),
        ("Economic and Social Council resolution 1996/31", [("1996/31", "E/RES/1996/31")]),
        ("implementing resolution 2719\n(2023) through", [("2719\n(2023)", "S/RES/2719 (2023)")]),
        ("Council resolution 2692 (2023), as reiterated", [("2692 (2023)", "S/RES/2692 (2023)")]),
        (
            "resolutions 242 (1967), 338 (1973) and 497 (1981).",
            [
                ("242 (1967)", "S/RES/242 (1967)"),
                ("338 (1973)", "S/RES/338 (1973)"),
                ("497 (1981)", "S/RES/497 (1981)"),
            ],
        ),
    ],
)
def test_find_resolutions(text: str, expected: list[tuple[str, str]]) -> None:
    found = find(text, "p1")
    assert [(r.text, r.symbol) for r in found] == expected
    for ref in found:
        assert ref.kind is RefKind.RESOLUTION
        assert text[ref.start : ref.end] == ref.text
        assert ref.components == (ref.symbol,)
        assert ref.target == " ".join(ref.text.split())
        assert ref.well_formed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("World Health Assembly resolution 72/4", []),  # not a UN organ's symbol
        ("OAS resolution 2231 (2015)", []),
        ("African Union Peace and Security Council resolution 1 (2020)", []),
        ("Executive Council resolution 52/1", []),
        ("in its resolution 4/5 25-00259", []),  # a page number caught after a page break
        ("a resolution of 2024", []),
        ("the resolution adopted", []),
        ("resolution 2231 (2015), 2016 saw", ["S/RES/2231 (2015)"]),  # the list stops at a bare year
        ("resolution 12 of the", []),  # too small to be told from a paragraph number
        ("resolutions 2735 and 2334", ["S/RES/2735", "S/RES/2334"]),
        ("UNSC resolution 2231 (2015)", ["S/RES/2231 (2015)"]),
        ("SECURITY COUNCIL RESOLUTION 242 (1967)", ["S/RES/242 (1967)"]),  # old letters in capitals
        ("HUMAN RIGHTS COUNCIL RESOLUTION 5/1", ["A/HRC/RES/5/1"]),
        ("THE QUESTION OF PALESTINE: IN ITS RESOLUTION 60/251", ["A/RES/60/251"]),
        ("OAS resolution 60/251", []),
    ],
)
def test_resolution_issuers(text: str, expected: list[str]) -> None:
    assert [r.symbol for r in find(text, "p1") if r.kind is RefKind.RESOLUTION] == expected


def test_decisions_have_a_target_and_no_symbol() -> None:
    text = "pursuant to General Assembly decision 49/426 of 9 December 1994 and decisions 50/411 and 51/408"
    found = find(text, "p1")
    assert [(r.kind, r.text, r.target, r.symbol, r.url) for r in found] == [
        (RefKind.DECISION, "49/426", "49/426", None, None),
        (RefKind.DECISION, "50/411", "50/411", None, None),
        (RefKind.DECISION, "51/408", "51/408", None, None),
    ]
    assert text[found[0].start : found[0].end] == "49/426"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("under agenda item 116 (c) of the preliminary list.", [("116 (c)", "116 (c)")]),
        (
            "under agenda items 32, 60, 61, 69, 71, 84 and 132, and of the Security Council.",
            [(n, n) for n in ("32", "60", "61", "69", "71", "84", "132")],
        ),
        ("Item 98 (j) of the preliminary list*", [("98 (j)", "98 (j)")]),
        ("the Assembly, under item 38, and", [("38", "38")]),
        ("Agenda items 32 (a) and 110", [("32 (a)", "32 (a)"), ("110", "110")]),
        (
            "Agenda items 34, 35, 49 and 72 (b)",
            [("34", "34"), ("35", "35"), ("49", "49"), ("72 (b)", "72 (b)")],
        ),
        ("agenda items 32 (a) and (b)", [("32 (a)", "32 (a)"), ("(b)", "32 (b)")]),
        ("agenda items 62, 67,\n80, 110", [("62", "62"), ("67", "67"), ("80", "80"), ("110", "110")]),
    ],
)
def test_find_agenda_items(text: str, expected: list[tuple[str, str]]) -> None:
    found = find(text, "p1", agenda_items=("32", "60"))
    assert [(r.text, r.target) for r in found] == expected
    assert all(r.kind is RefKind.AGENDA_ITEM and r.symbol is None for r in found)
    assert all(text[r.start : r.end] == r.text for r in found)


FOOTNOTES = ("1", "2", "3", "4", "5", "6", "12", "13", "14", "15", "29", "31", "50", "54", "*")


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("in this regard.1 The", ["1"]),
        ("the text of the speech is attached) 1", ["1"]),
        ("in his speech,2 and in", ["2"]),
        ("a cost of $16 million per year,5 local cost-sharing", ["5"]),
        ("the Somali security forces. 6 Many of those", ["6"]),  # A/79/907-S/2025/268
        ("sanctioned individuals, 14 as well as persons", ["14"]),  # S/2025/85
        ("displacement rose significantly. 2 After a temporary", ["2"]),  # S/2025/85
        ("to control over 85 per cent of the city. 13", ["13"]),  # S/2025/85
        ("strengthened by cutting-edge research.4", ["4"]),  # A/80/141
        ("Item 116 (c) of the preliminary list*", ["*"]),
        ("forcibly displaced.1 Later, on 3 October, 14 people", ["1"]),
        ("“Organization Sociopolitique Résistance Sud-Est” 29 reported on", ["29"]),  # S/2025/85
        ("seizures of firearms and drugs in 2023 and 2024. 31 For example, in", ["31"]),  # S/2025/85
        ("were deported back to Haiti in 2015. 54", ["54"]),  # S/2025/85
        ("the need[ed] to be silenced.” 15", ["15"]),  # S/2025/85
    ],
)
def test_footnote_markers(text: str, markers: list[str]) -> None:
    found = [r for r in find(text, "p1", footnotes=FOOTNOTES) if r.kind is RefKind.FOOTNOTE]
    assert [r.target for r in found] == markers
    assert all(r.text == r.target and text[r.start : r.end] == r.text for r in found)


@pytest.mark.parametrize(
    "text",
    [
        "killing 147 civilians and 2 million displaced",
        "see para. 1 of the report",
        "Ibid., paras. 12 and 13.",
        "an increase of $1.6 million and 2.5 per cent",
        "on 3 October, 14 people were killed",
        "the events of 24 and 25 March 2025",
        "In 2015 1 was",
        "the M23 and key informant K3 said",
        "rule 13 of the rules of procedure and article 1",
        "Group of 20 president",
        "at the following links: 1. https://example.org/a1",
        "the so-called 5 Segonn gang",
        "transition. 12. Reduced support",
        "Articles 1, 2 and 3",
        "paragraphs 3 (a), 4 and 5",
        "COVID-19 and 2/3 and 25-00746 (E) and *2500746*",
        "https://example.org/report2 and www.example.org/page1",
        "of 147 civilians. 2 million people",
        "Barrett M82A1 precision rifles (.50 BMG 12.7 x 99 mm)",
        "resolution 2231 (2015) 2 members abstained",
        "on 31 October 2024, the police",
    ],
)
def test_numbers_that_are_not_footnote_markers(text: str) -> None:
    assert [r for r in find(text, "p1", footnotes=FOOTNOTES) if r.kind is RefKind.FOOTNOTE] == []


def test_only_printed_footnotes_qualify_and_each_once() -> None:
    text = "as stated.1 Then again.1 And later.7"
    found = find(text, "p1", footnotes=("1",))
    assert [(r.target, r.start) for r in found] == [("1", 10)]
    assert find(text, "p1") == []  # a letter without footnotes has no markers


@pytest.mark.parametrize(
    "text",
    [
        "on 20/10/2020 at",
        "page 2/3",
        "25-00746 (E) 230125",
        "open 24/7 and 1/2 of",
        "https://www.un.org/S/2025/1 and https://example.org/A/79/1",
        "the A/C unit and S/He",
        "ratio 3/4 and 2025/26 budget period",
        "OPCW document EC-M-99/DEC.1",
    ],
)
def test_not_symbols(text: str) -> None:
    assert find(text, "p1") == []


def test_no_overlap_between_symbol_and_citation() -> None:
    text = "resolution S/RES/2231 (2015) and resolution 2231 (2015), agenda item 5 (A/79/1)"
    assert refs(text) == [
        (R, "S/RES/2231 (2015)", "S/RES/2231 (2015)", None),
        (R, "2231 (2015)", "S/RES/2231 (2015)", "2231 (2015)"),
        (AG, "5", None, "5"),
        (D, "A/79/1", "A/79/1", None),
    ]


# --- all 42 letters -----------------------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Blocks of the plain text, lines joined with spaces as the parser joins them."""
    return [" ".join(block.split("\n")) for block in text.split("\n\n") if block.strip()]


@pytest.mark.parametrize("flavour", ["text", "layout"])
@pytest.mark.parametrize("name", LETTER_NAMES)
def test_invariants_over_every_letter(name: str, flavour: str) -> None:
    text = (LETTERS / flavour / f"{name}.txt").read_text(encoding="utf-8")
    assert len(LETTER_NAMES) == 42
    for where, chunk in [("all", text), *((f"p{i}", p) for i, p in enumerate(paragraphs(text)))]:
        found = find(chunk, where, footnotes=[str(n) for n in range(1, 40)] + ["*"])
        assert [r.start for r in found] == sorted(r.start for r in found)
        for ref in found:
            assert chunk[ref.start : ref.end] == ref.text
            assert ref.where == where
        for a, b in itertools.pairwise(found):
            assert a.end <= b.start, (a, b)
        for ref in found:
            if ref.kind in (RefKind.DOCUMENT, RefKind.RESOLUTION):
                assert ref.symbol and ref.components
                assert ref.symbol == "-".join(ref.components)
                assert ref.url is not None and ref.url.startswith("https://undocs.org/en/")
                assert parse(ref.symbol).text == ref.symbol  # normalised symbols are fixed points
            else:
                assert ref.symbol is None and ref.target


@pytest.mark.parametrize("name", LETTER_NAMES)
def test_every_letter_finds_its_own_symbols(name: str) -> None:
    first, *others = name.replace("_", "/").split("-S/")
    own = [normalise(first)] + [normalise("S/" + other) for other in others]
    found = {s for r in find(letter_text(name), "all") for s in r.components}
    assert set(own) <= found


@pytest.mark.parametrize(
    ("text", "agenda_items", "expected"),
    [
        ("the Assembly, under item 38, and", (), ["38"]),
        ("Item 38 of the preliminary list*", (), ["38"]),
        ("see item 98 (j) there", (), ["98 (j)"]),
        ("in line item 5 of the budget", (), []),
        ("item 3 was discussed", (), []),
        ("item 3 was discussed", ("3", "116 (c)"), ["3"]),
        ("item 116 (c) again", ("116 (c)",), ["116 (c)"]),
        ("agenda item 200 even if unknown", ("3",), ["200"]),
    ],
)
def test_bare_item_needs_agenda_context(
    text: str, agenda_items: tuple[str, ...], expected: list[str]
) -> None:
    found = find(text, "p1", agenda_items=agenda_items)
    assert [r.target for r in found if r.kind is RefKind.AGENDA_ITEM] == expected


@pytest.mark.parametrize(
    ("text", "printed", "symbol"),
    [
        ("resolution 2719\n           (2023) through", "2719\n           (2023)", "S/RES/2719 (2023)"),
        ("see A/79/\n           729 and", "A/79/\n           729", "A/79/729"),
        ("(A/79/729-\n      S/2025/40)", "A/79/729-\n      S/2025/40", "A/79/729-S/2025/40"),
    ],
)
def test_layout_line_breaks(text: str, printed: str, symbol: str) -> None:
    (ref,) = find(text, "p1")
    assert (ref.text, ref.symbol) == (printed, symbol)


def test_issuer_across_a_line_break() -> None:
    (ref,) = find("Human Rights\nCouncil resolution 52/1", "p1")
    assert ref.symbol == "A/HRC/RES/52/1"


@pytest.mark.parametrize(
    "text",
    [
        "A/" + "1/" * 20_000,
        "A/1/1-" * 20_000,
        "A/1/1 - " * 20_000,
        "resolutions " + "1 (2015), " * 20_000,
        "resolution " + "12/3, 4/5 and " * 20_000,
        "agenda items " + "1 (a), " * 20_000,
        "word. 1 " * 20_000,
        "S/" * 40_000,
    ],
)
def test_adversarial_input_stays_linear(text: str) -> None:
    # a catastrophic backtracking or a quadratic overlap check takes minutes here, not a second
    start = time.perf_counter()
    found = find(text, "p1", footnotes=("1", "*"))
    assert time.perf_counter() - start < 3.0
    assert all(text[r.start : r.end] == r.text for r in found)


@pytest.mark.parametrize("text", ["", "   ", "1", "*", "resolution", "A/", "agenda item", "decision 49/"])
def test_degenerate_texts_give_nothing(text: str) -> None:
    assert find(text, "p1", footnotes=("1", "*"), agenda_items=("1",)) == []


def test_the_symbols_package_keeps_one_module_per_job() -> None:
    """`reader.symbols` re-exports; each job is owned by its own module (grammar, finder, markers)."""
    from reader import symbols
    from reader.symbols import finder, footnote_markers, grammar, patterns
    from reader.symbols.spans import Spans

    assert symbols.parse is grammar.parse and symbols.url is grammar.url
    assert symbols.normalise is grammar.normalise and symbols.is_well_formed is grammar.is_well_formed
    assert symbols.find is finder.find
    assert patterns.SYMBOL_RE.search("see S/2025/110.") is not None
    markers = list(footnote_markers.footnote_refs("in that regard.1 More", "p1", ("1",), Spans((), ())))
    assert [(m.text, m.target) for m in markers] == [("1", "1")]
