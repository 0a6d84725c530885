from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk import config, languages
from kiosk.config import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_need_no_file(data_dir: Path) -> None:
    settings = config.load(None)
    assert settings.get_str("language.default") == "fr"
    assert settings.get_list("language.enabled") == languages.CODES  # all nine
    assert settings.data_dir == data_dir  # KIOSK_DATA_DIR from the fixture
    assert settings.problems == ()


def test_file_values_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, '[session]\nidle_seconds = 120\n[language]\nenabled = ["ar", "fr"]\n')
    settings = config.load(path)
    assert settings.get_int("session.idle_seconds") == 120
    assert settings.get_list("language.enabled") == ("ar", "fr")


def test_config_from_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "[speech]\nrate = 120\n")
    settings = config.load(None, {"KIOSK_CONFIG": str(path), "KIOSK_DATA_DIR": "/tmp/x"})
    assert settings.get_int("speech.rate") == 120
    assert settings.data_dir == Path("/tmp/x")


def test_data_dir_defaults_to_platform_folder() -> None:
    settings = config.load(None, {})
    assert settings.data_dir == config.default_data_dir()


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ('[session]\nidle_seconds = "soon"\n', "session.idle_seconds", "whole number"),
        ("[session]\nidle_seconds = 5\n", "session.idle_seconds", "from 20 to 3600"),
        ("[speech]\nenabled = 1\n", "speech.enabled", "true or false"),
        ('[language]\nenabled = ["fr", "xx"]\n', "language.enabled", "fr, en, ar"),
        ('[language]\ndefault = "de"\n', "language.default", "one of"),
        ('[speech]\nvoice = "x"\n', "speech.voice", "known setting"),
        ('[language]\ndefault = "ar"\nenabled = ["fr"]\n', "language.default", "language.enabled"),
    ],
)
def test_wrong_value_names_key_value_and_expectation(
    tmp_path: Path, text: str, key: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        config.load(write(tmp_path, text))
    message = str(caught.value)
    assert caught.value.key == key
    assert key in message and expected in message
    assert "kiosk.toml" in message


def test_unreadable_file_falls_back_to_defaults(tmp_path: Path) -> None:
    broken = write(tmp_path, "[session\nidle_seconds = ")
    settings = config.load(broken)
    assert settings.get_int("session.idle_seconds") == 90
    assert len(settings.problems) == 1 and "kiosk.toml" in settings.problems[0]
    missing = config.load(tmp_path / "nowhere.toml")
    assert missing.problems and "nowhere.toml" in missing.problems[0]


def test_accessors_refuse_undeclared_keys_and_wrong_types() -> None:
    settings = config.load(None)
    with pytest.raises(KeyError):
        settings.get_int("session.nothing")
    with pytest.raises(TypeError):
        settings.get_int("speech.enabled")


def test_docs_are_generated_from_the_registry() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "config.md"
    assert docs.read_text(encoding="utf-8") == config.markdown_reference(), "run `make docs`"
    for setting in config.SETTINGS:
        assert f"`{setting.key}`" in config.markdown_reference()


def test_code_reads_only_declared_settings() -> None:
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"get_(?:bool|int|str|list)\(\s*\"([a-z_.]+)\"")
    used = {
        key
        for folder in ("kiosk", "ui")
        for path in (root / folder).rglob("*.py")
        for key in pattern.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the scan found no setting reads: the pattern is broken"
    assert used - set(config.REGISTRY) == set()
