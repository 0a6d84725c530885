"""`kiosk orient ANSWERS.json --json`, the real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_commands import kiosk

pytestmark = pytest.mark.e2e


def test_orient_json_gives_explained_occupations(data_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "interests": [9],
                "experiences": ["cueillette"],
                "diploma": "none",
                "near": "69123",
                "km": 50,
            }
        ),
        encoding="utf-8",
    )
    result = kiosk("orient", str(answers), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    first = out["occupations"][0]
    assert {"code", "label", "why", "offers"} <= set(first)
    assert first["code"].startswith("A1") and "farm" in first["why"]


def test_orient_says_plainly_what_is_wrong(data_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"avoid": ["rain"]}', encoding="utf-8")
    result = kiosk("orient", str(answers), "--json")
    assert result.returncode == 1
    assert "Unknown thing to avoid: rain." in result.stderr and "Traceback" not in result.stderr
    answers.write_text("{not json", encoding="utf-8")
    result = kiosk("orient", str(answers))
    assert result.returncode == 1 and "Traceback" not in result.stderr
