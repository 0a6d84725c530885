"""The dashboard's translations: hub/locale/<lang>/LC_MESSAGES/django.po, compiled to .mo.

Compiled .mo files are not kept in git (like the kiosk's), so each hub process compiles a
catalogue whose .mo is missing or older than its .po when Django starts, with Babel (already a
kiosk dependency). Written to a temporary file then renamed: several gunicorn workers starting
together never read half a file.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
log = logging.getLogger(__name__)


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    done: list[Path] = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        try:
            with po.open("rb") as handle:
                catalog = read_po(handle)
            fd, tmp = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
            with os.fdopen(fd, "wb") as out:
                write_mo(out, catalog)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; the hub may run as another user
            os.replace(tmp, mo)
            done.append(mo)
        except OSError as exc:  # a read-only install: its .mo was compiled when packaged
            log.warning("dashboard translations not compiled (%s): %s", po, exc)
    return done
