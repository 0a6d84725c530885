"""Example CVs for tests, benchmarks, screenshots and the wizard's "see an example"."""

from __future__ import annotations

import dataclasses
from typing import Any

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


# The sample of jsonresume.org, trimmed: what "any JSON Resume file" looks like, with keys
# the kiosk does not use (image, profiles, awards, references...).
JSON_RESUME_SAMPLE: dict[str, Any] = {
    "basics": {
        "name": "Richard Hendriks",
        "label": "Programmer",
        "image": "https://example.com/photo.jpg",
        "email": "richard.hendriks@mail.com",
        "phone": "(912) 555-4321",
        "url": "http://richardhendricks.example.com",
        "summary": "Richard hails from Tulsa. He has earned degrees from Oklahoma.",
        "location": {
            "address": "2712 Broadway St",
            "postalCode": "CA 94115",
            "city": "San Francisco",
            "countryCode": "US",
            "region": "California",
        },
        "profiles": [{"network": "Twitter", "username": "neutralthoughts", "url": ""}],
    },
    "work": [
        {
            "name": "Pied Piper",
            "location": "Palo Alto, CA",
            "description": "Awesome compression company",
            "position": "CEO/President",
            "url": "http://piedpiper.example.com",
            "startDate": "2013-12-01",
            "endDate": "2014-12-01",
            "summary": "Pied Piper is a multi-platform technology.",
            "highlights": ["Build an algorithm for artists to detect copyright infringement"],
        }
    ],
    "volunteer": [
        {
            "organization": "CoderDojo",
            "position": "Teacher",
            "startDate": "2012-01-01",
            "endDate": "2013-01-01",
            "summary": "Global movement.",
            "highlights": ["Awarded 'Teacher of the Month'"],
        }
    ],
    "education": [
        {
            "institution": "University of Oklahoma",
            "area": "Information Technology",
            "studyType": "Bachelor",
            "startDate": "2011-06-01",
            "endDate": "2014-01-01",
            "score": "4.0",
            "courses": ["DB1101 - Basic SQL"],
        }
    ],
    "awards": [{"title": "Digital Compression Pioneer Award"}],
    "skills": [
        {"name": "Web Development", "level": "Master", "keywords": ["HTML", "CSS", "Javascript"]}
    ],
    "languages": [
        {"language": "English", "fluency": "Native speaker"},
        {"language": "Spanish", "fluency": "B2"},
        {"language": "Klingon", "fluency": "Professional"},
    ],
    "interests": [{"name": "Wildlife", "keywords": ["Ferrets", "Unicorns"]}],
    "references": [{"name": "Erlich Bachman", "reference": "It is my pleasure."}],
    "projects": [{"name": "Miss Direction"}],
    "meta": {"canonical": "https://example.com", "version": "v1.0.0"},
}
