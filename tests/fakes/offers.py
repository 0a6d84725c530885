"""API-shaped offers for the fake API: deterministic, spread over creation dates."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

TOWNS = {
    "69": [
        ("LYON 03", "69003", "69383", 45.759, 4.8497),
        ("VILLEURBANNE", "69100", "69266", 45.77, 4.88),
    ],
    "01": [("BOURG-EN-BRESSE", "01000", "01053", 46.205, 5.225)],
    "38": [("GRENOBLE", "38000", "38185", 45.188, 5.724)],
    "42": [("SAINT-ETIENNE", "42000", "42218", 45.434, 4.39)],
    "71": [("MACON", "71000", "71270", 46.306, 4.828)],
    "73": [("CHAMBERY", "73000", "73065", 45.566, 5.92)],
    "74": [("ANNECY", "74000", "74010", 45.899, 6.129)],
    "13": [("MARSEILLE 01", "13001", "13201", 43.298, 5.381)],
}
JOBS = [
    ("G1803", "Serveur / Serveuse en restauration", "CDD"),
    ("D1106", "Vendeur / Vendeuse en alimentation", "CDI"),
    ("N1103", "Préparateur / Préparatrice de commandes", "MIS"),
    ("K2204", "Agent / Agente d'entretien", "CDI"),
    ("J1501", "Aide-soignant / Aide-soignante", "CDD"),
]


def make_offers(
    count: int,
    departements: list[str] | tuple[str, ...] = ("69",),
    *,
    seed: int = 1,
    prefix: str = "T",
    days: int = 90,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    end = (now or datetime.now(UTC)).replace(microsecond=0, tzinfo=None) - timedelta(hours=1)
    offers = []
    for index in range(count):
        dep = departements[index % len(departements)]
        town, postcode, commune, lat, lon = rng.choice(TOWNS.get(dep, TOWNS["69"]))
        code, label, contract = rng.choice(JOBS)
        created = end - timedelta(seconds=rng.randrange(days * 86400))
        offers.append(
            {
                "id": f"{prefix}{index:06d}",
                "intitule": label,
                "description": f"Offre {index} : {label.lower()}, équipe accueillante.",
                "dateCreation": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "dateActualisation": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "lieuTravail": {
                    "libelle": f"{dep} - {town}",
                    "latitude": lat,
                    "longitude": lon,
                    "codePostal": postcode,
                    "commune": commune,
                },
                "romeCode": code,
                "romeLibelle": label,
                "appellationlibelle": label,
                "entreprise": {"nom": f"Entreprise Test {index % 97}"},
                "typeContrat": contract,
                "typeContratLibelle": contract,
                "natureContrat": "Contrat travail",
                "experienceExige": "D",
                "experienceLibelle": "Débutant accepté",
                "salaire": {"libelle": "Mensuel de 1802.00 Euros sur 12 mois"},
                "dureeTravailLibelleConverti": "Temps plein",
                "alternance": False,
                "contact": {"nom": "Service recrutement", "courriel": "rh@example.org"},
                "nombrePostes": 1,
                "origineOffre": {"origine": "1"},
            }
        )
    return offers


def odd_offer(offer_id: str, departement: str = "69") -> dict[str, Any]:
    """Fields of the wrong type everywhere the API has been seen to do it, and more."""
    return {
        "id": offer_id,
        "intitule": "Agent / Agente de propreté",
        "description": ["not", "a", "string"],
        "dateCreation": 20260101,
        "lieuTravail": f"{departement} - LYON",  # a string, not an object
        "salaire": ["Mensuel", 1802],
        "contexteTravail": "horaires",  # a list in most offers
        "outilsBureautiques": ["Tableur"],
        "entreprise": None,
        "nombrePostes": "deux",
        "alternance": "oui",
        "latitude": "north",
    }
