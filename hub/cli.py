"""The `hub` command: serve, and the technicians' verbs (docs/hub.md).

Without HUB_DATABASE_URL every verb uses the local cluster in HUB_DATA_DIR (default
`var/hub`, what `make hub` creates), starting it for the verb if it is not running.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hub import __version__

DEFAULT_BIND = "127.0.0.1:8800"


class HubCommandError(Exception):
    pass


# --- where the database is --------------------------------------------------------------


def data_dir() -> Path:
    return Path(os.environ.get("HUB_DATA_DIR", "var/hub")).resolve()


def _secrets(directory: Path) -> dict[str, str]:
    """The local hub's keys, made once and kept (0600) beside its cluster."""
    path = directory / "secrets.json"
    if path.exists():
        return dict(json.loads(path.read_text()))
    import secrets as random

    from hub.core.crypto import new_key

    values = {"HUB_SECRET_KEY": random.token_urlsafe(48), "HUB_DATA_KEY": new_key()}
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(values, handle)
    return values


@contextlib.contextmanager
def database() -> Iterator[None]:
    """HUB_DATABASE_URL if set; else the local cluster, started (and stopped) for the verb."""
    if os.environ.get("HUB_DATABASE_URL"):
        yield
        return
    from hub.pg import LocalCluster

    directory = data_dir()
    cluster = LocalCluster(directory)
    was_running = cluster.initialised() and cluster.running()
    cluster.start()
    cluster.ensure_database("hub")
    os.environ["HUB_DATABASE_URL"] = cluster.url("hub")
    for name, value in _secrets(directory).items():
        os.environ.setdefault(name, value)
    try:
        yield
    finally:
        if not was_running:
            cluster.stop()


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")
    import django

    django.setup()


def migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


# --- verbs ------------------------------------------------------------------------------


def _slug(name: str) -> str:
    from django.utils.text import slugify

    slug = slugify(name)[:64].strip("-")
    if not slug:
        raise HubCommandError(f"{name!r} gives no usable id: use --id lyon3-borne-1")
    return slug


def _who() -> str:
    import getpass

    return f"command line ({getpass.getuser()})"


def cmd_add_kiosk(args: argparse.Namespace) -> int:
    from hub.core import tokens
    from hub.core.models import Kiosk, audit

    kiosk_id = args.id or _slug(args.name)
    kiosk, created = Kiosk.objects.get_or_create(
        id=kiosk_id,
        defaults={
            "name": args.name,
            "place": args.place or "",
            "departement": args.departement or "",
        },
    )
    if not created:
        changed = {"name": args.name}
        if args.place is not None:
            changed["place"] = args.place
        if args.departement is not None:
            changed["departement"] = args.departement
        Kiosk.objects.filter(pk=kiosk.pk).update(**changed)
    code = tokens.new_enrolment_code(kiosk, args.hours)
    audit("kiosk.add" if created else "kiosk.new_code", kiosk.id, label=_who())
    print(f"kiosk {kiosk.id} ({'new' if created else 'exists: new enrolment code'})")
    print("on the kiosk: kiosk enrol <hub url> <code> --config <its config file>")
    print(f"valid {args.hours or 24} hours, once. Enrolment code:")
    print(code)
    return 0


def cmd_revoke_kiosk(args: argparse.Namespace) -> int:
    from hub.core import tokens
    from hub.core.models import Kiosk

    kiosk = Kiosk.objects.filter(pk=args.kiosk_id).first()
    if kiosk is None:
        raise HubCommandError(f"no kiosk {args.kiosk_id!r} (see: hub status)")
    count = tokens.revoke(kiosk, label=_who())
    print(f"kiosk {kiosk.id}: {count} token(s) revoked; it can no longer reach the hub")
    return 0


def cmd_add_staff(args: argparse.Namespace) -> int:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from hub.core.models import Staff, audit

    email = args.email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise HubCommandError(f"{args.email!r} is not an e-mail address") from exc
    password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 10:
        raise HubCommandError("give a password of at least 10 characters on standard input")
    user = Staff.objects.filter(email=email).first()
    if user is None:
        Staff.objects.create_user(email, password, role=args.role, name=args.name or "")
        audit("staff.add", email, label=_who(), role=args.role)
        print(f"staff account {email} created ({args.role})")
    else:
        user.set_password(password)
        user.role = args.role
        user.is_active = True
        user.save()
        audit("staff.update", email, label=_who(), role=args.role)
        print(f"staff account {email} updated ({args.role}, new password)")
    return 0


def status_data() -> dict[str, Any]:
    from django.db.models import Count, Q

    from hub.core.models import HelpRequest, Kiosk
    from hub.dashboard.health import printer_problem

    def stamp(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    kiosks = Kiosk.objects.annotate(
        help_open=Count("help_requests", filter=Q(help_requests__state__in=HelpRequest.ACTIVE))
    ).order_by("id")
    helps = (
        HelpRequest.objects.filter(state__in=HelpRequest.ACTIVE)
        .select_related("kiosk")
        .order_by("created_at")
    )
    return {
        "kiosks": [
            {
                "id": k.id,
                "name": k.name,
                "last_seen": stamp(k.last_seen),
                "version": k.version or None,
                "catalogue_updated_at": stamp(k.catalogue_updated_at),
                "outbox_pending": k.outbox_pending,
                "help_open": k.help_open,
                # What the kiosk last said of its devices (None: it did not say).
                "printer_state": (k.printer or {}).get("state"),
                "printer_problem": printer_problem(k.printer or {}) or None,
                "speech_problems": (k.speech or {}).get("problems"),
            }
            for k in kiosks
        ],
        "help_requests": [
            {"kiosk": h.kiosk_id, "created_at": stamp(h.created_at), "state": h.state}
            for h in helps
        ],
    }


def cmd_status(args: argparse.Namespace) -> int:
    data = status_data()
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{len(data['kiosks'])} kiosk(s)")
    for k in data["kiosks"]:
        print(
            f"  {k['id']}: {k['name']}; last seen {k['last_seen'] or 'never'}; "
            f"version {k['version'] or '?'}; offers of {k['catalogue_updated_at'] or '?'}; "
            f"outbox {k['outbox_pending'] if k['outbox_pending'] is not None else '?'}; "
            f"help {k['help_open']}" + (f"; {k['printer_problem']}" if k["printer_problem"] else "")
        )
    print(f"{len(data['help_requests'])} help request(s) waiting")
    for h in data["help_requests"]:
        print(f"  {h['kiosk']} since {h['created_at']} ({h['state']})")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from hub.core import spaces
    from hub.core.models import Event, Heartbeat, SignInGuard

    now = timezone.now()
    gone = spaces.purge_expired(now)
    # Sign-in counts neither counting nor waiting any more (one row per e-mail typed).
    window = dt.timedelta(seconds=settings.HUB_SIGNIN_WINDOW_SECONDS)
    SignInGuard.objects.filter(window_started_at__lt=now - window).exclude(
        locked_until__gt=now
    ).delete()
    # Keys are kept 35 days: a kiosk's retries never come later than that (hub-protocol.md).
    events = Event.objects.filter(received_at__lt=now - dt.timedelta(days=35)).delete()[0]
    beats = Heartbeat.objects.filter(received_at__lt=now - dt.timedelta(days=35)).delete()[0]
    from hub.offers.pull import purge_tombstones

    tombstones = purge_tombstones()
    print(
        f"purged: {gone} expired space(s), {events} old event(s), {beats} old heartbeat(s), "
        f"{tombstones} removed offer(s)"
    )
    return 0


def cmd_relay(args: argparse.Namespace) -> int:
    from hub.core import relay

    while True:
        done = relay.send_due()
        if args.once:
            print(
                f"relay: {done['sent']} sent, {done['failed']} failed, {done['to_staff']} to staff"
            )
            return 0
        time.sleep(args.interval)


def _relay_loop(stop: threading.Event, interval: float) -> None:
    import logging

    from django.db import DatabaseError, close_old_connections

    from hub.core import relay, spaces

    log = logging.getLogger("hub.relay")
    last_purge = 0.0
    while not stop.is_set():
        try:
            relay.send_due()
            if time.monotonic() - last_purge > 3600:
                spaces.purge_expired()
                last_purge = time.monotonic()
        except DatabaseError as exc:
            log.warning("relay pass failed (database): %s", exc)
        except Exception:  # the relay must outlive any one bad pass
            log.exception("relay pass failed")
        finally:
            close_old_connections()
        stop.wait(interval)


def cmd_pull_offers(args: argparse.Namespace) -> int:
    from hub.offers import pull

    if pull.api_settings() is None:
        raise HubCommandError("no HUB_FRANCETRAVAIL_CLIENT_ID: the hub does not pull offers")
    report = pull.pull_now(force=args.force)
    if report is None:
        raise HubCommandError(
            "no département to pull: set HUB_FRANCETRAVAIL_DEPARTEMENTS or give kiosks one"
        )
    print(json.dumps(report.summary(), ensure_ascii=False))
    return 0 if report.complete else 1


def _offers_loop(stop: threading.Event, tick: float) -> None:
    """The scheduled France Travail pull; every hub process runs it, one pulls at a time."""
    import logging

    from django.db import close_old_connections

    from hub.offers import pull

    log = logging.getLogger("hub.offers")
    while not stop.is_set():
        try:
            if pull.api_settings() is not None:
                pull.pull_if_due()
        except Exception:  # the schedule must outlive any one bad pass (database down...)
            log.exception("offers pull failed")
        finally:
            close_old_connections()
        stop.wait(tick)


def cmd_serve(args: argparse.Namespace) -> int:
    migrate()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "hub.wsgi:application",
        "--bind",
        args.bind,
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--timeout",
        "60",
        "--graceful-timeout",
        "20",
        "--access-logfile",
        "-" if args.access_log else "/dev/null",
    ]
    server = subprocess.Popen(command, env=os.environ.copy())
    stop = threading.Event()
    relay_thread = None
    if not args.no_relay:
        relay_thread = threading.Thread(target=_relay_loop, args=(stop, 10.0), daemon=True)
        relay_thread.start()
        offers_tick = min(30.0, float(os.environ.get("HUB_OFFERS_INTERVAL", "3600")))
        threading.Thread(target=_offers_loop, args=(stop, offers_tick), daemon=True).start()

    def forward(signum: int, _frame: Any) -> None:
        stop.set()
        server.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    print(f"hub {__version__}: serving on http://{args.bind}", flush=True)
    code = server.wait()
    stop.set()
    if relay_thread is not None:
        relay_thread.join(15)
    return 0 if stop.is_set() else code


def cmd_migrate(args: argparse.Namespace) -> int:
    migrate(verbosity=1)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="hub", description="The agency hub for kiosks.")
    top.add_argument("--version", action="version", version=f"hub {__version__}")
    verbs = top.add_subparsers(dest="verb", metavar="VERB", required=True)

    serve = verbs.add_parser(
        "serve", help="migrate, then serve the hub (gunicorn) and relay e-mails"
    )
    serve.add_argument("--bind", default=os.environ.get("HUB_BIND", DEFAULT_BIND))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("HUB_WORKERS", "2")))
    serve.add_argument("--threads", type=int, default=int(os.environ.get("HUB_THREADS", "4")))
    serve.add_argument(
        "--no-relay", action="store_true", help="no e-mail relay, no offers pull here"
    )
    serve.add_argument("--access-log", action="store_true")
    serve.set_defaults(handler=cmd_serve)

    verbs.add_parser("migrate", help="create or update the tables").set_defaults(
        handler=cmd_migrate
    )

    add = verbs.add_parser("add-kiosk", help="register a kiosk; prints a one-time enrolment code")
    add.add_argument("name")
    add.add_argument("--id", help="the kiosk's id (default: made from NAME)")
    add.add_argument("--place", help="where it stands, shown to staff")
    add.add_argument("--departement", help="its département (offers relay)")
    add.add_argument("--hours", type=int, default=None, help="how long the code is valid")
    add.set_defaults(handler=cmd_add_kiosk)

    revoke = verbs.add_parser("revoke-kiosk", help="a stolen or retired kiosk: its token stops")
    revoke.add_argument("kiosk_id")
    revoke.set_defaults(handler=cmd_revoke_kiosk)

    staff = verbs.add_parser("add-staff", help="create a staff account (password on stdin)")
    staff.add_argument("email")
    staff.add_argument("--role", choices=["staff", "technician"], default="staff")
    staff.add_argument("--name")
    staff.set_defaults(handler=cmd_add_staff)

    status = verbs.add_parser("status", help="kiosks and waiting help requests")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_status)

    relay = verbs.add_parser("relay", help="send relayed e-mails (serve does it too)")
    relay.add_argument("--once", action="store_true")
    relay.add_argument("--interval", type=float, default=10.0)
    relay.set_defaults(handler=cmd_relay)

    offers = verbs.add_parser(
        "pull-offers", help="pull France Travail now for the offers relay (serve does it hourly)"
    )
    offers.add_argument(
        "--force", action="store_true", help="apply even a refresh that empties an area"
    )
    offers.set_defaults(handler=cmd_pull_offers)

    verbs.add_parser("purge", help="erase expired spaces and old events").set_defaults(
        handler=cmd_purge
    )
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    from hub.pg import ClusterError

    local = not os.environ.get("HUB_DATABASE_URL")
    try:
        with database():
            setup()
            # The local hub migrates itself; a named database is migrated on purpose
            # (`hub migrate`, and `hub serve` at start), not by any verb.
            if local and args.handler not in (cmd_serve, cmd_migrate):
                migrate()
            return int(args.handler(args))
    except (HubCommandError, ClusterError, ImproperlyConfigured) as exc:
        print(f"hub: {exc}", file=sys.stderr)
        return 2
    except DatabaseError as exc:
        print(f"hub: database error: {str(exc).strip().splitlines()[0]}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
