"""How `suggest` ranks occupations. Every point a job gets comes with the reason it was given.

A job's score is the sum of what leads to it:
- each chosen interest it belongs to in ROME (1.0 when it is one of the interest's main jobs,
  0.7 otherwise);
- for each experience, the best of: the job itself (a past job, 1.0), ROME's mobility links
  from a past job (0.9 down to 0.45 by ROME's order), shared skills with a past job
  (precomputed idf-weighted overlap), and for an everyday activity the jobs an adviser links to
  it (1.0 down) or whose ROME skills its patterns match (up to 0.8);
- a little for demand (up to 0.15, log of offers nearby, so demand orders near-equals only).
Then: a job listing a work condition the person ruled out is never shown; a job needing a
higher diploma than the person's loses part of its score; for someone without a diploma an
"emploi cadre" or regulated job they did not name comes after all the others.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import sqlite_utils

from kiosk import resources
from kiosk.catalogue.demo import Town, load_towns
from kiosk.catalogue.geo import box_around, haversine_km
from kiosk.catalogue.resolve import resolver_for
from kiosk.catalogue.spelling import fold
from kiosk.orientation.api import (
    MAX_EXPERIENCES,
    Access,
    Answers,
    CloseJob,
    Note,
    Reason,
    Result,
    Suggestion,
    Understood,
)
from kiosk.orientation.choices import ACTIVITY_BY_ID

DEFAULT_KM = 30
_JOB_MIN_SCORE = 0.62  # the resolver's score below which typed words are not taken as a job
_LEVEL = {"none": 0, "cap": 1, "bac": 2, "higher": 3}
_ABOVE_LEVEL = {1: 0.85, 2: 0.6, 3: 0.45}  # score kept when a job asks 1, 2, 3 levels more
# Liking something and ruling it out at once (the note says so; the rule out wins).
_CONTRADICTIONS = {(19, "driving"), (9, "outdoor"), (16, "travel"), (13, "heavy"), (25, "heavy")}
_DOMAIN_ICONS = {
    "A": "mdi6.sprout", "B": "mdi6.palette", "C": "mdi6.bank", "D": "mdi6.storefront",
    "E": "mdi6.newspaper", "F": "mdi6.home-city", "G": "mdi6.silverware-fork-knife",
    "H": "mdi6.factory", "I": "mdi6.wrench", "J": "mdi6.medical-bag",
    "K": "mdi6.account-heart", "L": "mdi6.drama-masks", "M": "mdi6.briefcase",
    "N": "mdi6.truck",
}  # fmt: skip


@dataclass(frozen=True)
class Data:
    occupations: dict[str, dict[str, Any]]
    activity_jobs: dict[str, list[tuple[str, float, str]]]
    activity_codes: dict[str, tuple[str, ...]]
    phrases: list[tuple[str, str]]  # (folded phrase, activity id), longest first


_data: dict[Path, Data] = {}
_lock = threading.Lock()


def load(folder: Path | None = None) -> Data:
    """data/orientation, read once per process (immutable, shared by every thread)."""
    folder = folder or resources.data_file("orientation")
    with _lock:
        found = _data.get(folder)
    if found is not None:
        return found
    rome = json.loads((folder / "rome.json").read_text(encoding="utf-8"))
    spec = json.loads((folder / "activities.json").read_text(encoding="utf-8"))["activities"]
    phrases = sorted(
        {
            (" ".join(fold(w).replace("'", " ").split()), name)
            for name, entry in spec.items()
            for words in entry["words"].values()
            for w in words
        },
        key=lambda p: (-len(p[0]), p),
    )
    data = Data(
        occupations=rome["occupations"],
        activity_jobs={
            a: [(str(c), float(v), str(s)) for c, v, s in jobs]
            for a, jobs in rome["activity_jobs"].items()
        },
        activity_codes={a: tuple(e["codes"]) for a, e in spec.items()},
        phrases=phrases,
    )
    with _lock:
        _data[folder] = data
    return data


_SPLIT = re.compile(r"[^\w]+")


def _folded(text: str) -> str:
    return " " + " ".join(w for w in _SPLIT.split(fold(text).replace("'", " ")) if w) + " "


def understand(conn: sqlite_utils.Database, text: str, data: Data | None = None) -> Understood:
    data = data or load()
    text = text.strip()
    if text in ACTIVITY_BY_ID:
        return Understood(text, activity=text)
    folded = _folded(text)
    activity = next((a for p, a in data.phrases if f" {p} " in folded), None)
    codes: tuple[str, ...] = ()
    found = resolver_for(conn).resolve(text, limit=3)
    if found and found[0].score >= _JOB_MIN_SCORE:
        best = found[0].score
        codes = tuple(o.code for o in found if o.score >= best - 0.03)[:2]
        if activity is not None and best < 0.85:
            codes = ()  # "j'ai gardé des enfants" is the activity, not a job title
    return Understood(text, activity=activity, codes=codes)


def _centre(answers: Answers, agency: str, notes: list[Note]) -> Town | None:
    towns = {t.insee: t for t in load_towns()}
    if answers.near and answers.near not in towns:
        notes.append(Note("unknown_town", {"near": answers.near}))
    return towns.get(answers.near or "") or towns.get(agency)


def offers_near(conn: sqlite_utils.Database, centre: Town | None, km: int) -> Counter[str]:
    """Offers per ROME code within `km` of `centre` (all offers when the place is unknown)."""
    counts: Counter[str] = Counter()
    if centre is None:
        for code, n in conn.execute(
            "SELECT rome_code, count(*) FROM offers WHERE rome_code IS NOT NULL GROUP BY 1"
        ):
            counts[str(code)] = int(n)
        return counts
    box = box_around(centre.latitude, centre.longitude, km)
    rows = conn.execute(
        "SELECT rome_code, latitude, longitude FROM offers WHERE rome_code IS NOT NULL AND "
        "((latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?) "
        "OR (latitude IS NULL AND commune = ?))",
        [box.south, box.north, box.west, box.east, centre.insee],
    )
    for code, lat, lon in rows:
        if lat is None or haversine_km(centre.latitude, centre.longitude, lat, lon) <= km:
            counts[str(code)] += 1
    return counts


class _Board:
    """Points and reasons per job; for each experience only its best link to a job counts."""

    def __init__(self) -> None:
        self.score: defaultdict[str, float] = defaultdict(float)
        self.reasons: dict[str, list[tuple[float, Reason]]] = {}

    def add(self, code: str, points: float, reason: Reason) -> None:
        self.score[code] += points
        self.reasons.setdefault(code, []).append((points, reason))

    def add_best(self, links: Iterable[tuple[str, float, Reason]]) -> None:
        best: dict[str, tuple[float, Reason]] = {}
        for code, points, reason in links:
            if code not in best or points > best[code][0]:
                best[code] = (points, reason)
        for code, (points, reason) in best.items():
            self.add(code, points, reason)


def _job_links(data: Data, code: str) -> list[tuple[str, float, Reason]]:
    job = data.occupations[code]
    named = {"code": code, "label": job["label"]}
    links = [(code, 1.0, Reason("past_job", named))]
    for rank, target in enumerate(job["close"]):
        links.append((target, max(0.45, 0.9 - 0.04 * rank), Reason("close_to", named)))
    for target, similarity in job["skills_near"]:
        links.append((target, min(0.85, 0.45 + similarity), Reason("skills", named)))
    return links


def _activity_links(data: Data, activity: str) -> list[tuple[str, float, Reason]]:
    reason = Reason("activity", {"id": activity})
    links = [
        (code, 1.0 - 0.04 * rank, reason)
        for rank, code in enumerate(data.activity_codes.get(activity, ()))
    ]
    for code, value, skill in data.activity_jobs.get(activity, []):
        links.append((code, 0.8 * value, Reason("activity", {"id": activity, "skill": skill})))
    return links


def suggest(conn: sqlite_utils.Database, answers: Answers, limit: int, agency: str) -> Result:
    started = time.perf_counter()
    data = load()
    notes: list[Note] = []
    experiences = answers.experiences
    if len(experiences) > MAX_EXPERIENCES:
        notes.append(
            Note("too_many_experiences", {"kept": MAX_EXPERIENCES, "given": len(experiences)})
        )
        experiences = experiences[:MAX_EXPERIENCES]
    understood = tuple(understand(conn, e, data) for e in dict.fromkeys(experiences))
    for u in understood:
        if u.activity is None and not u.codes:
            notes.append(Note("unknown_experience", {"text": u.text}))
    for interest in answers.interests:
        for wanted, avoided in _CONTRADICTIONS:
            if interest == wanted and avoided in answers.avoid:
                notes.append(Note("contradiction", {"interest": interest, "avoid": avoided}))

    board = _Board()
    for rank, interest in enumerate(answers.interests):
        weight = 1.0 if rank < 3 else 0.5  # the screen asks for up to 3
        for code, job in data.occupations.items():
            for number, main in job["interests"]:
                if number == interest:
                    board.add(
                        code,
                        weight * (1.0 if main else 0.7),
                        Reason("interest", {"code": interest}),
                    )
    asked: set[str] = set()
    for u in understood:
        links: list[tuple[str, float, Reason]] = []
        if u.activity:
            links += _activity_links(data, u.activity)
        for code in u.codes:
            if code in data.occupations:
                asked.add(code)
                links += _job_links(data, code)
        board.add_best((c, p, r) for c, p, r in links if c in data.occupations)

    centre = _centre(answers, agency, notes)
    offers = offers_near(conn, centre, answers.km or DEFAULT_KM)
    guided = bool(board.score)
    if not guided:
        notes.append(Note("no_answers"))
        candidates = {c: 0.0 for c in data.occupations if offers[c]}
    else:
        candidates = dict(board.score)
    most = max((offers[c] for c in candidates), default=0)

    avoid = set(answers.avoid)
    fits = {c: s for c, s in candidates.items() if not avoid & set(data.occupations[c]["avoid"])}
    loosen: tuple[str, ...] = ()
    if avoid and len(fits) < 3:
        freed = {
            a: sum(1 for c in candidates if not (avoid - {a}) & set(data.occupations[c]["avoid"]))
            for a in sorted(avoid)
        }
        loosen = tuple(a for a, n in sorted(freed.items(), key=lambda kv: (-kv[1], kv[0])) if n)
        notes.append(Note("nothing_fits", {"loosen": list(loosen), "fit": len(fits)}))

    level = _LEVEL.get(answers.diploma or "")
    ranked: list[tuple[int, float, str]] = []
    for code, score in fits.items():
        job = data.occupations[code]
        demand = math.log1p(offers[code]) / math.log1p(most) if most else 0.0
        value = score + (1.0 if not guided else 0.15) * demand
        if level is not None and job["level"] > level:
            value *= _ABOVE_LEVEL[min(3, job["level"] - level)]
        tier = 0
        if answers.diploma == "none" and code not in asked and (job["cadre"] or job["regulated"]):
            tier = 1
        elif answers.diploma is None and job["cadre"] and code not in asked:
            value *= 0.8
        ranked.append((tier, -value, code))
    ranked.sort()

    suggestions = []
    for _tier, value, code in ranked[:limit]:
        job = data.occupations[code]
        reasons = [r for _p, r in sorted(board.reasons.get(code, []), key=lambda t: -t[0])]
        reasons = _dedupe(reasons)
        reasons.append(Reason("offers", {"count": offers[code]}))
        suggestions.append(
            Suggestion(
                code=code,
                label=job["label"],
                score=-value,
                reasons=tuple(reasons),
                description=job["description"],
                access=cast(Access, job["access"]),
                offers=offers[code],
                cadre=bool(job["cadre"]),
                regulated=bool(job["regulated"]),
                icon=_DOMAIN_ICONS.get(code[:1], "mdi6.briefcase"),
            )
        )
    took = (time.perf_counter() - started) * 1000
    return Result(tuple(suggestions), tuple(notes), understood, loosen, took)


def _dedupe(reasons: list[Reason]) -> list[Reason]:
    """One reason per interest, activity or job (the strongest), so why() never repeats."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for r in reasons:
        key: tuple[str, str] = (r.kind, str(r.params.get("code", r.params.get("id", ""))))
        if r.kind in ("close_to", "skills", "past_job"):
            key = ("job", str(r.params["code"]))
        if key not in seen:
            seen.add(key)
            kept.append(r)
    return kept


def close_jobs(
    conn: sqlite_utils.Database,
    code: str,
    near: str | None,
    km: int | None,
    limit: int,
    agency: str,
) -> list[CloseJob]:
    data = load()
    job = data.occupations.get(code)
    if job is None:
        return []
    towns = {t.insee: t for t in load_towns()}
    offers = offers_near(conn, towns.get(near or "") or towns.get(agency), km or DEFAULT_KM)
    found = [
        CloseJob(target, data.occupations[target]["label"], offers[target], rank + 1)
        for rank, target in enumerate(job["close"])
        if target in data.occupations
    ]
    found.sort(key=lambda j: (-j.offers, j.rank))
    return found[:limit]
