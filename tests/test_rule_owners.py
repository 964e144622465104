"""Each domain rule has one owner; these tests import the rule from there and check that every
consumer (model, grammar, app, index) gives the same answer as the owner."""

from __future__ import annotations

from reader.model import Organ, Reference, RefKind, agenda_organ
from reader.symbol_keys import component_keys, symbol_key
from reader.symbols import find, url
from reader.urls import document_url


def test_one_url_for_a_resolution_with_a_letter_from_reference_and_from_grammar() -> None:
    """`A/RES/68/247 B` gave `…/247B` from a reference and `…/247%20B` from go-to."""
    (ref,) = [r for r in find("as set out in resolution 68/247 B of the Assembly", "p1") if r.symbol]
    assert ref.url == url("A/RES/68/247 B") == document_url("A/RES/68/247 B")
    assert ref.url == "https://undocs.org/en/A/RES/68/247%20B"


def test_council_resolution_url_has_no_space_before_the_year() -> None:
    assert document_url("S/RES/2231 (2015)") == "https://undocs.org/en/S/RES/2231(2015)"
    assert url("S/RES/2231 (2015)") == document_url("S/RES/2231 (2015)")


def test_joint_symbol_url_is_its_first_component_in_every_consumer() -> None:
    ref = Reference(
        RefKind.DOCUMENT,
        "A/79/843*-S/2025/201*",
        "p1",
        0,
        21,
        "A/79/843-S/2025/201",
        ("A/79/843", "S/2025/201"),
    )
    assert ref.url == url("A/79/843*-S/2025/201*") == "https://undocs.org/en/A/79/843"
    assert document_url("A/79/843", lang="fr") == "https://undocs.org/fr/A/79/843"


def test_symbol_key_ignores_case_stars_and_spacing() -> None:
    assert symbol_key(" a/79/843* ") == symbol_key("A/79/843") == "A/79/843"
    assert symbol_key("S/RES/2231 (2015)") == symbol_key("S/RES/2231(2015)")
    assert component_keys("A/79/798-S/2025/110") == ("A/79/798", "S/2025/110")


def test_agenda_items_belong_to_the_assembly_else_the_first_organ() -> None:
    council = Organ("Security Council", "Eightieth year", 80)
    assembly = Organ("General Assembly", "Seventy-ninth session", 79)
    assert agenda_organ([council, assembly]) is assembly
    assert agenda_organ([council]) is council
    assert agenda_organ([]) is None
