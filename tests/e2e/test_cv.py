"""`kiosk cv` as a technician runs it, and autosave surviving a killed process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kiosk.cv.drafts import SessionDraft, SpaceDraft
from kiosk.cv.spaces import ScryptParams, Spaces
from kiosk.cv.templates import names
from kiosk.session import Sessions
from kiosk.storage import integrity_problem, open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_templates_as_json() -> None:
    result = kiosk("cv", "templates", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [t["name"] for t in listed] == list(names())
    assert all(t["description"] for t in listed)


@pytest.mark.parametrize(("lang", "template", "words"), [
    ("fr", "classic", ["Samira Benali", "EXPÉRIENCE PROFESSIONNELLE"]),
    ("ar", "band", ["سميرة بن علي", "الخبرة المهنية"]),
])  # fmt: skip
def test_render_a_json_resume_file(
    tmp_path: Path, lang: str, template: str, words: list[str]
) -> None:
    source, pdf = tmp_path / "cv.json", tmp_path / "cv.pdf"
    assert kiosk("cv", "example", "--out", str(source), "--lang", lang).returncode == 0
    result = kiosk(
        "cv", "render", str(source), "--out", str(pdf), "--template", template, "--lang", lang
    )
    assert result.returncode == 0, result.stderr
    assert "1 page" in result.stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    flat = " ".join(unicodedata.normalize("NFKC", text.stdout).split())
    assert all(w in flat for w in words), flat[:300]


def test_a_wrong_file_names_the_field_and_never_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "cv.json"
    source.write_text(
        json.dumps({"basics": {"name": "Amina", "x-unknown": 1}, "work": [
            {"position": "a"}, {"position": "b"}, {"position": "c", "startDate": "March 2021"}
        ]}), encoding="utf-8",
    )  # fmt: skip
    result = kiosk("cv", "render", str(source), "--out", str(tmp_path / "cv.pdf"))
    assert result.returncode == 2
    assert "work[2].startDate" in result.stderr and "2021-03" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "cv.pdf").exists()
    source.write_text("{not json", encoding="utf-8")
    result = kiosk("cv", "render", str(source), "--out", str(tmp_path / "cv.pdf"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    result = kiosk("cv", "render", str(tmp_path / "missing.json"), "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_cv_too_long_is_written_and_says_so(tmp_path: Path) -> None:
    from kiosk.cv.jsonresume import to_json_resume
    from kiosk.cv.samples import long_cv

    source = tmp_path / "long.json"
    source.write_text(json.dumps(to_json_resume(long_cv(30))), encoding="utf-8")
    result = kiosk("cv", "render", str(source), "--out", str(tmp_path / "long.pdf"))
    assert result.returncode == 1
    assert "pages" in result.stderr and (tmp_path / "long.pdf").exists()


AUTOSAVER = """
import sys
from pathlib import Path
from kiosk.cv.drafts import SessionDraft, SpaceDraft
from kiosk.cv.model import CV, Experience, Identity
from kiosk.cv.spaces import ScryptParams, Spaces
from kiosk.session import Sessions
from kiosk.storage import open_database
from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

db = open_database(Path(sys.argv[1]), KIOSK_SCHEMA).db
sessions = Sessions(db)
sessions.start("fr")
spaces = Spaces(db, params=ScryptParams(n=2**10))
walk_in = SessionDraft(sessions)
kept = SpaceDraft(spaces, spaces.create("Samira", "480512"))
jobs = tuple(Experience(f"Job {i}", "Employer " * 8, "Lyon") for i in range(30))
step = 0
while True:
    step += 1
    cv = CV(identity=Identity("Samira Benali", town=f"Step {step}"), experiences=jobs)
    (walk_in if step % 2 else kept).save(cv)
    print(step, flush=True)  # only once the save has returned, i.e. is committed
"""


def test_killing_the_process_mid_autosave_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    child = subprocess.Popen(
        [sys.executable, "-c", AUTOSAVER, str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    acknowledged = 0
    for line in child.stdout:
        acknowledged = int(line)
        if acknowledged >= 150:
            break
    child.send_signal(signal.SIGKILL)  # in the middle of the next save
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    db = open_database(path, KIOSK_SCHEMA).db
    assert not list(tmp_path.glob("kiosk.db.corrupt-*"))  # opened as is, not moved aside
    assert integrity_problem(db) is None
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sessions = Sessions(db)
    sessions.current = db.execute("SELECT id FROM sessions").fetchone()[0]
    walk_in = SessionDraft(sessions).load()
    spaces = Spaces(db, params=ScryptParams(n=2**10))
    kept = SpaceDraft(spaces, spaces.open("Samira", "480512")).load()
    assert walk_in is not None and kept is not None
    last_odd = acknowledged if acknowledged % 2 else acknowledged - 1
    last_even = acknowledged if acknowledged % 2 == 0 else acknowledged - 1
    # Everything acknowledged is there (a save after the last acknowledgement may be too).
    assert int(walk_in.identity.town.split()[1]) >= last_odd
    assert int(kept.identity.town.split()[1]) >= last_even
    assert len(walk_in.experiences) == len(kept.experiences) == 30
    db.conn.close()
