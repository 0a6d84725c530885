"""Run the benchmarks and print one JSON document: `python -m bench [NAME ...]`.

Every module in bench/ with a `run() -> dict` is a benchmark, found by name, so a feature adds
its figures by adding a module. Figures, not asserts: nothing here passes or fails on speed.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import platform
import sys
from pathlib import Path


def benchmarks() -> list[str]:
    here = [str(Path(__file__).parent)]
    return sorted(m.name for m in pkgutil.iter_modules(here) if not m.name.startswith("_"))


def main(argv: list[str]) -> int:
    names = argv or benchmarks()
    report: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        }
    }
    for name in names:
        print(f"bench: {name}...", file=sys.stderr, flush=True)
        report[name] = importlib.import_module(f"bench.{name}").run()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
