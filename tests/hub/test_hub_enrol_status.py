"""Enrolment, help requests and `hub status`: the kiosk's real client against the real hub."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime, timedelta

from kiosk import __version__
from kiosk.staff.help import cancel_help, request_help
from kiosk.sync.hub import HubClient, HubError, HubSettings
from kiosk.sync.run import deliver_outbox
from tests.hub.conftest import Hub, kiosk_cli


def status(hub: Hub) -> dict:
    done = hub.cli("status", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_enrol_writes_hub_section_keeps_comments_and_the_code_works_once(hub, enrolled):
    kiosk = enrolled("Lyon 3 borne 1", "--place", "Lyon 3, hall")
    text = kiosk.config_path.read_text()
    assert "# Kiosk at the test agency" in text and "# tries before staff" in text
    table = tomllib.loads(text)
    assert table["sync"]["max_attempts"] == 10
    assert table["hub"]["url"] == hub.url and table["hub"]["kiosk_id"] == "lyon-3-borne-1"
    token = table["hub"]["token"]
    # Stored hashed: the token is nowhere in the database in clear.
    rows = hub.query("SELECT digest, prefix FROM hub_kiosktoken")
    assert len(rows) == 1 and token not in rows[0][0] and len(rows[0][1]) < len(token) // 3
    # The same code again is refused with a clear message, and the file is left alone.
    code = hub.add_kiosk("Other")
    other = kiosk.config_path.parent / "other.toml"
    assert kiosk_cli("enrol", hub.url, code, "--config", str(other)).returncode == 0
    again = kiosk_cli("enrol", hub.url, code, "--config", str(other))
    assert again.returncode == 1
    assert "already used" in again.stderr and "Traceback" not in again.stderr


def test_help_request_reaches_the_hub_and_status_shows_it(hub, enrolled):
    kiosk = enrolled("Villeurbanne A")
    store = kiosk.store()
    request_help(store)
    result = deliver_outbox(kiosk.config(), kiosk.data_dir)
    assert result.report.delivered == 1 and result.pending == 0
    data = status(hub)
    assert set(data) == {"kiosks", "help_requests"}
    (row,) = data["kiosks"]
    assert set(row) == {
        "id",
        "name",
        "last_seen",
        "version",
        "catalogue_updated_at",
        "outbox_pending",
        "help_open",
        "printer_state",
        "printer_problem",
        "speech_problems",
    }
    assert row["id"] == "villeurbanne-a" and row["name"] == "Villeurbanne A"
    assert row["help_open"] == 1 and row["version"] == __version__ and row["outbox_pending"] == 0
    seen = datetime.fromisoformat(row["last_seen"])
    assert abs(datetime.now(UTC) - seen) < timedelta(minutes=1)
    (help_row,) = data["help_requests"]
    assert help_row["kiosk"] == "villeurbanne-a" and help_row["state"] == "open"
    assert set(help_row) == {"kiosk", "created_at", "state"}
    # The person no longer waits: the request leaves the list.
    cancel_help(store)
    deliver_outbox(kiosk.config(), kiosk.data_dir)
    data = status(hub)
    assert data["help_requests"] == [] and data["kiosks"][0]["help_open"] == 0
    assert hub.query("SELECT state FROM hub_helprequest") == [("cancelled",)]


def test_revoked_forged_and_expired_tokens_keep_events_in_the_outbox(hub, enrolled):
    kiosk = enrolled("Stolen")
    store = kiosk.store()
    request_help(store)
    settings = HubSettings.from_config(kiosk.config())
    assert settings is not None
    forged = HubClient(HubSettings(settings.url, settings.kiosk_id, "hk1_" + "x" * 43))
    from kiosk.sync.outbox import due

    items = due(store, "hub_event", 10)
    try:
        forged.send(items)
        raise AssertionError("a forged token was accepted")
    except HubError as exc:
        assert "401" in str(exc)
    revoked = hub.cli("revoke-kiosk", "stolen")
    assert revoked.returncode == 0 and "revoked" in revoked.stdout
    result = deliver_outbox(kiosk.config(), kiosk.data_dir)
    assert result.report.delivered == 0 and result.pending == 1  # kept, retried later
    assert hub.query("SELECT count(*) FROM hub_event") == [(0,)]
    assert hub.query("SELECT target FROM hub_auditentry WHERE action = 'kiosk.revoke'") == [
        ("stolen",)
    ]
    # Enrolled again (a replaced terminal), then its token expires.
    fresh = enrolled("Stolen-2")
    hub.query("UPDATE hub_kiosktoken SET expires_at = now() - interval '1 minute' RETURNING 1")
    client = HubClient(HubSettings.from_config(fresh.config()))  # type: ignore[arg-type]
    import requests

    answer = requests.post(
        f"{hub.url}/api/v1/events",
        json={"events": []},
        headers={"Authorization": f"Bearer {client.settings.token}"},
        timeout=10,
    )
    assert answer.status_code == 401 and answer.json()["error"] == "expired"


def test_staff_accounts_are_hashed_and_bad_input_is_explained(hub_db):
    done = hub_db.cli(
        "add-staff",
        "Marie.Curie@Agence.example",
        "--role",
        "technician",
        stdin="correct horse battery\n",
    )
    assert done.returncode == 0, done.stderr
    ((email, password, role),) = hub_db.query("SELECT email, password, role FROM hub_staff")
    assert email == "marie.curie@agence.example" and role == "technician"
    assert password.startswith("pbkdf2_sha256$") and "horse" not in password
    short = hub_db.cli("add-staff", "x@agence.example", stdin="short\n")
    assert short.returncode == 2 and "at least 10" in short.stderr
    bad = hub_db.cli("add-staff", "not an address", stdin="long enough password\n")
    assert bad.returncode == 2 and "not an e-mail" in bad.stderr
    unknown = hub_db.cli("revoke-kiosk", "nope")
    assert unknown.returncode == 2 and "no kiosk" in unknown.stderr
    assert [r[0] for r in hub_db.query("SELECT action FROM hub_auditentry")] == ["staff.add"]


def test_enrolling_again_replaces_the_hub_section_and_keeps_everything_else():
    from kiosk.commands.enrol import set_section
    from kiosk.staff.toml_edit import TomlEditError

    text = (
        '# borne 1\n[hub]\n# given by the technician\nurl = "http://old"\n'
        'token = "old"\n\n[smtp]\nhost = ""  # none\n'
    )
    new = set_section(text, "hub", {"url": "https://hub", "kiosk_id": "b1", "token": "t"})
    assert "# given by the technician" in new and 'host = ""  # none' in new
    assert tomllib.loads(new)["hub"] == {"url": "https://hub", "kiosk_id": "b1", "token": "t"}
    import pytest

    with pytest.raises(TomlEditError):
        set_section("hub = 3\n", "hub", {"url": "x"})
    with pytest.raises(TomlEditError):
        set_section("[hub\n", "hub", {"url": "x"})
