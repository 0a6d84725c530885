from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.cv import validation as v
from kiosk.cv.dates import Period, YearMonth
from kiosk.cv.model import CV, Experience, Identity, Term
from kiosk.cv.samples import long_cv, short_cv
from kiosk.errors import UserError, explain
from kiosk.i18n import translator

TODAY = dt.date(2026, 11, 25)


def message(call: object, *args: object, **kwargs: object) -> v.FieldError:
    with pytest.raises(v.FieldError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    assert isinstance(caught.value, UserError)
    return caught.value


@pytest.mark.parametrize("name", ["", "   ", "\n\t"])
def test_an_empty_name_is_refused_with_a_reason(name: str) -> None:
    error = message(v.clean_name, name)
    assert error.message == v.NAME_MISSING and error.field == "identity.name"


@pytest.mark.parametrize(
    "name",
    ["Samira Benali", "سميرة بن علي", "Jean-Pierre N'Diaye", "Zoé 🌻", "Li 李 Wei", "Ōsaka Ǆ"],
)
def test_any_script_and_emoji_are_kept(name: str) -> None:
    assert v.clean_name(name) == name


def test_a_name_without_letters_is_refused() -> None:
    assert message(v.clean_name, "12345").message == v.NAME_NO_LETTER
    assert message(v.clean_name, "🙂🙂").message == v.NAME_NO_LETTER


def test_control_characters_and_extra_spaces_go() -> None:
    assert v.clean_name("  Samira\x00  \u200bBenali\n") == "Samira \u200bBenali"
    assert v.clean_text("a\r\nb", "x") == "a b"
    assert v.clean_text("a\nb", "x", lines=True) == "a\nb"


@pytest.mark.parametrize("call", [v.clean_name, v.clean_email, v.clean_phone])
def test_a_5000_character_field_is_refused_with_a_message(call: object) -> None:
    error = message(call, "a" * 5000)
    assert error.message == v.TOO_LONG
    assert error.values["length"] == 5000
    translator.set_language("en")
    assert "5000 characters" in explain(error).user


def test_every_cleaner_handles_5000_characters_of_anything() -> None:
    text = ("é🙂ب" * 2000)[:5000]
    for limit in (v.LINE_MAX, v.TASK_MAX, v.TEXT_MAX):
        assert message(v.clean_text, text, "f", limit).values["limit"] == limit


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("0612345678", "06 12 34 56 78"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("06-12-34-56-78", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("+33612345678", "06 12 34 56 78"),
        ("+33 (0)6 12 34 56 78", "06 12 34 56 78"),
        ("0033 6 12 34 56 78", "06 12 34 56 78"),
        ("04 78 12 34 56", "04 78 12 34 56"),
        ("٠٦١٢٣٤٥٦٧٨", "06 12 34 56 78"),
        ("+212 6 12 34 56 78", "+212612345678"),
        ("", ""),
    ],
)
def test_french_phone_formats(typed: str, cleaned: str) -> None:
    assert v.clean_phone(typed) == cleaned


@pytest.mark.parametrize(
    ("typed", "problem", "values"),
    [
        ("06 12 AB 56 78", v.PHONE_LETTERS, {"letters": "A B"}),
        ("o6 12 34 56 78", v.PHONE_LETTERS, {"letters": "o"}),
        ("06 12 34 56", v.PHONE_DIGITS, {"count": 8}),
        ("06 12 34 56 78 9", v.PHONE_DIGITS, {"count": 11}),
        ("6 12 34 56 78", v.PHONE_START, {}),
        ("+1 23", v.PHONE_ABROAD, {}),
        ("06#12", v.PHONE_LETTERS, {"letters": "#"}),
    ],
)
def test_wrong_phones_say_what_is_wrong(
    typed: str, problem: str, values: dict[str, object]
) -> None:
    error = message(v.clean_phone, typed)
    assert (error.message, error.values) == (problem, values)


def test_a_phone_with_letters_is_explained_in_french() -> None:
    text = explain(message(v.clean_phone, "06 12 AB 56 78")).user
    assert "A B" in text


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("samira.benali@gmail.com", "samira.benali@gmail.com"),
        ("  Samira@GMAIL.com ", "Samira@gmail.com"),
        ("", ""),
    ],
)
def test_emails(typed: str, cleaned: str) -> None:
    assert v.clean_email(typed) == cleaned


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("samira.gmail.com", v.EMAIL_NO_AT),
        ("samira@@gmail.com", v.EMAIL_TWO_AT),
        ("sam ira@gmail.com", v.EMAIL_SPACE),
        ("@gmail.com", v.EMAIL_BEFORE_AT),
        ("samira@gmail", v.EMAIL_DOMAIN),
        ("samira@gmail.", v.EMAIL_DOMAIN),
        ("samira@.com", v.EMAIL_DOMAIN),
        ("sami,ra@gmail.com", v.EMAIL_CHARACTER),
    ],
)
def test_wrong_emails_say_what_is_wrong(typed: str, problem: str) -> None:
    assert message(v.clean_email, typed).message == problem


def test_periods_are_checked_with_the_field_named() -> None:
    assert v.clean_period("", "experiences[0].period", TODAY) is None
    error = message(v.clean_period, "2030", "experiences[0].period", TODAY)
    assert error.field == "experiences[0].period"


def test_a_good_cv_has_no_problems() -> None:
    assert v.problems(short_cv(), TODAY) == []
    assert v.problems(long_cv(30), TODAY) == []
    assert v.problems(CV(identity=Identity("Amina")), TODAY) == []


def test_problems_name_every_field() -> None:
    bad = short_cv().replace(
        identity=Identity("", "06 AB", "samira.gmail.com", "x" * 5000),
        experiences=(
            Experience("Vendeuse", period=Period(YearMonth(2021), YearMonth(2019))),
            Experience("", tasks=(Term("t" * 300),)),
            Experience("Serveuse", period=Period(YearMonth(2031), ongoing=True)),
        ),
        licences=("Z",),
    )
    fields = [p.field for p in v.problems(bad, TODAY)]
    assert fields == [
        "identity.name",
        "identity.phone",
        "identity.email",
        "identity.town",
        "experiences[0].period",
        "experiences[1].job",
        "experiences[1].tasks[0]",
        "experiences[2].period",
        "licences[0]",
    ]


def test_too_many_items_are_refused() -> None:
    cv = long_cv(41)
    assert [p.field for p in v.problems(cv, TODAY)] == ["experiences"]
    assert v.problems(cv, TODAY)[0].values == {"limit": 40}


@given(st.text(max_size=300))
def test_cleaners_never_crash(text: str) -> None:
    for call in (v.clean_name, v.clean_email, v.clean_phone):
        try:
            call(text)
        except v.FieldError as exc:
            assert explain(exc).user


def test_field_error_reads_well_in_logs() -> None:
    error = v.FieldError("work[2].startDate", "expected {expected}", expected="a date like 2021-03")
    assert str(error) == "work[2].startDate: expected a date like 2021-03"


def test_cv_helpers_copy() -> None:
    cv = CV()
    more = cv.add("skills", Term("Vente")).add("skills", Term("Caisse"))
    assert cv.skills == () and [t.text for t in more.skills] == ["Vente", "Caisse"]
    assert [t.text for t in more.remove("skills", 0).skills] == ["Caisse"]
    assert more.put("skills", 1, Term("Stock")).skills[1] == Term("Stock")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cv.language = "ar"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("awa traoré", "Awa Traoré"),
        ("JEAN-PIERRE DE LA TOUR", "Jean-Pierre de la Tour"),
        ("jean-pierre de la tour", "Jean-Pierre de la Tour"),
        ("McDonald", "McDonald"),  # capitals where the person put them are theirs
        ("محمد علي", "محمد علي"),  # no capitals in Arabic: untouched
    ],
)
def test_names_are_capitalised_properly(typed: str, printed: str) -> None:
    from kiosk.cv.validation import proper_name

    assert proper_name(typed) == printed
