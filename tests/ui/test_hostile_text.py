"""Text from outside or typed by a person is shown as it is, never as markup (issue 15,
finding 19), and a huge offer is not laid out whole on the UI thread (finding 20)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.catalogue.importer import import_offers
from kiosk.cv.model import CV, Experience, Identity
from tests.ui.taps import tap
from tests.ui.test_search_screens import offer, search
from ui.cv.state import state_for
from ui.search.card import TEXT_MAX

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def local_image(tmp_path) -> str:  # type: ignore[no-untyped-def]
    """A file on the kiosk that markup in an offer would load onto the screen."""
    path = tmp_path / "secret.png"
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    image.save(str(path))
    return f'<img src="file://{path}" width="300" height="300">'


def labels_showing(root: QWidget, piece: str) -> list[QLabel]:
    return [label for label in root.findChildren(QLabel) if piece in label.text()]


def assert_literal(labels: list[QLabel], piece: str) -> None:
    assert labels, f"nothing shows {piece!r}"
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, (label, label.text())
        # Laid out as plain text, the tag is words: far narrower than a 300-pixel picture.
        assert piece in label.text()


def test_an_offer_with_markup_is_shown_as_words(qtbot, window, kiosk, local_image) -> None:  # type: ignore[no-untyped-def]
    hostile = offer("H1", f"Boulanger {local_image}", "D1102", "lyon")
    hostile["lieuTravail"]["libelle"] = "69 - <b>LYON</b> 03"
    hostile["salaire"] = {"libelle": f"<u>Mensuel</u> {local_image}"}
    hostile["description"] = f"<h1>Grand</h1> {local_image}"
    import_offers(kiosk.catalogue, [hostile])
    offers = search(qtbot, window, "boulanger")
    card = offers.card_buttons[0]
    assert_literal(labels_showing(card, "<img"), "<img")
    assert_literal(labels_showing(card, "<b>LYON</b>"), "<b>LYON</b>")
    tap(qtbot, card)
    screen = window.screens["offer"]
    qtbot.waitUntil(lambda: screen.offer is not None, timeout=5000)
    assert_literal(labels_showing(screen, "<img"), "<img")  # title, pay, the full text
    assert screen.title.text().startswith("Boulanger <img")
    assert_literal(labels_showing(screen, "<h1>Grand</h1>"), "<h1>")


def test_typed_cv_text_with_markup_is_shown_as_words(qtbot, window, local_image) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("cv_identity")
    job = f"Cuisinier {local_image}"
    state_for(window.ctx).save(
        CV(identity=Identity(name="<i>Samira</i>"), experiences=(Experience(job),))
    )
    window.show_screen("cv_experiences")
    assert_literal(labels_showing(window.current, "Cuisinier <img"), "<img")


def test_a_huge_offer_is_shown_cut(qtbot, window, kiosk) -> None:  # type: ignore[no-untyped-def]
    import_offers(kiosk.catalogue, [offer("BIG", "Boulanger", "D1102", "lyon")])
    offers = search(qtbot, window, "boulanger")
    tap(qtbot, offers.card_buttons[0])
    screen = window.screens["offer"]
    qtbot.waitUntil(lambda: screen.offer is not None, timeout=10000)
    # Imports cap descriptions now; an offer that reaches the screen another way (an older
    # catalogue, a sync) must still not be laid out whole on the UI thread.
    huge = "Pétrir la pâte. " * 70_000  # about 1 MB
    screen._loaded(replace(screen.offer, description=huge))
    shown = screen.full_text.text()
    assert len(shown) <= TEXT_MAX + 1 and shown.endswith("…")
    assert huge.startswith(shown[:-1])
