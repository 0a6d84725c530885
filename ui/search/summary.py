"""What an offer's card and summary say, piece by piece, in plain words (kiosk.catalogue.plain)
with the offer's own French words marked as French, so each is shown aligned with the screen
and read by the right voice."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalogue import plain
from kiosk.catalogue.plain import FRENCH, Said
from kiosk.catalogue.search import OfferCard, OfferDetail
from kiosk.i18n import _, ltr
from ui.search import words
from ui.widgets.spoken import Part, in_sentences

# Laying out text happens on the UI thread: a megabyte in one label froze the screen for
# 15 s. What a screen shows of an offer is capped (imports cap too; the API's own offers stay
# far below); the rest is marked as cut. Printing still gives the whole offer.
TITLE_MAX = 300
LINE_MAX = 1000
TEXT_MAX = 20_000
CUT = "…"


def shown(text: str, limit: int) -> str:
    """``text`` as a screen may show it: at most ``limit`` characters, a cut marked."""
    return text if len(text) <= limit else text[:limit].rstrip() + CUT


# A pictogram per contract, so a person who reads little tells them apart.
CONTRACT_ICONS: dict[str, str] = {
    "CDI": "mdi6.infinity",
    "CDD": "mdi6.calendar-range",
    "MIS": "mdi6.swap-horizontal",
    "SAI": "mdi6.weather-sunny",
    "DIN": "mdi6.infinity",
    "work_study": "mdi6.school",
    "other": "mdi6.file-document-outline",
}


@dataclass(frozen=True)
class Mixed(Said):
    """A line in the person's language holding French words ("Lyon 03, 12 km away"): said
    part by part, each by its own voice."""

    parts: tuple[Part, ...] = ()


def said_parts(said: Said) -> list[Part]:
    """What the voices say of one piece: (words, language), None being the person's."""
    if isinstance(said, Mixed) and said.parts:
        return [(shown(text, LINE_MAX), language) for text, language in said.parts]
    return [(shown(said.spoken, LINE_MAX), said.language)]


@dataclass(frozen=True)
class Row:
    key: str  # job, where, contract, hours, pay, experience, apply
    heading: str
    lines: tuple[Said, ...]
    icon: str | None = None


def place(card: OfferCard) -> Said:
    """ "Lyon 03, 12 km away": the number kept left-to-right in Arabic text, the town (a
    French name) read by the French voice."""
    town = words.town(card)
    if not card.town:  # "Place not given", in the person's words
        return plain.plain(town)
    if card.distance_km is None:
        return Mixed(town, town, parts=((town, FRENCH),))
    km = str(max(1, round(card.distance_km)))
    where = _("{town}, {km} km away")
    spoken = where.format(town=town, km=km)
    before, found, after = where.partition("{town}")
    if not found:  # a translation without the town: all in the person's voice
        return plain.Said(where.format(town=town, km=ltr(km)), spoken)
    parts = ((before.replace("{km}", km), None), (town, FRENCH), (after.replace("{km}", km), None))
    return Mixed(
        where.format(town=town, km=ltr(km)),
        spoken,
        parts=tuple(part for part in parts if part[0].strip()),
    )


def title(card: OfferCard) -> Said:
    return plain.as_written(shown(card.title, TITLE_MAX))


def local_job(card: OfferCard) -> Said | None:
    """The occupation named in the person's language (kiosk.catalogue.names), shown beside
    the offer's French title; None in French or when no name is known."""
    local = words.local_job(card.rome_code)
    if not local or local.casefold() in card.title.casefold():
        return None
    return plain.plain(local)


def card_lines(card: OfferCard) -> list[Said]:
    """What a card shows under its title, line by line: the job in the person's language,
    place and distance, contract and hours, pay, beginners, last update."""
    contract = plain.contract(card.contract_type, card.contract_label, card.work_study)
    first_hours = plain.hours(card.working_time, card.full_time)[0]
    local = local_job(card)
    lines = [local] if local else []
    lines.append(place(card))
    lines += _paired(contract.name, first_hours)
    lines.append(plain.pay(card.salary))
    last = [plain.plain(_(plain.BEGINNERS))] if card.beginners else []
    updated = words.updated(card)
    if updated:
        last.append(plain.plain(updated))
    lines += _paired(*last) if len(last) == 2 else last
    return [line for line in lines if line.shown]


def _paired(first: Said, second: Said) -> list[Said]:
    """Two short facts on one line ("CDI · 35 hours a week"), unless one is the offer's
    French words: one language per line, for its voice."""
    if first.language != second.language:
        return [first, second]
    join = _("{first} · {second}")
    return [
        plain.Said(
            join.format(first=first.shown, second=second.shown),
            join.format(first=first.spoken, second=second.spoken),
            first.language,
        )
    ]


def rows(offer: OfferDetail) -> list[Row]:
    """The offer's plain summary: what, where, contract, hours, pay, experience, how to
    apply."""
    card = offer.card
    contract = plain.contract(card.contract_type, card.contract_label, card.work_study)
    raw = offer.raw if isinstance(offer.raw, dict) else {}
    salary = raw.get("salaire")
    label = card.salary
    if isinstance(salary, dict):
        label = salary.get("libelle") or salary.get("commentaire") or label
    result = [
        Row("job", _("Job"), tuple(s for s in (local_job(card), title(card)) if s)),
        Row("where", _("Where"), (place(card),)),
        Row(
            "contract",
            _("Contract"),
            tuple(s for s in (contract.name, contract.sentence) if s is not None),
            CONTRACT_ICONS[contract.kind],
        ),
        Row("hours", _("Hours"), tuple(plain.hours(card.working_time, card.full_time))),
        Row("pay", _("Pay"), (plain.pay(label if isinstance(label, str) else None),)),
    ]
    code = raw.get("experienceExige")
    asked = plain.experience(
        code if isinstance(code, str) else ("D" if card.beginners else None),
        offer.experience_label,
    )
    if asked is not None:
        result.append(Row("experience", _("Experience"), (asked,)))
    result.append(Row("apply", _("How to apply"), (how_to_apply(offer),)))
    return result


def how_to_apply(offer: OfferDetail) -> Said:
    """Where to apply; the employer's contact (phone numbers, addresses) kept left-to-right
    line by line inside Arabic text."""
    if offer.apply_url or offer.source_url or not offer.apply_text:
        return plain.plain(words.how_to_apply(offer))
    template = _("Contact the employer: {contact}")
    lines = offer.apply_text.split("\n")
    shown_contact = "\n".join(ltr(line) for line in lines if line.strip())
    return plain.Said(
        template.format(contact=shown_contact), template.format(contact=", ".join(lines))
    )


def card_parts(card: OfferCard, lines: list[Said], language: str) -> list[tuple[str, str]]:
    """What touching and holding a card says, each piece by its voice: the job in the
    person's language, then the offer's French title, then place, contract, pay."""
    said = [said_parts(line) for line in lines]
    title_ = [said_parts(title(card))]
    local = local_job(card)
    if local is not None and lines and lines[0] == local:
        spoken = [said[0], *title_, *said[1:]]
    else:
        spoken = [*title_, *said]
    demo = [[(_(words.DEMO), None)]] if card.demo else []
    return in_sentences([*demo, *spoken], language)


def spoken_lines(rows_: list[Row]) -> list[list[Part]]:
    """The summary as it is said, row by row, each piece by its voice (`in_sentences`): the
    person's language for the plain words, French for the offer's own (its title, its town,
    a pay written as the employer wrote it)."""
    lines: list[list[Part]] = []
    for row in rows_:
        said = [said_parts(s) for s in row.lines if s.spoken.strip()]
        if said:
            lines.append([(f"{row.heading}:", None), *said[0]])
            lines += said[1:]
    return lines
