"""The seed letter end to end: through the CLI as a user runs it, and through `parse_path`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.parser import parse_path
from reader.serialize import letter_to_dict
from tests.conftest import ROOT, SEED

MARKUP = re.compile(r"\*\*|##|<sup>|</sup>|&lt;|&gt;|&amp;|<[a-z]+>")


def _cli() -> dict[str, Any]:
    run = subprocess.run(
        [sys.executable, "-m", "reader", "parse", str(SEED), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    data: dict[str, Any] = json.loads(run.stdout)
    return data


@pytest.fixture(scope="module", params=["cli", "parse_path"])
def seed(request: pytest.FixtureRequest) -> dict[str, Any]:
    if request.param == "cli":
        return _cli()
    return letter_to_dict(parse_path(SEED))


def test_masthead(seed: dict[str, Any]) -> None:
    assert seed["format"] == "markdown"
    assert seed["symbols"] == []
    assert seed["distribution"] == "General"
    assert seed["issued"] == "2021-02-09"
    assert seed["original_language"] == "English"
    assert seed["date"] == "2021-02-08"
    assert seed["kind"] == "letter"
    assert seed["organs"] == [
        {"name": "General Assembly", "session": "Seventy-fifth session", "number": 75},
        {"name": "Security Council", "session": "Seventy-sixth year", "number": 76},
    ]


def test_agenda_items(seed: dict[str, Any]) -> None:
    items = {a["number"]: a["title"] for a in seed["agenda_items"]}
    assert list(items) == ["34", "35", "40", "71", "72", "86", "135"]
    assert items["35"] == (
        "Protracted conflicts in the GUAM area and their implications for international peace, "
        "security and development"
    )
    assert items["71"] == "Right of peoples to self-determination"
    assert all(a["title"] for a in seed["agenda_items"])


def test_title_and_addressees(seed: dict[str, Any]) -> None:
    assert seed["title"] == (
        "Letter dated 8 February 2021 from the Permanent Representative of Azerbaijan to the United "
        "Nations addressed to the Secretary-General"
    )
    assert seed["addressees"] == ["Secretary-General"]


def test_paragraphs(seed: dict[str, Any]) -> None:
    paragraphs = seed["paragraphs"]
    assert len(paragraphs) == 11
    assert [p["id"] for p in paragraphs] == [f"p{n}" for n in range(1, 12)]
    assert paragraphs[0]["text"].startswith("At the end of the 1980s")
    # the paragraph broken by the page break is one paragraph again
    third = paragraphs[2]["text"]
    assert "Some residents were shot in their apartments, building entryways and on buses." in third
    assert third.endswith("excessive damaging effects of the bullets.")
    assert paragraphs[9]["text"].endswith("clear in that regard.1")
    assert paragraphs[10]["text"].startswith("I should be grateful if you would have the present letter")
    assert not any("(Signed)" in p["text"] or "Aliyev" in p["text"] for p in paragraphs)


def test_signature(seed: dict[str, Any]) -> None:
    assert seed["signatures"] == [
        {"name": "Yashar Aliyev", "titles": ["Ambassador", "Permanent Representative"]}
    ]


def test_footnote_and_marker(seed: dict[str, Any]) -> None:
    assert len(seed["footnotes"]) == 1
    note = seed["footnotes"][0]
    assert (note["id"], note["number"]) == ("fn1", "1")
    assert note["text"].startswith("See, for example, the identical letters dated 20 September 2019")
    assert note["text"].endswith("annex, paras. 154–178.")
    markers = [r for r in seed["references"] if r["kind"] == "footnote"]
    assert len(markers) == 1
    marker = markers[0]
    assert (marker["where"], marker["target"], marker["text"]) == ("p10", "1", "1")
    p10 = seed["paragraphs"][9]["text"]
    assert p10[marker["start"] : marker["end"]] == "1"
    assert marker["end"] == len(p10)


def test_references(seed: dict[str, Any]) -> None:
    docs = {(r["where"], r["symbol"]): r for r in seed["references"] if r["kind"] == "document"}
    assert set(docs) >= {
        ("p5", "A/75/710-S/2021/42"),
        ("fn1", "A/74/450-S/2019/762"),
        ("fn1", "A/74/961-S/2020/729"),
    }
    ref = docs[("p5", "A/75/710-S/2021/42")]
    assert ref["components"] == ["A/75/710", "S/2021/42"]
    assert ref["url"] == "https://undocs.org/en/A/75/710"
    assert docs[("fn1", "A/74/961-S/2020/729")]["components"] == ["A/74/961", "S/2020/729"]
    assert docs[("fn1", "A/74/450-S/2019/762")]["url"] == "https://undocs.org/en/A/74/450"
    texts = {p["id"]: p["text"] for p in seed["paragraphs"]} | {f["id"]: f["text"] for f in seed["footnotes"]}
    for r in seed["references"]:
        assert texts[r["where"]][r["start"] : r["end"]] == r["text"]


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_markup_anywhere(seed: dict[str, Any]) -> None:
    leftovers = [s for s in _strings(seed) if MARKUP.search(s)]
    assert leftovers == []


def test_letter_fields(seed: dict[str, Any]) -> None:
    assert seed["source"].endswith("letter_2021-02-08_azerbaijan.txt")
    assert len(seed["digest"]) == 64
    assert seed["pages"] == 1
    assert seed["annexes"] == []


def test_seed_file_is_where_conftest_says() -> None:
    assert Path(SEED).is_file()
