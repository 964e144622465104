"""The grammar of a letter's title and its addressee: "Letter dated ... from ... addressed to ...".

The masthead reads the title with it, the paragraph builder keeps a title's lines together with it,
and the annex splitter finds an annex's own title with it: one owner for when a title starts, when
its addressee is complete and when the next line still names the addressee.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader import lazy_re
from reader.parser.rows import Row
from reader.parser.text_shape import ends_sentence, printed_width

_TITLE = lazy_re.compile(
    r"^(?:(?:Identical|Joint|Same)\s+)?(?:letters?|notes? verbales?|note|communication|statement|declaration)"
    r"\s+dated\b",
    re.IGNORECASE,
)
_ADDRESSEE_END = lazy_re.compile(
    r"addressed to\b.*(?:\b(?:Secretary-General|Council|Assembly|Secretariat|Committee|Commission|Court|"
    r"Chair|Chairman|Chairperson|President|Nations|Organization|Office|Mission|Excellency|Rights|People|"
    r"Affairs|Representative|Commissioner|Programme|Union|Agency|Conference|Tribunal|Director-General)"
    r"|\bresolution \d{1,4} \((?:19|20)\d\d\))[.,]?$",  # "... established pursuant to resolution 1718 (2006)"
    re.IGNORECASE,
)
_RUNS_ON = lazy_re.compile(r"^(?:[a-z]|\((?:19|20)\d\d\))")  # no text starts so: "pursuant to", "(2006)"


def runs_on(text: str) -> bool:
    """A line starting lower-case or with a year in brackets goes on with the line before it."""
    return bool(_RUNS_ON.match(text))


def addressee_runs_on(row: Row) -> bool:
    """ "... the Chair of the Committee" / "on the Exercise of ...", "... Committee established" /
    "pursuant to resolution 1718 (2006)": a title's addressee goes on."""
    return runs_on(row.text) and not row.gap_before and not row.after_furniture


# How a letter's text begins: a line starting so after a complete addressee is the body's first
_OPENERS = frozenset(
    [
        "I", "We", "The", "On", "Upon", "In", "Pursuant", "For", "With", "At", "As", "Following",
        "Further", "Referring", "Reference", "It", "This", "That", "These", "My", "Our", "Please",
        "Allow", "Recalling", "Excellency", "Sir", "Madam", "Mr.", "Mrs.", "Ms.", "Dear", "Having",
        "Given", "Since", "Today", "Regarding", "Concerning", "According", "Attached", "Enclosed",
        "Kindly", "During", "After", "Before", "Despite", "Let", "Over", "Under", "By", "From", "To",
        "Within", "Throughout", "Reiterating", "Noting", "Note", "Thank", "Thanks", "Your", "His",
        "Her", "Their", "There", "Here", "Recently", "Yesterday", "Last", "Acting", "Also", "Moreover",
        "Furthermore", "Additionally",
    ]
)  # fmt: skip
# Words a UN office's or body's name goes on with after a line break
_NAME_WORDS = frozenset(
    [
        "Committee", "Commission", "Council", "Commissioner", "High", "Rights", "Representative",
        "Special", "Office", "Secretary-General", "Security", "General", "Human", "People", "Nations",
        "Republic", "Court", "Tribunal", "Organization", "Union", "Agency", "Programme", "Assembly",
        "Coordinator", "Envoy", "Rapporteur", "Adviser", "Chair", "Chairperson", "President",
        "Director-General", "Under-Secretary-General", "Working", "Group", "Panel", "Mission",
        "Inalienable", "Exercise", "Palestinian", "United", "Economic", "Social", "International",
        "Independent", "Peacebuilding", "Counter-Terrorism", "Executive", "Director", "Affairs",
        "Disarmament", "Conference", "Board", "Fund", "Secretariat", "Permanent", "Mechanism",
    ]
)  # fmt: skip
TITLE_WIDTH_SLACK = 1.08  # a title's lines are wrapped to one width; its continuation is no wider


def opens_text(text: str) -> bool:
    """The line starts the way a letter's text does ("I have the honour", "Furthermore, ...")."""
    words = text.split()
    return bool(words) and (words[0] in _OPENERS or words[0].rstrip(",:") in _OPENERS)


def addressee_goes_on(title_lines: Sequence[str], nxt: str, measure: bool = True) -> bool:
    """After an addressee that looks complete ("... the Security Council"), does ``nxt`` still
    name it ("Committee established pursuant to resolution 1533 (2004)", "High Commissioner for
    Human Rights")? Only if it starts like a name, not like a text, and (``measure``, plain text)
    is no wider than the title's own lines, which are wrapped narrower than the body's."""
    words = nxt.split()
    if not words or opens_text(nxt) or ends_sentence(nxt):
        return False
    first = words[0].rstrip(",;")
    if not (first in _NAME_WORDS or first[:1].isdigit()):
        return False  # "Joint statement by ...", a heading of the text, is not part of a name
    if not measure:
        return True
    widest = max((printed_width(line) for line in title_lines), default=0.0)
    return printed_width(nxt) <= widest * TITLE_WIDTH_SLACK


def is_title_start(text: str) -> bool:
    return text[:1] in TITLE_INITIALS and text[1:2] in TITLE_SECONDS and bool(_TITLE.match(text))


# the first letters of _TITLE's words, in any case, and the characters the regex engine folds to
# one of them (ſ to s, ı and İ to i): most lines start otherwise and skip the regex
TITLE_INITIALS = frozenset("ijslncdIJSLNCDſıİ")
# their second letters (iDentical, jOint, sAme, lEtter, nOte, cOmmunication, sTatement, dEclaration),
# in either case; no other character folds to one of them: "in", "such" and "development" skip it too
TITLE_SECONDS = frozenset("doateDOATE")


def ends_title(text: str) -> bool:
    """A letter title ends with its addressee: "... addressed to the Secretary-General"."""
    return bool(_ADDRESSEE_END.search(text))
