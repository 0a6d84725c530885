from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.cv.dates import (
    END_BEFORE_START,
    FUTURE,
    TOO_OLD,
    UNCLEAR,
    Duration,
    Period,
    PeriodError,
    YearMonth,
    check_period,
    format_period,
    parse_period,
    read_period,
)

TODAY = dt.date(2026, 11, 25)
Y = YearMonth


@pytest.mark.parametrize(
    ("said", "period"),
    [
        ("2019 to 2021", Period(Y(2019), Y(2021))),
        ("de 2019 à 2021", Period(Y(2019), Y(2021))),
        ("2019-2021", Period(Y(2019), Y(2021))),
        ("2019 – 2021", Period(Y(2019), Y(2021))),
        ("entre 2018 et 2020", Period(Y(2018), Y(2020))),
        ("mars 2019 - juin 2020", Period(Y(2019, 3), Y(2020, 6))),
        ("Jan 2020 to Dec 2021", Period(Y(2020, 1), Y(2021, 12))),
        ("03/2019 - 06/2020", Period(Y(2019, 3), Y(2020, 6))),
        ("2019-03", Period(Y(2019, 3), Y(2019, 3))),
        ("2020", Period(Y(2020), Y(2020))),
        ("en 2020", Period(Y(2020), Y(2020))),
        ("since 2022", Period(Y(2022), ongoing=True)),
        ("Depuis mars 2022", Period(Y(2022, 3), ongoing=True)),
        ("depuis fevrier 2022", Period(Y(2022, 2), ongoing=True)),
        ("2022 to now", Period(Y(2022), ongoing=True)),
        ("2019 à aujourd'hui", Period(Y(2019), ongoing=True)),
        ("from 2019", Period(Y(2019), ongoing=True)),
        ("3 months", Period(duration=Duration(3, "month"))),
        ("3 mois", Period(duration=Duration(3, "month"))),
        ("six mois", Period(duration=Duration(6, "month"))),
        ("un an", Period(duration=Duration(1, "year"))),
        ("2 ans", Period(duration=Duration(2, "year"))),
        ("3 semaines", Period(duration=Duration(3, "week"))),
        ("منذ 2022", Period(Y(2022), ongoing=True)),
        ("من 2019 إلى 2021", Period(Y(2019), Y(2021))),
        ("3 أشهر", Period(duration=Duration(3, "month"))),
        ("شهرين", Period(duration=Duration(2, "month"))),
        ("سنة", Period(duration=Duration(1, "year"))),
    ],
)
def test_what_people_say_is_understood(said: str, period: Period) -> None:
    assert parse_period(said, TODAY) == period


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("2027", FUTURE),
        ("déc 2026", FUTURE),
        ("since 2030", FUTURE),
        ("2021 to 2019", END_BEFORE_START),
        ("juin 2020 - mars 2020", END_BEFORE_START),
        ("1930", TOO_OLD),
        ("blah", UNCLEAR),
        ("2019 to", UNCLEAR),
        ("13/2019", UNCLEAR),
        ("0 mois", UNCLEAR),
        ("", UNCLEAR),
        ("🙂", UNCLEAR),
    ],
)
def test_impossible_dates_get_a_clear_reason(said: str, message: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(said, TODAY)
    assert caught.value.message == message


def test_the_month_of_today_is_not_the_future() -> None:
    assert parse_period("novembre 2026", TODAY) == Period(Y(2026, 11), Y(2026, 11))
    assert parse_period("since 2026", TODAY).ongoing


def test_same_year_with_and_without_month_is_not_end_before_start() -> None:
    check_period(Period(Y(2020, 6), Y(2020)), TODAY)
    check_period(Period(Y(2020), Y(2020, 2)), TODAY)


def test_future_error_names_the_date_in_the_screen_language() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("décembre 2026", TODAY)
    assert caught.value.values == {"date": "décembre 2026"}


@pytest.mark.parametrize(
    ("period", "fr", "en", "ar"),
    [
        (Period(Y(2019), Y(2021)), "2019 – 2021", "2019 – 2021", "2019 – 2021"),
        (Period(Y(2019, 3), Y(2020, 6)), "mars 2019 – juin 2020", "March 2019 – June 2020", None),
        (Period(Y(2022), ongoing=True), "depuis 2022", "since 2022", "منذ 2022"),
        (Period(Y(2020), Y(2020)), "2020", "2020", "2020"),
        (Period(duration=Duration(3, "month")), "3 mois", "3 months", "3 أشهر"),
        (Period(duration=Duration(1, "month")), "1 mois", "1 month", "شهر واحد"),
        (Period(duration=Duration(2, "year")), "2 ans", "2 years", "سنتان"),
        (Period(duration=Duration(11, "month")), "11 mois", "11 months", "11 شهرًا"),
    ],
)
def test_periods_print_in_the_cv_language(period: Period, fr: str, en: str, ar: str | None) -> None:
    assert format_period(period, "fr") == fr
    assert format_period(period, "en") == en
    if ar is not None:
        assert format_period(period, "ar") == ar


@given(
    st.integers(1950, 2026),
    st.integers(0, 30),
    st.one_of(st.none(), st.integers(1, 12)),
    st.one_of(st.none(), st.integers(1, 12)),
)
def test_a_printed_period_reads_back_the_same(
    start: int, length: int, m1: int | None, m2: int | None
) -> None:
    end = min(start + length, TODAY.year - 1)
    if end < start or (end == start and m1 and m2 and m2 < m1):
        return
    period = Period(Y(start, m1), Y(end, m2))
    text = format_period(period, "fr")
    again = parse_period(text, TODAY)
    assert format_period(again, "fr") == text


@given(st.text(max_size=60))
def test_any_text_is_a_period_or_a_clear_error(text: str) -> None:
    try:
        parse_period(text, TODAY)
    except PeriodError as exc:
        assert exc.message


# --- dates as people remember them (issue 10 item 6) -------------------------------------------

REMEMBERED_TODAY = dt.date(2026, 3, 15)


@pytest.mark.parametrize(
    ("typed", "start", "end", "ongoing", "shown"),
    [
        ("été 2022", YearMonth(2022, 6), YearMonth(2022, 8), False, "été 2022"),
        ("summer 2022", YearMonth(2022, 6), YearMonth(2022, 8), False, "summer 2022"),
        ("صيف 2022", YearMonth(2022, 6), YearMonth(2022, 8), False, "صيف 2022"),
        ("3 semaines en 2022", YearMonth(2022), YearMonth(2022), False, "3 semaines en 2022"),
        ("3 weeks in 2022", YearMonth(2022), YearMonth(2022), False, "3 weeks in 2022"),
        ("l'an dernier", YearMonth(2025), YearMonth(2025), False, "2025"),
        ("last year", YearMonth(2025), YearMonth(2025), False, "2025"),
        ("العام الماضي", YearMonth(2025), YearMonth(2025), False, "2025"),
        ("depuis janvier", YearMonth(2026, 1), None, True, "depuis janvier 2026"),
        ("since June", YearMonth(2025, 6), None, True, "depuis juin 2025"),
        ("منذ يناير", YearMonth(2026, 1), None, True, "depuis janvier 2026"),
    ],
)
def test_remembered_dates_are_understood(
    typed: str, start: YearMonth, end: YearMonth | None, ongoing: bool, shown: str
) -> None:
    period = read_period(typed, REMEMBERED_TODAY)
    assert (period.start, period.end, period.ongoing) == (start, end, ongoing)
    assert format_period(period, "fr") == shown


def test_words_with_no_date_are_kept_as_typed_never_refused() -> None:
    period = read_period("  quand j'étais au lycée ", REMEMBERED_TODAY)
    assert period.text == "quand j'étais au lycée" and period.start is None
    assert format_period(period, "en") == "quand j'étais au lycée"
    with pytest.raises(PeriodError):
        parse_period("quand j'étais au lycée")  # the strict reader still says it is unclear


def test_remembered_dates_still_refuse_real_mistakes() -> None:
    with pytest.raises(PeriodError) as caught:
        read_period("été 2027", REMEMBERED_TODAY)
    assert caught.value.message == FUTURE


# --- the six other languages: what the translated hint invites -------------------------------


@pytest.mark.parametrize(
    ("said", "period"),
    [
        # Spanish
        ("desde 2022", Period(Y(2022), ongoing=True)),
        ("del 2019 al 2021", Period(Y(2019), Y(2021))),
        ("de marzo de 2019 a junio de 2020", Period(Y(2019, 3), Y(2020, 6))),
        ("desde 2019 hasta hoy", Period(Y(2019), ongoing=True)),
        ("entre 2018 y 2020", Period(Y(2018), Y(2020))),
        ("3 meses", Period(duration=Duration(3, "month"))),
        ("dos años", Period(duration=Duration(2, "year"))),
        ("una semana", Period(duration=Duration(1, "week"))),
        # Portuguese
        ("de 2019 até 2021", Period(Y(2019), Y(2021))),
        ("desde março de 2022", Period(Y(2022, 3), ongoing=True)),
        ("2019 até hoje", Period(Y(2019), ongoing=True)),
        ("entre 2019 e 2021", Period(Y(2019), Y(2021))),
        ("três meses", Period(duration=Duration(3, "month"))),
        ("1 mês", Period(duration=Duration(1, "month"))),
        ("2 anos", Period(duration=Duration(2, "year"))),
        # Romanian
        ("din 2020", Period(Y(2020), ongoing=True)),
        ("din 2019 până în 2021", Period(Y(2019), Y(2021))),
        ("de la 2019 la 2021", Period(Y(2019), Y(2021))),
        ("din martie 2019 până acum", Period(Y(2019, 3), ongoing=True)),
        ("între 2019 și 2021", Period(Y(2019), Y(2021))),
        ("trei luni", Period(duration=Duration(3, "month"))),
        ("o lună", Period(duration=Duration(1, "month"))),
        ("3 săptămâni", Period(duration=Duration(3, "week"))),
        ("2 ani", Period(duration=Duration(2, "year"))),
        # Ukrainian: nominative and genitive month names, the forms after numbers
        ("з 2021", Period(Y(2021), ongoing=True)),
        ("з 2021 року", Period(Y(2021), ongoing=True)),
        ("з 2019 по 2021", Period(Y(2019), Y(2021))),
        ("з березня 2022", Period(Y(2022, 3), ongoing=True)),
        ("березень 2019 - червень 2020", Period(Y(2019, 3), Y(2020, 6))),
        ("2019 до сьогодні", Period(Y(2019), ongoing=True)),
        ("3 місяці", Period(duration=Duration(3, "month"))),
        ("5 місяців", Period(duration=Duration(5, "month"))),
        ("два роки", Period(duration=Duration(2, "year"))),
        ("п'ять років", Period(duration=Duration(5, "year"))),
        ("рік", Period(duration=Duration(1, "year"))),
        ("3 тижні", Period(duration=Duration(3, "week"))),
        # Turkish: suffixes after the date, typed with or without the apostrophe
        ("2019'dan 2021'e", Period(Y(2019), Y(2021))),
        ("2019dan 2021e kadar", Period(Y(2019), Y(2021))),
        ("2022'den beri", Period(Y(2022), ongoing=True)),
        ("Mart 2019'dan Haziran 2020'ye kadar", Period(Y(2019, 3), Y(2020, 6))),
        ("2019'dan bugüne kadar", Period(Y(2019), ongoing=True)),
        ("3 ay", Period(duration=Duration(3, "month"))),
        ("2 yıl", Period(duration=Duration(2, "year"))),
        ("iki hafta", Period(duration=Duration(2, "week"))),
        # Persian / Dari: Persian digits, Iranian and Afghan month names
        ("از ۲۰۱۹ تا ۲۰۲۱", Period(Y(2019), Y(2021))),
        ("از ۲۰۲۲", Period(Y(2022), ongoing=True)),
        ("از سال ۲۰۱۹ تا کنون", Period(Y(2019), ongoing=True)),
        ("از ژانویه ۲۰۲۰ تا مارچ ۲۰۲۱", Period(Y(2020, 1), Y(2021, 3))),
        ("۳ ماه", Period(duration=Duration(3, "month"))),
        ("دو سال", Period(duration=Duration(2, "year"))),
        ("سه هفته", Period(duration=Duration(3, "week"))),
        ("٣ أشهر", Period(duration=Duration(3, "month"))),  # Arabic-Indic digits
    ],
)
def test_the_other_languages_are_understood(said: str, period: Period) -> None:
    assert read_period(said, TODAY) == period


@pytest.mark.parametrize(
    ("said", "start", "end"),
    [
        ("verano de 2022", Y(2022, 6), Y(2022, 8)),
        ("verão de 2022", Y(2022, 6), Y(2022, 8)),
        ("vara lui 2022", Y(2022, 6), Y(2022, 8)),
        ("iarna 2021", Y(2021, 1), Y(2021, 3)),
        ("влітку 2022", Y(2022, 6), Y(2022, 8)),
        ("восени 2021", Y(2021, 9), Y(2021, 11)),
        ("2022 yazı", Y(2022, 6), Y(2022, 8)),
        ("tabstan", None, None),  # a typo is kept, not read as a season
        ("تابستان ۲۰۲۲", Y(2022, 6), Y(2022, 8)),
        ("el año pasado", Y(2025), Y(2025)),
        ("o ano passado", Y(2025), Y(2025)),
        ("anul trecut", Y(2025), Y(2025)),
        ("торік", Y(2025), Y(2025)),
        ("минулого року", Y(2025), Y(2025)),
        ("geçen yıl", Y(2025), Y(2025)),
        ("سال گذشته", Y(2025), Y(2025)),
        ("پارسال", Y(2025), Y(2025)),
    ],
)
def test_seasons_and_last_year_in_every_language(
    said: str, start: YearMonth | None, end: YearMonth | None
) -> None:
    period = read_period(said, TODAY)
    assert (period.start, period.end) == (start, end)
    if start is None:
        assert period.text == said


@pytest.mark.parametrize(
    ("said", "start"),
    [
        ("desde enero", Y(2026, 1)),
        ("há 2 anos", Y(2024)),
        ("din martie", Y(2026, 3)),
        ("з січня", Y(2026, 1)),
        ("3 aydır", Y(2026, 8)),
        ("2 yıldır", Y(2024)),
    ],
)
def test_since_a_month_or_a_length_in_every_language(said: str, start: YearMonth) -> None:
    assert read_period(said, TODAY) == Period(start, ongoing=True)


@pytest.mark.parametrize(
    "said",
    ["۱۳۹۸ تا ۱۴۰۰", "حمل ۱۴۰۰", "cuando era joven", "quando era jovem", "коли я був молодий"],
)
def test_dates_we_cannot_read_are_kept_as_typed_never_refused(said: str) -> None:
    assert read_period(said, TODAY) == Period(text=said)


def test_a_future_date_is_still_refused_in_other_scripts() -> None:
    with pytest.raises(PeriodError) as error:
        read_period("از ۲۰۳۰", TODAY)
    assert error.value.message == FUTURE
