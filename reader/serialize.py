"""Letters as plain data (JSON and YAML) with the key names the CLI promises to scripts."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

from reader.model import Adoption, Annex, Letter, Reference, Resolution
from reader.safe_text import ESCAPED_IN_OUTPUT, valid_unicode

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2 ms of `un-reader parse`)
if TYPE_CHECKING:
    from typing import Any


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def reference_to_dict(ref: Reference) -> dict[str, Any]:
    return {
        "kind": str(ref.kind),
        "symbol": ref.symbol,
        "components": list(ref.components),
        "text": ref.text,
        "where": ref.where,
        "start": ref.start,
        "end": ref.end,
        "url": ref.url,
        "target": ref.target,
        "well_formed": ref.well_formed,
        "pinpoint": {"kind": str(ref.pinpoint.kind), "value": ref.pinpoint.value} if ref.pinpoint else None,
    }


def _text_parts(part: Letter | Annex) -> dict[str, Any]:
    """Paragraphs, signatures and footnotes: a letter and each of its annexes hold the same three."""
    return {
        "paragraphs": [{"id": p.id, "number": p.number, "text": p.text} for p in part.paragraphs],
        "signatures": [{"name": s.name, "titles": list(s.titles)} for s in part.signatures],
        "footnotes": [{"id": f.id, "number": f.number, "text": f.text} for f in part.footnotes],
    }


def _annex_to_dict(annex: Annex) -> dict[str, Any]:
    return {"id": annex.id, "title": annex.title, **_text_parts(annex)}


def letter_to_dict(letter: Letter) -> dict[str, Any]:
    return {
        "source": valid_unicode(letter.source),  # a file name need not be UTF-8 (surrogate-escaped)
        "format": letter.format,
        "kind": str(letter.kind),
        "symbols": list(letter.symbols),
        "reissued": letter.reissued,
        "distribution": letter.distribution,
        "issued": _date(letter.issued),
        "original_language": letter.original_language,
        "organs": [{"name": o.name, "session": o.session, "number": o.number} for o in letter.organs],
        "agenda_items": [
            {"number": a.number, "title": a.title, "preliminary": a.preliminary} for a in letter.agenda_items
        ],
        "title": letter.title,
        "date": _date(letter.date),
        "sender": letter.sender,
        "addressees": list(letter.addressees),
        **_text_parts(letter),
        "annexes": [_annex_to_dict(a) for a in letter.annexes],
        "references": [reference_to_dict(r) for r in letter.references],
        "warnings": list(letter.warnings),
        "pages": letter.pages,
        "digest": letter.digest,
        "sections": [
            {"id": s.id, "level": s.level, "number": s.number, "title": s.title, "paragraph": s.paragraph}
            for s in letter.sections
        ],
        "adopted": _adoption(letter.adopted),
        "resolution": _resolution(letter.resolution),
        "low_quality": letter.low_quality,
    }


def _adoption(adopted: Adoption | None) -> dict[str, Any] | None:
    if adopted is None:
        return None
    return {"organ": adopted.organ, "meeting": adopted.meeting, "date": _date(adopted.date)}


def _resolution(res: Resolution | None) -> dict[str, Any] | None:
    if res is None:
        return None
    return {
        "number": res.number,
        "year": res.year,
        "preamble": list(res.preamble),
        "operative": list(res.operative),
    }


# json.dumps escapes C0 controls but, with ensure_ascii=False, writes C1 controls (U+009B is a CSI
# to many terminals), bidirectional overrides and line separators as they are. Letters are untrusted
# and this output often lands on a terminal, so those are written as \u escapes: the same JSON data.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in ESCAPED_IN_OUTPUT}


def to_json(data: object, indent: int | None = None) -> str:
    """JSON with non-ASCII text kept readable and every character that could act on a terminal escaped."""
    return json.dumps(data, ensure_ascii=False, indent=indent).translate(_JSON_ESCAPES)


def letter_to_json(letter: Letter) -> str:
    return to_json(letter_to_dict(letter), indent=2)


# PyYAML counts bidirectional overrides and isolates as printable, so with allow_unicode it writes
# them raw, even inside double quotes (C0, DEL and C1 it already escapes, NEL and U+2028/9 too).
_YAML_RAW = frozenset(chr(code) for code in ESCAPED_IN_OUTPUT)


if TYPE_CHECKING:
    import yaml


@cache
def _dumper() -> type[yaml.SafeDumper]:
    """The YAML dumper, made on first use: JSON output (the default) never imports yaml."""
    import yaml

    class TerminalSafeDumper(yaml.SafeDumper):
        """`safe_dump` whose output acts on no terminal: a string holding a character from `_YAML_RAW`
        is written double-quoted, where `to_yaml` then writes that character as a \\u escape."""

        def choose_scalar_style(self) -> str:
            value = getattr(self.event, "value", None)
            if isinstance(value, str) and not _YAML_RAW.isdisjoint(value):
                return '"'
            return str(super().choose_scalar_style())

    return TerminalSafeDumper


_YAML_ESCAPES = {code: f"\\u{code:04X}" for code in ESCAPED_IN_OUTPUT}  # left raw only inside "…"


def to_yaml(data: object) -> str:
    """YAML with non-ASCII text kept readable and every character that could act on a terminal escaped;
    `yaml.safe_load` reads back the same data."""
    import yaml

    text = yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100)
    return text.translate(_YAML_ESCAPES)


def letter_to_yaml(letter: Letter) -> str:
    return to_yaml(letter_to_dict(letter))
