"""Is this text a poor OCR of a scan?

Clean text has almost no token that no typesetter would produce: a case flip inside a word
("MBiaber", "tHe"), a digit or a stray sign inside a word ("19u0", "oT2", "3^", "HŒAKE&E"), a
lone sign ("\\", "_/"), a run of consonants no language writes. An OCR of a bad scan has many: the
share of such tokens separates the two (measured over ../shared/documents: see THRESHOLD).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

from reader import lazy_re

_STRIP = "()[]{}\"'“”‘’.,;:!?*«»"
_CASE_FLIP = lazy_re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]{2,}[a-zà-ÿ]|^[A-ZÀ-Þ]{2}[a-zà-ÿ]{3,}$|^[a-zà-ÿ]+[A-ZÀ-Þ]+$")
_MIXED = lazy_re.compile(r"[A-Za-zà-ÿ]\d[A-Za-zà-ÿ]|^[a-zà-ÿ]+\d|\d[a-zà-ÿ]{3,}")
_ODD = lazy_re.compile(r"[\^_|\\~{}<>=@#¬¦`•]")
_CONSONANTS = lazy_re.compile(r"[bcdfghjklmnpqrstvwxz]{6,}", re.IGNORECASE)
_SYMBOLISH = lazy_re.compile(r"^[A-Z]+/|/\d|^https?:|@.*\.|^www\.")
# measured on ../shared/documents (first 2500 tokens): clean text <= 0.0008, the OCR scans >= 0.0052
THRESHOLD = 0.003
_SAMPLE = 2500  # tokens: enough to judge, cheap on a 300-page report


_PLAIN = lazy_re.compile(r"[A-Za-z]?[a-z]{1,5}[.,;:)]?")  # most tokens: short plain words, nothing to check


@lru_cache(maxsize=8192)  # words repeat ("the", "of", "United"): each is judged once
def _suspicious(token: str) -> bool:
    if _PLAIN.fullmatch(token):
        return False
    word = token.strip(_STRIP)
    if len(word) < 2 or len(word) > 25:
        return False
    if word.isalpha() and (word.islower() or (word[0].isupper() and word[1:].islower())):
        # most long words: letters cased as words are, so no case flip, digit, sign, URL or
        # symbol; of the tests below only a run of consonants can find anything
        return bool(_CONSONANTS.search(word))
    if _SYMBOLISH.search(word) or not word.strip("_"):
        return False
    return bool(
        _CASE_FLIP.search(word) or _MIXED.search(word) or _ODD.search(word) or _CONSONANTS.search(word)
    )


def garbage_share(texts: Iterable[str]) -> float:
    bad = total = 0
    lines = iter(texts)
    while batch := list(islice(lines, _BATCH)):  # no Python step a line: most letters are one batch
        total, bad = _count(batch, total, bad)
        if total >= _SAMPLE:
            return bad / total
    return bad / total if total else 0.0


_BATCH = 512  # lines tokenised together: a token never spans the line break they are joined by


def _count(batch: list[str], total: int, bad: int) -> tuple[int, int]:
    # str.split splits at the characters the regex engine's \s matches (both ask Py_UNICODE_ISSPACE);
    # split no further than the sample needs: the rest of a long batch stays one string
    need = _SAMPLE - total
    tokens = "\n".join(batch).split(None, need)
    if len(tokens) > need:  # the unsplit rest (a slice would copy the whole list of most batches)
        del tokens[need:]
    # the bad tokens counted through the words the batch holds (a set, in C), not asked one by one:
    # most batches hold no bad word at all, and the count is the same sum of each word's verdict
    words = set(tokens)
    judged, suspicious = _verdicts  # this call's own references: a reset by another thread leaves them
    if not judged.issuperset(words):  # new words: each judged once
        if len(judged) > _JUDGED_MAX:
            judged, suspicious = _reset()
        new = words.difference(judged)
        # the suspicious first: a parse in another thread (the app parses in threads) that finds a
        # word judged finds its verdict in too
        suspicious.update(filter(_judge, new))
        judged.update(new)
    found = 0
    if bad_words := words.intersection(suspicious):
        counts = Counter(tokens)
        found = sum(map(counts.__getitem__, bad_words))
    return total + len(tokens), bad + found


def _reset() -> tuple[set[str], set[str]]:
    global _verdicts
    _verdicts = (set(), set())
    return _verdicts


# the words judged, kept across letters (words repeat: "the", "Council"), and those of them found
# suspicious (`_suspicious`); new sets once the judged pass _JUDGED_MAX words
_verdicts: tuple[set[str], set[str]] = (set(), set())
_JUDGED_MAX = 32768
_judge = _suspicious.__wrapped__


def is_low_quality(texts: Iterable[str]) -> bool:
    return garbage_share(texts) > THRESHOLD
