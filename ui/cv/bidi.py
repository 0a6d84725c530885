"""Numbers and addresses stay left to right inside right-to-left text.

In an Arabic sentence the bidi algorithm reorders "06 12 34 56 78" into "78 56 34 12 06" (the
spaces between digit groups take the sentence's direction). Translated sentences carry such
examples in their own words, so the wizard isolates them where it shows them, with
kiosk.i18n.ltr (Unicode LRI ... PDI).
"""

from __future__ import annotations

import re

from kiosk.i18n import LANGUAGES, current, ltr

# Digit groups joined by spaces, dots, dashes or slashes (a phone number, 03/2019), with an
# optional leading +; and e-mail addresses.
_LTR_RUN = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\+?[0-9٠-٩]+(?:[ ./-][0-9٠-٩]+)+"
)


def isolate_ltr(text: str, language: str | None = None) -> str:
    """`text` with its phone numbers and e-mail addresses isolated, in a right-to-left
    language; unchanged otherwise."""
    code = language or current().code
    if not text or code not in LANGUAGES or not LANGUAGES[code].rtl:
        return text
    return _LTR_RUN.sub(lambda m: ltr(m.group(0)), text)
