"""The dashboard's French catalogue is complete and consistent with the code (no server)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from hub.dashboard.catalogue import LOCALE_DIR, compile_catalogues

DASHBOARD = Path(__file__).resolve().parents[2] / "hub" / "dashboard"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def catalogue() -> dict[str, object]:
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(handle) if m.id}


def msgids_in_code() -> set[str]:
    """Literal messages of {% translate %} in templates and _() in Python: what French needs."""
    found: set[str] = set()
    for template in DASHBOARD.glob("templates/dashboard/*.html"):
        found |= set(re.findall(r'{% translate "([^"]+)"', template.read_text()))
        found |= set(re.findall(r"{% translate '([^']+)'", template.read_text()))
    for module in DASHBOARD.glob("*.py"):
        found |= set(re.findall(r'\b_\(\s*"([^"]+)"', module.read_text()))
    return found


def test_every_dashboard_message_has_a_french_translation_with_the_same_placeholders() -> None:
    messages = catalogue()
    wanted = msgids_in_code()
    assert len(wanted) > 80  # the extraction itself works
    assert sorted(wanted - set(messages)) == []
    for msgid, message in messages.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        assert all(strings), f"not translated: {msgid!r}"
        assert not message.fuzzy, f"fuzzy: {msgid!r}"  # type: ignore[attr-defined]
        names = {a or b for a, b in PLACEHOLDER.findall(msgid)}
        for text in strings:
            used = {a or b for a, b in PLACEHOLDER.findall(text)}
            # A singular may leave the number out ("le dernier jour"), never add a name.
            assert used <= names, (msgid, text)


def test_catalogues_compile_when_the_po_is_newer(tmp_path: Path) -> None:
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "django.po"
    po.write_bytes((LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po").read_bytes())
    assert compile_catalogues(tmp_path) == [folder / "django.mo"]
    assert compile_catalogues(tmp_path) == []  # up to date: left alone
    import gettext

    with (folder / "django.mo").open("rb") as handle:
        french = gettext.GNUTranslations(handle)
    assert french.gettext("No one is waiting.") == "Personne n’attend."
