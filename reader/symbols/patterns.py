"""The regular expressions that find reference-shaped text: symbols, resolutions, decisions,
agenda items, URLs and the organs named before a citation. Only shapes: whether a symbol is
well formed is the grammar's to say.
"""

from __future__ import annotations

from reader import lazy_re
from reader.symbols.grammar import SERIES_ALT

# one space, or a line break with the indentation around it that -layout text keeps
GAP = r"(?:[ \t]{0,40}\n[ \t]{0,40}|\s)"
SEG = r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+|-(?!(?:" + SERIES_ALT + r")/)[A-Za-z0-9]+)*"
# a line break after a slash ("A/79/\n729") becomes a space; accept it only before a likely part
BROKEN = GAP + r"(?=\d|(?:Add|Rev|Corr|Amend|PV|SR|L|WP|CRP)\.\d|[A-Z][A-Za-z.0-9]*/)"
ONE = (
    r"(?:" + SERIES_ALT + r")/" + SEG + r"(?:/(?:" + BROKEN + r")?" + SEG + r")*\*?"
    r"(?:(?:\s[A-H](?=\s?\())?" + GAP + r"?\((?:1[89]\d\d|20\d\d|[IVXLC]{1,7})\))?"  # "A/RES/2200 A (XXI)"
)
SYMBOL_RE = lazy_re.compile(r"(?<![\w/.\-])" + ONE + r"(?:" + GAP + r"?[-–—]" + GAP + r"?" + ONE + r")*")
# a symbol inside a URL is a symbol only where the URL is a UN document link
UNDOCS_RE = lazy_re.compile(
    r"(?:undocs\.org/|docs\.un\.org/|documents\.un\.org/\S*?[?&]s=)(?:(?:en|fr|es|ru|ar|zh)/)?(" + ONE + r")"
)
URL_RE = lazy_re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+")
TRAILING_BRACKET_RE = lazy_re.compile(r"\s*\((?:\d{4}|[IVXLC]+)\)$")

RES_ITEM = (
    r"(?:(?:ES|S)-\d{1,2}|\d{1,4})/\d{1,4}(?:\s[A-H](?![\w/]))?"
    r"|\d{1,4}(?:\s[A-H])?" + GAP + r"?\((?:1[89]\d\d|20\d\d|[IVXL]{1,7})\)"
    r"|\d{1,4}(?![\w/]|" + GAP + r"?\(|[.,]\d)"
)
LIST_SEP = r"(?:\s*,\s*(?:and\s+)?|\s*,?\s+and\s+|\s*,?\s+as\s+well\s+as\s+)"
RES_RE = lazy_re.compile(
    r"(?<![\w-])(?i:resolutions?)\s+(?:No\.\s*)?((?:"
    + RES_ITEM
    + r")(?:"
    + LIST_SEP
    + r"(?:"
    + RES_ITEM
    + r"))*)"
)
RES_ITEM_RE = lazy_re.compile(RES_ITEM)
DEC_ITEM = r"(?:(?:ES|S)-\d{1,2}|\d{1,4})/\d{1,4}(?:\s?[A-H](?![\w/]))?"
DEC_RE = lazy_re.compile(r"(?<![\w-])(?i:decisions?)\s+(" + DEC_ITEM + r"(?:" + LIST_SEP + DEC_ITEM + r")*)")
DEC_ITEM_RE = lazy_re.compile(DEC_ITEM)
AGENDA_ITEM = r"(?:\d{1,3}(?:\s?\((?:[a-z]|[ivx]{1,4})\))?(?![\w/]|[.,]\d)|\((?:[a-z]|[ivx]{1,4})\))"
AGENDA_RE = lazy_re.compile(
    r"(?<![\w-])(?:(?i:(agenda))\s+)?(?i:items?)\s+(\d{1,3}(?:\s?\((?:[a-z]|[ivx]{1,4})\))?(?![\w/]|[.,]\d)"
    r"(?:" + LIST_SEP + AGENDA_ITEM + r")*)"
)
AGENDA_CONTEXT_AFTER_RE = lazy_re.compile(r"\s+of\s+the\s+(?:preliminary\s+list|provisional\s+agenda|agenda)")
AGENDA_ITEM_RE = lazy_re.compile(r"(\d{1,3})(?:\s?\(([a-z]|[ivx]{1,4})\))?|\(([a-z]|[ivx]{1,4})\)")

ORGANS = (
    ("peace and security council", None),  # the African Union's
    ("human rights council", "HRC"),
    ("commission on human rights", "CHR"),
    ("economic and social council", "ECOSOC"),
    ("security council", "SC"),
    ("general assembly", "GA"),
)
ACRONYMS: dict[str, str | None] = {
    "UNSC": "SC",
    "UNGA": "GA",
    "HRC": "HRC",
    "ECOSOC": "ECOSOC",
    "UN": None,
    "ITS": None,
    "THE": None,
}
TAIL_WORD_RE = lazy_re.compile(r"([A-Za-z][\w’'.-]*)\s+$")
SENTENCE_ORGAN_RE = lazy_re.compile("|".join(name for name, _ in ORGANS[1:]))
FOREIGN = "foreign"
