"""A secret typed under a misspelt key is never printed nor logged: only the key and the
nearest known one are named."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk import cli, config
from kiosk.config import ConfigError

SECRET = "Hunter2-Tr0ub4dor-zxq"


@pytest.mark.parametrize(
    ("text", "key", "nearest"),
    [
        (f'[smtp]\npasword = "{SECRET}"\n', "smtp.pasword", "smtp.password"),
        (f'[hub]\ntokken = "{SECRET}"\n', "hub.tokken", "hub.token"),
        (f'[francetravail]\nclient_secrett = "{SECRET}"\n', "francetravail.client_secrett",
         "francetravail.client_secret"),
        (f'password = "{SECRET}"\n', "password", "smtp.password"),
    ],
)  # fmt: skip
def test_an_unknown_key_is_named_never_its_value(
    tmp_path: Path, text: str, key: str, nearest: str
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    message = str(caught.value)
    assert SECRET not in message and SECRET not in repr(caught.value.value)
    assert f"'{key}'" in message and nearest in message and "kiosk.toml" in message


def test_start_up_prints_and_logs_no_value_of_an_unknown_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[smtp]\nhost = "mail.example.org"\npasword = "{SECRET}"\n', "utf-8")
    with caplog.at_level(logging.DEBUG), pytest.raises(SystemExit) as stopped:
        cli.main(["--config", str(path), "status"])
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    assert "smtp.pasword" in err and "smtp.password" in err
    assert SECRET not in out + err + caplog.text
