"""App test support: hand-built letters (the app is tested against the model, not the parser) and helpers."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from reader.app.app import ReaderApp
from reader.model import (
    AgendaItem,
    Annex,
    Footnote,
    Letter,
    Organ,
    Paragraph,
    Reference,
    RefKind,
    Signature,
)


def ref(
    kind: RefKind,
    text: str,
    where: str,
    paragraph: str,
    *,
    symbol: str | None = None,
    components: tuple[str, ...] = (),
    target: str | None = None,
    well_formed: bool = True,
) -> Reference:
    """A reference whose offsets are found in the paragraph text, so tests cannot get them wrong."""
    start = paragraph.index(text)
    return Reference(
        kind,
        text,
        where,
        start,
        start + len(text),
        symbol=symbol,
        components=components or ((symbol,) if symbol else ()),
        target=target,
        well_formed=well_formed,
    )


def doc(text: str, where: str, paragraph: str, symbol: str | None = None) -> Reference:
    symbol = symbol or text
    parts = tuple(symbol.split("-")) if symbol.count("/") > 2 and "-" in symbol else (symbol,)
    return ref(RefKind.DOCUMENT, text, where, paragraph, symbol=symbol, components=parts)


def make_letter(
    symbols: tuple[str, ...],
    title: str,
    paragraphs: list[str],
    *,
    refs: list[Reference] | None = None,
    footnotes: tuple[Footnote, ...] = (),
    agenda: tuple[AgendaItem, ...] = (),
    annexes: tuple[Annex, ...] = (),
    sender: str = "Azerbaijan",
    date: dt.date | None = dt.date(2021, 2, 8),
) -> Letter:
    return Letter(
        source=f"{'_'.join(s.replace('/', '_') for s in symbols) or 'letter'}.txt",
        format="text",
        symbols=symbols,
        organs=(
            Organ("General Assembly", "Seventy-fifth session", 75),
            Organ("Security Council", "Seventy-sixth year"),
        ),
        agenda_items=agenda,
        title=title,
        date=date,
        sender=sender,
        paragraphs=tuple(Paragraph(f"p{i + 1}", text) for i, text in enumerate(paragraphs)),
        signatures=(Signature("Yashar Aliyev", ("Ambassador", "Permanent Representative")),),
        footnotes=footnotes,
        annexes=annexes,
        references=tuple(refs or ()),
    )


P1 = (
    "At the end of the 1980s the people went into the streets (A/75/710-S/2021/42) and under agenda item 34 "
    "the Assembly adopted resolution 2231 (2015).1"
)
P2 = "See also A/74/450-S/2019/762 and decision 49/426 and the malformed S/2020-503."
P3 = "I should be grateful if you would have the present letter circulated under agenda items 34 and 135."
FN1 = "See, for example, the identical letters (A/74/450-S/2019/762); and A/74/961-S/2020/729, annex."


def seed_like_letter() -> Letter:
    """Shaped like the seed: joint symbols, a resolution, agenda mentions, a footnote, a decision."""
    refs = [
        doc("A/75/710-S/2021/42", "p1", P1),
        ref(RefKind.AGENDA_ITEM, "agenda item 34", "p1", P1, target="34"),
        ref(RefKind.RESOLUTION, "resolution 2231 (2015)", "p1", P1, symbol="S/RES/2231 (2015)"),
        Reference(RefKind.FOOTNOTE, "1", "p1", len(P1) - 1, len(P1), target="1"),
        doc("A/74/450-S/2019/762", "p2", P2),
        ref(RefKind.DECISION, "decision 49/426", "p2", P2, target="49/426"),
        ref(RefKind.DOCUMENT, "S/2020-503", "p2", P2, symbol="S/2020-503", well_formed=False),
        ref(RefKind.AGENDA_ITEM, "135", "p3", P3, target="135"),
        doc("A/74/450-S/2019/762", "fn1", FN1),
        doc("A/74/961-S/2020/729", "fn1", FN1),
    ]
    return make_letter(
        ("A/75/760", "S/2021/126"),
        "Letter dated 8 February 2021 from the Permanent Representative of Azerbaijan to the United Nations "
        "addressed to the Secretary-General",
        [P1, P2, P3],
        refs=refs,
        footnotes=(Footnote("fn1", "1", FN1),),
        agenda=(
            AgendaItem("34", "Prevention of armed conflict"),
            AgendaItem("135", "The responsibility to protect"),
        ),
    )


def citing_pair() -> tuple[Letter, Letter, Letter]:
    """A/79/818 cites A/79/798 and A/79/802; A/79/798 cites A/79/818 back."""
    text = "I refer to the letters (A/79/798-S/2025/110 and A/79/802-S/2025/123) on the same matter."
    first = make_letter(
        ("A/79/818", "S/2025/156"),
        "Letter dated 3 March 2025 from Armenia",
        [text],
        refs=[doc("A/79/798-S/2025/110", "p1", text), doc("A/79/802-S/2025/123", "p1", text)],
        sender="Armenia",
    )
    back = "This answers A/79/818 in full."
    second = make_letter(
        ("A/79/798", "S/2025/110"),
        "Letter dated 20 February 2025 from Azerbaijan",
        [back],
        refs=[doc("A/79/818", "p1", back)],
    )
    third = make_letter(
        ("A/79/802", "S/2025/123"), "Letter dated 24 February 2025 from Azerbaijan", ["Nothing cited here."]
    )
    return first, second, third


def loader_for(letters: dict[str, Letter]):  # type: ignore[no-untyped-def]
    """A `load` for ReaderApp that returns hand-built letters by file name and fails for the rest."""
    from reader.errors import InputError

    def load(path: Path) -> Letter:
        if path.name in letters:
            return letters[path.name]
        raise InputError(f"{path.name}: not a letter (no title found)")

    return load


def app_for(letters: dict[str, Letter], extra: list[str] | None = None) -> ReaderApp:
    """An app opening `letters` (by file name, in order) plus `extra` names that fail to parse."""
    names = [*letters, *(extra or [])]
    return ReaderApp([Path(name) for name in names], load=loader_for(letters))


async def ready(pilot: Pilot[int]) -> None:
    """Let the parse worker finish and the screen settle, so assertions see the parsed letters."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def settled(pilot: Pilot[int], timeout: float = 60.0) -> ReaderApp:
    """`ready`, and the library open when the app has one.

    Indexing starts after the first paint, so on a loaded machine `ready` can return before the index
    worker exists: wait for the library itself (a failure or a stuck index still fails, with its state).
    """
    await ready(pilot)
    app = pilot.app
    assert isinstance(app, ReaderApp)
    service = app.library_service
    deadline = time.monotonic() + timeout
    while service.folders and service.library is None:
        assert time.monotonic() < deadline, f"the library did not open: {service.bridge.state}"
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
    await pilot.pause()
    return app


async def eventually(pilot: Pilot[int], check: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Whether ``check`` comes true within ``timeout`` seconds of pauses: for what the app does after
    a refresh (a place scrolled to the top of a letter just shown), which a loaded machine delays."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.02)
    return True


def screen_text(app: ReaderApp) -> str:
    """The whole screen as plain text, line by line: what a terminal would show."""
    update = app.screen._compositor.render_update(full=True)
    return "\n".join("".join(strip.text for strip in line) for line in update.strips)


def terminal_output(app: ReaderApp) -> str:
    """The bytes the app would write to the terminal for a full repaint (escape sequences included)."""
    update = app.screen._compositor.render_update(full=True)
    return update.render_segments(app.console)
