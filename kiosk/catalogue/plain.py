"""An offer's codes in plain words, in the person's language: pay, hours, contract, experience.

France Travail writes these for recruiters ("Mensuel de 2899.15 Euros à 3199 Euros sur 12
mois", "39H Travail en équipe", "CDD", "2 An(s) - expérience exigée"). Each is read here into
a few facts, then said again as a short sentence in the current language, twice: once to be
shown (money through babel, numbers kept left-to-right inside Arabic text) and once to be
spoken (a voice reads "39H" as "thirty-nine aitch" and "€" not at all).

What cannot be read is kept as written, marked as French, so the French voice reads it: a
person still sees what the offer says, never an error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Literal

from babel import Locale
from babel.numbers import format_currency, format_decimal

from kiosk.i18n import DIGITS, N_, _, current, ltr, ngettext

FRENCH = "fr"


@dataclass(frozen=True)
class Said:
    """One piece of an offer in words: what the screen shows and what the voice says."""

    shown: str
    spoken: str
    language: str | None = None  # None: the person's language; FRENCH: the offer's own words

    @property
    def as_written(self) -> bool:
        return self.language is not None


def as_written(text: str) -> Said:
    """The offer's own (French) words, unaltered, for the French voice."""
    return Said(text, text, FRENCH)


def plain(shown: str, spoken: str | None = None) -> Said:
    return Said(shown, shown if spoken is None else spoken)


# -- reading the offer's words ---------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, no accents, one space between words: "Travail en Équipe" -> "travail en
    equipe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().split())


Period = Literal["hour", "day", "week", "month", "year"]
_PERIODS: dict[str, Period] = {
    "horaire": "hour",
    "journalier": "day",
    "hebdomadaire": "week",
    "mensuel": "month",
    "annuel": "year",
}
_AMOUNT = r"(\d[\d .,]*)"
_EURO = r"\s*(?:euros?|eur|€)"
_PAY = re.compile(
    rf"^(horaire|journalier|hebdomadaire|mensuel|annuel)\s+de\s+{_AMOUNT}{_EURO}"
    rf"(?:\s+(?:a|jusqu'a)\s+{_AMOUNT}{_EURO})?"
    r"(?:\s+sur\s+(\d{1,2}(?:[.,]\d{1,2})?)\s*mois)?\s*\.?$"
)
# Amounts beyond these are typing slips (a monthly pay of 2,000,000 €): shown as written.
_MAX_AMOUNT: dict[Period, Decimal] = {
    "hour": Decimal(1000),
    "day": Decimal(10_000),
    "week": Decimal(50_000),
    "month": Decimal(200_000),
    "year": Decimal(2_000_000),
}


@dataclass(frozen=True)
class Pay:
    period: Period
    low: Decimal
    high: Decimal | None  # None: one amount
    months: Decimal | None  # "sur 13 mois": paid 13 times a year; None when not said


def amount(text: str) -> Decimal | None:
    """'2899.15', '2 899,15', '1,800.00', '30000' -> Decimal; None when it is not one amount."""
    digits = text.replace(" ", "").strip(".,")
    if "," in digits and "." in digits:
        # The last mark is the decimal one; the other groups thousands.
        thousands = "," if digits.rfind(",") < digits.rfind(".") else "."
        digits = digits.replace(thousands, "")
    if digits.count(",") == 1 and not re.search(r",\d{3}$", digits):
        digits = digits.replace(",", ".")  # French decimal comma
    digits = digits.replace(",", "")
    if digits.count(".") > 1 or not re.fullmatch(r"\d+(\.\d+)?", digits):
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return value if value > 0 else None


def parse_pay(label: str | None) -> Pay | None:
    """The API's salary label ("Mensuel de 2899.15 Euros à 3199 Euros sur 12 mois") read
    into facts; None when it has another shape."""
    if not label:
        return None
    found = _PAY.match(fold(label.replace("\u00a0", " ").replace("\u202f", " ")))
    if found is None:
        return None
    period = _PERIODS[found.group(1)]
    low = amount(found.group(2))
    high = amount(found.group(3)) if found.group(3) else None
    if low is None or (found.group(3) and high is None):
        return None
    if high is not None and high < low:
        low, high = high, low
    if high == low:
        high = None
    if max(low, high or low) > _MAX_AMOUNT[period]:
        return None
    months = None
    if found.group(4):
        months = Decimal(found.group(4).replace(",", "."))
        if not 1 <= months <= 16:
            return None
    return Pay(period, low, high, months)


Schedule = Literal["day", "regular", "shifts", "weekend", "night", "changing", "early_late"]
# The schedules France Travail writes after the hours, folded ("Travail en équipe").
_SCHEDULES: dict[str, Schedule] = {
    "travail en journee": "day",
    "horaires normaux": "regular",
    "travail en equipe": "shifts",
    "travail en equipes": "shifts",
    "travail poste": "shifts",
    "travail samedi et dimanche": "weekend",
    "travail le week-end": "weekend",
    "travail de nuit": "night",
    "horaires variables": "changing",
    "horaires decales": "early_late",
    "travail en horaires decales": "early_late",
}
_HOURS = re.compile(
    r"^(\d{1,3})\s*h\s*(\d{1,2})?\s*(?:(?:/|par)\s*(semaine|sem\.?|hebdo|mois))?\s*[,.;-]?\s*"
)
_WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


@dataclass(frozen=True)
class Hours:
    per_week: Decimal | None  # None: the label names only a schedule
    schedules: tuple[Schedule, ...]
    rest: str  # the part that was not understood, as written ("" when all was)


def parse_hours(label: str | None) -> Hours | None:
    """'39H Travail en équipe', '35H/semaine', '151H67/mois', 'Travail en journée' -> facts;
    None when nothing in it could be read."""
    if not label:
        return None
    text = " ".join(label.replace("\u00a0", " ").split())
    per_week: Decimal | None = None
    found = _HOURS.match(text.lower())
    if found:
        hours = Decimal(found.group(1))
        minutes = found.group(2)
        if found.group(3) == "mois":
            # "151H67/mois": hundredths of an hour in a month, said per week.
            if minutes:
                hours += Decimal(minutes) / (100 if len(minutes) == 2 else 10)
            per_week = (hours / _WEEKS_PER_MONTH).quantize(Decimal("0.1"))
        else:
            if minutes:
                if int(minutes) >= 60:
                    return None
                hours += Decimal(minutes) / 60
            per_week = hours
        if not 0 < per_week <= 80:
            return None
        text = text[found.end() :]
    schedules: list[Schedule] = []
    rest: list[str] = []
    for part in re.split(r"\s*[,;/\n]\s*|\s+-\s+", text):
        if not part:
            continue
        known = _SCHEDULES.get(fold(part).rstrip("."))
        if known is None:
            rest.append(part)
        elif known not in schedules:
            schedules.append(known)
    if per_week is None and not schedules:
        return None
    return Hours(per_week, tuple(schedules), ", ".join(rest))


Unit = Literal["day", "week", "month", "year"]
_UNITS: dict[str, Unit] = {"jour": "day", "semaine": "week", "mois": "month", "an": "year"}
_DURATION = re.compile(r"(\d{1,3})\s*(jours?|semaines?|mois|ans?|annees?)(?:\(s\))?\b")


def parse_duration(label: str | None) -> tuple[int, Unit] | None:
    """'Contrat à durée déterminée - 6 Mois', '2 An(s)', '18 Jour(s)' -> (6, "month")..."""
    if not label:
        return None
    found = _DURATION.search(fold(label))
    if found is None:
        return None
    n = int(found.group(1))
    word = found.group(2)
    unit = _UNITS.get(word) or _UNITS.get(word.rstrip("s"))
    if word.startswith("annee"):
        unit = "year"
    if unit is None or n <= 0:
        return None
    return n, unit


# -- saying it -----------------------------------------------------------------------------


def _locale() -> Locale:
    return _parsed(current().locale)


@cache
def _parsed(name: str) -> Locale:
    # Parsing a locale costs more than the rest of a card's words: 40 cards are built at once.
    return Locale.parse(name)


def money(value: Decimal) -> str:
    """An amount as the person's language writes money, kept left-to-right: whole euros
    unless there are cents (an hourly rate), "2 899 €", "€2,899"."""
    return _money(current().locale, value)


@lru_cache(maxsize=4096)
def _money(locale_name: str, value: Decimal) -> str:
    # babel takes about 0.1 ms an amount; a page of cards repeats the same few amounts.
    locale = _parsed(locale_name)
    whole = value == value.to_integral_value()
    rounded = value.quantize(Decimal(1) if whole or value >= 100 else Decimal("0.01"))
    pattern = locale.currency_formats["standard"].pattern
    if rounded == rounded.to_integral_value():
        pattern = pattern.replace("0.00", "0")
    text = format_currency(
        rounded,
        "EUR",
        format=pattern,
        locale=locale,
        currency_digits=False,
        numbering_system=DIGITS,
    )
    return ltr(text.strip("\u200e\u200f"))


def money_spoken(value: Decimal) -> str:
    """An amount as a voice reads it well: digits without grouping and the word "euros"
    ("2899 euros", "11 euros 88")."""
    euros = int(value)
    cents = int((value - euros) * 100) if value < 100 else 0
    if cents:
        return _("{euros} euros {cents}").format(euros=euros, cents=f"{cents:02d}")
    return _("{amount} euros").format(amount=int(value.quantize(Decimal(1))))


_PAY_RANGE: dict[Period, str] = {
    "hour": N_("{low} to {high} an hour, before tax"),
    "day": N_("{low} to {high} a day, before tax"),
    "week": N_("{low} to {high} a week, before tax"),
    "month": N_("{low} to {high} a month, before tax"),
    "year": N_("{low} to {high} a year, before tax"),
}
_PAY_ONE: dict[Period, str] = {
    "hour": N_("{amount} an hour, before tax"),
    "day": N_("{amount} a day, before tax"),
    "week": N_("{amount} a week, before tax"),
    "month": N_("{amount} a month, before tax"),
    "year": N_("{amount} a year, before tax"),
}
PAID_TIMES = N_("Paid {months} times a year.")
NO_PAY = N_("Pay not given")
# What the API's comment says instead of an amount, folded, and its plain words.
_PAY_COMMENTS: tuple[tuple[str, str], ...] = (
    ("selon profil", N_("Pay depends on your profile")),
    ("selon experience", N_("Pay depends on your experience")),
    ("a negocier", N_("Pay to agree with the employer")),
    ("a definir", N_("Pay to agree with the employer")),
    ("selon convention", N_("Pay set by the rules of the trade")),
    ("smic", N_("Minimum wage (SMIC)")),
)


def pay(label: str | None) -> Said:
    """What the job pays, in plain words; the label as written when it cannot be read."""
    if not label or not label.strip():
        return plain(_(NO_PAY))
    facts = parse_pay(label)
    if facts is None:
        folded = fold(label)
        for words, message in _PAY_COMMENTS:
            if words in folded and len(folded) <= len(words) + 20:
                return plain(_(message))
        return as_written(label.strip())
    if facts.high is None:
        template = _(_PAY_ONE[facts.period])
        shown = template.format(amount=money(facts.low))
        spoken = template.format(amount=money_spoken(facts.low))
    else:
        template = _(_PAY_RANGE[facts.period])
        shown = template.format(low=money(facts.low), high=money(facts.high))
        spoken = template.format(low=money_spoken(facts.low), high=money_spoken(facts.high))
    if facts.months is not None and facts.months != 12:
        months = format_decimal(facts.months, locale=_locale(), numbering_system=DIGITS)
        extra = _(PAID_TIMES)
        shown = f"{shown}. {extra.format(months=ltr(months))}"
        spoken = f"{spoken}. {extra.format(months=months)}"
    return Said(shown, spoken)


_SCHEDULE_WORDS: dict[Schedule, str] = {
    "day": N_("in the daytime"),
    "regular": N_("regular hours"),
    "shifts": N_("shifts"),
    "weekend": N_("weekends too"),
    "night": N_("at night"),
    "changing": N_("hours that change"),
    "early_late": N_("early or late hours"),
}
FULL_TIME = N_("Full time")
PART_TIME = N_("Part time")
NO_HOURS = N_("Hours not given")


def _hours_phrase(per_week: Decimal) -> tuple[str, str]:
    whole = int(per_week)
    minutes = int(((per_week - whole) * 60).quantize(Decimal(1)))
    if minutes == 60:
        whole, minutes = whole + 1, 0
    if minutes == 0:
        text = ngettext("{n} hour a week", "{n} hours a week", whole).format(n=whole)
        return text, text
    shown = _("{hours} h {minutes} a week").format(hours=whole, minutes=f"{minutes:02d}")
    spoken = _("{hours} hours {minutes} a week").format(hours=whole, minutes=minutes)
    return shown, spoken


def hours(label: str | None, full_time: bool | None = None) -> list[Said]:
    """How long and when: "39 hours a week, shifts". What was not understood follows as
    written; with no label, full or part time."""
    facts = parse_hours(label)
    if facts is None:
        if label and label.strip():
            return [as_written(" ".join(label.split()))]
        if full_time is None:
            return [plain(_(NO_HOURS))]
        return [plain(_(FULL_TIME) if full_time else _(PART_TIME))]
    shown = spoken = ""
    if facts.per_week is not None:
        shown, spoken = _hours_phrase(facts.per_week)
    elif full_time is not None:
        shown = spoken = _(FULL_TIME) if full_time else _(PART_TIME)
    if facts.schedules:
        template = _("{hours}, {when}")
        words = [_(_SCHEDULE_WORDS[s]) for s in facts.schedules]
        when = words[0]
        for more in words[1:]:
            when = template.format(hours=when, when=more)
        if shown:
            shown = template.format(hours=shown, when=when)
            spoken = template.format(hours=spoken, when=when)
        else:
            shown = spoken = when[:1].upper() + when[1:]
    said = [Said(shown, spoken)]
    if facts.rest:
        said.append(as_written(facts.rest))
    return said


ContractKind = Literal["CDI", "CDD", "MIS", "SAI", "DIN", "work_study", "other"]
_CONTRACT_NAMES: dict[str, str] = {
    "CDI": N_("Permanent job (CDI)"),
    "CDD": N_("Fixed-term job (CDD)"),
    "MIS": N_("Temporary agency job (interim)"),
    "SAI": N_("Seasonal job"),
    "DIN": N_("Permanent job with a temp agency (CDI intérimaire)"),
    "work_study": N_("Work and study (alternance)"),
}
_CONTRACT_SENTENCES: dict[str, str] = {
    "CDI": N_("A job with no end date."),
    "CDD": N_("A job with an end date."),
    "MIS": N_("A temp agency employs you and sends you to a company."),
    "SAI": N_("A job for one season."),
    "DIN": N_("A temp agency employs you with no end date."),
    "work_study": N_("You work and you learn a trade at a school."),
}
NO_CONTRACT = N_("Contract not given")


def _for(n: int, unit: Unit) -> str:
    if unit == "day":
        return ngettext("For {n} day.", "For {n} days.", n).format(n=n)
    if unit == "week":
        return ngettext("For {n} week.", "For {n} weeks.", n).format(n=n)
    if unit == "month":
        return ngettext("For {n} month.", "For {n} months.", n).format(n=n)
    return ngettext("For {n} year.", "For {n} years.", n).format(n=n)


@dataclass(frozen=True)
class Contract:
    kind: ContractKind
    name: Said
    sentence: Said | None  # one sentence saying what it means; None when unknown


def contract(code: str | None, label: str | None, work_study: bool = False) -> Contract:
    """The contract's name and one sentence: "Permanent job (CDI)", "A job with no end date."."""
    kind: ContractKind
    if work_study:
        kind = "work_study"
    elif code in ("CDI", "CDD", "MIS", "SAI", "DIN"):
        kind = code  # type: ignore[assignment]
    else:
        name = as_written(label.strip()) if label and label.strip() else None
        if name is None:
            name = as_written(code) if code else plain(_(NO_CONTRACT))
        return Contract("other", name, None)
    sentence = _(_CONTRACT_SENTENCES[kind])
    duration = parse_duration(label) if kind != "CDI" and kind != "DIN" else None
    if duration is not None:
        sentence = f"{sentence} {_for(*duration)}"
    return Contract(kind, plain(_(_CONTRACT_NAMES[kind])), plain(sentence))


BEGINNERS = N_("Beginners welcome")


def experience(code: str | None, label: str | None) -> Said | None:
    """What experience is asked: "Beginners welcome", "2 years of experience asked"."""
    if code == "D":
        return plain(_(BEGINNERS))
    if code not in ("E", "S"):
        return as_written(label.strip()) if label and label.strip() else None
    asked = code == "E"
    duration = parse_duration(label)
    if duration is None:
        return plain(_("Experience asked") if asked else _("Experience would help"))
    n, unit = duration
    if unit in ("day", "week"):
        return plain(_("Some experience asked") if asked else _("Experience would help"))
    if unit == "month":
        if asked:
            text = ngettext("{n} month of experience asked", "{n} months of experience asked", n)
        else:
            text = ngettext(
                "{n} month of experience would help", "{n} months of experience would help", n
            )
    elif asked:
        text = ngettext("{n} year of experience asked", "{n} years of experience asked", n)
    else:
        text = ngettext(
            "{n} year of experience would help", "{n} years of experience would help", n
        )
    return plain(text.format(n=n))
