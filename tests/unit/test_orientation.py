"""The orientation engine on the real shipped data and a real SQLite catalogue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from kiosk import i18n
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.catalogue.seed import ensure_seeded
from kiosk.orientation import (
    ACTIVITIES,
    AVOID,
    INTERESTS,
    Answers,
    AnswersError,
    close_jobs,
    resolve_experience,
    suggest,
)
from kiosk.orientation.build import access_of
from kiosk.orientation.engine import load
from kiosk.storage import open_database


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite_utils.Database]:
    opened = open_database(tmp_path_factory.mktemp("o") / "catalogue.db", CATALOGUE_SCHEMA)
    ensure_seeded(opened.db, demo=True, today=date(2026, 3, 10))
    yield opened.db
    opened.db.conn.close()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.translator.set_language("en")
    yield
    i18n.translator.set_language(i18n.DEFAULT)


def test_choices_are_complete_and_match_the_data() -> None:
    assert sorted(i.code for i in INTERESTS) == list(range(1, 31))
    data = load()
    assert set(data.activity_codes) == {a.id for a in ACTIVITIES}
    for codes in data.activity_codes.values():
        assert codes and all(c in data.occupations for c in codes)
    assert len(data.occupations) == 1584


def test_fruit_picker_who_likes_nature_gets_farm_jobs_with_the_reason(
    db: sqlite_utils.Database,
) -> None:
    answers = Answers(interests=(9,), experiences=("j'ai fait la cueillette des pommes",))
    result = suggest(db, answers)
    assert result.suggestions[0].code.startswith("A1")
    first = result.suggestions[0]
    assert first.why() == "You like nature and the outdoors. You worked on a farm or picked fruit."
    assert [r.kind for r in first.reasons][-1] == "offers"
    i18n.translator.set_language("fr")
    assert first.why().startswith("Vous aimez la nature")


def test_ruled_out_conditions_are_never_shown(db: sqlite_utils.Database) -> None:
    data = load()
    free = suggest(db, Answers(experiences=("livreur",)), limit=30)
    assert any("driving" in data.occupations[s.code]["avoid"] for s in free.suggestions)
    kept = suggest(db, Answers(experiences=("livreur",), avoid=("driving", "night")), limit=30)
    assert kept.suggestions
    for s in kept.suggestions:
        assert not {"driving", "night"} & set(data.occupations[s.code]["avoid"])


def test_without_a_diploma_no_cadre_or_regulated_job_first_unless_named(
    db: sqlite_utils.Database,
) -> None:
    for interest in (2, 3, 15, 23, 29):
        result = suggest(db, Answers(interests=(interest,), diploma="none"))
        for s in result.suggestions[:5]:
            assert not s.cadre and not s.regulated, (interest, s.code)
    named = suggest(db, Answers(experiences=("comptable",), diploma="none"))
    assert "M1203" in [s.code for s in named.suggestions]


def test_no_answer_shows_the_jobs_with_most_offers_and_says_so(
    db: sqlite_utils.Database,
) -> None:
    result = suggest(db, Answers())
    assert [n.kind for n in result.notes] == ["no_answers"]
    offers = [s.offers for s in result.suggestions]
    assert offers == sorted(offers, reverse=True) and offers[0] > 0


def test_every_constraint_ticked_offers_to_loosen_one(db: sqlite_utils.Database) -> None:
    result = suggest(db, Answers(interests=(9,), avoid=AVOID))
    kinds = [n.kind for n in result.notes]
    assert "nothing_fits" in kinds and "contradiction" in kinds
    assert result.loosen and set(result.loosen) <= set(AVOID)
    looser = Answers(interests=(9,), avoid=tuple(a for a in AVOID if a != result.loosen[0]))
    assert len(suggest(db, looser).suggestions) > len(result.suggestions)


def test_unknown_words_are_said_and_the_rest_still_works(db: sqlite_utils.Database) -> None:
    result = suggest(db, Answers(experiences=("zzqxw blorf", "childcare")))
    assert result.notes[0].kind == "unknown_experience"
    assert "zzqxw blorf" in result.notes[0].text()
    assert any(s.code == "K1303" for s in result.suggestions)


def test_fifty_activities_are_cut_and_said(db: sqlite_utils.Database) -> None:
    many = tuple(a.id for a in ACTIVITIES) * 3
    result = suggest(db, Answers(experiences=many[:50]))
    assert any(n.kind == "too_many_experiences" for n in result.notes)
    assert result.took_ms < 1000 and len(result.suggestions) == 10


def test_everyday_words_in_several_languages(db: sqlite_utils.Database) -> None:
    assert resolve_experience(db, "رعاية الأطفال").activity == "childcare"
    assert resolve_experience(db, "I did some babysitting").activity == "childcare"
    assert resolve_experience(db, "ménage").activity == "cleaning"
    assert resolve_experience(db, "boulanger").codes[0] == "D1102"


def test_close_jobs_follow_rome_mobility_ranked_by_offers(db: sqlite_utils.Database) -> None:
    close = close_jobs(db, "A1401", near="69123", km=50)
    assert {c.code for c in close} == set(load().occupations["A1401"]["close"])
    offers = [c.offers for c in close]
    assert offers == sorted(offers, reverse=True)
    assert close_jobs(db, "Z9999") == []


def test_same_answers_same_list(db: sqlite_utils.Database) -> None:
    answers = Answers(interests=(4, 22), experiences=("volunteering",), diploma="cap")
    first = [s.as_json() for s in suggest(db, answers).suggestions]
    assert first == [s.as_json() for s in suggest(db, answers).suggestions]


@pytest.mark.parametrize(
    "raw",
    [
        [],
        {"interests": [31]},
        {"interests": "9"},
        {"avoid": ["rain"]},
        {"diploma": "phd"},
        {"km": -3},
        {"color": "blue"},
    ],
)
def test_bad_answers_are_refused_plainly(raw: object) -> None:
    with pytest.raises(AnswersError):
        Answers.from_json(raw)


def test_access_is_read_from_the_rome_text() -> None:
    assert access_of("Cet emploi est accessible sans diplôme particulier.") == ("none", 0)
    assert access_of("Cet emploi est accessible avec un CAP ou un BTS.") == ("diploma", 1)
    assert access_of("accessible avec un Bac +5.") == ("diploma", 3)
    assert access_of("Le CACES est exigé, avec un CAP.")[0] == "licence"


def test_shipped_data_names_its_source() -> None:
    folder = Path(__file__).resolve().parents[2] / "data" / "orientation"
    assert "Licence Ouverte" in (folder / "SOURCE.md").read_text(encoding="utf-8")
    assert "ROME 4.0" in json.loads((folder / "rome.json").read_text(encoding="utf-8"))["source"]
