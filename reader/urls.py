"""The one place that knows where the UN serves a document: every URL shown or fetched is built here.

A leaf module (no imports from the model or the grammar) so the model, the symbol grammar and the
app all ask it instead of each concatenating a base URL their own way: they did, and disagreed
(`A/RES/68/247 B` came out as `…/247B` from a reference and `…/247%20B` from go-to).
"""

from __future__ import annotations

from urllib.parse import quote

UNDOCS = "https://undocs.org/"
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
# Where `un-reader fetch` gets a document's file: the Official Document System, by symbol and language,
# without a key. An unknown symbol still answers 200 with an HTML page. Mirrors, proxies and tests set
# their own template (config `document_source`, env UN_READER_DOCUMENT_SOURCE).
DOCUMENT_SOURCE = "https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t=pdf"
SOURCE_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es", "de")


def symbol_path(single: str) -> str:
    """One (non-joint) symbol as UN URLs write it: no reissue star, single spaces, and no space before a
    resolution's bracket (`S/RES/2231(2015)`)."""
    return " ".join(single.replace("*", "").split()).replace(" (", "(")


def document_url(single: str, lang: str = "en") -> str:
    """undocs.org's address for one (non-joint) symbol as the UN writes it.

    undocs.org wants Council resolutions without the space before the year, `S/RES/2231(2015)`;
    any other space (`A/RES/68/247 B`) is escaped rather than dropped, so the letter stays separate.
    """
    return f"{UNDOCS}{lang}/{quote(symbol_path(single), safe='/().-')}"


def source_url(template: str, single: str, lang: str) -> str:
    """The address a document's file is fetched from: ``template`` with ``{symbol}`` URL-encoded (as a
    query value: `&`, `#`, `?`, `=` and spaces escaped) and ``{lang}``."""
    return template.replace("{symbol}", quote(symbol_path(single), safe="/()")).replace(
        "{lang}", quote(lang, safe="")
    )
