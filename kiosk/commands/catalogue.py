"""Catalogue verbs: import-offers, occupations, search (for technicians, scripts and tests)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import sqlite_utils

from kiosk import logs
from kiosk.catalogue.communes import communes, key
from kiosk.catalogue.importer import ImportFileError, import_offers, read_offers
from kiosk.catalogue.names import job_name
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.catalogue.search import CONTRACTS, DISTANCES_KM, RECENT_DAYS, Filters, Searcher
from kiosk.catalogue.seed import ensure_seeded
from kiosk.commands import load_config
from kiosk.storage import open_database

CATALOGUE_FILE = "catalogue.db"  # as kiosk.services names it; not imported: it loads speech


def register(verbs: argparse._SubParsersAction) -> None:
    imp = verbs.add_parser(
        "import-offers", help="load offers from a file in the France Travail API's JSON"
    )
    imp.add_argument("file", type=Path, help='{"resultats": [...]} or a JSON list of offers')
    imp.set_defaults(handler=_import)

    occ = verbs.add_parser("occupations", help="the occupations a query means, best first")
    occ.add_argument("query")
    occ.add_argument("--limit", type=int, default=10)
    occ.add_argument(
        "--lang", default=None, help="also name each occupation in this language (en, ar, ...)"
    )
    occ.add_argument(
        "--json", action="store_true", help='a JSON list of {"code","label","score","name"}'
    )
    occ.set_defaults(handler=_occupations)

    find = verbs.add_parser("search", help="search the offers as the kiosk does")
    find.add_argument("query")
    find.add_argument(
        "--near",
        metavar="TOWN",
        help="centre town: INSEE code, postcode or name (default: agency.commune); "
        "each result then shows its distance",
    )
    find.add_argument("--km", type=int, choices=DISTANCES_KM, help="distance around the centre")
    find.add_argument(
        "--contract", action="append", choices=CONTRACTS, default=[], help="ALT is work-study"
    )
    hours = find.add_mutually_exclusive_group()
    hours.add_argument("--full-time", action="store_const", const=True, dest="full_time")
    hours.add_argument("--part-time", action="store_const", const=False, dest="full_time")
    find.add_argument("--beginners", action="store_true", help="beginners welcome only")
    find.add_argument(
        "--recent", action="store_true", help=f"published in the last {RECENT_DAYS} days"
    )
    find.add_argument("--limit", type=int, default=20)
    find.add_argument("--json", action="store_true", help='{"total", "took_ms", "results"}')
    find.set_defaults(handler=_search)


def _catalogue(
    args: argparse.Namespace, demo: bool | None = None
) -> tuple[sqlite_utils.Database, str]:
    settings = load_config(args)
    logs.setup(settings.data_dir / "logs", settings.get_str("logging.level"))
    opened = open_database(settings.data_dir / CATALOGUE_FILE, CATALOGUE_SCHEMA, quick_check=True)
    use_demo = settings.get_bool("catalogue.demo") if demo is None else demo
    ensure_seeded(opened.db, demo=use_demo)
    return opened.db, settings.get_str("agency.commune")


def _import(args: argparse.Namespace) -> int:
    try:
        offers = read_offers(args.file)
    except ImportFileError as exc:
        print(f"kiosk import-offers: {exc}", file=sys.stderr)
        return 1
    # No demo seeding first: demo offers would only be written to be deleted.
    db, _commune = _catalogue(args, demo=False)
    try:
        report = import_offers(db, offers)
    finally:
        db.conn.close()
    print(
        f"{args.file}: {report.inserted} inserted, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped, "
        f"{report.demo_removed} demo offers removed ({report.seconds:.1f} s)"
    )
    return 0


def _occupations(args: argparse.Namespace) -> int:
    db, commune = _catalogue(args)
    try:
        found = Searcher(db, commune).occupations(args.query, max(1, args.limit))
    finally:
        db.conn.close()
    lang = args.lang or _language_of(args.query)
    rows = [{**o.__dict__, "name": job_name(o.code, lang) if lang else None} for o in found]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    elif not rows:
        print(f"kiosk occupations: no job understood in {args.query[:80]!r}")
    else:
        for row in rows:
            local = f"  ({row['name']})" if row["name"] else ""
            print(f"{row['code']}  {row['score']:.2f}  {row['label']}{local}")
    return 0


def _language_of(query: str) -> str | None:
    """Arabic or Ukrainian letters say which name to add; Latin letters do not."""
    if any("\u0600" <= c <= "\u06ff" for c in query):
        return "ar"
    if any("\u0400" <= c <= "\u04ff" for c in query):
        return "uk"
    return None


def _centre(typed: str | None) -> tuple[str | None, str | None]:
    """An INSEE code for `--near` (a code, a postcode or a name), or an error to print."""
    if typed is None:
        return None, None
    found = communes()
    if found.get(typed.strip().upper()) is not None:
        return typed.strip().upper(), None
    matches = found.find(typed, limit=5)
    if not matches:
        return None, f"no French town matches {typed[:80]!r}"
    best = matches[0]
    same = [m for m in matches if key(m.name) == key(best.name)]
    if len(same) > 1 and not typed.strip().isdigit():
        choices = ", ".join(f"{m.insee} ({m.name}, {m.departement})" for m in same)
        return None, f"several towns are called {best.name}: give the INSEE code: {choices}"
    return best.insee, None


def _search(args: argparse.Namespace) -> int:
    db, commune = _catalogue(args)
    try:
        searcher = Searcher(db, commune)  # builds the occupation index: not the query's time
        near, problem = _centre(args.near)
        if problem is not None:
            print(f"kiosk search: {problem}", file=sys.stderr)
            return 2
        filters = Filters(
            near=near,
            km=args.km,
            contracts=frozenset(args.contract),
            full_time=args.full_time,
            beginners=args.beginners,
            recent_days=RECENT_DAYS if args.recent else None,
        )
        started = time.perf_counter()
        result = searcher.search(args.query, filters, limit=max(0, args.limit))
        took = (time.perf_counter() - started) * 1000
    finally:
        db.conn.close()
    if args.json:
        data = result.as_json()
        data["took_ms"] = round(took, 2)
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(f"{result.total} offers ({result.status}, {took:.1f} ms)")
    for card in result.offers:
        line = f"{card.id}  {card.title} | {card.town or '-'} | {card.contract_type or '-'}"
        if args.near is not None:
            km = "-" if card.distance_km is None else f"{card.distance_km:.1f}"
            line += f" | distance_km {km}"
        print(line)
    return 0
