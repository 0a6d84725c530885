"""`kiosk set-staff-pin`: two prompts, the form of the PIN, and the TOML file edited safely."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from kiosk.commands.staff import set_staff_pin
from kiosk.staff.pin import verify_pin
from kiosk.staff.toml_edit import TomlEditError, set_staff_pin_hash

HASH = "scrypt$16384$8$1$c2FsdHNhbHRzYWx0$ZGlnZXN0ZGlnZXN0ZGlnZXN0"


def answers(*values: str):  # type: ignore[no-untyped-def]
    it = iter(values)
    return lambda _prompt: next(it)


def test_the_line_to_add_is_printed(capsys) -> None:
    assert set_staff_pin(None, answers("482916", "482916")) == 0
    out = capsys.readouterr().out
    assert "[staff]" in out and "482916" not in out
    value = tomllib.loads(out.split("\n", 1)[1])["staff"]["pin_hash"]
    assert verify_pin("482916", value)


@pytest.mark.parametrize(
    ("typed", "message"),
    [(("1234", "1235"), "differ"), (("12",), "4 to 8 digits"), (("abcd",), "4 to 8 digits")],
)
def test_bad_pins_change_nothing(tmp_path: Path, capsys, typed, message) -> None:
    target = tmp_path / "kiosk.toml"
    target.write_text("[session]\nidle_seconds = 60\n", encoding="utf-8")
    assert set_staff_pin(target, answers(*typed)) == 1
    assert message in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "[session]\nidle_seconds = 60\n"


def test_the_config_file_is_updated_in_place(tmp_path: Path) -> None:
    target = tmp_path / "kiosk.toml"
    original = (
        "# Agence Lyon 3\n[session]\nidle_seconds = 60  # plus long\n\n"
        '[staff]\ncorner = "top-right"\npin_hash = "old"\n'
    )
    target.write_text(original, encoding="utf-8")
    os.chmod(target, 0o640)
    assert set_staff_pin(target, answers("90817", "90817")) == 0
    text = target.read_text(encoding="utf-8")
    assert "# Agence Lyon 3" in text and "# plus long" in text and '"old"' not in text
    data = tomllib.loads(text)
    assert data["session"] == {"idle_seconds": 60}
    assert data["staff"]["corner"] == "top-right" and verify_pin("90817", data["staff"]["pin_hash"])
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["kiosk.toml"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[session]\nidle_seconds = 60",
        '[staff]\ncorner = "top-left"\n[session]\nidle_seconds = 60\n',
        "[session]\r\nidle_seconds = 60\r\n",
    ],
)
def test_the_hash_lands_under_staff_whatever_the_file(text: str) -> None:
    result = set_staff_pin_hash(text, HASH)
    assert tomllib.loads(result)["staff"]["pin_hash"] == HASH


@pytest.mark.parametrize(
    "text",
    [
        'staff.pin_hash = "x"\n',  # a dotted key
        'staff = { pin_hash = "x" }\n',  # an inline table
        "[session\n",  # not TOML
    ],
)
def test_files_it_cannot_edit_safely_are_left_alone(tmp_path: Path, text: str, capsys) -> None:
    target = tmp_path / "kiosk.toml"
    target.write_text(text, encoding="utf-8")
    with pytest.raises(TomlEditError):
        set_staff_pin_hash(text, HASH)
    assert set_staff_pin(target, answers("1234", "1234")) == 2
    err = capsys.readouterr().err
    assert "pin_hash = " in err, "the technician still gets the line to paste"
    assert target.read_text(encoding="utf-8") == text
