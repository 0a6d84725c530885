"""Find a job, as a person does it: type on the on-screen keyboard, hear the count, filter,
open an offer, take it on a phone, keep it, print it; or choose from pictures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from kiosk.catalogue import plain
from kiosk.catalogue.importer import import_offers
from kiosk.catalogue.resolve import resolver_for
from kiosk.config import Config
from kiosk.i18n import _, ngettext
from tests.ui.taps import tap
from ui import theme
from ui.screens.offers import NOT_UNDERSTOOD, NOTHING
from ui.screens.towns import NO_TOWN
from ui.search.printing import NO_PRINTER, print_offer

# Showing the window on the offscreen platform warns; it says nothing about these screens.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def offer(offer_id: str, title: str, rome: str, town: str, **extra: Any) -> dict[str, Any]:
    places = {
        "lyon": ("69 - LYON 03", "69123", 45.7600, 4.8500),
        "grenoble": ("38 - GRENOBLE", "38185", 45.1885, 5.7245),
    }
    label, commune, lat, lon = places[town]
    return {
        "id": offer_id,
        "intitule": title,
        "description": f"{title} : le texte complet de l'offre.\nDeuxième ligne, telle quelle.",
        "romeCode": rome,
        "lieuTravail": {"libelle": label, "commune": commune, "latitude": lat, "longitude": lon},
        "typeContrat": extra.get("contract", "CDI"),
        "experienceExige": extra.get("experience", "D"),
        "dureeTravailLibelleConverti": "Temps plein",
        "dateCreation": "2026-03-01T08:00:00Z",
        "dateActualisation": extra.get("updated", "2026-03-05T08:00:00Z"),
        "origineOffre": {"urlOrigine": f"https://candidat.francetravail.fr/offres/{offer_id}"},
        **({"salaire": {"libelle": "Mensuel de 1900 Euros"}} if extra.get("paid", True) else {}),
    }


OFFERS = [
    offer("B1", "Boulanger H/F", "D1102", "lyon"),
    offer("B2", "Boulanger de nuit", "D1102", "lyon", experience="E", contract="CDD"),
    offer("B3", "Employé de fournil", "D1102", "lyon", paid=False),
    offer("F1", "Fleuriste", "D1209", "grenoble"),
    offer("C1", "Coiffeur", "D1202", "lyon"),
]


@pytest.fixture
def settings(data_dir: Path) -> Config:
    from kiosk import config as config_module

    return config_module.load(None).with_values(
        session__idle_seconds=600, session__warning_seconds=10, printer__name="no-such-printer"
    )


@pytest.fixture
def live(kiosk):  # type: ignore[no-untyped-def]
    """A catalogue of known offers (an import replaces the demo ones)."""
    import_offers(kiosk.catalogue, OFFERS)
    # The occupation index is built once per process (the find-job screen warms it in the
    # background); built here, a slow machine does not eat the tests' waiting time.
    resolver_for(kiosk.catalogue)
    return kiosk


def search(qtbot, window, text: str) -> Any:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    tap(qtbot, window.current.tiles["find_job"])
    screen = window.screens["find_job"]
    assert window.current is screen
    for char in text:
        screen.keyboard.press(" " if char == " " else char)
    assert screen.field.text() == text
    screen.keyboard.press("enter")
    offers = window.screens["offers"]
    assert window.current is offers
    qtbot.waitUntil(lambda: offers.result is not None, timeout=5000)
    return offers


def offers_said(n: int) -> str:
    return ngettext("{n} offer", "{n} offers", n).format(n=n)


def said(speaker) -> list[str]:  # type: ignore[no-untyped-def]
    return [text for text, _language in speaker.said]


def test_typing_a_misspelt_job_shows_cards_and_says_the_count(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    offers = search(qtbot, window, "boulanjer")
    assert offers.result.total == 3
    assert [b.card.id for b in offers.card_buttons] == ["B1", "B2", "B3"]
    qtbot.waitUntil(lambda: any(offers_said(3) in t for t in said(speaker)), timeout=3000)
    card = offers.card_buttons[2]
    assert card.accessibleName() == "Employé de fournil"
    assert _("Pay not given") in card.accessibleDescription(), "no salary: said plainly"
    assert card.height() >= 120 and card.demo_label is None


def test_an_empty_search_asks_for_a_word(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("find_job")
    screen = window.current
    screen.keyboard.press("enter")
    assert window.current is screen and screen.message.isVisible()
    assert said(speaker)[-1] == screen.message.text()


def test_filters_toggle_search_again_and_are_spoken(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    offers = search(qtbot, window, "boulanger")
    tap(qtbot, offers.show_filters)
    assert offers.filters.isVisible()
    tap(qtbot, offers.filters.beginners)
    qtbot.waitUntil(lambda: offers.result is not None and offers.result.total == 2, timeout=5000)
    assert {b.card.id for b in offers.card_buttons} == {"B1", "B3"}
    qtbot.waitUntil(lambda: offers_said(2) in said(speaker)[-1], timeout=3000)
    assert said(speaker)[-1].startswith(offers.filters.beginners.text())
    tap(qtbot, offers.filters.contracts["CDD"])
    qtbot.waitUntil(lambda: offers.result is not None and offers.result.total == 0, timeout=5000)
    assert "1" not in offers.show_filters.text() or "2" in offers.show_filters.text()


def test_nothing_near_offers_wider_fewer_and_related(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    offers = search(qtbot, window, "fleuriste")
    assert offers.result.total == 1
    tap(qtbot, offers.show_filters)
    tap(qtbot, offers.filters.distance[5])
    qtbot.waitUntil(lambda: offers.result is not None and offers.result.total == 0, timeout=5000)
    qtbot.waitUntil(lambda: len(offers.next_steps) >= 3, timeout=5000)
    names = [b.accessibleName() for b in offers.next_steps]
    assert any("10 km" in n for n in names)
    assert _("Remove the filters") in names
    assert any("Coiffeur" in n for n in names), "a related job with offers"
    assert any(_(NOTHING) in t for t in said(speaker))
    tap(qtbot, next(b for b in offers.next_steps if b.accessibleName() == _("Remove the filters")))
    qtbot.waitUntil(lambda: offers.result is not None and offers.result.total == 1, timeout=5000)


def test_a_word_nobody_knows_suggests_pictures(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    offers = search(qtbot, window, "zzqq")
    assert offers.result.status == "not_understood"
    assert [b.accessibleName() for b in offers.next_steps] == [
        _("Change the search"),
        _("Choose from pictures"),
    ]
    tap(qtbot, offers.next_steps[1])
    assert window.current.NAME == "domains"


def open_first(qtbot, window, offers) -> Any:  # type: ignore[no-untyped-def]
    tap(qtbot, offers.card_buttons[0])
    screen = window.screens["offer"]
    assert window.current is screen
    qtbot.waitUntil(lambda: screen.offer is not None, timeout=5000)
    return screen


def test_the_offer_summary_then_full_text_and_date(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    screen = open_first(qtbot, window, search(qtbot, window, "boulanger"))
    assert screen.title.text() == "Boulanger H/F"
    shown = [w.text() for w in screen.content.findChildren(QLabel) if w.isVisibleTo(screen)]
    assert _("How to apply") in shown and plain.pay("Mensuel de 1900 Euros").shown in shown
    assert screen.full_text.text() == OFFERS[0]["description"], "shown unaltered"
    assert "2026" in screen.update_label.text()
    qtbot.waitUntil(lambda: said(speaker)[-1].startswith(_("Job")), timeout=3000)
    tap(qtbot, screen.french_button)
    assert OFFERS[0]["description"] in said(speaker)[-1]


def test_show_on_my_phone_draws_a_qr_code(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    screen = open_first(qtbot, window, search(qtbot, window, "boulanger"))
    tap(qtbot, screen.phone)
    assert screen.qr_panel.isVisible()
    pixmap = screen.qr.pixmap()
    assert not pixmap.isNull() and pixmap.width() >= 200
    assert said(speaker)[-1] == window.notice.text() and window.notice.kind == "success"


def test_keep_this_offer_is_saved_in_the_session(qtbot, window, live, kiosk) -> None:  # type: ignore[no-untyped-def]
    screen = open_first(qtbot, window, search(qtbot, window, "boulanger"))
    tap(qtbot, screen.keep)
    assert kiosk.sessions.load("kept_offers") == ["B1"]
    window.show_screen("find_job")
    find = window.current
    assert find.kept.isVisible() and "1" in find.kept.text()
    tap(qtbot, find.kept)
    offers = window.screens["offers"]
    qtbot.waitUntil(lambda: offers.result is not None, timeout=5000)
    assert [b.card.id for b in offers.card_buttons] == ["B1"]
    window.end_session()
    assert kiosk.sessions.load("kept_offers") is None


def test_printing_with_no_printer_says_so(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    screen = open_first(qtbot, window, search(qtbot, window, "boulanger"))
    tap(qtbot, screen.print_button)
    qtbot.waitUntil(lambda: said(speaker)[-1] == _(NO_PRINTER), timeout=10000)
    assert window.notice.isVisible() and window.notice.text() == _(NO_PRINTER)
    assert screen.print_button.isEnabled()


def test_printing_off_the_ui_thread_writes_the_page(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "offer.pdf"
    done: list[str] = []
    ctx.tasks.run(lambda: print_offer("<h1>Boulanger</h1><p>Texte</p>", pdf=pdf), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_choosing_from_pictures(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("find_job")
    tap(qtbot, window.current.browse)
    domains = window.current
    assert domains.NAME == "domains" and len(domains.tiles) == 14
    qtbot.waitUntil(lambda: bool(domains.counts), timeout=5000)
    assert domains.counts["D"] == 5 and not domains.tiles["A"].isEnabled()
    assert "5" in domains.tiles["D"].accessibleDescription()
    # A synthetic click on a tile inside the screen's kinetic scroll area is taken by its
    # QScroller and never replayed offscreen; a real finger works (journey
    # test_a_word_that_names_no_job_leads_to_pictures_named_in_english).
    domains.tiles["D"].click()
    jobs = window.current
    assert jobs.NAME == "occupations"
    qtbot.waitUntil(lambda: len(jobs.buttons) == 3, timeout=5000)
    assert "Boulanger" in jobs.buttons[0].accessibleName()
    tap(qtbot, jobs.buttons[0])
    offers = window.current
    qtbot.waitUntil(lambda: offers.result is not None, timeout=5000)
    assert {b.card.rome_code for b in offers.card_buttons} == {"D1102"}
    assert offers.title.text().startswith("Boulanger")


def test_demo_offers_say_they_are_demo(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    offers = search(qtbot, window, "serveur")
    card = offers.card_buttons[0]
    assert card.card.demo and card.demo_label is not None and card.demo_label.isVisibleTo(card)
    assert card.accessibleDescription().startswith(_("Demo offer"))


def test_arabic_mirrors_the_search_screens(qtbot, window, live) -> None:  # type: ignore[no-untyped-def]
    window.start_session("ar")
    window.show_screen("find_job")
    find = window.current
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert find.keyboard.layout() == "arabic"
    find.field.setText("boulanger")
    find.submit()
    offers = window.current
    qtbot.waitUntil(lambda: offers.result is not None, timeout=5000)

    def mirrored() -> bool:
        back = offers.back.mapTo(window, QPoint(0, 0)).x()
        return back > offers.show_filters.mapTo(window, QPoint(0, 0)).x()

    qtbot.waitUntil(mirrored, timeout=3000)


@pytest.mark.parametrize("name", ["find_job", "offers", "domains", "occupations", "offer"])
def test_every_control_is_named_and_large(qtbot, window, live, name: str) -> None:  # type: ignore[no-untyped-def]
    offers = search(qtbot, window, "boulanger")
    offers.state.offer_id = "B1"
    offers.state.domain = "D"
    window.show_screen(name)
    qtbot.waitUntil(lambda: not window.ctx.tasks.pending(), timeout=5000)
    qtbot.wait(1)
    buttons = [
        b
        for b in window.current.findChildren(QAbstractButton)
        if b.isVisible() and b not in window.current.findChildren(QAbstractButton, "key")
    ]
    assert buttons
    for button in buttons:
        where = f"{name}/{button.accessibleName()!r}"
        assert button.accessibleName(), where
        assert min(button.width(), button.height()) >= theme.MIN_TARGET, where
    for label in window.current.findChildren(QLabel):
        if label.isVisible() and label.text():
            assert label.fontInfo().pixelSize() >= 20, f"{name}: {label.text()!r}"


# -- issue 11: towns typed, jobs in the person's language, words that name no job ------------
def test_a_town_is_chosen_by_typing_its_name_among_all_communes(
    qtbot, window, live, speaker
) -> None:  # type: ignore[no-untyped-def]
    offers = search(qtbot, window, "boulanger")
    assert all(b.card.distance_km is not None for b in offers.card_buttons), "nearest first"
    tap(qtbot, offers.show_filters)
    tap(qtbot, offers.filters.town)
    towns = window.current
    assert towns.NAME == "towns" and towns.keyboard.isVisible()
    for char in "grenobl":  # a letter short: still found
        towns.keyboard.press(char)
    qtbot.waitUntil(lambda: bool(towns.buttons), timeout=5000)
    assert towns.buttons[0].accessibleName() == "Grenoble (38) 38000"
    towns.buttons[0].click()  # see test_choosing_from_pictures: the kinetic area takes taps
    assert window.current is offers
    # Named at once, from the choice itself (no look-up among all communes on the UI thread).
    assert offers.state.question.filters.near_name == "Grenoble"
    assert "Grenoble" in offers.filters.town.accessibleName()
    qtbot.waitUntil(lambda: offers.result is not None and offers.result.total >= 0, timeout=5000)
    assert offers.state.question.filters.near == "38185"
    assert "Grenoble" in offers.filters.town.accessibleName()


def test_same_named_towns_show_their_departement_and_a_postcode_works(qtbot, window, live) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("towns")
    towns = window.current
    towns.field.setText("Saint-Denis")
    qtbot.waitUntil(lambda: len(towns.buttons) >= 4, timeout=5000)
    names = [b.accessibleName() for b in towns.buttons]
    assert "Saint-Denis (93) 93200" in names and "Saint-Denis (974) 97400" in names
    towns.field.setText("69100")
    qtbot.waitUntil(
        lambda: [b.accessibleName() for b in towns.buttons] == ["Villeurbanne (69) 69100"],
        timeout=5000,
    )
    towns.keyboard.press("enter")  # "Enter" takes the first town
    assert window.current.NAME == "offers"
    assert towns.state.question.filters.near == "69266"


def test_a_town_nobody_knows_says_so_and_bad_input_is_calm(qtbot, window, live, speaker) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("towns")
    towns = window.current
    for text in ("zzqqxx", "😀" * 40, "a" * 80, '"*NEAR('):
        towns.field.setText(text)
        qtbot.waitUntil(lambda: towns.message.isVisible(), timeout=5000)
        assert towns.buttons == [] and towns.message.text() == _(NO_TOWN)
    assert _(NO_TOWN) in said(speaker)


@pytest.mark.parametrize("query", ["xyzzy", "travail", "sa2e9"])
def test_words_that_name_no_job_are_not_understood_and_lead_to_pictures(
    qtbot, window, live, speaker, query: str
) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("find_job")
    window.current.field.setText(query)  # "sa2e9" mixes the keyboard's pages
    window.current.submit()
    offers = window.current
    qtbot.waitUntil(lambda: offers.result is not None, timeout=5000)
    assert offers.result.total == 0 and offers.result.occupations == ()
    assert offers.card_buttons == [], "never a random job"
    assert [b.accessibleName() for b in offers.next_steps] == [
        _("Change the search"),
        _("Choose from pictures"),
    ]
    assert any(_(NOT_UNDERSTOOD) in t for t in said(speaker))
    offers.next_steps[1].click()
    assert window.current.NAME == "domains"


def test_an_arabic_speaker_sees_the_job_named_in_arabic(qtbot, window, live) -> None:  # type: ignore[no-untyped-def]
    import_offers(
        kiosk_offers := live.catalogue, [offer("N1", "Chauffeur PL H/F", "N4101", "lyon")]
    )
    assert kiosk_offers is not None
    window.start_session("ar")
    window.show_screen("find_job")
    find = window.current
    for char in "سائق":
        find.keyboard.press(char)
    find.keyboard.press("enter")
    offers = window.current
    qtbot.waitUntil(lambda: offers.result is not None, timeout=5000)
    assert [b.card.id for b in offers.card_buttons] == ["N1"]
    assert offers.understood.isVisible()
    assert "سائق مركبة الشحن" in offers.understood.text()
    assert "Conducteur / Conductrice de poids lourd" in offers.understood.text()


def test_the_warm_up_reads_job_names_and_the_agency_town_off_the_ui_thread(
    qtbot, window, live, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import threading

    from kiosk.catalogue import names
    from ui.search.state import SearchState

    threads: list[threading.Thread] = []
    real = names._load

    def load() -> dict[str, dict[str, str]]:
        threads.append(threading.current_thread())
        return real()

    monkeypatch.setattr(names, "_load", load)
    state = SearchState(window.ctx)
    state.warm()
    qtbot.waitUntil(lambda: state.agency_name != "", timeout=10000)
    assert state.agency_name == "Lyon"
    assert threads and threading.main_thread() not in threads


def test_a_failed_town_search_is_shown_and_a_late_one_is_dropped(
    qtbot, window, live, speaker, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import ui.screens.towns as towns_module

    def broken() -> Any:
        raise OSError("communes file unreadable")

    monkeypatch.setattr(towns_module, "communes", broken)
    window.start_session("fr")
    window.show_screen("towns")
    towns = window.current
    errors: list[Any] = []
    monkeypatch.setattr(window.ctx, "show_error", errors.append)
    towns.field.setText("Lyon")
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert towns.buttons == []
    # An answer that lands after the wipe finds nobody to show it to.
    towns.field.setText("Gre")
    towns.forget_person()
    qtbot.wait(300)
    assert len(errors) == 1 and towns.buttons == []
