"""Languages: gettext catalogues, the current language, and formatting through babel.

Message ids are English. `_()` translates into the current language at the moment it is
called, so screens call it in `retranslate()` and the language can change live. Module-level
constants are marked with `N_()` and translated when shown.
"""

from __future__ import annotations

import datetime as dt
import gettext
import logging
from collections.abc import Callable
from decimal import Decimal
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_timedelta
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from kiosk import languages, resources

log = logging.getLogger(__name__)
DOMAIN = "kiosk"


# The registry is the one list of languages; re-exported because most code asks i18n.
LANGUAGES = languages.LANGUAGES
Language = languages.Language
DEFAULT = languages.DEFAULT


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


# gettext keeps a message with a context under "context<EOT>message" in compiled catalogues.
CONTEXT_GLUE = "\x04"


def NC_(context: str, message: str) -> str:
    """Mark a message that means different things in different places ("Numbers": the keyboard
    key, or an interest) without translating it now. The result goes through `_()` like any
    `N_` message, and is translated under its own context; untranslated, the message alone
    is shown."""
    return f"{context}{CONTEXT_GLUE}{message}"


def without_context(message: str) -> str:
    """The message an `NC_` key stands for, as English shows it."""
    return message.rpartition(CONTEXT_GLUE)[2]


def _load(code: str, directory: Path) -> gettext.NullTranslations:
    mo = directory / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if mo.exists():
        with open(mo, "rb") as handle:
            return gettext.GNUTranslations(handle)
    po = mo.with_suffix(".po")
    if po.exists():
        # A source checkout that never ran `make translations`: compile in memory.
        with open(po, "rb") as handle:
            catalog = read_po(handle, locale=code)
        buffer = BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    if code != "en":  # English is the message ids themselves
        log.warning("no translations for %s in %s", code, directory)
    return gettext.NullTranslations()


class Translator:
    def __init__(self, directory: Path | None = None, language: str = DEFAULT) -> None:
        self._directory = directory or resources.locales_dir()
        self._catalogues: dict[str, gettext.NullTranslations] = {}
        self._listeners: list[Callable[[str], None]] = []
        self.language = LANGUAGES[language]

    def catalogue(self, code: str) -> gettext.NullTranslations:
        if code not in self._catalogues:
            self._catalogues[code] = _load(code, self._directory)
        return self._catalogues[code]

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}")
        changed = code != self.language.code
        self.language = LANGUAGES[code]
        if changed:
            for listener in list(self._listeners):
                listener(code)

    def on_change(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def off_change(self, listener: Callable[[str], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def gettext(self, message: str, language: str | None = None) -> str:
        # A catalogue compiled by hand may carry an empty translation: English, never a blank.
        found = self.catalogue(language or self.language.code).gettext(message)
        if not found or found == message:
            return without_context(message)
        return found

    def ngettext(self, singular: str, plural: str, n: int, language: str | None = None) -> str:
        found = self.catalogue(language or self.language.code).ngettext(singular, plural, n)
        return found or (singular if n == 1 else plural)

    def texts(self, code: str) -> set[str]:
        """Every text the catalogues give in language ``code``, placeholders left unfilled.

        What the kiosk itself says, as opposed to what a person typed: the speech cache keeps
        only these on disk. English is the message ids themselves.
        """
        found: set[str] = set()
        codes = LANGUAGES if code == "en" else (code,)
        for each in codes:
            catalog = getattr(self.catalogue(each), "_catalog", None) or {}
            for key, value in catalog.items():
                if not key:
                    continue  # the header entry: metadata, never said
                if each == code:
                    found.add(value)
                if code == "en":
                    found.add(without_context(key[0] if isinstance(key, tuple) else key))
        return found


translator = Translator()


def _(message: str) -> str:
    return translator.gettext(message)


def ngettext(singular: str, plural: str, n: int, language: str | None = None) -> str:
    """Plural forms by the language's own rules; ``language`` for text that is not the
    screen's (the printed CV)."""
    return translator.ngettext(singular, plural, n, language)


def current() -> Language:
    return translator.language


def in_language(code: str, message: str) -> str:
    """A message in a given language, whatever the current one (the welcome screen's buttons)."""
    return translator.gettext(message, code)


def _locale() -> Locale:
    return Locale.parse(translator.language.locale)


def format_date(value: dt.date, style: str = "long") -> str:
    return _babel_date(value, format=style, locale=_locale())


# Western digits in every language: phone numbers, postcodes and pay slips in France use them,
# and Arabic speakers here (often from the Maghreb) read them daily.
DIGITS = "latn"


# Unicode bidi isolation: LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE.
LRI = "\u2066"
PDI = "\u2069"


def ltr(text: str) -> str:
    """Keep ``text`` left-to-right wherever it lands (phone numbers, codes, postcodes, prices).

    Inside Arabic or Persian text the bidi algorithm would otherwise reorder "06 12 34 56 78"
    into "78 56 34 12 06". An isolate, unlike an LRM mark, also keeps the surrounding text's
    order intact. Empty text stays empty, and text already isolated is not wrapped twice.
    """
    if not text or (text.startswith(LRI) and text.endswith(PDI)):
        return text
    return f"{LRI}{text}{PDI}"


def format_number(value: int | float | Decimal) -> str:
    return format_decimal(value, locale=_locale(), numbering_system=DIGITS)


def format_age(delta: dt.timedelta) -> str:
    """'3 days ago' in the current language."""
    return format_timedelta(-delta, add_direction=True, threshold=1.1, locale=_locale())
