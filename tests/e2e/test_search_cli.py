"""The catalogue verbs as a technician or a script runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_occupations_json_is_best_first() -> None:
    result = kiosk("occupations", "chaufeur poid lour", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found[0]["code"] == "N4101"
    assert set(found[0]) == {"code", "label", "score", "name"}
    assert [o["score"] for o in found] == sorted((o["score"] for o in found), reverse=True)


@pytest.mark.parametrize(
    ("query", "code", "lang", "name_has"),
    [
        ("سائق", "N4101", "ar", "سائق"),
        ("cleaner", "K2204", "en", "cleaner"),
        ("водій", "N4101", "uk", "водій"),
        ("camionero", "N4101", "es", "conductor"),
        ("şoför", "N4101", "tr", "şoför"),
    ],
)
def test_occupations_json_finds_jobs_in_every_language(
    query: str, code: str, lang: str, name_has: str
) -> None:
    result = kiosk("occupations", query, "--json", "--lang", lang)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found[0]["code"] == code
    assert name_has in found[0]["name"].casefold()


def test_a_word_that_names_no_job_is_not_understood() -> None:
    result = kiosk("occupations", "xyzzy", "--json")
    assert result.returncode == 0 and json.loads(result.stdout) == []
    found = json.loads(kiosk("search", "xyzzy", "--json").stdout)
    assert found["status"] == "not_understood" and found["results"] == []


def test_search_near_a_town_prints_distances_nearest_first() -> None:
    result = kiosk("search", "boulanger", "--near", "Grenoble", "--limit", "5")
    assert result.returncode == 0, result.stderr
    km = [float(line.rsplit("distance_km ", 1)[1]) for line in result.stdout.splitlines()[1:]]
    assert len(km) == 5 and km == sorted(km) and km[0] < 10
    data = json.loads(kiosk("search", "boulanger", "--near", "38000", "--json").stdout)
    assert all(r["distance_km"] is not None for r in data["results"])


def test_search_near_a_shared_town_name_asks_for_the_departement() -> None:
    result = kiosk("search", "boulanger", "--near", "Saint-Denis")
    assert result.returncode == 2
    assert "93066" in result.stderr and "97411" in result.stderr
    assert "Traceback" not in result.stderr


def test_search_json_with_filters() -> None:
    result = kiosk(
        "search", "serveuze", "--near", "69123", "--km", "20", "--contract", "CDI",
        "--contract", "MIS", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["total"] >= len(data["results"]) > 0
    assert 0 < data["took_ms"] < 5000
    assert {r["contract_type"] for r in data["results"]} <= {"CDI", "MIS"}
    assert all(r["distance_km"] is None or r["distance_km"] <= 20 for r in data["results"])


@pytest.mark.parametrize(
    "query", ["", '"DROP TABLE offers; --', "NEAR(*", "😀", "عامل", "sa2e9", "x" * 2000]
)
def test_search_json_survives_bad_input(query: str) -> None:
    result = kiosk("search", query, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] >= 0


def test_import_offers_reports_and_replaces_the_demo(tmp_path: Path) -> None:
    path = tmp_path / "offers.json"
    offers = [{"id": "X1", "intitule": "Cariste", "romeCode": "N1101"}, {"intitule": "no id"}]
    path.write_text(json.dumps({"resultats": offers}), encoding="utf-8")
    assert kiosk("search", "cariste", "--json").returncode == 0  # a demo kiosk first
    result = kiosk("import-offers", str(path))
    assert result.returncode == 0, result.stderr
    assert "1 inserted, 0 updated, 0 unchanged, 1 skipped, 3000 demo offers removed" in (
        result.stdout
    )
    found = json.loads(kiosk("search", "karist", "--json").stdout)
    assert [r["id"] for r in found["results"]] == ["X1"]


def test_import_offers_refuses_an_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    result = kiosk("import-offers", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "is not JSON" in result.stderr
    assert kiosk("import-offers", str(tmp_path / "missing.json")).returncode == 1
