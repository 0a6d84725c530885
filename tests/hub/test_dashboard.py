"""The staff dashboard over HTTP against the real hub (gunicorn, PostgreSQL): sign-in, CSRF,
roles, help requests taken and closed and audited, fleet health, figures, escaping, French
first. The browser itself is driven in test_dashboard_browser.py."""

from __future__ import annotations

import datetime as dt
import html
import json
import tomllib

import requests

from kiosk.staff.help import request_help
from kiosk.sync.hub import HubClient, HubError, HubSettings
from kiosk.sync.run import deliver_outbox
from tests.hub.conftest import Hub, kiosk_cli
from tests.hub.dashboard_kit import PASSWORD, add_staff, csrf, login, post, send


def test_signed_out_csrf_and_wrong_password(hub: Hub) -> None:
    anonymous = requests.Session()
    first = anonymous.get(f"{hub.url}/", allow_redirects=False, timeout=10)
    assert first.status_code == 302 and first.headers["Location"].startswith("/login/")
    assert anonymous.get(f"{hub.url}/help/live.json", timeout=10).status_code == 401
    assert anonymous.get(f"{hub.url}/figures/days.svg", allow_redirects=False).status_code == 302
    page = anonymous.get(f"{hub.url}/login/", timeout=10)
    # French first: the page says so to screen readers and speaks French.
    assert '<html lang="fr"' in page.text and "Se connecter" in page.text
    assert '<label for="id_username">Adresse e-mail</label>' in page.text
    add_staff(hub, "marie@agence.example")
    wrong = anonymous.post(
        f"{hub.url}/login/",
        data={
            "username": "marie@agence.example",
            "password": "nope",
            "csrfmiddlewaretoken": csrf(page.text),
        },
        timeout=10,
    )
    assert wrong.status_code == 200 and "sessionid" not in anonymous.cookies
    assert 'role="alert"' in wrong.text and "mot de passe" in wrong.text
    # A form sent without its CSRF token is refused, even signed in.
    session = login(hub, "paul@agence.example")
    assert session.post(f"{hub.url}/help/1/take", timeout=10).status_code == 403
    # Signing out is a POST too, and the session ends.
    out = post(
        session,
        hub,
        "/logout/",
        "/",
    )
    assert out.status_code == 200
    assert session.get(f"{hub.url}/help/live.json", timeout=10).status_code == 401


def test_help_request_from_the_kiosk_is_taken_closed_and_audited(hub: Hub, enrolled) -> None:
    kiosk = enrolled("Lyon 3 borne 1", "--place", "Lyon 3, hall d'accueil")
    request_help(kiosk.store())
    assert deliver_outbox(kiosk.config(), kiosk.data_dir).report.delivered == 1
    session = login(hub, "marie@agence.example")
    live = session.get(f"{hub.url}/help/live.json", timeout=10).json()
    assert live["open"][0]["kiosk"] == "Lyon 3 borne 1"
    assert live["open"][0]["place"] == "Lyon 3, hall d'accueil"
    assert (
        "Lyon 3 borne 1" in live["html"] and html.escape("Lyon 3, hall d'accueil") in live["html"]
    )
    # Unchanged since this stamp: no list sent again.
    again = session.get(f"{hub.url}/help/live.json", params={"stamp": live["stamp"]}).json()
    assert "html" not in again and again["stamp"] == live["stamp"]
    (help_id,) = [h["id"] for h in live["open"]]
    taken = post(session, hub, f"/help/{help_id}/take", "/")
    assert taken.status_code == 200 and "Vous vous occupez de Lyon 3 borne 1" in taken.text
    assert hub.query("SELECT state FROM hub_helprequest") == [("taken",)]
    # A second "take" (another person, at the same time) is told, not applied twice.
    other = login(hub, "paul@agence.example")
    late = post(other, hub, f"/help/{help_id}/take", "/")
    assert "déjà" in late.text
    closed = post(session, hub, f"/help/{help_id}/close", "/")
    assert closed.status_code == 200
    assert hub.query("SELECT state FROM hub_helprequest") == [("closed",)]
    assert session.get(f"{hub.url}/help/live.json").json()["open"] == []
    rows = hub.query(
        "SELECT action, actor_label, target FROM hub_auditentry"
        " WHERE action LIKE 'help.%' ORDER BY id"
    )
    assert rows == [
        ("help.take", "marie@agence.example", "Lyon 3 borne 1"),
        ("help.close", "marie@agence.example", "Lyon 3 borne 1"),
    ]
    log = session.get(f"{hub.url}/audit/").text
    assert "A pris une demande d’aide" in log and "A clos une demande d’aide" in log


def test_a_technician_enrols_and_revokes_a_kiosk_and_staff_cannot(hub: Hub, tmp_path) -> None:
    staff = login(hub, "paul@agence.example", "staff")
    assert staff.get(f"{hub.url}/kiosks/", timeout=10).status_code == 403
    refused = post(staff, hub, "/kiosks/", "/", name="Intrus", place="", departement="")
    assert refused.status_code == 403
    assert hub.query("SELECT count(*) FROM hub_kiosk") == [(0,)]
    assert "/kiosks/" not in staff.get(f"{hub.url}/").text  # not even offered
    tech = login(hub, "tech@agence.example", "technician")
    bad = post(tech, hub, "/kiosks/", "/kiosks/", name="---", place="", departement="7500")
    assert bad.status_code == 400 and 'role="alert"' in bad.text
    made = post(
        tech, hub, "/kiosks/", "/kiosks/", name="Vénissieux 2", place="Hall", departement="69"
    )
    assert made.status_code == 200
    code = made.text.split('id="code">', 1)[1].split("<", 1)[0]
    config = tmp_path / "kiosk.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\n', encoding="utf-8")
    assert kiosk_cli("enrol", hub.url, code, "--config", str(config)).returncode == 0
    table = tomllib.loads(config.read_text())
    assert table["hub"]["kiosk_id"] == "venissieux-2"
    settings = HubSettings(hub.url, "venissieux-2", table["hub"]["token"])
    assert "Enrôlée" in tech.get(f"{hub.url}/kiosks/").text
    assert post(staff, hub, "/kiosks/venissieux-2/revoke", "/").status_code == 403
    revoked = post(tech, hub, "/kiosks/venissieux-2/revoke", "/kiosks/")
    assert revoked.status_code == 200 and "Révoquée" in revoked.text
    client = HubClient(settings)
    try:
        client.send([])
        raise AssertionError("a revoked kiosk's token still works")
    except HubError as exc:
        assert "401" in str(exc)
    finally:
        client.close()
    actions = [a for (a,) in hub.query("SELECT action FROM hub_auditentry ORDER BY id")]
    assert actions[-3:] == ["kiosk.add", "kiosk.enrol", "kiosk.revoke"]


def test_technician_manages_accounts_and_roles(hub: Hub) -> None:
    tech = login(hub, "tech@agence.example", "technician")
    made = post(
        tech,
        hub,
        "/staff/",
        "/staff/",
        email="Nouveau@Agence.example",
        name="Nouveau",
        role="staff",
        password=PASSWORD,
    )
    assert made.status_code == 200 and "nouveau@agence.example" in made.text
    short = post(
        tech, hub, "/staff/", "/staff/", email="x@agence.example", role="staff", password="court"
    )
    assert short.status_code == 400
    ((pk, role),) = hub.query(
        "SELECT id, role FROM hub_staff WHERE email = 'nouveau@agence.example'"
    )
    assert role == "staff"
    post(tech, hub, f"/staff/{pk}", "/staff/", role="technician", is_active="on")
    assert hub.query("SELECT role, is_active FROM hub_staff WHERE id = %s", [pk]) == [
        ("technician", True)
    ]
    post(tech, hub, f"/staff/{pk}", "/staff/", role="technician")  # unticked: cannot sign in
    assert hub.query("SELECT is_active FROM hub_staff WHERE id = %s", [pk]) == [(False,)]
    ((me,),) = hub.query("SELECT id FROM hub_staff WHERE email = 'tech@agence.example'")
    post(tech, hub, f"/staff/{me}", "/staff/", role="staff", is_active="on")
    assert hub.query("SELECT role FROM hub_staff WHERE id = %s", [me]) == [("technician",)]
    staff = login(hub, "paul@agence.example", "staff")
    assert (
        post(staff, hub, f"/staff/{pk}", "/", role="technician", is_active="on").status_code == 403
    )
    actions = [
        a
        for (a,) in hub.query(
            "SELECT action FROM hub_auditentry WHERE actor_id IS NOT NULL"
            " AND action NOT LIKE 'signin.%' ORDER BY id"
        )
    ]
    assert actions == ["staff.add", "staff.update", "staff.update"]


NASTY_NAME = "<script>alert('x')</script>'; DROP TABLE hub_kiosk; --"
NASTY_PLACE = '<img src=x onerror="alert(1)">'


def test_html_and_sql_in_any_field_are_shown_as_text(hub: Hub, enrolled) -> None:
    kiosk = enrolled("nasty", "--place", NASTY_PLACE)
    hub.query("UPDATE hub_kiosk SET name = %s RETURNING id", [NASTY_NAME])
    send(
        kiosk,
        [
            ("help_request", {"screen": "<b onclick=alert(2)>cv</b>"}),
            ("heartbeat", {"version": "<i>9</i>", "outbox_pending": 1}),
            ("counters", {"day": dt.date.today().isoformat(), "counters": {"sessions": 3}}),
        ],
    )
    tech = login(hub, "tech@agence.example", "technician")
    pages = [
        "/",
        "/help/live.json",
        "/fleet/",
        "/figures/?days=90",
        "/kiosks/",
        "/outbox/",
        "/audit/",
    ]
    (help_id,) = [pk for (pk,) in hub.query("SELECT id FROM hub_helprequest")]
    post(tech, hub, f"/help/{help_id}/take", "/")
    for path in pages:
        answer = tech.get(f"{hub.url}{path}", timeout=10)
        assert answer.status_code == 200, path
        text = json.loads(answer.text).get("html", "") if path.endswith(".json") else answer.text
        for raw in (NASTY_NAME, NASTY_PLACE, "<b onclick", "<i>9</i>"):
            assert raw not in text, (path, raw)
        if path not in ("/outbox/",):
            assert "&lt;script&gt;alert(" in text, path
    home = tech.get(f"{hub.url}/").text
    assert html.escape(NASTY_PLACE) in home and "&lt;b onclick=alert(2)&gt;cv&lt;/b&gt;" in home
    for chart in ("days", "kiosks"):
        svg = tech.get(f"{hub.url}/figures/{chart}.svg", params={"days": 90}).content
        assert b"<script>alert" not in svg, chart
    kiosks_svg = tech.get(f"{hub.url}/figures/kiosks.svg", params={"days": 90}).content
    assert b"&lt;script&gt;alert(" in kiosks_svg
    # The SQL was stored as text: the table is there with its one kiosk.
    assert hub.query("SELECT name FROM hub_kiosk") == [(NASTY_NAME,)]


def test_fleet_health_from_heartbeats(hub: Hub, enrolled) -> None:
    kiosks = {name: enrolled(name) for name in ("ok", "offline", "outbox", "old")}
    for name, kiosk in kiosks.items():
        send(
            kiosk,
            [
                (
                    "heartbeat",
                    {
                        "version": "0.0.1" if name == "old" else "99.0",
                        "catalogue_updated_at": "2026-01-01T00:00:00Z" if name == "old" else None,
                        "offers": 10,
                        "outbox_pending": 0,
                        "outbox_needs_staff": 3 if name == "outbox" else 0,
                        "doctor": {"level": "ok"},
                    },
                )
            ],
        )
    hub.query("UPDATE hub_kiosk SET catalogue_updated_at = now() WHERE id <> 'old' RETURNING id")
    hub.query(
        "UPDATE hub_kiosk SET last_seen = now() - interval '2 hours'"
        " WHERE id = 'offline' RETURNING id"
    )
    session = login(hub, "marie@agence.example")
    page = session.get(f"{hub.url}/fleet/").text

    def row(kiosk_id: str) -> str:
        return page.split(f'data-kiosk="{kiosk_id}"', 1)[1].split("</tr>", 1)[0]

    assert "data-offline" not in row("ok") and "OK" in row("ok")
    assert "data-offline" in row("offline") and "Hors ligne" in row("offline")
    assert "data-outbox" in row("outbox") and "data-offline" not in row("outbox")
    assert "data-outdated" in row("old") and "data-stale" in row("old")
    assert "data-outdated" not in row("ok") and "Version la plus récente : 99.0" in page
    # Outbox items that need staff are listed for them too.
    assert "3" in session.get(f"{hub.url}/outbox/").text.split('id="kiosk-outboxes"', 1)[1]


def test_figures_per_day_kiosk_and_language_drawn_as_charts(hub: Hub, enrolled) -> None:
    import datetime as dt

    today = dt.date.today()
    a, b = enrolled("Agence A"), enrolled("Agence B")
    send(
        a,
        [
            (
                "counters",
                {
                    "day": today.isoformat(),
                    "counters": {"sessions": 7, "language_ar": 4, "language_fr": 3},
                },
            )
        ],
    )
    send(
        b,
        [
            (
                "counters",
                {
                    "day": (today - dt.timedelta(days=1)).isoformat(),
                    "counters": {"sessions": 5, "language_uk": 5},
                },
            )
        ],
    )
    # The same totals again count once (the hub keeps the largest).
    send(a, [("counters", {"day": today.isoformat(), "counters": {"sessions": 7}})])
    session = login(hub, "marie@agence.example")
    page = session.get(f"{hub.url}/figures/", params={"days": 7}).text
    kiosks = page.split('id="table-kiosks"', 1)[1].split("</table>", 1)[0]
    assert (
        '<th scope="row">Agence A</th><td>7</td>' in kiosks and "Agence B</th><td>5</td>" in kiosks
    )
    languages = page.split('id="table-languages"', 1)[1].split("</table>", 1)[0]
    assert 'lang="uk">uk</th><td>5</td>' in languages and 'lang="ar">ar</th><td>4</td>' in languages
    assert f'<th scope="row">{today.isoformat()}</th><td>7</td>' in page
    for chart in ("days", "kiosks", "languages"):
        svg = session.get(f"{hub.url}/figures/{chart}.svg", params={"days": 7})
        assert svg.status_code == 200 and svg.headers["Content-Type"] == "image/svg+xml"
        assert svg.content.lstrip().startswith(b"<?xml") and b"<svg" in svg.content
    assert b"Agence B" in session.get(f"{hub.url}/figures/kiosks.svg", params={"days": 7}).content
    assert session.get(f"{hub.url}/figures/nothing.svg").status_code == 404


def test_french_first_and_english_on_request(hub: Hub) -> None:
    session = login(hub, "marie@agence.example")
    home = session.get(f"{hub.url}/").text
    assert '<html lang="fr"' in home and "Demandes d’aide" in home and "Personne n’attend." in home
    switched = post(session, hub, "/i18n/setlang/", "/", language="en", next="/fleet/")
    assert switched.status_code == 200 and '<html lang="en"' in switched.text
    assert "Kiosk health" in switched.text
    assert "No one is waiting." in session.get(f"{hub.url}/").text
