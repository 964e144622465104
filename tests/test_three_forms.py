"""Every real letter read three ways (the PDF, `pdftotext` and `pdftotext -layout`) gives one letter.

A user may have any of the three; the reader must not tell a different story depending on which.
The fields that identify and describe a letter must be identical; the paragraph text may differ
only where `pdftotext` itself garbles words ("Occu pied"), so it is compared word by word.
"""

from __future__ import annotations

import difflib

import pytest

from reader.model import Letter
from tests.conftest import LETTER_NAMES, LETTERS, identity_fields, parsed_fixture

FORMS = (("pdf", "pdf"), ("text", "txt"), ("layout", "txt"))


def _parsed(name: str, form: str) -> Letter:
    ext = dict(FORMS)[form]
    return parsed_fixture(LETTERS / form / f"{name}.{ext}")


def _fields(letter: Letter) -> dict[str, object]:
    return {
        **identity_fields(letter),
        "organs": tuple((o.name, o.session) for o in letter.organs),
        "agenda_numbers": tuple(a.number for a in letter.agenda_items),
        "agenda_titles": tuple(a.title for a in letter.agenda_items),
        "signatures": tuple(s.name for s in letter.signatures),
        "footnotes": len(letter.all_footnotes()),
        "annexes": len(letter.annexes),
        "referenced": frozenset(r.symbol for r in letter.references if r.symbol),
    }


def test_all_forms_are_present() -> None:
    assert len(LETTER_NAMES) == 42
    for name in LETTER_NAMES:
        for form, ext in FORMS:
            assert (LETTERS / form / f"{name}.{ext}").is_file(), (form, name)


@pytest.mark.parametrize("name", LETTER_NAMES, ids=LETTER_NAMES)
def test_the_three_forms_agree(name: str) -> None:
    pdf, text, layout = (_fields(_parsed(name, form)) for form, _ in FORMS)
    for key in pdf:
        assert pdf[key] == layout[key] == text[key], key


@pytest.mark.parametrize("name", LETTER_NAMES, ids=LETTER_NAMES)
def test_the_pdf_reads_like_a_letter(name: str) -> None:
    """Not merely equal to the text forms: the PDF gives a letter with its essential parts."""
    letter = _parsed(name, "pdf")
    assert letter.format == "pdf"
    assert letter.symbols, "no symbol"
    assert letter.issued is not None
    assert letter.title
    assert letter.paragraphs
    layout_pages = (LETTERS / "layout" / f"{name}.txt").read_text("utf-8").rstrip("\f").split("\f")
    assert letter.pages == len(layout_pages)


def _words(letter: Letter) -> list[str]:
    return " ".join(p.text for p in letter.paragraphs).split()


@pytest.mark.parametrize("name", LETTER_NAMES, ids=LETTER_NAMES)
def test_paragraphs_agree_word_for_word(name: str) -> None:
    pdf, text, layout = (_parsed(name, form) for form, _ in FORMS)
    for other in (text, layout):
        ratio = difflib.SequenceMatcher(None, _words(pdf), _words(other), autojunk=False).ratio()
        assert ratio >= 0.98, (other.format, ratio)
    # the PDF marks paragraphs at least as well as -layout's indents: the same count, give or take one
    assert abs(len(pdf.paragraphs) - len(layout.paragraphs)) <= max(1, len(layout.paragraphs) // 20)


@pytest.mark.parametrize("name", LETTER_NAMES, ids=LETTER_NAMES)
def test_the_pdf_finds_every_footnote_marker_layout_text_shows(name: str) -> None:
    """A PDF knows which digits are raised: it must never lose a marker `-layout` text gives."""

    def markers(letter: Letter) -> set[tuple[str, str | None]]:
        return {
            (r.where.split(".")[0] if "." in r.where else "", r.target)
            for r in letter.references
            if r.kind == "footnote"
        }

    assert markers(_parsed(name, "layout")) <= markers(_parsed(name, "pdf"))
