from __future__ import annotations

import datetime as dt
import json
import unicodedata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.cv.dates import Duration, Period, YearMonth
from kiosk.cv.jsonresume import from_json_resume, to_json_resume
from kiosk.cv.model import CV, Experience, Identity, Level, OtherKind, Term
from kiosk.cv.samples import JSON_RESUME_SAMPLE as OFFICIAL
from kiosk.cv.samples import arabic_cv, long_cv, short_cv
from kiosk.cv.validation import FieldError
from kiosk.errors import explain

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("cv", [short_cv("fr"), short_cv("en"), arabic_cv(), long_cv(30), CV()])
def test_a_kiosk_cv_goes_through_json_resume_unchanged(cv: CV) -> None:
    data = to_json_resume(cv)
    assert from_json_resume(json.loads(json.dumps(data)), TODAY) == cv


def test_standard_fields_are_written_for_other_tools() -> None:
    data = to_json_resume(short_cv("fr"))
    assert data["basics"]["name"] == "Samira Benali"
    assert data["basics"]["location"] == {"city": "Lyon 8e"}
    assert data["basics"]["summary"].startswith("J'arrive toujours à l'heure.")
    job = data["work"][0]
    assert (job["position"], job["name"], job["startDate"]) == (
        "Équipière polyvalente",
        "Burger & Co",
        "2022-03",
    )
    assert "endDate" not in job  # still going on
    assert data["work"][1]["x-duration"] == "P3M"
    assert data["languages"][1] == {
        "language": "Arabe",
        "fluency": "Native language",
        "x-code": "ar",
        "x-name": "Arabe",
        "x-level": "native",
    }
    assert data["meta"]["kiosk"]["licences"] == ["B"]
    assert "image" not in data["basics"]  # never a photo


def test_any_json_resume_file_is_read_and_unknown_keys_ignored() -> None:
    cv = from_json_resume(OFFICIAL, TODAY)
    assert cv.identity == Identity(
        "Richard Hendriks", "(912) 555-4321", "richard.hendriks@mail.com", "San Francisco"
    )
    assert cv.wanted_jobs[0].label == "Programmer"
    assert cv.about[0].text.startswith("Richard hails")
    job = cv.experiences[0]
    assert (job.job, job.employer, job.town) == ("CEO/President", "Pied Piper", "Palo Alto, CA")
    assert job.period == Period(YearMonth(2013, 12), YearMonth(2014, 12))
    assert job.summary.startswith("Pied Piper") and len(job.tasks) == 1
    assert cv.other_experiences[0].kind is OtherKind.VOLUNTEERING
    assert cv.education[0].title == "Bachelor Information Technology"
    assert cv.skills == (Term("Web Development: HTML, CSS, Javascript"),)
    levels = [(s.name, s.level, s.level_text) for s in cv.languages]
    assert levels == [
        ("English", Level.NATIVE, ""),
        ("Spanish", Level.CAN_TALK, ""),
        ("Klingon", None, "Professional"),
    ]
    assert cv.interests == (Term("Wildlife: Ferrets, Unicorns"),)


@pytest.mark.parametrize(
    ("change", "field", "expected"),
    [
        (
            lambda d: d["work"].append({"position": "x", "startDate": 2021}),
            "work[1].startDate",
            "a text",
        ),
        (
            lambda d: d["work"].append({"position": "x", "startDate": "March 2021"}),
            "work[1].startDate",
            "a date like 2021-03",
        ),
        (
            lambda d: d["work"].append({"position": "x", "endDate": "2021-13"}),
            "work[1].endDate",
            "a date like 2021-03",
        ),
        (lambda d: d.__setitem__("work", {"position": "x"}), "work", "a list"),
        (lambda d: d["work"].append("Cashier"), "work[1]", "an object"),
        (lambda d: d["basics"].__setitem__("name", ["Richard"]), "basics.name", "a text"),
        (lambda d: d.__setitem__("basics", "Richard"), "basics", "an object"),
        (
            lambda d: d["skills"][0].__setitem__("keywords", ["HTML", 5]),
            "skills[0].keywords[1]",
            "a text",
        ),
        (
            lambda d: d["education"][0].__setitem__("x-obtained", "no"),
            "education[0].x-obtained",
            "true or false",
        ),
        (lambda d: d["work"][0]["highlights"].append(None), "work[0].highlights[1]", "a text"),
    ],
)
def test_wrong_types_name_the_field(change: Any, field: str, expected: str) -> None:
    data = json.loads(json.dumps(OFFICIAL))
    change(data)
    with pytest.raises(FieldError) as caught:
        from_json_resume(data, TODAY)
    assert caught.value.field == field
    assert caught.value.values == {"expected": expected}
    assert str(caught.value) == f"{field}: expected {expected}"


@pytest.mark.parametrize("data", [[], "cv", 3, None])
def test_a_document_that_is_not_an_object(data: Any) -> None:
    with pytest.raises(FieldError) as caught:
        from_json_resume(data, TODAY)
    assert caught.value.field == "(top)"


def test_bad_values_inside_a_file_are_explained() -> None:
    data = {"basics": {"name": "Amina", "email": "amina.gmail.com"}}
    with pytest.raises(FieldError) as caught:
        from_json_resume(data, TODAY)
    assert caught.value.field == "basics.email" and explain(caught.value).user
    future = {"work": [{"position": "Vendeuse", "startDate": "2031-01"}]}
    with pytest.raises(FieldError) as caught:
        from_json_resume(future, TODAY)
    assert caught.value.field == "work[0].startDate"
    long_summary = {"work": [{"position": "Vendeuse", "summary": "x" * 5000}]}
    with pytest.raises(FieldError) as caught:
        from_json_resume(long_summary, TODAY)
    assert caught.value.field == "work[0].summary" and caught.value.values["length"] == 5000


def test_a_draft_without_a_name_is_read() -> None:
    assert from_json_resume({}, TODAY) == CV()
    assert from_json_resume({"basics": {"name": None}, "work": None}, TODAY) == CV()


def test_only_an_end_date_is_read_as_that_date() -> None:
    cv = from_json_resume({"work": [{"position": "Vendeuse", "endDate": "2020"}]}, TODAY)
    assert cv.experiences[0].period == Period(YearMonth(2020), YearMonth(2020))


texts = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30).map(
    lambda s: " ".join(unicodedata.normalize("NFC", s).split())
)  # already clean, as the wizard stores it


@settings(max_examples=60)
@given(
    name=texts.filter(lambda s: any(c.isalpha() for c in s)),
    jobs=st.lists(
        st.tuples(
            texts.filter(bool),
            texts,
            st.one_of(
                st.none(),
                st.builds(lambda n: Period(duration=Duration(n, "month")), st.integers(1, 99)),
                st.builds(lambda y: Period(YearMonth(y), ongoing=True), st.integers(1990, 2026)),
            ),
            st.lists(texts.filter(bool), max_size=3),
        ),
        max_size=4,
    ),
)
def test_round_trip_of_any_text(
    name: str, jobs: list[tuple[str, str, Period | None, list[str]]]
) -> None:
    cv = CV(
        identity=Identity(name),
        experiences=tuple(
            Experience(job, employer, period=period, tasks=tuple(Term(t) for t in tasks))
            for job, employer, period, tasks in jobs
        ),
    )
    assert from_json_resume(json.loads(json.dumps(to_json_resume(cv))), TODAY) == cv
