from __future__ import annotations

import logging

import pytest

from kiosk.errors import UserError, explain
from kiosk.i18n import translator
from kiosk.storage import StorageError


def test_user_errors_are_translated_with_their_values() -> None:
    translator.set_language("fr")
    explained = explain(UserError("Volume {level} of {top}.", level=2, top=5))
    assert explained.user == "Volume 2 sur 5."


def test_unexpected_errors_become_a_plain_sentence_and_a_logged_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    translator.set_language("en")
    with caplog.at_level(logging.ERROR):
        explained = explain(ZeroDivisionError("division by zero"), "computing")
    assert "Traceback" not in explained.user and "ZeroDivision" not in explained.user
    assert explained.user.startswith("Sorry, something went wrong")
    assert explained.technical == "computing: ZeroDivisionError: division by zero"
    assert caplog.records[0].exc_info is not None


def test_storage_errors_say_the_kiosk_cannot_save() -> None:
    translator.set_language("ar")
    explained = explain(StorageError("disk full"))
    assert "الحفظ" in explained.user
    assert "disk full" in explained.technical
