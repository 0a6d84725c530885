"""write_text_atomic, the one atomic write of a secret-bearing file (the staff PIN hash, the
hub token of `kiosk enrol`): a new file is its owner's only, an existing one keeps its
permissions, and a failed write leaves the old file and no temporary file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.commands.enrol import write_section
from kiosk.staff.toml_edit import TomlEditError, write_pin_hash, write_text_atomic


def test_a_new_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    write_text_atomic(path, "[hub]\n")
    assert path.read_text() == "[hub]\n" and path.stat().st_mode & 0o777 == 0o600


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("old\n")
    path.chmod(0o640)
    write_text_atomic(path, "new\n")
    assert path.read_text() == "new\n" and path.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "kiosk.toml"
    path.write_text("old\n")

    def refused(_src: object, _dst: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(TomlEditError, match="cannot be written"):
        write_text_atomic(path, "new\n")
    assert path.read_text() == "old\n" and os.listdir(tmp_path) == ["kiosk.toml"]


def test_the_pin_and_the_enrolment_write_through_it(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    write_pin_hash(path, "scrypt$abc")
    write_section(path, "hub", {"url": "https://hub", "kiosk_id": "k1", "token": "t"})
    text = path.read_text()
    assert 'pin_hash = "scrypt$abc"' in text and 'token = "t"' in text
    assert path.stat().st_mode & 0o777 == 0o600
