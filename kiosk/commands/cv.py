"""`kiosk cv ...`: render any JSON Resume file to PDF, list templates, purge old spaces."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import sys
from pathlib import Path

from kiosk import config
from kiosk.commands import load_config
from kiosk.cv.jsonresume import from_json_resume, to_json_resume
from kiosk.cv.templates import DEFAULT, TEMPLATES, names
from kiosk.errors import UserError, explain
from kiosk.i18n import N_

NOT_JSON = N_("This file is not a JSON Resume file: {reason}.")
UNREADABLE = N_("This file cannot be read: {reason}.")


def register(verbs: argparse._SubParsersAction) -> None:
    cv = verbs.add_parser("cv", help="CVs: render a JSON Resume file to PDF, list templates")
    sub = cv.add_subparsers(dest="cv_verb", metavar="ACTION", required=True)

    render = sub.add_parser("render", help="render a JSON Resume file (jsonresume.org) to PDF")
    render.add_argument("file", type=Path, help="the JSON Resume file")
    render.add_argument("--out", type=Path, required=True, help="the PDF to write")
    render.add_argument("--template", default=DEFAULT, choices=names())
    render.add_argument(
        "--lang", choices=config.LANGUAGES, help="language of the printed CV (default: the file's)"
    )
    render.set_defaults(handler=_render)

    templates = sub.add_parser("templates", help="list the CV templates")
    templates.add_argument("--json", action="store_true", help='[{"name", "description"}]')
    templates.set_defaults(handler=_templates)

    example = sub.add_parser("example", help="write an example CV as a JSON Resume file")
    example.add_argument("--out", type=Path, required=True)
    example.add_argument("--lang", default="fr", choices=config.LANGUAGES)
    example.set_defaults(handler=_example)

    purge = sub.add_parser("purge-spaces", help="delete saved spaces unused for too long")
    purge.set_defaults(handler=_purge)

    unlock = sub.add_parser(
        "unlock-spaces", help="staff: accept secret codes again after too many wrong ones"
    )
    unlock.set_defaults(handler=_unlock)


def _fail(file: Path, exc: UserError, code: int = 2) -> int:
    print(f"kiosk: {file}: {exc.field + ': ' if hasattr(exc, 'field') else ''}"
          f"{explain(exc).user}", file=sys.stderr)  # fmt: skip
    return code


def _render(args: argparse.Namespace) -> int:
    try:
        try:
            raw = args.file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(UNREADABLE, reason=getattr(exc, "strerror", None) or str(exc)) from exc
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise UserError(NOT_JSON, reason=str(exc)) from exc
        cv = from_json_resume(data)
    except UserError as exc:
        return _fail(args.file, exc)
    renderer = importlib.import_module("ui.cv_pdf.cli")
    return int(renderer.render_file(cv, args.out, args.template, args.lang))


def _templates(args: argparse.Namespace) -> int:
    if args.json:
        print(json.dumps([t.as_dict() for t in TEMPLATES], ensure_ascii=False, indent=2))
    else:
        for t in TEMPLATES:
            print(f"{t.name:10} {t.as_dict()['description']}")
    return 0


def _example(args: argparse.Namespace) -> int:
    from kiosk.cv.samples import arabic_cv, short_cv

    cv = arabic_cv() if args.lang == "ar" else short_cv(args.lang)
    text = json.dumps(to_json_resume(cv), ensure_ascii=False, indent=2)
    args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from kiosk.cv.spaces import purge_expired
    from kiosk.services import KIOSK_FILE
    from kiosk.storage import open_database
    from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

    settings = load_config(args)
    db = open_database(settings.data_dir / KIOSK_FILE, KIOSK_SCHEMA).db
    try:
        days = settings.get_int("spaces.expiry_days")
        gone = purge_expired(db, dt.datetime.now(dt.UTC), days)
    finally:
        db.conn.close()
    print(f"kiosk: {gone} saved space(s) unused for {days} days deleted")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    from kiosk.cv.network import spaces_for
    from kiosk.cv.spaces import Spaces
    from kiosk.services import KIOSK_FILE
    from kiosk.storage import open_database
    from kiosk.storage.kiosk_schema import KIOSK_SCHEMA

    settings = load_config(args)
    db = open_database(settings.data_dir / KIOSK_FILE, KIOSK_SCHEMA).db
    try:
        # The spaces the running kiosk uses: with a hub, its codes are counted there too.
        try:
            was = spaces_for(settings, db).unlock()
        except UserError as exc:
            Spaces(db).unlock()
            why = explain(exc).technical
            print(
                f"kiosk: this kiosk accepts codes again; the hub was not told: {why}",
                file=sys.stderr,
            )
            return 1
    finally:
        db.conn.close()
    print("kiosk: secret codes are accepted again" if was else "kiosk: codes were not refused")
    return 0
