"""A believable, clearly fictional catalogue for a kiosk that has never synced.

Offers are built in the France Travail API's own JSON shape so that they travel the same road
as real ones (`upsert_offers`), and every screen can be shown without a network. Real places
and real occupations, fictional employers: each offer says it is a demonstration, its
employer's name says "Démo", and contact details use example.org and the telephone range
ARCEP reserves for fiction.

Everything is drawn from `random.Random(seed)` and dates are offsets from `today`: the same
inputs give the same offers, byte for byte, on every kiosk and in every test.
"""

from __future__ import annotations

import json
import random
from bisect import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

from kiosk import resources

_T = TypeVar("_T")

# SMIC (2025), the floor every demo salary starts from.
_SMIC_HOURLY = 11.88
_SMIC_MONTHLY = 1801.80

# Entry-level work is what most walk-in users look for: those domains get most offers.
_DOMAIN_WEIGHT = {"D": 5, "G": 5, "K": 5, "N": 5, "F": 4, "H": 4, "J": 4}

# Occupations with many real openings and few prerequisites; half the offers of their domain.
_COMMON = frozenset(
    [
        "D1106",
        "D1507",
        "D1505",
        "D1214",
        "D1211",
        "D1102",
        "D1101",
        "D1104",
        "G1602",
        "G1603",
        "G1803",
        "G1605",
        "G1501",
        "G1502",
        "G1703",
        "K2204",
        "K1302",
        "K1303",
        "K1304",
        "K2202",
        "K2503",
        "N1103",
        "N1105",
        "N1101",
        "N4101",
        "N4105",
        "N4102",
        "F1703",
        "F1602",
        "F1603",
        "F1606",
        "F1704",
        "F1701",
        "F1702",
        "H2102",
        "H3302",
        "H2909",
        "H2913",
        "J1501",
        "J1301",
        "J1304",
        "I1203",
        "I1604",
        "M1607",
        "M1602",
        "A1203",
        "A1401",
    ]
)

_EMPLOYER_KIND = {
    "A": ("Ferme", "Pépinière", "Jardins"),
    "B": ("Atelier", "Manufacture"),
    "C": ("Agence", "Cabinet", "Banque"),
    "D": ("Magasin", "Boutique", "Supérette", "Commerce"),
    "E": ("Studio", "Agence", "Éditions"),
    "F": ("Bâtiment", "Constructions", "Travaux"),
    "G": ("Restaurant", "Hôtel", "Brasserie", "Camping"),
    "H": ("Usine", "Industries", "Ateliers"),
    "I": ("Maintenance", "Garage", "Services techniques"),
    "J": ("Clinique", "Résidence seniors", "Centre de santé"),
    "K": ("Services", "Association", "Aide à domicile"),
    "L": ("Théâtre", "Production", "Compagnie"),
    "M": ("Bureau", "Conseil", "Gestion"),
    "N": ("Transports", "Logistique", "Entrepôt"),
}
_EMPLOYER_PLACE = (
    "du Centre",
    "de la Gare",
    "du Parc",
    "des Quais",
    "du Marché",
    "des Lilas",
    "du Port",
    "des Tilleuls",
    "de la Place",
    "du Pont",
    "des Halles",
    "de l'Avenue",
)

_TASKS = {
    "A": "Vous participez aux travaux de la saison, à l'entretien du matériel et des espaces.",
    "B": "Vous réalisez des pièces à la main, dans le respect des gestes du métier.",
    "C": "Vous accueillez la clientèle, suivez les dossiers et répondez aux demandes.",
    "D": "Vous accueillez et conseillez la clientèle, mettez en rayon et tenez le magasin.",
    "E": "Vous préparez des contenus et suivez leur diffusion avec l'équipe.",
    "F": "Vous travaillez sur chantier en équipe, dans le respect des règles de sécurité.",
    "G": "Vous accueillez la clientèle et assurez le service avec l'équipe en place.",
    "H": "Vous travaillez sur la ligne de production et veillez à la qualité des pièces.",
    "I": "Vous assurez l'entretien et les dépannages des équipements.",
    "J": "Vous accompagnez les patients au quotidien au sein d'une équipe soignante.",
    "K": "Vous aidez les personnes dans leur vie quotidienne et entretenez les lieux.",
    "L": "Vous participez à la préparation et au bon déroulement des spectacles.",
    "M": "Vous assurez le suivi administratif, le classement et l'accueil téléphonique.",
    "N": "Vous préparez les commandes, chargez les marchandises et suivez les livraisons.",
}
_WELCOME = (
    "Débutants bienvenus : vous serez formé(e) sur place.",
    "Poste ouvert aux personnes en reconversion.",
    "Poste accessible aux personnes en situation de handicap.",
    "Votre motivation compte autant que votre expérience.",
)
_FULL_TIME = (
    "35H Travail en journée",
    "35H Horaires normaux",
    "39H Travail en équipe",
    "35H Travail samedi et dimanche",
)
_PART_TIME = ("24H Horaires normaux", "28H Travail en journée", "30H Travail samedi et dimanche")
_SCHEDULE = {
    "Travail en journée": "en journée",
    "Horaires normaux": "en horaires de jour",
    "Travail en équipe": "en équipe (horaires alternés)",
    "Travail samedi et dimanche": "y compris le samedi et le dimanche",
}
_DEMO_NOTICE = "Offre de démonstration : cette entreprise et cette annonce n'existent pas."


@dataclass(frozen=True)
class Town:
    name: str
    insee: str  # INSEE commune code
    postcode: str  # main postcode
    departement: str
    latitude: float
    longitude: float
    weight: float  # relative number of demo offers
    population: int = 0


def load_towns(path: Path | None = None) -> list[Town]:
    path = path or resources.data_file("towns.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [
        Town(
            name=t["name"],
            insee=t["insee"],
            postcode=t["postcode"],
            departement=t["departement"],
            latitude=float(t["latitude"]),
            longitude=float(t["longitude"]),
            weight=float(t["weight"]),
            population=int(t.get("population", 0)),
        )
        for t in raw["towns"]
    ]


def _iso(moment: datetime) -> str:
    # Naive datetimes in UTC: isoformat is several times faster than strftime here.
    return moment.isoformat(timespec="seconds") + "Z"


def _years(n: int) -> str:
    return f"{n} an{'s' if n > 1 else ''}"


def _amount(value: float) -> str:
    return f"{value:.2f}"


class _Draw(random.Random):
    """`random.Random` with cheaper draws: `choice` and `randint` cost several times more, and
    seeding the demo catalogue is on the kiosk's first-start path. Built on `random()` alone,
    whose sequence for a given seed is the same on every platform and Python version."""

    def pick(self, seq: Sequence[_T]) -> _T:
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high], both included."""
        return low + int(self.random() * (high - low + 1))

    def weighted(self, seq: Sequence[_T], cum_weights: Sequence[float]) -> _T:
        return seq[bisect(cum_weights, self.random() * cum_weights[-1])]


class _Picker:
    """Occupation choice: domain first (weighted), then a common job half of the time."""

    def __init__(self, occupations: Mapping[str, str]) -> None:
        by_domain: dict[str, list[str]] = {}
        for code in sorted(occupations):
            by_domain.setdefault(code[0], []).append(code)
        if not by_domain:
            raise ValueError("no occupations to build demo offers from")
        self.domains = sorted(by_domain)
        self.by_domain = by_domain
        self.common = {d: [c for c in codes if c in _COMMON] for d, codes in by_domain.items()}
        self.cum_weights = list(accumulate(_DOMAIN_WEIGHT.get(d, 1) for d in self.domains))

    def pick(self, rng: _Draw, index: int) -> str:
        # The first offers go one to each domain, so every domain is always represented.
        if index < len(self.domains):
            domain = self.domains[index]
        else:
            domain = rng.weighted(self.domains, self.cum_weights)
        common = self.common[domain]
        if common and rng.random() < 0.5:
            return rng.pick(common)
        return rng.pick(self.by_domain[domain])


def _contract(rng: _Draw) -> tuple[str, str, str, bool]:
    """(typeContrat, typeContratLibelle, natureContrat, alternance)."""
    draw = rng.random()
    if draw < 0.45:
        return "CDI", "Contrat à durée indéterminée", "Contrat travail", False
    if draw < 0.75:
        months = rng.pick((1, 2, 3, 4, 6, 6, 12, 18))
        return "CDD", f"Contrat à durée déterminée - {months} Mois", "Contrat travail", False
    if draw < 0.90:
        months = rng.pick((1, 2, 3, 6))
        return "MIS", f"Mission intérimaire - {months} Mois", "Contrat travail", False
    if draw < 0.95:
        months = rng.pick((1, 2, 3, 4))
        return "SAI", f"Contrat travail saisonnier - {months} Mois", "Contrat travail", False
    months = rng.pick((12, 24, 36))
    return "CDD", f"Contrat à durée déterminée - {months} Mois", "Contrat apprentissage", True


def _experience(rng: _Draw) -> tuple[str, str]:
    draw = rng.random()
    if draw < 0.5:
        return "D", "Débutant accepté"
    if draw < 0.8:
        return "S", f"{_years(rng.pick((1, 2)))} - expérience souhaitée"
    return "E", f"{_years(rng.pick((1, 2, 3, 5)))} - expérience exigée"


def _salary(rng: _Draw, contract: str, hours: int, work_study: bool) -> dict[str, str]:
    draw = rng.random()
    if draw < 0.075:
        return {}
    if draw < 0.15:
        return {"commentaire": "Selon profil"}
    if contract == "MIS":
        rate = _SMIC_HOURLY + rng.between(0, 12) * 0.25
        return {"libelle": f"Horaire de {_amount(rate)} Euros sur 12 mois"}
    base = _SMIC_MONTHLY * hours / 35
    if work_study:
        # Apprentices are paid a share of the SMIC that depends on age and year.
        low = base * rng.pick((0.53, 0.61, 0.78))
        return {"libelle": f"Mensuel de {_amount(low)} Euros sur 12 mois"}
    low = base + rng.between(0, 16) * 50 * hours / 35
    high = low + rng.pick((0, 100, 200, 300, 500))
    if high == low:
        return {"libelle": f"Mensuel de {_amount(low)} Euros sur 12 mois"}
    return {"libelle": f"Mensuel de {_amount(low)} Euros à {_amount(high)} Euros sur 12 mois"}


def _contact(rng: _Draw, offer_id: str, employer: str) -> dict[str, str]:
    if rng.random() < 0.6:
        return {"nom": employer, "urlPostulation": f"https://recrutement.example.org/{offer_id}"}
    contact = {
        "nom": f"{employer} - Service recrutement",
        "coordonnees1": f"{rng.between(1, 120)} rue de la Démonstration",
        "courriel": f"recrutement.{offer_id.lower()}@example.org",
    }
    if rng.random() < 0.4:
        # 01 99 00 xx xx is reserved by ARCEP for fiction: no real person gets called.
        contact["telephone"] = f"019900{rng.between(0, 9999):04d}"
    return contact


def generate_demo_offers(
    occupations: Mapping[str, str],
    towns: Sequence[Town],
    count: int = 3000,
    seed: int = 2026,
    *,
    today: date,
) -> list[dict[str, Any]]:
    """`count` API-shaped demo offers; identical for identical arguments."""
    if not towns:
        raise ValueError("no towns to place demo offers in")
    rng = _Draw(seed)
    picker = _Picker(occupations)
    town_weights = list(accumulate(t.weight for t in towns))
    midnight = datetime.combine(today, time(0))
    window = 60 * 24 * 3600
    offers: list[dict[str, Any]] = []
    for index in range(count):
        offer_id = f"DEMO{index + 1:06d}"
        code = picker.pick(rng, index)
        label = occupations[code]
        domain = code[0]
        town = rng.weighted(towns, town_weights)
        employer = (
            f"{rng.pick(_EMPLOYER_KIND.get(domain, ('Entreprise',)))} Démo "
            f"{rng.pick(_EMPLOYER_PLACE)}"
        )
        created = midnight - timedelta(seconds=rng.between(0, window))
        updated = created + timedelta(
            seconds=rng.between(0, int((midnight - created).total_seconds()))
        )
        contract, contract_label, nature, work_study = _contract(rng)
        experience, experience_label = _experience(rng)
        full_time = work_study or rng.random() < 0.8
        working_time = rng.pick(_FULL_TIME if full_time else _PART_TIME)
        hours_text, pattern = working_time.split("H ", 1)
        hours = int(hours_text)
        salary = _salary(rng, contract, hours, work_study)

        welcome = (
            f"Une expérience de {experience_label.split(' - ')[0]} sur un poste similaire "
            "est demandée."
            if experience == "E"
            else rng.pick(_WELCOME)
        )
        description = " ".join(
            (
                f"{employer}, à {town.name}, recrute : {label}.",
                _TASKS.get(domain, ""),
                f"Poste à {'temps plein' if full_time else 'temps partiel'}, {hours} heures par "
                f"semaine, {_SCHEDULE[pattern]}.",
                "Contrat en alternance avec une formation en centre." if work_study else "",
                welcome,
                _DEMO_NOTICE,
            )
        ).replace("  ", " ")

        place: dict[str, Any] = {
            "libelle": f"{town.departement} - {town.name.upper()}",
            "codePostal": town.postcode,
            "commune": town.insee,
        }
        # A few offers without a position, as real ones sometimes are: the map must cope.
        if rng.random() >= 0.02:
            place["latitude"] = town.latitude
            place["longitude"] = town.longitude

        offer: dict[str, Any] = {
            "id": offer_id,
            "intitule": label,
            "description": description,
            "dateCreation": _iso(created),
            "dateActualisation": _iso(updated),
            "lieuTravail": place,
            "romeCode": code,
            "romeLibelle": label,
            "appellationlibelle": label,
            "entreprise": {"nom": employer, "entrepriseAdaptee": False},
            "typeContrat": contract,
            "typeContratLibelle": contract_label,
            "natureContrat": nature,
            "experienceExige": experience,
            "experienceLibelle": experience_label,
            "dureeTravailLibelle": working_time,
            "dureeTravailLibelleConverti": "Temps plein" if full_time else "Temps partiel",
            "alternance": work_study,
            "contact": _contact(rng, offer_id, employer),
            "nombrePostes": rng.pick((1, 1, 1, 2, 3)),
            "accessibleTH": rng.random() < 0.3,
            "origineOffre": {
                "origine": "1",
                "urlOrigine": (
                    f"https://candidat.francetravail.fr/offres/recherche/detail/{offer_id}"
                ),
            },
        }
        if salary:
            offer["salaire"] = salary
        offers.append(offer)
    return offers
