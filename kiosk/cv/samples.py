"""Example CVs for tests, benchmarks, screenshots and the wizard's "see an example"."""

from __future__ import annotations

import dataclasses

from kiosk.cv.dates import Duration, Period, YearMonth
from kiosk.cv.model import (
    CV,
    Education,
    Experience,
    Identity,
    Level,
    OtherExperience,
    OtherKind,
    SpokenLanguage,
    Term,
    WantedJob,
)
from kiosk.cv.suggestions import vocabulary


def _pick(kind: str, ids: str, lang: str) -> tuple[Term, ...]:
    words = vocabulary()
    terms = []
    for phrase_id in ids.split():
        phrase = words.get(kind, phrase_id)
        assert phrase is not None, phrase_id
        terms.append(phrase.term(lang))
    return tuple(terms)


def short_cv(lang: str = "fr") -> CV:
    """A young person's first CV: two jobs, family help, no diploma, three languages."""
    return CV(
        identity=Identity("Samira Benali", "06 12 34 56 78", "samira.benali@gmail.com", "Lyon 8e"),
        wanted_jobs=(WantedJob("Commis / Commise de cuisine", "G1602"),),
        experiences=(
            Experience(
                "Équipière polyvalente",
                "Burger & Co",
                "Vénissieux",
                Period(YearMonth(2022, 3), ongoing=True),
                _pick("task", "prep_vegetables cash wash_dishes", lang),
            ),
            Experience(
                "Saisonnière cueillette",
                "Vergers du Pilat",
                "Pélussin",
                Period(duration=Duration(3, "month")),
                _pick("task", "pick_fruit pack_products", lang),
            ),
        ),
        other_experiences=(
            OtherExperience(
                OtherKind.FAMILY,
                "Cuisine pour une famille de 6 personnes",
                town="Lyon",
                period=Period(YearMonth(2018), YearMonth(2021)),
            ),
            OtherExperience(
                OtherKind.VOLUNTEERING,
                "Distribution de repas",
                "Restos du Cœur",
                "Lyon",
                Period(YearMonth(2023), YearMonth(2023)),
            ),
        ),
        education=(
            Education("CAP Cuisine", "Lycée François Rabelais", "Dardilly", obtained=False),
        ),
        no_diploma=True,
        skills=_pick("skill", "food_hygiene cooking rush teamwork punctual", lang),
        languages=(
            SpokenLanguage("Français", "fr", Level.FLUENT),
            SpokenLanguage("Arabe", "ar", Level.NATIVE),
            SpokenLanguage("Anglais", "en", Level.A_FEW_WORDS),
        ),
        licences=("B",),
        transport=("public_transport", "bicycle"),
        interests=_pick("interest", "cooking football", lang),
        about=_pick("about", "on_time learn_fast team", lang),
        language=lang,
    )


def arabic_cv() -> CV:
    """A CV written in Arabic: right-to-left name and text, a French phone and e-mail."""
    base = short_cv("ar")
    return base.replace(
        identity=Identity("سميرة بن علي", "06 12 34 56 78", "samira.benali@gmail.com", "ليون"),
        experiences=(
            Experience(
                "مساعدة طباخ",
                "مطعم الأندلس",
                "ليون",
                Period(YearMonth(2022, 3), ongoing=True),
                _pick("task", "prep_vegetables wash_dishes", "ar"),
            ),
            *base.experiences[1:],
        ),
        language="ar",
    )


def long_cv(experiences: int = 30, lang: str = "fr") -> CV:
    """A long working life: `experiences` jobs with tasks, most of them years apart."""
    base = short_cv(lang)
    tasks = _pick("task", "receive_goods prepare_orders load_trucks", lang)
    jobs = tuple(
        Experience(
            f"Préparateur de commandes {i + 1}",
            f"Entrepôt Rhône Logistique {i + 1}",
            "Saint-Priest",
            Period(YearMonth(1985 + i, 1), YearMonth(1985 + i, 12)),
            tasks[: 1 + i % 3],
        )
        for i in range(experiences)
    )
    return base.replace(
        experiences=jobs, identity=dataclasses.replace(base.identity, name="Jean-Pierre Martin")
    )
