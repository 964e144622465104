"""What `un-reader check` finds in a letter, as data the command prints and the app can show.

What counts as a problem (exit code 1): a malformed symbol (a reference the parser marks not well
formed, like S/2020-503) and a broken footnote (a marker without a footnote, or a footnote no marker
points to). A well-formed document symbol that is not in the library is reported as "not in library"
but is not a problem: a library rarely holds every document a letter cites. Decisions have no symbol, so
they are never looked up.

A citation is also checked against the document it cites, when the library holds it: what the
citing sentence says before the symbol ("letter dated 31 January 2025 from the Permanent
Representative of Azerbaijan (S/2025/74)") against the target's date, kind and sender; the symbol's
components against the target's own; a resolution's year against the library's resolution of that
number; and whether a revision, corrigendum or addendum of the target is in the library. Each
disagreement is a `Mismatch` (a problem: exit code 1). The citing text is read conservatively: a
field is compared only when the sentence states it, so silence is never a finding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from reader.library.entries import LetterEntry, Match
from reader.library.library import Library
from reader.library.review import Review, ReviewState, ReviewStore, ReviewSummary, cited_documents, effective
from reader.model import Footnote, Letter, LetterKind, Reference, RefKind
from reader.symbol_keys import component_keys, symbol_key

Resolver = Callable[[Sequence[str]], Sequence[Match]]
FIELDS = ("date", "kind", "sender", "components", "resolution", "version")
LATER_VERSIONS = ("Rev.1", "Rev.2", "Rev.3", "Corr.1", "Corr.2", "Add.1", "Add.2")
RESOLUTION_YEARS = 3  # a cited resolution year this far off the library's is looked for


@dataclass(frozen=True, slots=True)
class Mismatch:
    """What the citing text says about a cited document against what that document is."""

    symbol: str  # the symbol as the letter cites it
    where: str  # the text holding the citation (p3, fn1, a1.p2)
    field: str  # one of FIELDS
    cited: str  # what the citing text says
    found: str  # what the cited document (or the library) says

    def __str__(self) -> str:
        return f"{self.field}: cited {self.cited!r}, found {self.found!r}"


@dataclass(frozen=True, slots=True)
class LetterCheck:
    path: str
    key: str
    symbol: str
    malformed: tuple[Reference, ...]
    resolved: tuple[Reference, ...]  # document references found in the library
    not_in_library: tuple[Reference, ...]
    markers_without_footnote: tuple[Reference, ...]
    footnotes_without_marker: tuple[Footnote, ...]
    review: ReviewSummary
    mismatches: tuple[Mismatch, ...] = ()
    flags: tuple[tuple[str, Review], ...] = ()  # (cited document or mention, its flag) with notes

    @property
    def broken(self) -> bool:
        return bool(self.markers_without_footnote or self.footnotes_without_marker)

    @property
    def ok(self) -> bool:
        return not self.malformed and not self.broken and not self.mismatches


def _scope(where: str) -> str:
    """Footnotes are numbered per letter and per annex: "a1.p2" and "a1.fn1" share the scope "a1"."""
    return where.split(".", 1)[0] if "." in where else ""


def footnote_problems(letter: Letter) -> tuple[tuple[Reference, ...], tuple[Footnote, ...]]:
    markers = [ref for ref in letter.references if ref.kind == RefKind.FOOTNOTE]
    footnotes = letter.all_footnotes()
    numbers = {(_scope(f.id), f.number) for f in footnotes}
    anywhere = {f.number for f in footnotes}
    marked = {(_scope(ref.where), ref.target or "") for ref in markers}
    marked_anywhere = {ref.target or "" for ref in markers}
    orphans = tuple(
        ref
        for ref in markers
        if (_scope(ref.where), ref.target or "") not in numbers and (ref.target or "") not in anywhere
    )
    unmarked = tuple(
        f for f in footnotes if (_scope(f.id), f.number) not in marked and f.number not in marked_anywhere
    )
    return orphans, unmarked


def check_letter(letter: Letter, library: Library | None, reviews: ReviewStore | None) -> LetterCheck:
    malformed = tuple(ref for ref in letter.references if not ref.well_formed)
    resolved: list[Reference] = []
    missing: list[Reference] = []
    for ref in letter.references:
        if ref.kind != RefKind.DOCUMENT or not ref.well_formed or ref.symbol is None:
            continue
        found = library is not None and bool(library.resolve(ref.components or ref.symbol))
        (resolved if found else missing).append(ref)
    orphans, unmarked = footnote_problems(letter)
    review = reviews.summary(letter) if reviews is not None else ReviewSummary(0, 0, 0)
    mismatches = citation_mismatches(letter, library.resolve) if library is not None else ()
    flags: list[tuple[str, Review]] = []
    if reviews is not None:
        state = reviews.for_letter(letter.key)
        for doc in cited_documents(letter):
            mark = effective(state, doc)
            if mark is not None and mark.state is ReviewState.FLAGGED:
                flags.append((doc.label, mark))
    return LetterCheck(
        path=letter.source,
        key=letter.key,
        symbol=letter.symbol,
        malformed=malformed,
        resolved=tuple(resolved),
        not_in_library=tuple(missing),
        markers_without_footnote=orphans,
        footnotes_without_marker=unmarked,
        review=review,
        mismatches=mismatches,
        flags=tuple(flags),
    )


# -- checking a citation against the cited document --------------------------------------------

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September"]
_MONTHS += ["October", "November", "December"]
_MONTH = "|".join(_MONTHS)
_DATED = re.compile(
    rf"\bdated\s+((?:\d{{1,2}}(?:\s+(?:{_MONTH}))?(?:\s+\d{{4}})?(?:\s*,\s*|\s+and\s+))*"
    rf"\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}})"
)
_DAY = re.compile(rf"(\d{{1,2}})(?:\s+({_MONTH}))?(?:\s+(\d{{4}}))?")
_KIND = re.compile(
    r"\b(identical\s+letters|letters?|notes?\s+verbales?|reports?|communications?)\b", re.IGNORECASE
)
_SENDER = re.compile(
    r"\bfrom\s+(?:the\s+)?((?:Permanent|Deputy|Charg[ée]|Chair|President|Minister|Secretary|Head|"
    r"Representative|Ambassador|Acting)[^()]*)",
)
_SENDER_END = re.compile(r"\s+(?:and\s+(?:their|its|the)\b|addressed\b|to\s+the\s+United\s+Nations\b)|[,;:]")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(“\"])")
_JUST_BEFORE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})$")
_RESOLUTION = re.compile(r"^(S/RES/\d+)\s*\((\d{4})\)$")


def _kind_of(word: str) -> str | None:
    word = " ".join(word.lower().split())
    if word.startswith("identical"):
        return str(LetterKind.IDENTICAL_LETTERS)
    if word.startswith("letter"):
        return str(LetterKind.LETTER)
    if word.startswith("note"):
        return str(LetterKind.NOTE_VERBALE)
    if word.startswith("report"):
        return "report"
    return None  # "communication" says nothing about the kind


def citing_description(text: str, ref: Reference, others: Sequence[Reference] = ()) -> str:
    """What the sentence says before the reference: from the sentence's start (or the previous
    citation in it) up to the reference, or up to the bracket the reference stands in."""
    start = 0
    for found in _SENTENCE_END.finditer(text, 0, ref.start):
        start = found.end()
    for other in others:
        if other.end <= ref.start and other.end > start and text.find("(", other.end, ref.start) >= 0:
            start = other.end  # "(S/2025/1) and the letter dated … (S/2025/2)": not the first's words
    before = text[start : ref.start]
    bracket = before.rfind("(")
    if bracket >= 0 and before.find(")", bracket) < 0:
        before = before[:bracket]
    return " ".join(before.split())


def cited_dates(description: str) -> tuple[tuple[dt.date, ...], str]:
    """The dates of the last "dated …" clause ("dated 20 and 25 February 2025": two) and its words."""
    clauses = list(_DATED.finditer(description))
    if not clauses:
        return (), ""
    words = clauses[-1].group(1)
    parts = [(int(d), m, int(y) if y else None) for d, m, y in _DAY.findall(words)]
    out: list[dt.date] = []
    month, year = "", 0
    for day, named, given in reversed(parts):  # a month or year written once belongs to the days before
        month = named or month
        year = given or year
        if month and year:
            try:
                out.append(dt.date(year, _MONTHS.index(month) + 1, day))
            except ValueError:
                continue
    return tuple(reversed(out)), words


def _said_kind(description: str) -> tuple[str | None, str]:
    found = list(_KIND.finditer(description))
    if not found:
        return None, ""
    return _kind_of(found[-1].group(1)), found[-1].group(1)


def _said_sender(description: str) -> str:
    found = list(_SENDER.finditer(description))
    if not found:
        return ""
    return found[-1].group(1)


def _plain(text: str) -> str:
    words = re.sub(r"[’'`]", "'", text).casefold().split()
    return " ".join(word for word in words if word != "the")


def _sender_agrees(said: str, sender: str) -> bool:
    """The citing words start with the target's sender (less "to the United Nations"), or the other way."""
    target = re.sub(r"\s+to\s+the\s+United\s+Nations.*$", "", sender, flags=re.IGNORECASE)
    said_plain, target_plain = _plain(said), _plain(target)
    return bool(target_plain) and (
        said_plain.startswith(target_plain) or target_plain.startswith(_plain(_SENDER_END.split(said)[0]))
    )


def _long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def citation_mismatches(
    letter: Letter, resolve: Resolver, only: Collection[Reference] | None = None
) -> tuple[Mismatch, ...]:
    """Every disagreement between the letter's citations (or those `only` names: the app asks for
    the selected one) and the cited documents the resolver finds."""
    texts = letter.texts()
    out: list[Mismatch] = []
    by_place: dict[str, list[Reference]] = {}
    for r in letter.references:
        if r.kind is RefKind.DOCUMENT and r.well_formed and r.symbol:
            by_place.setdefault(r.where, []).append(r)
    for ref in letter.references if only is None else [r for r in letter.references if r in only]:
        if not ref.well_formed or ref.symbol is None:
            continue
        if ref.kind is RefKind.RESOLUTION:
            out.extend(_resolution_mismatch(ref, resolve))
            continue
        if ref.kind is not RefKind.DOCUMENT:
            continue
        matches = list(resolve(ref.components or (ref.symbol,)))
        exact = [m for m in matches if not m.revision]
        later = [m for m in matches if m.revision] + _later_versions(ref, resolve, exact)
        for match in later:
            found = f"a later version exists: {match.entry.symbol}"
            out.append(Mismatch(ref.symbol, ref.where, "version", ref.symbol, found))
        if not exact:
            continue
        target = exact[0].entry
        text = texts.get(ref.where, "")
        described = citing_description(text, ref, by_place.get(ref.where, ()))
        bracketed = text[: ref.start].rstrip().endswith("(")
        out.extend(_entry_mismatches(ref, target, described, bracketed))
    return tuple(dict.fromkeys(out))


def _entry_mismatches(
    ref: Reference, target: LetterEntry, described: str, bracketed: bool = False
) -> list[Mismatch]:
    out: list[Mismatch] = []
    symbol = ref.symbol or ref.text
    own = set(component_keys(target.symbols))
    strays = [c for c in component_keys(ref.components or (symbol,)) if c not in own]
    if strays:
        out.append(Mismatch(symbol, ref.where, "components", symbol, target.symbol))
    dates, words = cited_dates(described)
    if not dates and bracketed and (just := _JUST_BEFORE.search(described)):
        # "… dated from 29 September 2000 (A/55/432) to 19 March 2025 (A/ES-10/1027)": the date
        # the bracket follows is the document's
        dates, words = cited_dates(f"dated {just[0]}")
    if dates and target.date is not None and target.date not in dates:
        out.append(Mismatch(symbol, ref.where, "date", words, _long_date(target.date)))
    kind, kind_words = _said_kind(described)
    if kind is not None and kind != "report":  # a letter often carries a report (S/2025/147 cites one)
        target_kind = str(target.kind)
        letters = {str(LetterKind.LETTER), str(LetterKind.IDENTICAL_LETTERS)}
        if kind != target_kind and not (kind in letters and target_kind in letters):
            out.append(Mismatch(symbol, ref.where, "kind", kind_words, target_kind))
    said = _said_sender(described)
    if said and target.sender and not _sender_agrees(said, target.sender):
        out.append(Mismatch(symbol, ref.where, "sender", _SENDER_END.split(said)[0].strip(), target.sender))
    return out


def _later_versions(ref: Reference, resolve: Resolver, exact: Sequence[Match]) -> list[Match]:
    """Corrigenda, addenda and further revisions of the cited document that the library holds."""
    cited = {symbol_key(c) for c in ref.components or (ref.symbol or "",)}
    wanted = [f"{c}/{suffix}" for c in cited for suffix in LATER_VERSIONS]
    seen = {m.entry.path for m in exact}
    out = []
    for match in resolve(wanted):
        keys = set(component_keys(match.entry.symbols))
        if match.entry.path not in seen and not keys & cited:
            seen.add(match.entry.path)
            out.append(match)
    return out


def _resolution_mismatch(ref: Reference, resolve: Resolver) -> list[Mismatch]:
    """`resolution 2231 (2016)` when the library holds S/RES/2231 (2015): the year is wrong."""
    found = _RESOLUTION.match(ref.symbol or "")
    if found is None or resolve([ref.symbol or ""]):
        return []
    base, year = found.group(1), int(found.group(2))
    years = [y for d in range(1, RESOLUTION_YEARS + 1) for y in (year - d, year + d)]
    for match in resolve([f"{base} ({y})" for y in years]):
        return [Mismatch(ref.symbol or "", ref.where, "resolution", ref.text, match.entry.symbol)]
    return []
