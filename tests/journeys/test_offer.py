"""Journey: a person who reads Arabic opens an offer from the pictures and finds its pay and
hours in plain Arabic words (not the API's "Mensuel de …", "39H …"), the job named in Arabic,
and the offer's own text whole, in French, as the licence asks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from kiosk.catalogue import plain
from kiosk.catalogue.names import job_name
from kiosk.i18n import translator
from tests.journeys.journey_kit import ROOT, Kiosk

pytestmark = pytest.mark.journey

PAY = "Mensuel de 2899.15 Euros à 3199 Euros sur 12 mois"
HOURS = "39H Travail en équipe"
TITLE = "Boulanger / Boulangère de nuit (H/F)"
DESCRIPTION = (
    "Boulangerie de quartier recherche un boulanger de nuit.\n"
    "Vous préparez le pain et les viennoiseries. Travail en équipe, 39H par semaine."
)
OFFER = {
    "id": "JOURNEY1",
    "intitule": TITLE,
    "description": DESCRIPTION,
    "romeCode": "D1102",
    "romeLibelle": "Boulanger / Boulangère",
    "lieuTravail": {"libelle": "69 - LYON 03", "commune": "69123", "latitude": 45.76,
                    "longitude": 4.85},
    "typeContrat": "CDI",
    "typeContratLibelle": "Contrat à durée indéterminée",
    "experienceExige": "D",
    "experienceLibelle": "Débutant accepté",
    "dureeTravailLibelle": HOURS,
    "dureeTravailLibelleConverti": "Temps plein",
    "salaire": {"libelle": PAY},
    "dateCreation": "2026-03-01T08:00:00Z",
    "dateActualisation": "2026-03-05T08:00:00Z",
    "origineOffre": {"urlOrigine": "https://candidat.francetravail.fr/offres/JOURNEY1"},
}  # fmt: skip


@contextmanager
def language(code: str) -> Iterator[None]:
    """What the kiosk shows in ``code``, computed here with the kiosk's own catalogue."""
    before = translator.language.code
    translator.set_language(code)
    try:
        yield
    finally:
        translator.set_language(before)


def ar(message: str) -> str:
    return translator.gettext(message, "ar")


def import_offers(kiosk: Kiosk) -> None:
    """The agency's catalogue, as `kiosk import-offers` loads it beside the running kiosk."""
    path = kiosk.folder / "offers.json"
    path.write_text(json.dumps({"resultats": [OFFER]}, ensure_ascii=False), encoding="utf-8")
    env = {
        **os.environ,
        "KIOSK_DATA_DIR": str(kiosk.data_dir),
        "KIOSK_CONFIG": str(kiosk.config_file),
    }
    subprocess.run(
        [sys.executable, "-m", "kiosk", "import-offers", str(path)],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def test_an_arabic_reader_finds_pay_and_hours_in_plain_words(
    start_kiosk: Callable[..., Kiosk],
) -> None:
    kiosk = start_kiosk()
    import_offers(kiosk)
    kiosk.step("catalogue imported")
    with language("ar"):
        pay, spoken_pay = plain.pay(PAY).shown, plain.pay(PAY).spoken
        hours = plain.hours(HOURS, True)[0].shown
        contract = plain.contract("CDI", None).sentence
    assert contract is not None
    local = job_name("D1102", "ar")
    assert local and "€" in pay and "39" in hours

    kiosk.tap("العربية", "push button", timeout=30)
    # The home screen, laid out right to left, before a finger looks for a tile on it.
    kiosk.find(ar("What do you want to do?"), "label")
    kiosk.tap(ar("Find a job"), "push button")
    kiosk.tap(ar("Choose from pictures"), "push button")
    kiosk.tap(ar("Shops and selling"), "push button")
    kiosk.tap(local, "push button", match="startswith")
    kiosk.step("offers of the job listed")
    card = kiosk.find(TITLE, "push button")
    assert spoken_pay in card["description"], "the card says the pay in Arabic words"
    kiosk.tap(TITLE, "push button")
    kiosk.step("offer opened")

    # The plain words, in Arabic, where a screen reader finds them.
    kiosk.find(pay, "label")
    kiosk.find(hours, "label")
    kiosk.find(contract.shown, "label")
    kiosk.find(local, "label")
    dump = kiosk.dump()
    assert PAY not in dump and "39H Travail" not in dump, "the API's codes are not shown"
    # The offer's own words: whole and in French.
    kiosk.find(DESCRIPTION, "label")
    kiosk.find(ar("Listen in French"), "push button")
    kiosk.step("plain pay, hours and the French text found")

    # Keeping it is confirmed on screen, where a finger reaches the button.
    kiosk.tap(ar("Keep this offer"), "check box")
    kiosk.find(ar("Offer kept. Find it in “Find a job”."), "label")
    kiosk.step("kept, and told so on screen")
