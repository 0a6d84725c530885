"""Approximate periods as people say them: "2019 to 2021", "since 2022", "3 months".

`parse_period` reads the phrasings of the kiosk's nine languages (French, English, Arabic,
Spanish, Portuguese, Romanian, Ukrainian, Turkish, Persian/Dari, with Arabic or Persian digits)
into a `Period`;
`check_period` refuses dates in the future and an end before the start with a sentence the
person understands; `format_period` prints a period in the CV's language.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from babel.dates import get_month_names

from kiosk.errors import UserError
from kiosk.i18n import LANGUAGES, N_, current

Unit = Literal["week", "month", "year"]

UNCLEAR = N_("Please say the dates like this: 2019 to 2021, since 2022, or 3 months.")
FUTURE = N_("This date is in the future: {date}. Please check it.")
END_BEFORE_START = N_("The end ({end}) comes before the start ({start}). Please check the dates.")
TOO_OLD = N_("Please check the year {year}.")
TOO_LONG = N_("This is longer than 50 years. Please check it.")

EARLIEST_YEAR = 1940
MAX_MONTHS = 50 * 12


class PeriodError(UserError):
    """A period that cannot be used; `message` says how to fix it."""


@dataclass(frozen=True, order=True)
class YearMonth:
    """A year, with the month when the person said it."""

    year: int
    month: int | None = None

    def iso(self) -> str:
        """`2021-03` or `2021`, as JSON Resume writes dates."""
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def key(self) -> tuple[int, int]:
        """For sorting: a year alone sorts as its last month."""
        return (self.year, self.month or 12)


@dataclass(frozen=True)
class Duration:
    """A length with no dates: "3 months", "2 years", "3 weeks"."""

    amount: int
    unit: Unit

    def months(self) -> float:
        return {"week": self.amount / 4.345, "month": self.amount, "year": self.amount * 12}[
            self.unit
        ]

    def iso(self) -> str:
        """ISO 8601: P3M, P2Y, P3W."""
        return f"P{self.amount}{self.unit[0].upper()}"

    @staticmethod
    def from_iso(text: str) -> Duration | None:
        match = re.fullmatch(r"P(\d{1,4})([WMY])", text.strip().upper())
        if not match:
            return None
        units: dict[str, Unit] = {"W": "week", "M": "month", "Y": "year"}
        return Duration(int(match[1]), units[match[2]])


@dataclass(frozen=True)
class Period:
    """When something happened, as precisely as the person knows it.

    One shape: `start` and `end` (a single year has start == end); `start` with `ongoing`
    ("since 2022"); `duration` alone ("3 months"), or with the year it was in ("3 weeks in
    2022"). `text` keeps the person's own words when they say more than the dates ("summer
    2022") or when no date could be read in them: the CV prints them as they were typed.
    """

    start: YearMonth | None = None
    end: YearMonth | None = None
    ongoing: bool = False
    duration: Duration | None = None
    text: str = ""

    def sort_key(self) -> tuple[int, int, int]:
        """Most recent first when sorted in reverse; a bare duration or words alone last."""
        if self.ongoing:
            return (2, 9999, 12)
        if self.end is not None:
            return (1, *self.end.key())
        if self.start is not None:
            return (1, *self.start.key())
        return (0, 0, 0)


# --- parsing ---------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "janvier janv jan january يناير جانفي كانون الثاني",
        "fevrier fevr fev feb february فبراير فيفري شباط",
        "mars mar march مارس اذار",
        "avril avr apr april ابريل افريل نيسان",
        "mai may مايو ماي ايار",
        "juin jun june يونيو جوان حزيران",
        "juillet juil jul july يوليو جويلية تموز",
        "aout aug august اغسطس اوت اب",
        "septembre sept sep september سبتمبر ايلول",
        "octobre oct october اكتوبر تشرين الاول",
        "novembre nov november نوفمبر تشرين الثاني",
        "decembre dec december ديسمبر كانون الاول",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

_NUMBER_WORDS_EXTRA = (
    # es, pt, ro, uk, tr, fa: one to twelve as typed before "months" or "years"
    "uno dos tres cuatro cinco seis siete ocho nueve diez once doce",
    "um dois três quatro cinco seis sete oito nove dez onze doze",
    "unu doi trei patru cinci șase șapte opt nouă zece unsprezece doisprezece",
    "один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять",
    "bir iki üç dört beş altı yedi sekiz dokuz on",
    "یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده",
)
_NUMBER_SAME = "una uma o un одна одну 1 duas două дві 2 dois 2"  # other genders
_NUMBER_WORDS = {
    "un": 1, "une": 1, "one": 1, "a": 1, "an": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
    "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8,
    "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "onze": 11, "eleven": 11,
    "douze": 12, "twelve": 12,
}  # fmt: skip
_UNIT_WORDS: dict[Unit, str] = {
    "week": "semaine semaines week weeks wk sem اسبوع اسابيع"
    " semana semanas saptamana saptamani saptamanii тиждень тижні тижня тижнів тижнi"
    " hafta haftalik هفته هفتهها",
    "month": "mois month months mo شهر اشهر شهرا شهور"
    " mes meses luna luni lunii місяць місяці місяця місяців ay ماه ماهها",
    "year": "an ans annee annees year years yr yrs سنة سنوات سنين عام اعوام"
    " ano anos ani anul anului рік роки року років yil sene سال سالها",
}
# Arabic duals: one word for "two months", "two years", "two weeks".
_DUALS: dict[str, Duration] = {
    "شهرين": Duration(2, "month"),
    "شهران": Duration(2, "month"),
    "سنتين": Duration(2, "year"),
    "سنتان": Duration(2, "year"),
    "عامين": Duration(2, "year"),
    "اسبوعين": Duration(2, "week"),
}
_DATE = (
    r"(?:(?P<{p}m1>\d{{1,2}})\s*[/.]\s*(?P<{p}y1>\d{{4}})"  # 03/2019
    r"|(?P<{p}y2>\d{{4}})\s*[/.-]\s*(?P<{p}m2>\d{{1,2}})(?:\s*[/.-]\s*\d{{1,2}})?"  # 2019-03(-15)
    r"|(?:(?P<{p}mn>[^\W\d_]+(?: [^\W\d_]+)?)\s+)?(?P<{p}y3>\d{{4}}))"  # [mars] 2019
)


# Arabic-Indic and Persian digits read as the Western ones; Persian yeh and kaf as the Arabic
# letters, so one table serves both; Turkish dotless i as i (people type either).
_FOLD = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹یکı", "01234567890123456789يكi", "\u200c\u200f\u200e\u0640"
)


def _normalise(text: str) -> str:
    """Lower case, no accents or Arabic diacritics, one kind of dash and apostrophe, Western
    digits, a number apart from the word stuck to it ("2019'dan", "2019р", "۳ماه")."""
    text = re.sub(r"(?<=[а-яіїєґ])['’ʼ](?=[а-яіїєґ])", "", text.casefold())  # "п'ять"
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[–—‐‑−]", "-", plain).replace("’", "'").replace("'", " ")
    plain = re.sub(r"\s*-\s*", " - ", plain)
    plain = re.sub(r"(?<=\w)-(?=\w)", " - ", plain)
    plain = re.sub(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)", " ", plain)
    plain = re.sub(r"(?<=[^\W\d_])\.", " ", plain)  # "бер. 2020", "2021 р."
    return re.sub(r"\s+", " ", plain).strip(" .,;")


def _words(text: str) -> list[str]:
    return [_normalise(w) for w in text.split()]


def _alternatives(*phrases: str) -> str:
    """A regex group of phrases, normalised like the text they are looked for in, longest
    first so that "pana in" wins over "pana"."""
    plain = {re.escape(_normalise(p)) for p in phrases if _normalise(p)}
    return "(?:" + "|".join(sorted(plain, key=len, reverse=True)) + ")"


for _code in LANGUAGES:
    for _width in ("wide", "abbreviated"):
        for _context in ("format", "stand-alone"):
            for _number, _name in get_month_names(
                _width, context=_context, locale=LANGUAGES[_code].locale
            ).items():
                _MONTHS.setdefault(_normalise(_name), _number)
for _number, _names in enumerate(
    [  # Dari as spoken in Afghanistan, and the spellings people use beside babel's
        "جنوری جنوري ژانویه",
        "فبروری فوریه",
        "مارچ مارس",
        "اپریل آوریل",
        "می مه",
        "جون ژوئن",
        "جولای ژوئیه",
        "اگست اوت",
        "سپتمبر سپتامبر",
        "اکتوبر اکتبر",
        "نومبر نوامبر",
        "دسمبر دسامبر",
    ],
    start=1,
):
    for _name in _words(_names):
        _MONTHS.setdefault(_name, _number)
for _words_line in _NUMBER_WORDS_EXTRA:
    for _amount, _word in enumerate(_words(_words_line), start=1):
        _NUMBER_WORDS.setdefault(_word, _amount)
_same = _NUMBER_SAME.split()
for _index in range(0, len(_same), 1):
    if _same[_index].isdigit():
        continue
    _next = next(int(w) for w in _same[_index:] if w.isdigit())
    _NUMBER_WORDS.setdefault(_normalise(_same[_index]), _next)
_UNITS: dict[str, Unit] = {w: unit for unit, words in _UNIT_WORDS.items() for w in _words(words)}
_SINCE = _alternatives(
    "since", "depuis", "des", "a partir de", "منذ",
    "desde", "desde el", "a partir del", "há", "din", "de la", "începând cu", "începând din",
    "з", "із", "зі", "від", "починаючи з", "از",
)  # fmt: skip
_TO = _alternatives(
    "to", "until", "till", "and", "a", "au", "jusqu a", "jusqu en", "jusqu au", "et", "-",
    "الى", "حتى", "و",
    "al", "hasta", "hasta el", "y", "até", "ao", "e", "la", "până", "până în", "până la", "și",
    "по", "до", "і", "та", "ile", "ve", "تا", "الی",
)  # fmt: skip
_NOW = _alternatives(
    "now", "today", "present", "current", "ongoing", "aujourd hui", "maintenant",
    "en cours", "actuellement", "الان", "اليوم", "حاليا",
    "hoy", "ahora", "la actualidad", "actualidad", "la fecha", "el presente", "actualmente",
    "hoje", "agora", "atualmente", "o presente", "acum", "azi", "astăzi", "prezent",
    "în prezent", "сьогодні", "тепер", "зараз", "досі", "нині", "теперішній час",
    "now", "bugün", "bugüne", "şimdi", "şimdiye", "halen", "günümüz", "günümüze",
    "اکنون", "کنون", "حالا", "امروز", "تاکنون", "حال",
)  # fmt: skip
# "from 2019" alone: still going on
_FROM = _alternatives("from", "من", "din", "de la", "desde", "з", "із", "зі", "від", "از")
_LEAD = _alternatives(
    "de", "du", "from", "between", "entre", "en", "in", "في", "بين", "من",
    "del", "desde", "em", "no", "durante", "din", "de la", "între", "în", "з", "із", "зі",
    "від", "в", "у", "між", "از", "در", "بین",
)  # fmt: skip
# words written beside a year that say "year": "2021 року", "سال ۲۰۱۹", "anul 2020"
_YEAR_AFTER = _alternatives("року", "рік", "році", "р", "г", "yılı", "yılında", "yılından")
_YEAR_BEFORE = _alternatives("سال", "anul", "anului", "ano", "el año", "o ano")


def _years(plain: str) -> str:
    """ "2021 року", "سال ۲۰۱۹", "anul 2020": the year alone."""
    plain = re.sub(rf"(?<=\d{{4}}) {_YEAR_AFTER}(?= |$)", "", plain)
    return re.sub(rf"(?:(?<= )|^){_YEAR_BEFORE} (?=\d{{4}})", "", plain)


def _turkish(plain: str) -> str:
    """Turkish puts its little words after the date ("2019'dan 2021'e kadar", "2022'den
    beri", "3 aydır"): turned round into the order the other languages use."""
    plain = re.sub(r"^(.+?) (?:dan|den|tan|ten) (?:beri|bu yana|itibaren)$", r"since \1", plain)
    plain = re.sub(
        r"^(?:(\S+) )?(yil|ay|hafta|sene)(?:dir|tir|dur|tur)$",
        lambda m: f"since {m[1] or 'bir'} {m[2]}",
        plain,
    )
    plain = re.sub(r"(?<=\d{4}) (?:dan|den|tan|ten) ", " - ", plain)
    plain = re.sub(r"(?:bugune|simdiye|gunumuze) kadar$", "now", plain)
    plain = re.sub(r"(?<=\d{4})(?: (?:ya|ye|a|e))? kadar$", "", plain)
    plain = re.sub(r"^(.*\d{4}) - (.*\d{4}) (?:ya|ye|a|e)$", r"\1 - \2", plain)
    plain = re.sub(r"^(\d{4}) (?:de|da|te|ta)$", r"\1", plain)
    return re.sub(r" boyunca$", "", plain)


def _date(match: re.Match[str], prefix: str) -> YearMonth:
    groups = match.groupdict()
    for y, m in (("y1", "m1"), ("y2", "m2")):
        if groups.get(prefix + y):
            month = int(groups[prefix + m])
            if not 1 <= month <= 12:
                raise PeriodError(UNCLEAR)
            return YearMonth(int(groups[prefix + y]), month)
    name = groups.get(prefix + "mn")
    month_number: int | None = None
    if name:
        # "marzo de 2019", "كانون الثاني 2019": the name may take two words
        month_number = _MONTHS.get(name) or next(
            (_MONTHS[w] for w in name.split() if w in _MONTHS), None
        )
        if month_number is None:
            raise PeriodError(UNCLEAR)
    return YearMonth(int(groups[prefix + "y3"]), month_number)


def _duration(text: str) -> Duration | None:
    if text in _DUALS:
        return _DUALS[text]
    match = re.fullmatch(r"(?:(\d{1,3})\s*|([^\W\d_]+)\s+)?([^\W\d_]+)", text)
    if not match or match[3] not in _UNITS:
        return None
    amount_text = match[1] or match[2]
    if amount_text is None:  # Arabic "شهر" alone is "one month"
        if not re.fullmatch(r"[^\W\d_a-z]+", match[3]):
            return None
        amount = 1
    elif amount_text.isdigit():
        amount = int(amount_text)
    elif amount_text in _NUMBER_WORDS:
        amount = _NUMBER_WORDS[amount_text]
    else:
        return None
    if amount <= 0:
        raise PeriodError(UNCLEAR)
    return Duration(amount, _UNITS[match[3]])


_SEASONS: dict[str, tuple[int, int]] = {
    **dict.fromkeys(("ete", "summer", "الصيف", "صيف"), (6, 8)),
    **dict.fromkeys(("automne", "autumn", "fall", "الخريف", "خريف"), (9, 11)),
    **dict.fromkeys(("hiver", "winter", "الشتاء", "شتاء"), (1, 3)),
    **dict.fromkeys(("printemps", "spring", "الربيع", "ربيع"), (3, 5)),
}
for _season, _said in {
    (6, 8): "verano verão vara vară літо літа влітку літом yaz yazın yazı yazında تابستان",
    (9, 11): "otoño outono toamna toamnă осінь осені восени sonbahar sonbaharda پاییز",
    (1, 3): "invierno inverno iarna iarnă зима зими взимку зимою kış kışın kışı kışında زمستان",
    (3, 5): "primavera primăvara весна весни навесні весною ilkbahar ilkbaharda bahar baharda بهار",
}.items():
    for _word in _words(_said):
        _SEASONS.setdefault(_word, _season)
_LAST_YEAR = _alternatives(
    "l an dernier", "l annee derniere", "an dernier", "annee derniere", "last year",
    "العام الماضي", "السنة الماضية", "السنة الماضيه",
    "el año pasado", "año pasado", "o ano passado", "no ano passado", "ano passado",
    "anul trecut", "минулого року", "минулий рік", "минулому році", "торік",
    "geçen yıl", "geçen sene", "سال گذشته", "سال پیش", "سال قبل", "پارسال",
)  # fmt: skip
_THIS_YEAR = _alternatives(
    "cette annee", "cet annee", "this year", "هذا العام", "هذه السنة", "هذه السنه",
    "este año", "este ano", "neste ano", "anul acesta", "anul ăsta", "цього року", "цей рік",
    "bu yıl", "bu sene", "امسال", "این سال",
)  # fmt: skip
_IN = _alternatives(
    "en", "in", "during", "pendant", "في", "خلال", "em", "no", "durante", "în", "pe", "в",
    "у", "протягом", "در", "طی",
)  # fmt: skip
WRITTEN_MAX = 100  # words kept as typed: one line of the CV


def _remembered(plain: str, today: dt.date) -> Period | None:
    """What people say when they remember no exact dates: "été 2022", "3 semaines en 2022",
    "l'an dernier", "depuis janvier", "depuis 2 ans" (and the same in English and Arabic)."""
    plain = _years(_turkish(plain))
    plain = re.sub(r"^(?:l |el |the |al)(?=\S)", "", plain)
    years = {"last": today.year - 1, "this": today.year}
    plain = re.sub(_LAST_YEAR, str(years["last"]), plain)
    plain = re.sub(_THIS_YEAR, str(years["this"]), plain)
    if re.fullmatch(r"\d{4}", plain):
        year = int(plain)
        return Period(YearMonth(year), YearMonth(year))
    season = re.fullmatch(
        r"(?:(?:en|in|l|el|no|na|em|la|в|у|در) )*(\S+)"
        r"(?: (?:de |del |of |lui |din |de la |سال )?(\d{4})(?: року| року)?)?",
        plain,
    )
    if not season or season[1] not in _SEASONS:  # Turkish: "2022 yazı", the year first
        season = re.fullmatch(r"(?P<year>\d{4}) (?P<season>\S+)", plain)
        if season:
            season = re.fullmatch(r"(\S+) (\d{4})", f"{season['season']} {season['year']}")
    if season and season[1] in _SEASONS:
        first, last = _SEASONS[season[1]]
        year = int(season[2]) if season[2] else today.year
        if not season[2] and (today.month < first):
            year -= 1  # "cet été" said in March: the last one
        return Period(YearMonth(year, first), YearMonth(year, last))
    within = re.fullmatch(rf"(.+?) (?:{_IN} )?(\d{{4}})", plain)
    if within:
        length = _duration(within[1])
        if length is not None:
            year = int(within[2])
            return Period(YearMonth(year), YearMonth(year), duration=length)
    since = re.fullmatch(rf"{_SINCE} (.+)", plain)
    if since:
        month = _MONTHS.get(since[1])
        if month is not None:  # "depuis janvier": the last January
            year = today.year if month <= today.month else today.year - 1
            return Period(YearMonth(year, month), ongoing=True)
        length = _duration(since[1])
        if length is not None:  # "depuis 2 ans": started that long ago, still going on
            months = round(length.months())
            total = today.year * 12 + today.month - 1 - months
            start = YearMonth(total // 12, total % 12 + 1 if length.unit != "year" else None)
            return Period(start, ongoing=True)
    return None


def read_period(text: str, today: dt.date) -> Period:
    """A period as the person remembers it, never refused for its wording: the usual forms
    (see `parse_period`), remembered ones ("été 2022", "3 semaines en 2022", "l'an dernier",
    "depuis janvier"), and otherwise the words kept as typed. Only real mistakes are refused
    (a date in the future, an end before the start): PeriodError says which."""
    words = re.sub(r"\s+", " ", text).strip()
    try:
        return parse_period(words, today)
    except PeriodError as exc:
        if exc.message == TOO_OLD and re.search("[۰-۹]", words):
            # Persian digits and a year like 1398: the solar calendar of Iran and Afghanistan,
            # kept as the person wrote it rather than refused as too old.
            return Period(text=words[:WRITTEN_MAX])
        if exc.message != UNCLEAR:
            raise
    period = _remembered(_normalise(words), today)
    if period is None:
        return Period(text=words[:WRITTEN_MAX])
    # "summer 2022", "3 weeks in 2022": the person's words say it better than dates
    said_more = period.duration is not None or period.start != period.end
    if said_more and not period.ongoing:
        period = Period(period.start, period.end, period.ongoing, period.duration, words)
    return check_period(period, today)


def parse_period(text: str, today: dt.date | None = None) -> Period:
    """Read what a person said or typed; raise PeriodError with a plain explanation.

    Understood (in French, English, and simple Arabic): "2019 to 2021", "de 2019 à 2021",
    "2019-2021", "mars 2019 - juin 2020", "03/2019 - 06/2020", "since 2022", "depuis mars 2022",
    "2022 to now", "2020", "3 months", "six mois", "2 ans", "3 semaines", "منذ 2022".
    With `today`, the result is also checked (see `check_period`).
    """
    plain = _years(_turkish(_normalise(text)))
    lead = re.match(rf"{_LEAD} ", plain)
    if lead:
        plain = plain[lead.end() :]
    period: Period | None = None
    duration = _duration(plain)
    if duration is not None:
        period = Period(duration=duration)
    else:
        one = re.compile(_DATE.format(p="a"))
        two = _DATE.format(p="b")
        since = re.fullmatch(rf"{_SINCE} {one.pattern}", plain)
        until_now = re.fullmatch(rf"{one.pattern} (?:{_TO} )?{_NOW}", plain) or re.fullmatch(
            rf"{one.pattern} -", plain
        )
        span = re.fullmatch(rf"{one.pattern} {_TO} {two}", plain)
        single = re.fullmatch(one.pattern, plain)
        if since or until_now:
            match = since or until_now
            assert match is not None
            period = Period(start=_date(match, "a"), ongoing=True)
        elif span:
            start, end = _date(span, "a"), _date(span, "b")
            period = Period(start=start, end=end)
        elif single:
            start = _date(single, "a")
            # "from 2019" alone means it is still going on
            ongoing = lead is not None and re.fullmatch(_FROM, lead[0].strip()) is not None
            period = Period(start=start, end=None if ongoing else start, ongoing=ongoing)
    if period is None:
        raise PeriodError(UNCLEAR)
    if today is not None:
        check_period(period, today)
    return period


def check_period(period: Period, today: dt.date) -> Period:
    """The period itself, or a PeriodError: future dates, end before start, unlikely years."""
    if period.start is None and period.duration is None and period.text:
        return period  # words kept as typed: nothing to check
    if period.duration is not None:
        if period.duration.months() > MAX_MONTHS:
            raise PeriodError(TOO_LONG)
        if period.start is None:
            return period
    if period.start is None:
        raise PeriodError(UNCLEAR)
    for point in (period.start, period.end):
        if point is None:
            continue
        if point.year < EARLIEST_YEAR:
            raise PeriodError(TOO_OLD, year=point.year)
        if point.year > today.year or (
            point.year == today.year and point.month is not None and point.month > today.month
        ):
            raise PeriodError(FUTURE, date=format_yearmonth(point, current().code))
    if period.end is not None:
        start, end = period.start, period.end
        if end.year < start.year or (
            end.year == start.year and start.month and end.month and end.month < start.month
        ):
            raise PeriodError(
                END_BEFORE_START,
                start=format_yearmonth(start, current().code),
                end=format_yearmonth(end, current().code),
            )
    return period


# --- formatting ------------------------------------------------------------------------------


def format_yearmonth(point: YearMonth, lang: str) -> str:
    """ "2019" or "mars 2019" / "March 2019" / "مارس 2019" (Western digits everywhere)."""
    if point.month is None:
        return str(point.year)
    locale = LANGUAGES[lang].locale if lang in LANGUAGES else "en_GB"
    month = get_month_names("wide", context="stand-alone", locale=locale)[point.month]
    if lang == "fr":
        month = month.lower()
    return f"{month} {point.year}"


def _short(point: YearMonth, lang: str) -> str:
    return f"{point.month:02d}/{point.year}" if point.month else str(point.year)


def format_period(period: Period, lang: str, short: bool = False) -> str:
    """A period in the CV's language: "2019 – 2021", "depuis 2022", "3 mois".

    `short` writes months as digits ("03/2019 – 06/2020"), for a dense page.
    """
    from kiosk.cv.suggestions import vocabulary

    if period.text:
        return period.text  # the person's own words, as they typed them
    words = vocabulary()
    if period.duration is not None and period.start is None:
        key = {"week": "duration.weeks", "month": "duration.months", "year": "duration.years"}
        return words.plural(key[period.duration.unit], period.duration.amount, lang)
    if period.start is None:
        return ""
    point = _short if short else format_yearmonth
    start = point(period.start, lang)
    if period.ongoing:
        return words.label("since", lang, start=start)
    if period.end is None or period.end == period.start:
        return start
    end = point(period.end, lang)
    if period.start.year == period.end.year and period.start.month is None:
        return start
    return words.label("range", lang, start=start, end=end)
