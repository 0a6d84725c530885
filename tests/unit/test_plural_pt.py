"""European Portuguese plurals: 0 takes the plural ("0 ofertas"), unlike Brazilian Portuguese."""

from __future__ import annotations

from kiosk.i18n import Translator
from kiosk.resources import locales_dir


def test_portuguese_zero_is_plural_and_one_is_singular() -> None:
    words = Translator(locales_dir())
    say = lambda n: words.ngettext("{n} job", "{n} jobs", n, "pt").format(n=n)  # noqa: E731
    assert say(0) == "0 empregos"
    assert say(1) == "1 emprego"
    assert say(2) == "2 empregos"
    assert say(1_000_000) == "1000000 empregos"  # the Brazilian "de empregos" form is gone
