"""kiosk.catalogue.plain on the shapes France Travail writes (and bad ones): read into facts,
said in plain words in the person's language, spoken without codes; never an exception."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from kiosk.catalogue import plain
from kiosk.catalogue.demo import generate_demo_offers, load_towns
from kiosk.i18n import LRI, PDI, translator


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    translator.set_language("en")
    yield
    translator.set_language("fr")


@pytest.mark.parametrize(
    ("label", "period", "low", "high", "months"),
    [
        ("Mensuel de 2899.15 Euros à 3199 Euros sur 12 mois", "month", "2899.15", "3199", "12"),
        ("Mensuel de 1766.92 Euros sur 12 mois", "month", "1766.92", None, "12"),
        ("Mensuel de 1900 Euros", "month", "1900", None, None),
        ("Horaire de 11.88 Euros sur 12 mois", "hour", "11.88", None, "12"),
        ("Horaire de 11,88 Euros à 13,00 Euros", "hour", "11.88", "13.00", None),
        ("Annuel de 30000.00 Euros à 35000.00 Euros sur 13 mois", "year", "30000", "35000", "13"),
        ("Annuel de 28 000 Euros sur 13.5 mois", "year", "28000", None, "13.5"),
        ("MENSUEL DE 2 000,00 EUROS", "month", "2000", None, None),
        ("Mensuel de 1800.0 Euros à 1800.0 Euros sur 12 mois", "month", "1800", None, "12"),
        ("Mensuel de 2200 Euros à 2000 Euros", "month", "2000", "2200", None),
        ("Journalier de 95 Euros", "day", "95", None, None),
        ("Mensuel de 1 850,50 € sur 12 mois", "month", "1850.50", None, "12"),
    ],
)
def test_pay_shapes_are_read(
    label: str, period: str, low: str, high: str | None, months: str | None
) -> None:
    facts = plain.parse_pay(label)
    assert facts is not None
    assert facts.period == period and facts.low == Decimal(low)
    assert facts.high == (Decimal(high) if high else None)
    assert facts.months == (Decimal(months) if months else None)


@pytest.mark.parametrize(
    "label",
    [
        "",
        "Selon profil",
        "Mensuel de 0 Euros",
        "Mensuel de 2000000 Euros",
        "Mensuel de 1.2.3 Euros",
        "Horaire de Euros",
        "Mensuel de 1800 Dollars",
        "Mensuel de 1800 Euros + primes",
        "Mensuel de 1800 Euros sur 99 mois",
        "Cachet de 120 Euros",
        "🙂" * 50,
        "Mensuel de " + "9" * 400 + " Euros",
    ],
)
def test_other_pay_shapes_are_not_guessed(label: str) -> None:
    assert plain.parse_pay(label) is None


def test_pay_in_plain_words_shown_and_spoken() -> None:
    said = plain.pay("Mensuel de 2899.15 Euros à 3199 Euros sur 12 mois")
    assert said.shown == f"{LRI}€2,899{PDI} to {LRI}€3,199{PDI} a month, before tax"
    assert said.spoken == "2899 euros to 3199 euros a month, before tax"
    assert said.language is None
    hourly = plain.pay("Horaire de 11.88 Euros sur 12 mois")
    assert hourly.shown == f"{LRI}€11.88{PDI} an hour, before tax"
    assert hourly.spoken == "11 euros 88 an hour, before tax"
    thirteen = plain.pay("Annuel de 30000 Euros sur 13 mois")
    assert thirteen.spoken == "30000 euros a year, before tax. Paid 13 times a year."


def test_pay_in_french_and_arabic() -> None:
    label = "Mensuel de 2899.15 Euros à 3199 Euros sur 12 mois"
    translator.set_language("fr")
    said = plain.pay(label)
    assert said.shown == f"{LRI}2\u202f899\u00a0€{PDI} à {LRI}3\u202f199\u00a0€{PDI} par mois, brut"
    assert said.spoken == "2899 euros à 3199 euros par mois, brut"
    translator.set_language("ar")
    said = plain.pay(label)
    assert said.shown.startswith("من ") and f"{LRI}2,899\u00a0€{PDI}" in said.shown
    assert "2899 يورو" in said.spoken and "€" not in said.spoken


def test_pay_comments_and_unreadable_pay() -> None:
    assert plain.pay("Selon profil").shown == "Pay depends on your profile"
    assert plain.pay("A négocier").shown == "Pay to agree with the employer"
    assert plain.pay(None).shown == "Pay not given"
    odd = plain.pay("Salaire attractif + tickets restaurant")
    assert odd.shown == odd.spoken == "Salaire attractif + tickets restaurant"
    assert odd.language == "fr" and odd.as_written


@pytest.mark.parametrize(
    ("label", "shown", "spoken"),
    [
        ("39H Travail en équipe", "39 hours a week, shifts", "39 hours a week, shifts"),
        ("35H/semaine", "35 hours a week", "35 hours a week"),
        ("35H Horaires normaux", "35 hours a week, regular hours", None),
        ("35H Travail samedi et dimanche", "35 hours a week, weekends too", None),
        ("24H30 Horaires normaux", "24 h 30 a week, regular hours",
         "24 hours 30 a week, regular hours"),
        ("17H30/semaine", "17 h 30 a week", "17 hours 30 a week"),
        ("151H67/mois", "35 hours a week", None),
        ("35H/semaine\nTravail en journée", "35 hours a week, in the daytime", None),
        ("Travail en journée", "Full time, in the daytime", None),
        ("35h par semaine, travail de nuit", "35 hours a week, at night", None),
        ("1H/semaine", "1 hour a week", None),
    ],
)  # fmt: skip
def test_hours_in_plain_words(label: str, shown: str, spoken: str | None) -> None:
    said = plain.hours(label, True)
    assert said[0].shown == shown
    assert said[0].spoken == (spoken or shown)
    assert "H" not in said[0].spoken.replace("Hours", "")
    assert len(said) == 1


def test_hours_part_understood_keep_the_rest_as_written() -> None:
    said = plain.hours("35H Travail à la chaîne", True)
    assert said[0].shown == "35 hours a week"
    assert said[1].shown == "Travail à la chaîne" and said[1].language == "fr"


@pytest.mark.parametrize("label", ["xx", "0H", "200H/semaine", "35H75", "H35", "🙂", "  "])
def test_hours_that_cannot_be_read(label: str) -> None:
    said = plain.hours(label, None)
    assert len(said) == 1
    if label.strip():
        assert said[0].shown == " ".join(label.split()) and said[0].language == "fr"
    else:
        assert said[0].shown == "Hours not given"


def test_a_schedule_alone() -> None:
    assert plain.hours("Travail en journée", None)[0].shown == "In the daytime"


def test_no_hours_label_says_full_or_part_time() -> None:
    assert plain.hours(None, True)[0].shown == "Full time"
    assert plain.hours(None, False)[0].shown == "Part time"
    assert plain.hours(None, None)[0].shown == "Hours not given"


@pytest.mark.parametrize(
    ("code", "label", "work_study", "kind", "sentence"),
    [
        ("CDI", "Contrat à durée indéterminée", False, "CDI", "A job with no end date."),
        ("CDD", "Contrat à durée déterminée - 6 Mois", False, "CDD",
         "A job with an end date. For 6 months."),
        ("CDD", "Contrat à durée déterminée - 15 Jour(s)", False, "CDD",
         "A job with an end date. For 15 days."),
        ("CDD", None, False, "CDD", "A job with an end date."),
        ("MIS", "Mission intérimaire - 1 Mois", False, "MIS",
         "A temp agency employs you and sends you to a company. For 1 month."),
        ("SAI", "Contrat travail saisonnier - 3 Mois", False, "SAI",
         "A job for one season. For 3 months."),
        ("DIN", "CDI intérimaire", False, "DIN", "A temp agency employs you with no end date."),
        ("CDD", "Contrat à durée déterminée - 24 Mois", True, "work_study",
         "You work and you learn a trade at a school. For 24 months."),
    ],
)  # fmt: skip
def test_contracts_with_one_sentence(
    code: str, label: str | None, work_study: bool, kind: str, sentence: str
) -> None:
    contract = plain.contract(code, label, work_study)
    assert contract.kind == kind
    assert contract.sentence is not None and contract.sentence.shown == sentence
    assert not contract.name.as_written


def test_unknown_contracts_are_shown_as_written() -> None:
    other = plain.contract("FRA", "Franchise", False)
    assert other.kind == "other" and other.name.shown == "Franchise" and other.name.as_written
    assert other.sentence is None
    assert plain.contract("LIB", None).name.shown == "LIB"
    assert plain.contract(None, None).name.shown == "Contract not given"


@pytest.mark.parametrize(
    ("code", "label", "shown"),
    [
        ("D", "Débutant accepté", "Beginners welcome"),
        ("E", "2 An(s)", "2 years of experience asked"),
        ("E", "2 ans - expérience exigée", "2 years of experience asked"),
        ("E", "1 an - expérience exigée", "1 year of experience asked"),
        ("S", "6 Mois", "6 months of experience would help"),
        ("S", "1 an - expérience souhaitée", "1 year of experience would help"),
        ("E", "Expérience exigée de 3 An(s)", "3 years of experience asked"),
        ("E", "Expérience exigée", "Experience asked"),
        ("S", None, "Experience would help"),
        ("E", "15 Jour(s)", "Some experience asked"),
    ],
)
def test_experience(code: str, label: str | None, shown: str) -> None:
    said = plain.experience(code, label)
    assert said is not None and said.shown == shown and not said.as_written


def test_experience_unknown() -> None:
    assert plain.experience(None, None) is None
    odd = plain.experience("X", "Expérience dans la vente")
    assert odd is not None and odd.as_written


def test_every_demo_offer_reads_in_plain_words() -> None:
    """The demo catalogue uses the API's shapes: all of them are understood."""
    import datetime as dt

    occupations = {"D1102": "Boulanger", "N4101": "Conducteur", "K2204": "Agent d'entretien"}
    offers = generate_demo_offers(occupations, load_towns(), 600, 7, today=dt.date(2026, 3, 1))
    for offer in offers:
        salary = offer.get("salaire", {})
        label = salary.get("libelle") or salary.get("commentaire")
        if label:
            assert not plain.pay(label).as_written, label
        hours = plain.hours(offer["dureeTravailLibelle"], True)
        assert len(hours) == 1 and not hours[0].as_written, offer["dureeTravailLibelle"]
        assert plain.contract(offer["typeContrat"], offer["typeContratLibelle"]).sentence
        assert plain.experience(offer["experienceExige"], offer["experienceLibelle"])
