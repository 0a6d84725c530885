"""Derive data/orientation/rome.json from the ROME 4.0 CSV files (maintainers only).

    python -m kiosk.orientation.build /path/to/rome-csv-folder

The kiosk ships the result, not the 10 MB of CSV: per occupation its interests, the work
conditions it lists (as our seven `AVOID` words), how it is reached (from `acces_metier`), the
first sentence of its definition, ROME's mobility links, and its closest occupations by shared
skills (precomputed, so a past job's neighbours cost nothing at run time); per activity the
occupations whose skills its patterns match, with the matched skill labels for the
explanation. Same input, same output (sorted, rounded).
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from kiosk import resources

# Work conditions (contextes_travail code_ogr) behind each thing a person may rule out.
CONDITIONS: dict[str, set[str]] = {
    "night": {"300803", "126450"},  # night work; shift work (2x8, 3x8) includes nights
    "weekend": {"23374", "23376", "300793"},  # Saturday, weekends and holidays, Sunday
    "heavy": {"300795"},
    "standing": {"300800"},
    "outdoor": {"300783", "300790", "403962"},  # outdoors, harsh weather, building site
    "travel": {"300779", "23381", "300814", "300816", "300817"},  # trips; regional+ zones
}
_DRIVING_SKILL = re.compile(
    r"^Conduire (un|une|des) (véhicule|poids lourd|deux-roues|engin|bus|autocar|car\b|taxi|"
    r"ambulance|tracteur|chariot|grue|train|métro|tramway)",
    re.I,
)
_LICENCE = re.compile(r"\b(CACES|FIMO|FCO|permis|habilitation|carte professionnelle|SST)\b", re.I)
_NO_DIPLOMA = re.compile(r"sans (diplôme|qualification|formation)|aucun diplôme", re.I)
_HIGHER = re.compile(
    r"[Bb]ac ?\+ ?\d|\bBTS\b|\bDUT\b|\bBUT\b|[Ll]icence|[Mm]aster|[Ii]ngénieur|[Dd]octorat|"
    r"[Dd]iplôme d'[ÉéEe]tat|\bDEIS\b|\bDE\b"
)
_BAC = re.compile(r"\bbac(calauréat)?\b(?! ?\+)", re.I)
_CAP = re.compile(r"\b(CAP|CAPA|BEP|CQP|titre professionnel|BP)\b")
NEIGHBOURS = 10
ACTIVITY_JOBS = 40


def _read(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def access_of(text: str) -> tuple[str, int]:
    """("none" | "licence" | "diploma", level 0 none, 1 CAP, 2 bac, 3 higher)."""
    if _NO_DIPLOMA.search(text):
        return ("licence" if _LICENCE.search(text) and "obligatoire" in text else "none"), 0
    # The lowest diploma the text names is the way in ("un CAP ou un BTS": a CAP will do).
    level = 1 if _CAP.search(text) else 2 if _BAC.search(text) else 3 if _HIGHER.search(text) else 0
    if level <= 1 and _LICENCE.search(text):
        return "licence", level
    return ("diploma" if level else "none"), level


def first_sentence(text: str) -> str:
    line = text.strip().split("\n")[0].strip()
    return line if len(line) <= 160 else line[:157].rsplit(" ", 1)[0] + "…"


def build(folder: Path, activities_path: Path) -> dict[str, object]:
    metiers = _read(folder, "metiers.csv")
    texts = {r["code_rome"]: r for r in _read(folder, "textes.csv")}
    skills = {r["code_ogr"]: r["libelle_competence"] for r in _read(folder, "competences.csv")}
    permits = {
        r["code_ogr"]
        for r in _read(folder, "savoirs.csv")
        if r["libelle_savoir"].startswith("Permis de conduire")
    }
    items = _read(folder, "metiers_items.csv")
    by_job: dict[str, set[str]] = defaultdict(set)  # savoir-faire per occupation
    contexts: dict[str, set[str]] = defaultdict(set)
    driving: set[str] = set()
    for row in items:
        code, kind, ogr = row["code_rome"], row["type"], row["code_ogr"]
        if kind == "savoir_faire":
            by_job[code].add(ogr)
            if _DRIVING_SKILL.match(skills.get(ogr, "")):
                driving.add(code)
        elif kind == "contexte":
            contexts[code].add(ogr)
        elif kind == "savoir" and ogr in permits:
            driving.add(code)
    interests: dict[str, list[list[int]]] = defaultdict(list)
    for row in _read(folder, "metiers_centres_interet.csv"):
        interests[row["code_rome"]].append(
            [int(row["code_centre_interet"]), 1 if row["principal"] == "oui" else 0]
        )
    mobility: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in _read(folder, "mobilites.csv"):
        mobility[row["code_rome"]].append((int(row["numero_ordre"]), row["code_rome_cible"]))

    # Skill overlap: idf-weighted cosine over savoir-faire; rare shared skills count most.
    jobs = sorted(by_job)
    df = Counter(s for j in jobs for s in by_job[j])
    idf = {s: math.log(len(jobs) / n) for s, n in df.items()}
    norm = {j: math.sqrt(sum(idf[s] ** 2 for s in by_job[j])) or 1.0 for j in jobs}
    holders: dict[str, list[str]] = defaultdict(list)
    for j in jobs:
        for s in by_job[j]:
            holders[s].append(j)
    neighbours: dict[str, list[list[object]]] = {}
    for j in jobs:
        acc: defaultdict[str, float] = defaultdict(float)
        for s in by_job[j]:
            if df[s] > 60:  # "work in a team"-like skills say nothing about closeness
                continue
            for other in holders[s]:
                if other != j:
                    acc[other] += idf[s] ** 2
        ranked = sorted(
            ((v / (norm[j] * norm[o]), o) for o, v in acc.items()), key=lambda t: (-t[0], t[1])
        )
        neighbours[j] = [[o, round(v, 3)] for v, o in ranked[:NEIGHBOURS] if v >= 0.08]

    occupations: dict[str, dict[str, object]] = {}
    for row in metiers:
        code = row["code_rome"]
        access, level = access_of(texts[code]["acces_metier"])
        avoid = sorted(k for k, ids in CONDITIONS.items() if ids & contexts[code])
        if code in driving:
            avoid = sorted([*avoid, "driving"])
        occupations[code] = {
            "label": row["libelle_rome"],
            "cadre": row["emploi_cadre"] == "O",
            "regulated": row["emploi_reglemente"] == "O",
            "access": access,
            "level": level,
            "avoid": avoid,
            "interests": sorted(interests[code]),
            "description": first_sentence(texts[code]["definition"]),
            "close": [c for _n, c in sorted(mobility[code])],
            "skills_near": neighbours.get(code, []),
        }

    source = json.loads(activities_path.read_text(encoding="utf-8"))["activities"]
    activity_jobs: dict[str, list[list[object]]] = {}
    for name, spec in sorted(source.items()):
        patterns = [re.compile(p, re.I) for p in spec["skills"]]
        matched = {s for s, label in skills.items() if any(p.search(label) for p in patterns)}
        scores: dict[str, float] = {}
        shown: dict[str, str] = {}
        for j in jobs:
            hit = matched & by_job[j]
            if hit:
                scores[j] = sum(idf[s] for s in hit) / math.sqrt(len(by_job[j]))
                shown[j] = skills[min(hit, key=lambda s: (df[s], s))]
        top = max(scores.values(), default=1.0)
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:ACTIVITY_JOBS]
        activity_jobs[name] = [[j, round(v / top, 3), shown[j]] for j, v in best]

    return {
        "source": "France Travail, ROME 4.0 (version 60), Licence Ouverte 2.0",
        "occupations": occupations,
        "activity_jobs": activity_jobs,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m kiosk.orientation.build ROME_CSV_FOLDER", file=sys.stderr)
        return 2
    out = resources.data_file("orientation", "rome.json")
    data = build(Path(argv[0]), resources.data_file("orientation", "activities.json"))
    out.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    print(f"{out}: {out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
