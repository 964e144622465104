"""The one place that knows where the UN serves a document: every URL shown or fetched is built here.

A leaf module (no imports from the model or the grammar) so the model, the symbol grammar and the
app all ask it instead of each concatenating a base URL their own way: they did, and disagreed
(`A/RES/68/247 B` came out as `…/247B` from a reference and `…/247%20B` from go-to).
"""

from __future__ import annotations

from urllib.parse import quote

UNDOCS = "https://undocs.org/"
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def document_url(single: str, lang: str = "en") -> str:
    """undocs.org's address for one (non-joint) symbol as the UN writes it.

    undocs.org wants Council resolutions without the space before the year, `S/RES/2231(2015)`;
    any other space (`A/RES/68/247 B`) is escaped rather than dropped, so the letter stays separate.
    """
    path = " ".join(single.replace("*", "").split()).replace(" (", "(")
    return f"{UNDOCS}{lang}/{quote(path, safe='/().-')}"
