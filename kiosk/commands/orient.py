"""`kiosk orient ANSWERS.json`: the orientation engine for scripts, tests and advisers."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kiosk import i18n
from kiosk.commands.catalogue import _catalogue
from kiosk.errors import UserError
from kiosk.orientation import Answers, AnswersError, suggest


def register(verbs: argparse._SubParsersAction) -> None:
    orient = verbs.add_parser(
        "orient", help="what jobs could someone do: suggestions from interests and experience"
    )
    orient.add_argument(
        "answers",
        type=Path,
        help='JSON: {"interests": [1..30], "experiences": ["..."], "avoid": [...], '
        '"diploma": "none|cap|bac|higher", "near": "INSEE", "km": N}, every field optional',
    )
    orient.add_argument("--limit", type=int, default=10)
    orient.add_argument("--lang", choices=sorted(i18n.LANGUAGES), default="en")
    orient.add_argument("--json", action="store_true", help='{"occupations": [...], "notes"}')
    orient.set_defaults(handler=_orient)


def _message(exc: UserError) -> str:
    return i18n._(exc.message).format(**exc.values)


def _orient(args: argparse.Namespace) -> int:
    try:
        text = args.answers.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"kiosk orient: cannot read {args.answers}: {exc}", file=sys.stderr)
        return 1
    i18n.translator.set_language(args.lang)
    try:
        answers = Answers.from_json(json.loads(text) if text.strip() else {})
    except json.JSONDecodeError as exc:
        print(f"kiosk orient: {args.answers} is not JSON: {exc}", file=sys.stderr)
        return 1
    except AnswersError as exc:
        print(f"kiosk orient: {_message(exc)}", file=sys.stderr)
        return 1
    db, commune = _catalogue(args)
    try:
        result = suggest(db, answers, max(1, min(args.limit, 50)), agency_commune=commune)
    finally:
        db.conn.close()
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False))
        return 0
    for note in result.notes:
        print(f"({note.text()})")
    for s in result.suggestions:
        print(f"{s.code}  {s.label}  [{s.offers} offers]\n       {s.why()}")
    return 0
