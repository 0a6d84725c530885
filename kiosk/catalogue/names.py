"""An occupation's name in the person's language, beside the French ROME title.

en, ar, es, pt, ro, uk: the ESCO preferred label of the ESCO occupation the official
ROME↔ESCO table maps the occupation to (its main job title's mapping first), from
data/esco/names.json.gz. tr, fa: ESCO has neither language; data/words/<lang>.json "titles"
names the most common occupations in everyday words. French is the ROME label itself, so
`job_name(code, "fr")` is None, as is any occupation with no name in that language.
"""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path
from typing import Any

from kiosk import resources

ESCO_LANGUAGES = ("en", "ar", "es", "pt", "ro", "uk")
WRITTEN_LANGUAGES = ("tr", "fa")

_lock = threading.Lock()
_names: dict[str, dict[str, str]] | None = None


def _read_titles(path: Path) -> dict[str, str]:
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
        return {str(c): str(t) for c, t in raw.get("titles", {}).items() if t}
    except (OSError, ValueError, AttributeError):
        return {}  # a damaged file costs names, never the search


def _load() -> dict[str, dict[str, str]]:
    global _names
    with _lock:
        if _names is None:
            names: dict[str, dict[str, str]] = {}
            try:
                with gzip.open(resources.data_file("esco", "names.json.gz"), "rt") as f:
                    raw: Any = json.load(f)
                for lang in ESCO_LANGUAGES:
                    names[lang] = {str(c): str(n) for c, n in raw.get(lang, {}).items()}
            except (OSError, ValueError, AttributeError):
                pass
            for lang in WRITTEN_LANGUAGES:
                names[lang] = _read_titles(resources.data_file("words", f"{lang}.json"))
            _names = names
        return _names


def warm() -> None:
    """Read the names table now (0.2 s), off the UI thread, before a screen asks for a name."""
    _load()


def job_name(code: str | None, language: str) -> str | None:
    """The name of ROME occupation `code` in `language` ("N4101", "ar" -> "سائق مركبة الشحن /
    سائقة مركبة الشحن"), or None: none known, or French (the ROME label is the French name)."""
    if not code:
        return None
    return _load().get(language.split("_")[0], {}).get(code)
