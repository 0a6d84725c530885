"""What job could I do?, in the real window: the home tile, three skippable questions with
picture cards, the answer with a reason for each job, its offers near the person, the CV,
the printed sheet, close jobs, the engine's notes shown and said, and nothing left after
the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import Config
from kiosk.i18n import _
from tests.ui.taps import tap

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def settings(data_dir: Path) -> Config:
    from kiosk import config as config_module

    return config_module.load(None).with_values(
        session__idle_seconds=600, session__warning_seconds=10, printer__name="no-such-printer"
    )


def said(speaker) -> list[str]:  # type: ignore[no-untyped-def]
    return [text for text, _language in speaker.said]


def answer(qtbot, window):  # type: ignore[no-untyped-def]
    jobs = window.screens["orient_jobs"]
    assert window.current is jobs
    qtbot.waitUntil(lambda: jobs.result is not None, timeout=30000)
    return jobs


def start(qtbot, window, lang: str = "fr"):  # type: ignore[no-untyped-def]
    window.start_session(lang)
    tile = window.current.tiles["orient"]
    qtbot.waitUntil(tile.isVisible, timeout=3000)
    tile.click()  # the home screen's scroller holds a synthetic press: not this test's subject
    assert window.current.NAME == "orient"
    tap(qtbot, window.current.begin)
    assert window.current.NAME == "orient_likes"
    return window.current


def test_interest_and_activity_give_jobs_with_reasons_and_offers(qtbot, window, speaker) -> None:  # type: ignore[no-untyped-def]
    likes = start(qtbot, window)
    tap(qtbot, likes.cards.cards["9"])  # Nature and the outdoors
    assert likes.cards.cards["9"].isChecked()
    tap(qtbot, likes.next)
    done = window.current
    assert done.NAME == "orient_done"
    tap(qtbot, done.cards.cards["farm"])
    tap(qtbot, done.next)
    assert window.current.NAME == "orient_limits"
    tap(qtbot, window.current.skip)
    jobs = answer(qtbot, window)
    assert 5 <= len(jobs.cards) <= 10
    first = jobs.cards[0]
    why = first.suggestion.why()
    assert (
        _("You like nature and the outdoors.") in why
        or _("You worked on a farm or picked fruit.") in why
    )
    assert first.why.text() == why
    assert any(why in t for t in said(speaker)), "the screen and the voice say the same why"
    tap(qtbot, first.see)
    offers = window.screens["offers"]
    assert window.current is offers
    q = offers.state.question
    assert q.mode == "codes" and q.codes == (first.suggestion.code,) and q.filters.km
    qtbot.waitUntil(lambda: offers.result is not None, timeout=30000)
    assert offers.result.total == first.suggestion.offers
    tap(qtbot, offers.back)
    assert window.current is jobs


def test_skipping_every_step_shows_the_jobs_with_most_offers_and_says_why(  # type: ignore[no-untyped-def]
    qtbot, window, speaker
) -> None:
    start(qtbot, window)
    for _step in range(3):
        tap(qtbot, window.current.skip)
    jobs = answer(qtbot, window)
    note = _("You did not answer. Here are the jobs with the most offers nearby.")
    assert jobs.notes.isVisible() and note in jobs.notes.text()
    assert any(note in t for t in said(speaker)), "the note is said as well as shown"
    offers = [c.suggestion.offers for c in jobs.cards]
    assert len(offers) >= 5 and offers == sorted(offers, reverse=True) and offers[0] > 0


def test_every_constraint_says_nothing_fits_and_offers_to_take_one_away(  # type: ignore[no-untyped-def]
    qtbot, window, speaker
) -> None:
    start(qtbot, window)
    tap(qtbot, window.current.skip)
    tap(qtbot, window.current.cards.cards["farm"])
    tap(qtbot, window.current.next)
    limits = window.current
    assert limits.NAME == "orient_limits"
    for card in limits.avoid.cards.values():
        tap(qtbot, card)
    tap(qtbot, limits.diploma.cards["none"])
    tap(qtbot, limits.next)
    jobs = answer(qtbot, window)
    assert jobs.result.loosen, "the engine names what to give up"
    assert jobs.loosen_buttons and jobs.loosen_row.isVisible()
    fits = next(n for n in jobs.result.notes if n.kind == "nothing_fits")
    assert fits.text() in jobs.notes.text()
    assert any(jobs.notes.text() in t for t in said(speaker))
    before = len(jobs.cards)
    taken = jobs.result.loosen[0]
    tap(qtbot, jobs.loosen_buttons[0])
    qtbot.waitUntil(lambda: jobs.result is not None, timeout=30000)
    assert taken not in window.ctx.findChild(type(jobs.state)).choices.avoid
    assert len(jobs.cards) >= before


def test_add_to_cv_print_and_close_jobs(qtbot, window, speaker, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.cv.state import state_for as cv_state
    from ui.orient.printing import print_sheet, sheet_html

    likes = start(qtbot, window)
    tap(qtbot, likes.cards.cards["27"])  # Cooking
    tap(qtbot, likes.next)
    tap(qtbot, window.current.skip)
    tap(qtbot, window.current.skip)
    jobs = answer(qtbot, window)
    card = jobs.cards[0]
    tap(qtbot, card.add)
    wanted = cv_state(window.ctx).cv.wanted_jobs
    assert [(j.label, j.rome) for j in wanted] == [(card.suggestion.label, card.suggestion.code)]
    tap(qtbot, card.add)
    assert len(cv_state(window.ctx).cv.wanted_jobs) == 1, "added once"
    # No printer here: said and shown plainly, never a traceback.
    tap(qtbot, jobs.print_button)
    qtbot.waitUntil(jobs.print_button.isEnabled, timeout=30000)
    assert any(_("No printer is available. Please ask a staff member.") in t for t in said(speaker))
    pdf = tmp_path / "jobs.pdf"
    print_sheet(sheet_html(jobs.result.suggestions, "fr"), pdf=pdf)
    assert pdf.stat().st_size > 1000
    tap(qtbot, card.close_button)
    close = window.screens["orient_close"]
    assert window.current is close
    qtbot.waitUntil(lambda: close.found is not None, timeout=30000)
    counts = [b.accessibleName() for b in close.buttons]
    assert counts, "ROME lists close jobs"
    tap(qtbot, close.back)
    assert window.current is jobs


def test_close_jobs_from_a_typed_job(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.start_session("fr")
    window.show_screen("orient")
    tap(qtbot, window.current.close_jobs)
    close = window.current
    assert close.NAME == "orient_close" and not close.keyboard.isVisible()
    tap(qtbot, close.field.edit)
    assert close.keyboard.isVisible(), "the keyboard comes when the box is touched"
    close.field.set_text("boulanger")
    tap(qtbot, close.search)
    qtbot.waitUntil(lambda: close.found is not None, timeout=30000)
    assert close.found.start is not None and close.found.start.code == "D1102"
    offers = [j.offers for j in close.found.jobs]
    assert offers == sorted(offers, reverse=True), "most offers nearby first"
    tap(qtbot, close.buttons[0])
    assert window.current.NAME == "offers"
    assert window.current.state.question.codes == (close.found.jobs[0].code,)


def test_nothing_of_the_person_is_left_after_the_session(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from ui.orient.state import state_for

    likes = start(qtbot, window)
    tap(qtbot, likes.cards.cards["9"])
    tap(qtbot, likes.next)
    done = window.current
    done.field.set_text("j'ai gardé des enfants")
    tap(qtbot, done.add)
    assert state_for(window.ctx).choices.typed == ["j'ai gardé des enfants"]
    tap(qtbot, done.next)
    tap(qtbot, window.current.skip)
    jobs = answer(qtbot, window)
    assert jobs.cards
    window.end_session()
    qtbot.waitUntil(lambda: window.ctx.kiosk.sessions.current is None, timeout=30000)
    state = state_for(window.ctx)
    assert state.choices.interests == [] and state.choices.typed == []
    assert not jobs.cards and jobs.result is None
    assert not likes.cards.selected() and not done.typed.chips and done.field.text() == ""
