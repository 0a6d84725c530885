"""Journey: a person writes their name and e-mail in "Make my CV", asks for it by e-mail, and
the agency's mail server receives it, the PDF attached, while the kiosk runs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.fakes.smtp import FakeSmtp
from tests.journeys.journey_kit import Kiosk, fr, wait_until

pytestmark = pytest.mark.journey

NAME = "samira benali"
EMAIL = "samira.benali@exemple.fr"


def test_a_cv_sent_to_my_email_arrives_with_its_pdf(
    start_kiosk: Callable[..., Kiosk], smtp: FakeSmtp
) -> None:
    kiosk = start_kiosk()
    kiosk.tap("Français", "push button", timeout=30)
    kiosk.tap(fr("Make my CV"), "push button")
    kiosk.tap(fr("Start my CV"), "push button")
    kiosk.type_into(fr("Your first name and name"), NAME)
    kiosk.tap(fr("Next"), "push button")
    kiosk.find(fr("Question {n} of {total}.").format(n=2, total=13), "label")
    kiosk.tap(fr("Skip"), "push button")  # the phone
    kiosk.find(fr("Question {n} of {total}.").format(n=3, total=13), "label")
    kiosk.type_into(fr("Your e-mail address"), EMAIL)
    assert kiosk.find(fr("Your e-mail address"), "text")["text"] == EMAIL
    kiosk.tap(fr("Next"), "push button")
    kiosk.find(fr("Question {n} of {total}.").format(n=4, total=13), "label")
    kiosk.step("name and e-mail written")

    # The rest of the questions can wait: back home, and on with the CV begun.
    kiosk.tap(fr("Home"), "push button")
    kiosk.tap(fr("Make my CV"), "push button")
    kiosk.tap(fr("Continue my CV"), "push button")
    kiosk.tap(fr("Send to my e-mail"), "push button")
    assert kiosk.find(fr("Your e-mail address"), "text")["text"] == EMAIL
    kiosk.tap(fr("Send"), "push button")
    kiosk.step("Send tapped")

    def arrived() -> list[object]:
        with smtp.lock:
            return list(smtp.messages)

    messages = wait_until(arrived, 30, "the CV reaching the SMTP server", kiosk)
    kiosk.step("e-mail received by the SMTP server")
    assert len(messages) == 1
    received = messages[0]
    assert received.to == (EMAIL,)
    pdfs = [
        part.get_payload(decode=True)
        for part in received.message.walk()
        if part.get_content_type() == "application/pdf"
    ]
    assert len(pdfs) == 1 and pdfs[0].startswith(b"%PDF"), received.message.as_string()[:2000]
    # While the person is still there, the screen tells them it left.
    kiosk.find(fr("Your CV was sent to {email}. Look in your e-mails.").format(email=EMAIL))
    kiosk.step("screen says it was sent")
