"""Sign-in throttling and lifting saved-space lockouts, against the real hub on PostgreSQL
(over HTTP, as a browser does): wrong passwords counted across two hub processes, refused
with a French message saying when, audited without the password; staff lift a kiosk's and a
first name's code lock, audited without the name."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from kiosk.cv.drafts import keep
from kiosk.cv.model import CV, Identity
from kiosk.cv.network import spaces_for
from kiosk.cv.spaces import LOCKED, NOT_FOUND
from kiosk.errors import UserError
from tests.hub.conftest import Hub
from tests.hub.dashboard_kit import PASSWORD, add_staff, csrf, login, post

WRONG = "not-the-password-42"


def try_sign_in(url: str, email: str, password: str) -> requests.Response:
    session = requests.Session()
    page = session.get(f"{url}/login/", timeout=10)
    return session.post(
        f"{url}/login/",
        data={"username": email, "password": password, "csrfmiddlewaretoken": csrf(page.text)},
        timeout=30,
        allow_redirects=False,
    )


def audit_rows(hub: Hub, prefix: str) -> list[tuple[Any, ...]]:
    return hub.query(
        "SELECT action, target, actor_label, details::text, host(ip) FROM hub_auditentry "
        "WHERE action LIKE %s ORDER BY id",
        (prefix + "%",),
    )


def test_five_wrong_passwords_across_two_hub_processes_lock_the_account(hub: Hub) -> None:
    add_staff(hub, "marie@agence.example")
    add_staff(hub, "paul@agence.example")
    second = Hub(hub.cluster, hub.database)
    second.serve()
    try:
        urls = [hub.url, second.url]
        # However the address is typed (capitals, a full-width "ｍ" the form reads as "m"),
        # it is the same account and the same count.
        typed = [
            "Marie@agence.example",
            "ｍarie@agence.example",
            " marie@agence.example",
            "MARIE@agence.example",
        ]
        for n in range(4):
            answer = try_sign_in(urls[n % 2], typed[n], WRONG)
            assert answer.status_code == 200 and "Trop de mots" not in answer.text
        fifth = try_sign_in(urls[1], "marie@agence.example", WRONG)
        assert fifth.status_code == 429
        assert "Trop de mots de passe erronés. La connexion est refusée jusqu’à" in fifth.text
        assert "(dans 15 minutes)" in fifth.text
        # Now even the right password is refused, by either process, the password unchecked.
        right = try_sign_in(urls[0], "marie@agence.example", PASSWORD)
        assert right.status_code == 429 and "sessionid" not in right.cookies
        assert 'id="locked"' in right.text and 'value="marie@agence.example"' in right.text
        # Another account from the same address is not held up.
        assert try_sign_in(urls[1], "paul@agence.example", PASSWORD).status_code == 302
    finally:
        second.stop()

    rows = audit_rows(hub, "signin.")
    actions = [r[0] for r in rows]
    assert actions.count("signin.failed") == 5 and actions.count("signin.locked") == 1
    assert actions.count("signin.refused") == 1 and actions.count("signin.ok") == 1
    assert all(r[4] == "127.0.0.1" for r in rows)
    locked = next(r for r in rows if r[0] == "signin.locked")
    assert locked[1] == "marie@agence.example" and json.loads(locked[3])["scope"] == "account"
    everything = json.dumps(hub.query("SELECT * FROM hub_auditentry", None), default=str)
    assert WRONG not in everything and PASSWORD not in everything

    # After the wait (moved to the past here), the right password works and is audited.
    hub.query("UPDATE hub_signinguard SET locked_until = now() - interval '1 second' RETURNING 1")
    assert try_sign_in(hub.url, "marie@agence.example", PASSWORD).status_code == 302
    assert audit_rows(hub, "signin.ok")[-1][1] == "marie@agence.example"
    # The right password forgave the account's count: one mistake does not lock it again.
    assert try_sign_in(hub.url, "marie@agence.example", WRONG).status_code == 200


def test_many_wrong_passwords_from_one_address_lock_it_and_a_forged_header_does_not_help(
    hub_db: Hub,
) -> None:
    hub_db.extra_env = {"HUB_SIGNIN_MAX_FAILURES_PER_ADDRESS": "3"}
    hub_db.serve()
    add_staff(hub_db, "lea@agence.example")
    for name in ("a", "b", "c"):
        try_sign_in(hub_db.url, f"{name}@nowhere.example", WRONG)
    session = requests.Session()
    page = session.get(f"{hub_db.url}/login/", timeout=10)
    answer = session.post(
        f"{hub_db.url}/login/",
        data={
            "username": "lea@agence.example",
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf(page.text),
        },
        # Not from a trusted load balancer (HUB_TRUSTED_PROXIES): the header is not believed.
        headers={"X-Forwarded-For": "203.0.113.9"},
        timeout=30,
        allow_redirects=False,
    )
    assert answer.status_code == 429 and "Trop de mots de passe erronés" in answer.text
    locked = audit_rows(hub_db, "signin.locked")
    assert len(locked) == 1 and json.loads(locked[0][3])["scope"] == "address"
    assert locked[0][1] == "127.0.0.1"
    # E-mails that are no account are not kept (they may be a password typed too early).
    targets = {r[1] for r in audit_rows(hub_db, "signin.failed")}
    assert targets == {"?"}
    assert not hub_db.query("SELECT 1 FROM hub_signinguard WHERE scope LIKE %s", ("%nowhere%",))


def test_behind_a_trusted_load_balancer_each_person_is_counted_by_their_own_address(
    hub_db: Hub,
) -> None:
    hub_db.extra_env = {
        "HUB_SIGNIN_MAX_FAILURES_PER_ADDRESS": "2",
        "HUB_TRUSTED_PROXIES": "127.0.0.1",
    }
    hub_db.serve()
    add_staff(hub_db, "lea@agence.example")

    def attempt(address: str, password: str) -> int:
        session = requests.Session()
        page = session.get(f"{hub_db.url}/login/", timeout=10)
        return session.post(
            f"{hub_db.url}/login/",
            data={
                "username": "lea@agence.example",
                "password": password,
                "csrfmiddlewaretoken": csrf(page.text),
            },
            headers={"X-Forwarded-For": f"198.51.100.7, {address}"},
            timeout=30,
            allow_redirects=False,
        ).status_code

    assert [attempt("203.0.113.9", WRONG) for _ in range(2)] == [200, 429]
    assert attempt("203.0.113.10", PASSWORD) == 302  # the other desk is not locked out
    assert {r[4] for r in audit_rows(hub_db, "signin.")} == {"203.0.113.9", "203.0.113.10"}


def test_staff_lift_a_kiosk_and_a_first_name_lock_audited_without_the_name(
    hub: Hub, enrolled: Any
) -> None:
    kiosk = enrolled("Lyon 3 borne 2")
    spaces = spaces_for(kiosk.config(), kiosk.store())
    owner = keep(spaces, CV(identity=Identity(name="Élodie")), "Élodie", "274915")
    answers = []
    for n in range(5):
        with pytest.raises(UserError) as caught:
            spaces.open("Élodie", f"{111111 + n:06d}")
        answers.append(caught.value.message)
    assert answers == [NOT_FOUND] * 4 + [LOCKED]

    session = login(hub, "paul@agence.example", "staff")
    page = session.get(f"{hub.url}/locks/", timeout=10).text
    assert 'data-kiosk="lyon-3-borne-2"' in page and "1 prénom refuse les codes" in page
    # A POST without the CSRF token changes nothing.
    forged = session.post(f"{hub.url}/locks/kiosk/lyon-3-borne-2/lift", timeout=10)
    assert forged.status_code == 403
    assert hub.query("SELECT 1 FROM hub_spaceguard WHERE scope = 'kiosk:lyon-3-borne-2'")

    lifted = post(session, hub, "/locks/kiosk/lyon-3-borne-2/lift", "/locks/")
    assert "Lyon 3 borne 2 accepte les codes à nouveau." in lifted.text
    assert "Aucune borne ne refuse les codes." in lifted.text
    # The kiosk accepts codes again, but Élodie's first name still waits at every kiosk.
    with pytest.raises(UserError) as caught:
        spaces.open("Élodie", "274915")
    assert caught.value.message == LOCKED

    wrong = post(session, hub, "/locks/name/lift", "/locks/", first_name="Mathilde")
    assert "n’était pas bloqué" in wrong.text
    done = post(session, hub, "/locks/name/lift", "/locks/", first_name=" ELODIE ")
    assert "Ce prénom est accepté à nouveau sur toutes les bornes." in done.text
    assert "0 prénom refuse les codes" in done.text
    assert spaces.open("Élodie", "274915") == owner.space_id

    rows = audit_rows(hub, "space.")
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("space.unlock_kiosk", "lyon-3-borne-2", "paul@agence.example"),
        ("space.unlock_name", "", "paul@agence.example"),
        ("space.unlock_name", "", "paul@agence.example"),
    ]
    assert [json.loads(r[3])["was_locked"] for r in rows] == [True, False, True]
    everything = json.dumps(hub.query("SELECT * FROM hub_auditentry"), default=str).lower()
    assert "elodie" not in everything and "élodie" not in everything
    assert "mathilde" not in everything
    audit_page = session.get(f"{hub.url}/audit/", timeout=10).text
    assert "Blocage des codes levé pour un prénom" in audit_page
    assert "Blocage des codes levé sur une borne" in audit_page


def test_purge_erases_sign_in_counts_that_neither_count_nor_wait(hub_db: Hub) -> None:
    hub_db.query(
        "INSERT INTO hub_signinguard (scope, failures, window_started_at, locked_until) VALUES "
        "('address:192.0.2.1', 3, now() - interval '1 hour', NULL), "
        "('address:192.0.2.2', 0, now() - interval '1 hour', now() + interval '5 minutes'), "
        "('address:192.0.2.3', 2, now(), NULL) RETURNING 1"
    )
    done = hub_db.cli("purge")
    assert done.returncode == 0, done.stderr
    left = hub_db.query("SELECT scope FROM hub_signinguard ORDER BY scope")
    assert left == [("address:192.0.2.2",), ("address:192.0.2.3",)]
