"""`kiosk doctor`: the technicians' health check."""

from __future__ import annotations

import argparse
import importlib
import json
import sys

from kiosk import doctor
from kiosk.doctor.run import run_checks


def register(verbs: argparse._SubParsersAction) -> None:
    cmd = verbs.add_parser(
        "doctor",
        help="check this kiosk and say what to fix (exit 0 all OK, 1 warnings, 2 problems)",
    )
    cmd.add_argument("--json", action="store_true", help="print the report as JSON")
    cmd.add_argument("--no-network", action="store_true", help="skip the network checks")
    # The child process that gathers the Qt facts (see kiosk.doctor.qt).
    cmd.add_argument("--qt-probe", metavar="LANGS", help=argparse.SUPPRESS)
    cmd.set_defaults(handler=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    if args.qt_probe is not None:
        probe = importlib.import_module("ui.staff.probe")
        print(json.dumps(probe.facts(args.qt_probe.split(","))), flush=True)
        return 0
    checks = run_checks(args.config, with_network=not args.no_network)
    sys.stdout.write(doctor.report_json(checks) + "\n" if args.json else doctor.report_text(checks))
    return doctor.exit_code(checks)
