"""Synthetic libraries of UN letters in the plain `pdftotext` layout, for benchmarks at any size.

Each letter looks like the real fixtures (tests/fixtures/letters/text): masthead with symbol(s),
"United Nations", organs, distribution, date, original language, sessions and agenda items with
titles, the title, body paragraphs wrapped at about 85 columns, the circulation request, a signature,
page furniture (job number, date stamp, barcode, page numbers, symbols repeated on later pages, form
feeds) and footnotes after a separator. Letters cite earlier letters of the same library in the forms
real letters use ("(S/2026/12)", "(see A/80/34-S/2026/56)", "(A/80/3 and A/80/9, respectively)"),
resolutions and presidential statements, so `cited-by` has real work to do.

    python benchmarks/synth.py OUT_DIR N [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

COUNTRIES = [
    "Azerbaijan",
    "Armenia",
    "Ukraine",
    "Georgia",
    "Qatar",
    "Egypt",
    "Jordan",
    "Lebanon",
    "Kenya",
    "Somalia",
    "Ethiopia",
    "Nigeria",
    "Ghana",
    "Senegal",
    "Mali",
    "Niger",
    "Chad",
    "Sudan",
    "Colombia",
    "Venezuela",
    "Mexico",
    "Brazil",
    "Argentina",
    "Chile",
    "Peru",
    "Cuba",
    "Iran",
    "Iraq",
    "Pakistan",
    "India",
    "Bangladesh",
    "Myanmar",
    "Thailand",
    "Indonesia",
    "Philippines",
    "Japan",
    "China",
    "Mongolia",
    "Kazakhstan",
    "Uzbekistan",
    "Tajikistan",
    "Türkiye",
    "Greece",
    "Cyprus",
    "Serbia",
    "Albania",
    "Croatia",
    "Morocco",
    "Algeria",
    "Tunisia",
    "Libya",
    "Yemen",
    "Oman",
    "Bahrain",
    "Kuwait",
]
NAMES = (
    "Tofig Musayev",
    "Mirjana Spoljaric",
    "Amina Rahman",
    "José Luis Fernández",
    "Olena Kovalenko",
    "Kwame Mensah",
    "Ahmed Al-Thani",
    "Ingrid Solberg",
    "Nguyen Van An",
    "Fatima Diallo",
    "Jean-Pierre Lacroix",
    "María Elena Ruiz",
    "Sergiy Kyslytsya",
    "Hiroshi Tanaka",
    "Rana Haddad",
    "Abdou Abarry",
)
AGENDA = (
    ("14", "Culture of peace"),
    ("32", "Prevention of armed conflict"),
    (
        "35",
        "Protracted conflicts in the GUAM area and their implications for international peace, security "
        "and development",
    ),
    (
        "60",
        "Report of the United Nations High Commissioner for Refugees, questions relating to refugees, "
        "returnees and displaced persons and humanitarian questions",
    ),
    ("61", "Peacebuilding and sustaining peace"),
    ("69", "Elimination of racism, racial discrimination, xenophobia and related intolerance"),
    ("71", "Promotion and protection of human rights"),
    ("84", "The rule of law at the national and international levels"),
    ("98 (j)", "General and complete disarmament: nuclear disarmament verification"),
    ("116 (c)", "Elections to fill vacancies in subsidiary organs and other elections"),
    (
        "132",
        "The responsibility to protect and the prevention of genocide, war crimes, ethnic cleansing and "
        "crimes against humanity",
    ),
)
SUBJECTS = (
    "the humanitarian situation",
    "the ceasefire agreement",
    "the transport corridor",
    "the demining programme",
    "the return of displaced persons",
    "the maritime boundary",
    "the verification mechanism",
    "the peace process",
    "the protection of cultural heritage",
    "the sanctions regime",
    "the water-sharing arrangement",
    "attacks on merchant and commercial vessels",
    "the detention of journalists",
    "the electoral timetable",
)
VERBS = (
    "reaffirms its commitment to",
    "categorically rejects the allegations concerning",
    "draws attention to",
    "expresses deep concern about",
    "welcomes the progress made on",
    "calls upon all parties to respect",
    "recalls the obligations arising from",
    "strongly condemns the violations of",
    "takes note of",
)
PLACES = (
    "Baidoa",
    "Mogadishu",
    "Khankendi",
    "Shusha",
    "Kharkiv",
    "Mariupol",
    "Hodeidah",
    "Aden",
    "Goma",
    "Timbuktu",
    "Agdam",
    "Lachin",
    "Rafah",
    "Tripoli",
    "Benghazi",
    "Mosul",
    "Aleppo",
    "Juba",
    "Bangui",
    "Kidal",
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ORDINALS = {80: "Eightieth", 81: "Eighty-first"}
FOOTNOTES = (
    "The text of the statement is available from the Secretariat.",
    "See the report of the independent expert mission, issued in {year}.",
    "Available at https://www.example.org/reports/{n}.",
    "Figures as at {date}, provided by the national authorities.",
)


@dataclass(frozen=True, slots=True)
class Plan:
    """Who a synthetic letter is, decided before writing any so that letters can cite later ones too."""

    number: int
    symbols: tuple[str, ...]
    date: dt.date
    country: str


def _date_text(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def plan_library(n: int, seed: int = 1) -> list[Plan]:
    rng = random.Random(seed)
    plans: list[Plan] = []
    a_number, s_number = 100, 1
    start = dt.date(2025, 9, 9)
    for i in range(n):
        day = start + dt.timedelta(days=int(i * 300 / max(n, 1)))
        shape = rng.random()
        if shape < 0.4:
            symbols: tuple[str, ...] = (f"A/80/{a_number}", f"S/{day.year}/{s_number}")
            a_number += 1
            s_number += 1
        elif shape < 0.9:
            symbols = (f"S/{day.year}/{s_number}",)
            s_number += 1
        else:
            symbols = (f"A/80/{a_number}",)
            a_number += 1
        plans.append(Plan(i, symbols, day, rng.choice(COUNTRIES)))
    return plans


def _citation(rng: random.Random, cited: Plan, others: list[Plan]) -> str:
    joint = "-".join(cited.symbols)
    form = rng.random()
    if form < 0.35:
        return f"my letter dated {_date_text(cited.date)} ({joint})"
    if form < 0.6:
        return f"the communication circulated as document {joint}"
    if form < 0.75 and others:
        other = "-".join(rng.choice(others).symbols)
        return f"the letters dated {_date_text(cited.date)} ({joint} and {other}, respectively)"
    if form < 0.9:
        return f"previous correspondence on this matter (see {joint}, annex)"
    return f"document {cited.symbols[-1]}"


def _sentence(rng: random.Random, country: str) -> str:
    return (
        f"The Government of {country} {rng.choice(VERBS)} {rng.choice(SUBJECTS)} in and around "
        f"{rng.choice(PLACES)}, and {rng.choice(VERBS)} {rng.choice(SUBJECTS)}."
    )


def _paragraph(rng: random.Random, plan: Plan, citations: list[str], footnote: int | None) -> str:
    sentences = [_sentence(rng, plan.country) for _ in range(rng.randint(2, 5))]
    if citations:
        sentences.insert(rng.randint(0, len(sentences)), f"I refer to {citations.pop()}.")
    if rng.random() < 0.3:
        resolution = rng.choice(("2231 (2015)", "2722 (2024)", "1325 (2000)", "2250 (2015)"))
        sentences.append(f"The Security Council, in its resolution {resolution}, was clear on this point.")
    if rng.random() < 0.15:
        sentences.append(
            f"The General Assembly, in resolution 7{rng.randint(0, 9)}/{rng.randint(100, 300)}, "
            "called for restraint."
        )
    if rng.random() < 0.05:
        sentences.append(
            "This is consistent with the statement by the President of the Council (S/PRST/2010/18)."
        )
    text = " ".join(sentences)
    if footnote is not None:
        text = text[:-1] + f".{footnote} " + _sentence(rng, plan.country)
    return text


def render_letter(plan: Plan, plans: list[Plan], seed: int = 1) -> str:
    rng = random.Random(seed * 1_000_003 + plan.number)
    earlier = plans[max(0, plan.number - 400) : plan.number]
    cited = rng.sample(earlier, min(len(earlier), rng.randint(0, 4)))
    if earlier and rng.random() < 0.3:  # reply chains: many letters answer the one just before
        cited.append(earlier[-1])
    citations = [_citation(rng, c, earlier) for c in cited]
    issued = plan.date + dt.timedelta(days=rng.randint(1, 6))
    joint = "-".join(plan.symbols)
    job = f"{issued:%y}-{rng.randint(10000, 99999):05d}"
    organs = ["General Assembly"] if plan.symbols[0].startswith("A/") else []
    organs += ["Security Council"] if any(s.startswith("S/") for s in plan.symbols) else []
    items = sorted(rng.sample(AGENDA, rng.randint(1, 4)), key=lambda item: int(item[0].split()[0]))

    head = [
        joint,
        "",
        "United Nations",
        "",
        *organs,
        "",
        "Distr.: General",
        _date_text(issued),
        "Original: English",
        "",
    ]
    if "General Assembly" in organs:
        numbers = [item[0] for item in items]
        listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
        head += [
            "General Assembly",
            "Eightieth session",
            f"Agenda item{'s' if len(numbers) > 1 else ''} {listed}",
            "",
        ]
    if "Security Council" in organs:
        head += ["Security Council", f"{ORDINALS.get(plan.date.year - 1945, 'Eightieth')} year", ""]
    if "General Assembly" in organs:
        for _, title in items:
            head += textwrap.wrap(title, 60)
        head.append("")
    addressee = (
        "the Secretary-General" if "General Assembly" in organs else "the President of the Security Council"
    )
    title = (
        f"Letter dated {_date_text(plan.date)} from the Permanent Representative of {plan.country} to "
        f"the United Nations addressed to {addressee}"
    )
    head += textwrap.wrap(title, 66)

    footnote_texts: list[str] = []
    paragraphs: list[str] = []
    for i in range(rng.randint(3, 9)):
        mark = None
        if rng.random() < 0.12 and len(footnote_texts) < 3:
            footnote_texts.append(
                rng.choice(FOOTNOTES).format(year=2024, n=plan.number, date=_date_text(plan.date))
            )
            mark = len(footnote_texts)
        paragraphs.append(_paragraph(rng, plan, citations if i > 0 or len(citations) > 2 else [], mark))
    while citations:
        paragraphs.append(_paragraph(rng, plan, citations, None))
    if "General Assembly" in organs:
        request = (
            "I should be grateful if you would have the present letter circulated as a document of the "
            f"General Assembly, under agenda item{'s' if len(items) > 1 else ''} "
            f"{', '.join(i[0] for i in items)}"
            + (", and of the Security Council." if "Security Council" in organs else ".")
        )
    else:
        request = (
            "I should be grateful if you would have the present letter circulated as a document of the "
            "Security Council."
        )
    paragraphs.append(request)
    body: list[str] = []
    for paragraph in paragraphs:
        body += textwrap.wrap(paragraph, 85)
    body += [f"(Signed) {rng.choice(NAMES)}", "Ambassador", "Permanent Representative"]

    # pages of about 42 lines, the first shorter because of the masthead
    lines = head + body
    pages: list[list[str]] = []
    first = max(10, 46 - len(head)) + len(head)
    pages.append(lines[:first])
    rest = lines[first:]
    while rest:
        pages.append(rest[:44])
        rest = rest[44:]
    total = len(pages)
    notes = list(enumerate(footnote_texts, 1))
    out: list[str] = []
    for number, page in enumerate(pages, 1):
        if number > 1:
            out += [*plan.symbols, ""]
        out += page
        page_notes = notes[:2] if number == total or rng.random() < 0.5 else []
        notes = notes[len(page_notes) :]
        if number == total and notes:
            page_notes += notes
        for note_number, note in page_notes:
            out += ["__________________", str(note_number), ""]
            out += textwrap.wrap(note, 90)
        out.append("")
        if number == 1:
            out += [f"{job} (E)", "", f"{issued:%d%m%y}", "", f"*{job.replace('-', '')}*", ""]
        elif number % 2 == 0:
            out += [f"{number}/{total}", "", job, ""]
        else:
            out += [job, "", f"{number}/{total}", ""]
        out.append("\f")
    return "\n".join(out)


def file_name(plan: Plan) -> str:
    return "-".join(plan.symbols).replace("/", "_") + ".txt"


def write_library(folder: Path, n: int, seed: int = 1, per_folder: int = 2000) -> list[Plan]:
    """Write ``n`` letters under ``folder``, in sub-folders of ``per_folder`` like a real archive."""
    plans = plan_library(n, seed)
    for plan in plans:
        sub = folder / f"batch_{plan.number // per_folder:03d}"
        if plan.number % per_folder == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / file_name(plan)).write_text(render_letter(plan, plans, seed), encoding="utf-8")
    return plans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_library(args.out, args.n, args.seed)
    print(f"{args.n} letters written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
