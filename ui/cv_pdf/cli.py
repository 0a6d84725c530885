"""`kiosk cv render`: the Qt side, loaded only by that verb. No window: fonts need a
QGuiApplication, which runs on the offscreen platform when no display is asked for."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kiosk.cv.model import CV
from kiosk.errors import UserError, explain


def render_file(cv: CV, out: Path, template: str, lang: str | None) -> int:
    """0 when written on one page; 1 when written but longer (the reason on stderr)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from ui.cv_pdf.checked import rendered, write_whole

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    try:
        # Rendered aside and copied: a full disk or device is an error, never "written".
        data, result = rendered(cv, template, lang)
        write_whole(out, data)
    except UserError as exc:
        print(f"kiosk: {explain(exc).user}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"kiosk: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not result.fits:
        print(f"kiosk: {out}: {result.pages} pages. {result.explain()}", file=sys.stderr)
        return 1
    print(f"kiosk: {out} written (1 page, {result.milliseconds:.0f} ms)")
    return 0
