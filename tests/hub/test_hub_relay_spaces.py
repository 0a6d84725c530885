"""E-mail relay (once, by the hub's SMTP) and saved spaces across kiosks, against the real hub."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from kiosk.cv.drafts import SpaceDraft, keep
from kiosk.cv.model import CV, Identity
from kiosk.cv.network import HubSpaces, spaces_for
from kiosk.cv.spaces import LOCKED, NOT_FOUND, Spaces
from kiosk.errors import UserError
from kiosk.sync import outbox
from kiosk.sync.hub import HubMailer, HubSettings
from kiosk.sync.run import deliver_outbox, routes
from tests.fakes.smtp import FakeSmtp

ADDRESS = "jeanne.martin@example.net"


def _email() -> dict[str, object]:
    pdf = b"%PDF-1.4 cv de Jeanne\n" * 20
    return {
        "to": ADDRESS,
        "subject": "Votre CV",
        "body": "Bonjour Jeanne, voici votre CV.",
        "attachments": [
            {
                "filename": "cv.pdf",
                "content_type": "application/pdf",
                "data_b64": base64.b64encode(pdf).decode(),
            }
        ],
    }


def test_a_kiosk_without_smtp_sends_a_cv_email_through_the_hub_exactly_once(hub_db, tmp_path):
    with FakeSmtp() as smtp:
        hub_db.extra_env.update(
            HUB_SMTP_HOST="127.0.0.1",
            HUB_SMTP_PORT=str(smtp.port),
            HUB_SMTP_STARTTLS="0",
            HUB_SMTP_SENDER="hub@agence.example.org",
        )
        hub_db.serve()
        from tests.hub.conftest import CONFIG_TEXT, KioskSide, kiosk_cli

        code = hub_db.add_kiosk("mailer")
        folder = tmp_path / "mailer"
        folder.mkdir()
        path = folder / "kiosk.toml"
        path.write_text(CONFIG_TEXT.format(data=folder / "data"))
        assert kiosk_cli("enrol", hub_db.url, code, "--config", str(path)).returncode == 0
        kiosk = KioskSide("mailer", path, folder / "data")
        config = kiosk.config()
        assert "email" in routes(config)  # the screen may offer "send by e-mail"
        store = kiosk.store()
        key = outbox.enqueue(store, "email", _email())
        assert deliver_outbox(config, kiosk.data_dir).report.delivered == 1
        # The kiosk's answer was lost and it sends again: the hub keeps one.
        settings = HubSettings.from_config(config)
        assert settings is not None
        HubMailer(settings).send(key, _email())
        ((payload, state),) = hub_db.query("SELECT payload, state FROM hub_relaymail")
        assert state == "pending" and b"jeanne" not in bytes(payload).lower()  # encrypted
        for _ in range(2):
            done = hub_db.cli("relay", "--once")
            assert done.returncode == 0, done.stderr
        assert [m.message_id for m in smtp.messages] == [f"<{key}@kiosk>"]
        assert smtp.messages[0].to == (ADDRESS,)
        assert hub_db.query("SELECT state, payload FROM hub_relaymail") == [("sent", None)]


def test_a_cv_kept_at_one_kiosk_is_found_at_another(hub, enrolled):
    a, b = enrolled("agence-a"), enrolled("agence-b")
    spaces_a = spaces_for(a.config(), a.store())
    spaces_b = spaces_for(b.config(), b.store())
    assert isinstance(spaces_a, HubSpaces) and isinstance(spaces_b, HubSpaces)
    cv = CV(identity=Identity(name="Élodie Benali", email="elodie@example.net"))
    draft = keep(spaces_a, cv, "Élodie", "274915")
    space_id = spaces_b.open("elodie ", "274915")
    assert space_id == draft.space_id
    found = SpaceDraft(spaces_b, space_id).load()
    assert found is not None and found.identity.name == "Élodie Benali"
    # Changed at B, seen at A.
    SpaceDraft(spaces_b, space_id).save(found.replace(identity=Identity(name="Élodie Roy")))
    again = SpaceDraft(spaces_a, spaces_a.open("ÉLODIE", "274915")).load()
    assert again is not None and again.identity.name == "Élodie Roy"
    # Encrypted at rest: neither the name nor the CV in clear.
    ((payload, lookup),) = hub.query("SELECT payload, lookup FROM hub_space")
    assert b"Benali" not in bytes(payload) and "lodie" not in lookup
    # "Delete my data" at A: gone everywhere.
    assert spaces_a.delete(space_id)
    with pytest.raises(UserError) as caught:
        spaces_b.open("Élodie", "274915")
    assert caught.value.message == NOT_FOUND


def test_keeping_jobs_with_the_code_of_a_kept_cv_at_the_hub_loses_neither(hub, enrolled):
    a, b = enrolled("agence-a"), enrolled("agence-b")
    spaces_a = spaces_for(a.config(), a.store())
    spaces_b = spaces_for(b.config(), b.store())
    assert isinstance(spaces_a, HubSpaces) and isinstance(spaces_b, HubSpaces)
    cv = CV(identity=Identity(name="Awa Diallo"))
    space_id = keep(spaces_a, cv, "Awa", "385172").space_id  # "Keep my CV" at A
    jobs = {"version": 1, "jobs": [{"code": "A1414", "label": "Horticulteur"}]}
    # "Keep these jobs" at B, next visit, with the same first name and code.
    assert spaces_b.create("awa", "385172", {"orientation": jobs}) == space_id
    found = SpaceDraft(spaces_b, spaces_b.open("Awa", "385172")).load()
    assert found is not None and found.identity.name == "Awa Diallo"
    assert spaces_a.load(space_id, "orientation") == jobs
    # "Keep my CV" again keeps the jobs.
    keep(spaces_b, cv.replace(identity=Identity(name="Awa Sow")), "Awa", "385172")
    assert spaces_a.load(space_id, "orientation") == jobs
    again = SpaceDraft(spaces_a, space_id).load()
    assert again is not None and again.identity.name == "Awa Sow"


def test_wrong_codes_from_several_kiosks_lock_that_first_name_network_wide(hub, enrolled):
    kiosks = [enrolled(f"borne-{n}") for n in range(3)]
    spaces = [spaces_for(k.config(), k.store()) for k in kiosks]
    owner = keep(spaces[0], CV(identity=Identity(name="Marie")), "Marie", "583920")
    answers = []
    for n in range(100):
        try:
            spaces[n % 3].open("Marie", f"{100000 + n * 7919 % 800000:06d}")
        except UserError as exc:
            answers.append(exc.message)
    assert answers.count(NOT_FOUND) == 4 and answers.count(LOCKED) == 96
    # While it waits, even the right code is refused, at any kiosk...
    with pytest.raises(UserError) as caught:
        spaces[2].open("Marie", "583920")
    assert caught.value.message == LOCKED
    # ...but another person at a kiosk that made no mistakes is not held up.
    fresh = enrolled("borne-propre")
    other = spaces_for(fresh.config(), fresh.store())
    keep(other, CV(identity=Identity(name="Yusuf")), "Yusuf", "902817")
    assert other.open("Yusuf", "902817")
    # Staff lift the kiosk's wait; the first name stays counted until its window ends.
    hub.query("UPDATE hub_spaceguard SET locked_until = now() - interval '1 second' RETURNING 1")
    assert spaces[1].open("Marie", "583920") == owner.space_id


def test_expired_spaces_are_erased_and_local_spaces_work_without_a_hub(hub, enrolled, tmp_path):
    kiosk = enrolled("expiry")
    spaces = spaces_for(kiosk.config(), kiosk.store())
    keep(spaces, CV(identity=Identity(name="Ana")), "Ana", "351790")
    hub.query("UPDATE hub_space SET last_used_at = now() - interval '91 days' RETURNING 1")
    with pytest.raises(UserError):
        spaces.open("Ana", "351790")
    assert hub.query("SELECT count(*) FROM hub_space") == [(0,)]
    keep(spaces, CV(identity=Identity(name="Ana")), "Ana", "351790")
    hub.query("UPDATE hub_space SET last_used_at = now() - interval '91 days' RETURNING 1")
    purge = hub.cli("purge")
    assert purge.returncode == 0 and "1 expired space" in purge.stdout
    # No hub configured: the kiosk's own spaces, as before.
    from tests.fakes.kit import settings

    alone = settings(tmp_path / "alone")
    local = spaces_for(alone, kiosk.store())
    assert type(local) is Spaces
    space_id = local.create("Ana", "351790", {"cv": {"basics": {}}})
    assert local.open("Ana", "351790") == space_id and not space_id.startswith("hub-")


def test_saved_spaces_say_so_when_the_hub_cannot_be_reached(tmp_path):
    from kiosk.cv.network import UNREACHABLE
    from kiosk.storage.kiosk_schema import KIOSK_SCHEMA
    from kiosk.sync.run import open_db
    from tests.hub.conftest import free_port

    store = open_db(tmp_path / "kiosk.db", KIOSK_SCHEMA)
    down = HubSpaces(store, HubSettings(f"http://127.0.0.1:{free_port()}", "k", "t"))
    for call in (lambda: down.open("Ana", "351790"), lambda: down.create("Ana", "351790")):
        with pytest.raises(UserError) as caught:
            call()
        assert caught.value.message == UNREACHABLE
    assert dt.datetime.now(dt.UTC)  # nothing left waiting on a dead hub
