"""Every language the kiosk can speak, declared once.

Adding a language is: an entry here, a catalogue in `locales/<code>/`, and a keyboard layout in
`ui/keyboard.py` when its letters need one. Everything else (the welcome screen, the bar's
chooser, voices, the doctor's voice and font checks, the printed CV, the settings' choices)
reads this registry. Words the kiosk says, the CV's section titles included, are in the
catalogues, never here: one place for translations, one completeness test.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, also the catalogue's folder name
    native_name: str  # shown and spoken in the language itself, so anyone finds their own
    rtl: bool
    locale: str  # babel locale for dates, numbers and money
    english_name: str  # for staff, logs and `kiosk doctor`
    voices: tuple[str, ...]  # espeak-ng voice names, best first; the rest are fallbacks
    voice_word: str  # a word of the voice's display name, for drivers that list no language
    keyboards: tuple[str, ...]  # layouts of ui/keyboard.py: letters first, digits always added
    script: str  # the writing system fonts must cover: "latin", "cyrillic", "arabic"
    fonts: tuple[str, ...]  # families the kiosk prefers for it (any one is enough)
    greeting: str  # "Hello" in the language: the welcome screen says it in this voice
    # Western digits everywhere: phone numbers, postcodes and pay in France use them, and
    # people read them daily whatever their language (babel's "latn" numbering system).
    digits: str = "latn"

    @property
    def voice(self) -> str:
        return self.voices[0]


_LATIN = ("Noto Sans", "DejaVu Sans")
_CYRILLIC = ("Noto Sans", "DejaVu Sans")
_ARABIC = ("Noto Sans Arabic", "Noto Naskh Arabic", "Noto Kufi Arabic", "DejaVu Sans")

_ALL = (
    Language(
        "fr", "Français", False, "fr_FR", "French", ("fr-fr", "fr"), "french",
        ("azerty", "abc"), "latin", _LATIN, "Bonjour",
    ),
    Language(
        "en", "English", False, "en_GB", "English", ("en-gb", "en"), "english",
        ("abc", "azerty"), "latin", _LATIN, "Hello",
    ),
    Language(
        "ar", "العربية", True, "ar", "Arabic", ("ar",), "arabic",
        ("arabic", "azerty"), "arabic", _ARABIC, "مرحبا",
    ),
    Language(
        "es", "Español", False, "es_ES", "Spanish", ("es", "es-419"), "spanish",
        ("abc", "azerty"), "latin", _LATIN, "Hola",
    ),
    Language(
        "pt", "Português", False, "pt_PT", "Portuguese", ("pt", "pt-br"), "portuguese",
        ("abc", "azerty"), "latin", _LATIN, "Olá",
    ),
    Language(
        "ro", "Română", False, "ro_RO", "Romanian", ("ro",), "romanian",
        ("romanian", "abc"), "latin", _LATIN, "Bună ziua",
    ),
    Language(
        "uk", "Українська", False, "uk_UA", "Ukrainian", ("uk",), "ukrainian",
        ("ukrainian", "azerty"), "cyrillic", _CYRILLIC, "Вітаю",
    ),
    Language(
        "tr", "Türkçe", False, "tr_TR", "Turkish", ("tr",), "turkish",
        ("turkish", "abc"), "latin", _LATIN, "Merhaba",
    ),
    # Dari, the Persian of Afghanistan, is written like Persian and read by espeak-ng's
    # Persian voice; "fa" is the code babel and espeak-ng know.
    Language(
        "fa", "دری / فارسی", True, "fa_AF", "Persian (Dari)", ("fa",), "persian",
        ("persian", "azerty"), "arabic", _ARABIC, "سلام",
    ),
)  # fmt: skip

LANGUAGES: dict[str, Language] = {language.code: language for language in _ALL}
CODES: tuple[str, ...] = tuple(LANGUAGES)
DEFAULT = "fr"
# What staff see as enabled before they change anything: every language the kiosk has.
DEFAULT_ENABLED: tuple[str, ...] = CODES


def get(code: str) -> Language:
    """The language ``code``; an unknown code is English, never a crash (a stale setting)."""
    return LANGUAGES.get(code) or LANGUAGES["en"]


def ordered(
    enabled: tuple[str, ...] | list[str], order: tuple[str, ...] | list[str]
) -> tuple[str, ...]:
    """The enabled languages, the agency's order first (language.order), then the rest as
    enabled. Codes the registry does not know (a setting from a newer kiosk) are left out."""
    known = [c for c in dict.fromkeys(enabled) if c in LANGUAGES]
    first = [c for c in dict.fromkeys(order) if c in known]
    return (*first, *(c for c in known if c not in first))
