"""Orientation quality and speed (issue 12): 32 people written by the team, in their words.

Each person: what they like (centre d'intérêt codes), what they did (their own words, several
languages), what they rule out, their diploma, and the occupations an adviser would accept.
Figures: share of people with an accepted occupation among the first 10 (goal >= 85 %), people
without a diploma with an "emploi cadre" among the first 5 (goal 0), time per answer in
process (goal < 300 ms), on the demo catalogue (3,000 offers around Lyon).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

# (name, answers, accepted ROME codes)
PEOPLE: list[tuple[str, dict[str, Any], set[str]]] = [
    (
        "farm worker, bad back",
        {
            "interests": [9],
            "experiences": ["ouvrier agricole", "cueillette des pommes"],
            "avoid": ["heavy"],
            "diploma": "none",
        },
        {"A1414", "A1203", "D1219", "A1301", "A1302", "D1209", "A1433", "A1444", "A1402"},
    ),
    (
        "mother back after years at home",
        {
            "interests": [21, 22],
            "experiences": ["j'ai élevé mes enfants", "aide aux devoirs"],
            "diploma": "none",
        },
        {"K1303", "K1310", "K1307", "K1314", "K1304", "J1304", "K2113", "K1302"},
    ),
    (
        "young person left school early, likes sport",
        {"interests": [13], "experiences": ["football au club"], "diploma": "none"},
        {"G1204", "G1209", "G1217", "D1211", "G1203", "G1212"},
    ),
    (
        "newcomer, carpenter in Syria (Arabic)",
        {"experiences": ["نجار"], "diploma": "none"},
        {"H2206", "F1607", "F1616", "H2204", "F1604", "F1613", "H2207", "H2209"},
    ),
    (
        "cooked for family parties",
        {
            "interests": [27],
            "experiences": ["je cuisine pour les fêtes de famille"],
            "diploma": "none",
        },
        {"G1602", "G1606", "G1607", "G1609", "G1603", "G1613", "G1605"},
    ),
    (
        "cared for a sick mother",
        {
            "interests": [22],
            "experiences": ["je me suis occupée de ma mère malade"],
            "diploma": "none",
        },
        {"K1302", "K1311", "K1306", "J1301", "J1501", "K1304"},
    ),
    (
        "sells at the market on Sundays",
        {
            "interests": [3, 4],
            "experiences": ["je vends des légumes sur les marchés"],
            "diploma": "none",
        },
        {"D1110", "D1106", "D1507", "D1505", "D1214", "D1501", "D1402"},
    ),
    (
        "handyman, no nights",
        {
            "interests": [14],
            "experiences": ["bricolage", "réparer des vélos"],
            "avoid": ["night"],
            "diploma": "cap",
        },
        {"I1203", "I1207", "K2501", "I1604", "I1607", "F1603", "I1310", "I1305"},
    ),
    (
        "delivery driver wanting no weekends",
        {"experiences": ["livreur"], "avoid": ["weekend"], "diploma": "none"},
        {"N4105", "N4120", "N4121", "N1103", "N1105", "N4203", "N1110"},
    ),
    (
        "English speaker, warehouse",
        {"experiences": ["warehouse work", "forklift"], "diploma": "none"},
        {"N1101", "N1103", "N1105", "N1110", "N1106", "N1112"},
    ),
    (
        "cleaner who likes careful work",
        {"interests": [6], "experiences": ["ménage chez des particuliers"], "diploma": "none"},
        {"K2204", "K2205", "K1304", "J1301", "G1502", "D1236", "K2202", "G1503"},
    ),
    (
        "Spanish speaker, waiter",
        {"experiences": ["camarero"], "diploma": "bac"},
        {"G1803", "G1801", "G1810", "G1603", "G1802"},
    ),
    (
        "likes animals, no diploma",
        {"interests": [17], "experiences": ["j'ai gardé des chiens"], "diploma": "none"},
        {"A1403", "A1421", "A1506", "A1511", "A1503", "D1210", "A1501", "A1435"},
    ),
    (
        "gardener, outdoors, Portuguese",
        {"interests": [9, 20], "experiences": ["jardinagem"], "diploma": "none"},
        {"A1203", "A1208", "A1414", "A1433", "A1202", "D1219"},
    ),
    (
        "computer helper",
        {
            "interests": [29],
            "experiences": ["j'aide les voisins avec leur ordinateur"],
            "diploma": "bac",
        },
        {"I1401", "H1108", "M1810", "I1409", "M1869", "I1404", "M1874", "M1816"},
    ),
    (
        "translator for her community (Farsi)",
        {"interests": [28], "experiences": ["ترجمه"], "diploma": "higher"},
        {"E1108", "E1123", "K1226", "K1204", "G1101", "G1227", "K1205"},
    ),
    (
        "Ukrainian, shop work",
        {"interests": [4], "experiences": ["продавець"], "diploma": "higher"},
        {"D1507", "D1505", "D1214", "D1106", "D1212", "D1402", "D1501", "D1403"},
    ),
    (
        "Turkish, building site",
        {"interests": [1], "experiences": ["inşaat"], "diploma": "none"},
        {"F1704", "F1703", "F1606", "F1601", "F1701", "F1608", "F1702"},
    ),
    (
        "Romanian, care for elderly",
        {"interests": [22], "experiences": ["îngrijire bătrâni"], "diploma": "none"},
        {"K1302", "K1311", "K1306", "J1301", "J1501", "K1304"},
    ),
    (
        "security, likes rules",
        {"interests": [11, 23], "experiences": ["agent de sécurité"], "diploma": "none"},
        {"K2503", "K2501", "K2504", "K2509", "K2510", "K2506"},
    ),
    (
        "hairdresser friends and family",
        {"interests": [30], "experiences": ["je coiffe mes amies", "tresses"], "diploma": "none"},
        {"D1202", "D1208", "D1216", "D1240", "D1239"},
    ),
    (
        "sewing at home",
        {"interests": [14], "experiences": ["couture"], "diploma": "none"},
        {"D1207", "B1803", "H2402", "D1242", "H2401", "H2409"},
    ),
    (
        "paperwork for the family, organised",
        {
            "interests": [18, 15],
            "experiences": ["je gère les papiers et les comptes de la famille"],
            "diploma": "bac",
        },
        {"M1602", "M1607", "M1225", "M1601", "C1401", "M1213", "M1608", "M1203", "M1611"},
    ),
    (
        "volunteer at a food bank",
        {"interests": [4, 22], "experiences": ["bénévole aux restos du coeur"], "diploma": "none"},
        {"K1205", "K1204", "K1217", "D1507", "N1103", "K1206", "K1302", "N1105"},
    ),
    (
        "organised weddings, talks easily",
        {"interests": [8, 18], "experiences": ["organiser des mariages"], "diploma": "bac"},
        {"L1104", "G1107", "E1107", "G1203", "G1236", "D1501", "G1101"},
    ),
    (
        "lorry driver who must stop driving",
        {"experiences": ["chauffeur poids lourd"], "avoid": ["driving"], "diploma": "none"},
        {"N1103", "N1105", "N1110", "N4203", "N1106", "N1101", "N1102"},
    ),
    (
        "baker, no nights",
        {"experiences": ["boulanger"], "avoid": ["night"], "diploma": "cap"},
        {"D1104", "G1610", "D1106", "D1101", "G1602", "H2102", "G1609", "D1102", "D1507"},
    ),
    (
        "nothing said but no diploma, likes driving",
        {"interests": [19], "diploma": "none"},
        {"N4105", "N4120", "N4101", "N4103", "N1101", "N4121", "N4102", "N1114", "A1101"},
    ),
    (
        "care assistant, no standing",
        {"experiences": ["aide-soignante"], "avoid": ["standing"], "diploma": "cap"},
        {"J1501", "K1302", "J1301", "K1311", "J1304", "K1306", "J1305", "J1310", "M1609"},
    ),
    (
        "former soldier, likes protecting",
        {"interests": [23], "experiences": ["militaire"], "diploma": "bac"},
        {"K2503", "K1705", "K1707", "K2504", "K1708", "K2502", "K1706", "K2506", "K1703"},
    ),
    (
        "likes drawing and creating, no diploma",
        {"interests": [7, 30], "experiences": ["dessin"], "diploma": "none"},
        {"E1205", "B1101", "B1302", "G1202", "F1139", "E1201", "B1303", "B1601", "E1305"},
    ),
    (
        "fruit picker who likes nature (Arabic words)",
        {"interests": [9], "experiences": ["قطف الفواكه"], "diploma": "none"},
        {"A1401", "A1444", "A1402", "A1419", "A1405", "A1414", "A1203", "A1433"},
    ),
]


def _catalogue(folder: Path) -> Any:
    from kiosk.catalogue.schema import CATALOGUE_SCHEMA
    from kiosk.catalogue.seed import ensure_seeded
    from kiosk.storage import open_database

    opened = open_database(folder / "catalogue.db", CATALOGUE_SCHEMA)
    ensure_seeded(opened.db, demo=True)
    return opened.db


def run() -> dict[str, Any]:
    from kiosk.catalogue.resolve import resolver_for
    from kiosk.orientation import Answers, suggest
    from kiosk.orientation.engine import load

    with tempfile.TemporaryDirectory() as tmp:
        db = _catalogue(Path(tmp))
        resolver_for(db)  # built once per process, as in the kiosk; not an answer's time
        load()
        hits, misses, cadre_top5, times = 0, [], [], []
        for name, raw, accepted in PEOPLE:
            answers = Answers.from_json({**raw, "near": "69123", "km": 30})
            started = time.perf_counter()
            result = suggest(db, answers, limit=10)
            times.append((time.perf_counter() - started) * 1000)
            codes = [s.code for s in result.suggestions]
            if accepted & set(codes):
                hits += 1
            else:
                misses.append({"person": name, "got": codes[:5]})
            if raw.get("diploma") == "none":
                cadre_top5 += [f"{name}: {s.code}" for s in result.suggestions[:5] if s.cadre]
        empty = suggest(db, Answers(), limit=10)
        db.conn.close()
    return {
        "people": len(PEOPLE),
        "accepted_in_first_10_pct": round(100 * hits / len(PEOPLE), 1),
        "goal_pct": 85,
        "misses": misses,
        "no_diploma_people": sum(1 for _n, r, _a in PEOPLE if r.get("diploma") == "none"),
        "emploi_cadre_in_first_5_without_diploma": cadre_top5,
        "answer_ms_median": round(statistics.median(times), 1),
        "answer_ms_max": round(max(times), 1),
        "no_answer_ms": round(empty.took_ms, 1),
        "goal_ms": 300,
    }
