"""Is this text a poor OCR of a scan?

Clean text has almost no token that no typesetter would produce: a case flip inside a word
("MBiaber", "tHe"), a digit or a stray sign inside a word ("19u0", "oT2", "3^", "HŒAKE&E"), a
lone sign ("\\", "_/"), a run of consonants no language writes. An OCR of a bad scan has many: the
share of such tokens separates the two (measured over ../shared/documents: see THRESHOLD).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TOKEN = re.compile(r"\S+")
_STRIP = "()[]{}\"'“”‘’.,;:!?*«»"
_CASE_FLIP = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]{2,}[a-zà-ÿ]|^[A-ZÀ-Þ]{2}[a-zà-ÿ]{3,}$|^[a-zà-ÿ]+[A-ZÀ-Þ]+$")
_MIXED = re.compile(r"[A-Za-zà-ÿ]\d[A-Za-zà-ÿ]|^[a-zà-ÿ]+\d|\d[a-zà-ÿ]{3,}")
_ODD = re.compile(r"[\^_|\\~{}<>=@#¬¦`•]")
_CONSONANTS = re.compile(r"[bcdfghjklmnpqrstvwxz]{6,}", re.IGNORECASE)
_SYMBOLISH = re.compile(r"^[A-Z]+/|/\d|^https?:|@.*\.|^www\.")
# measured on ../shared/documents (first 2500 tokens): clean text <= 0.0008, the OCR scans >= 0.0052
THRESHOLD = 0.003
_SAMPLE = 2500  # tokens: enough to judge, cheap on a 300-page report


_PLAIN = re.compile(r"[A-Za-z]?[a-z]{1,5}[.,;:)]?")  # most tokens: short plain words, nothing to check


def _suspicious(token: str) -> bool:
    if _PLAIN.fullmatch(token):
        return False
    word = token.strip(_STRIP)
    if len(word) < 2 or len(word) > 25 or _SYMBOLISH.search(word) or not word.strip("_"):
        return False
    return bool(
        _CASE_FLIP.search(word) or _MIXED.search(word) or _ODD.search(word) or _CONSONANTS.search(word)
    )


def garbage_share(texts: Iterable[str]) -> float:
    bad = total = 0
    for text in texts:
        for token in _TOKEN.findall(text):
            total += 1
            bad += _suspicious(token)
            if total >= _SAMPLE:
                return bad / total
    return bad / total if total else 0.0


def is_low_quality(texts: Iterable[str]) -> bool:
    return garbage_share(texts) > THRESHOLD
