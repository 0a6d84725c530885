"""Re-derive the compact files the kiosk ships from the full referentials in ../shared/data.

Run from the repository root: `python data/build.py /work/shared/data`. The kiosk never runs
this; it reads only what this writes (see each SOURCE.md for origin and licence).
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ESCO_LANGS = ("en", "ar", "es", "pt", "ro", "uk", "fr")
_RELATION = {
    "skos:exactMatch": 4,
    "skos:closeMatch": 3,
    "skos:narrowMatch": 2,
    "skos:broadMatch": 1,
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write_tsv_gz(path: Path, rows: list[list[str]]) -> None:
    text = "".join("\t".join(r) + "\n" for r in rows)
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:
        f.write(text.encode("utf-8"))


def _spaced(label: str) -> str:
    """ESCO writes "cuisinier/cuisinière": shown as ROME does, "cuisinier / cuisinière"."""
    return " / ".join(p.strip() for p in label.split("/")) if "/" in label else label.strip()


def rome(src: Path, out: Path) -> None:
    apps = _rows(src / "rome" / "appellations.csv")
    _write_tsv_gz(
        out / "rome" / "appellations.tsv.gz",
        [[a["code_rome"], a["libelle_appellation_long"]] for a in apps],
    )
    mob = _rows(src / "rome" / "mobilites.csv")
    mob.sort(key=lambda m: (m["code_rome"], int(m["numero_ordre"])))
    _write_tsv_gz(
        out / "rome" / "mobilites.tsv.gz", [[m["code_rome"], m["code_rome_cible"]] for m in mob]
    )


def esco(src: Path, out: Path) -> None:
    principal = {
        a["code_ogr"]
        for a in _rows(src / "rome" / "appellations.csv")
        if a["classification"] == "PRINCIPALE"
    }
    # code -> uri -> weight, for the name; uri -> code -> weight, for the labels' codes.
    by_code: dict[str, Counter[str]] = defaultdict(Counter)
    by_uri: dict[str, Counter[str]] = defaultdict(Counter)
    for m in _rows(src / "esco" / "rome_esco_mapping.csv"):
        code, uri = m["code_rome_v460"], m["esco_uri"]
        weight = _RELATION.get(m["mapping_relation"], 1)
        by_code[code][uri] += weight + (20 if m["code_ogr_appellation"] in principal else 0)
        by_uri[uri][code] += weight
    names: dict[str, dict[str, str]] = {}
    labels: dict[str, list[list[object]]] = {}
    for lang in ESCO_LANGS:
        occ = {o["conceptUri"]: o for o in _rows(src / "esco" / f"occupations_{lang}.csv")}
        if lang != "fr":
            chosen: dict[str, str] = {}
            for code, uris in sorted(by_code.items()):
                for uri, _w in uris.most_common():
                    label = occ.get(uri, {}).get("preferredLabel", "").strip()
                    if label:
                        chosen[code] = _spaced(label)
                        break
            names[lang] = chosen
        entries: dict[str, list[str]] = {}
        for uri, codes in sorted(by_uri.items()):
            o = occ.get(uri)
            if o is None:
                continue
            ranked = [c for c, _w in codes.most_common(3)]
            found = [p.strip() for p in o["preferredLabel"].split("/")]
            found += [a.strip() for a in o["altLabels"].split(" | ")]
            for label in found:
                if label and 2 <= len(label) <= 80:
                    entries.setdefault(label, ranked)
        labels[lang] = [[label, codes] for label, codes in sorted(entries.items())]
    _write_json_gz(out / "esco" / "names.json.gz", names)
    _write_json_gz(out / "esco" / "labels.json.gz", labels)


def _write_json_gz(path: Path, data: object) -> None:
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:
        f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def geo(src: Path, out: Path) -> None:
    points = {
        p["code_insee"]: (p["latitude"], p["longitude"])
        for p in _rows(src / "geo" / "communes_coordonnees_laposte2020.csv")
    }
    communes = _rows(src / "geo" / "communes.csv")
    # Paris, Lyon, Marseille as a whole have no point: the mean of their arrondissements.
    parts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in communes:
        if c["type"] == "arrondissement-municipal" and c["code_insee"] in points:
            lat, lon = points[c["code_insee"]]
            parts[c["code_commune_parente"]].append((float(lat), float(lon)))
    rows = []
    for c in communes:
        if c["type"] not in ("commune-actuelle", "arrondissement-municipal"):
            continue
        point = points.get(c["code_insee"])
        if point is None and c["code_insee"] in parts:
            ps = parts[c["code_insee"]]
            point = (
                f"{sum(p[0] for p in ps) / len(ps):.5f}",
                f"{sum(p[1] for p in ps) / len(ps):.5f}",
            )
        if point is None:
            continue
        rows.append(
            [
                c["code_insee"],
                c["nom"],
                c["code_departement"],
                c["codes_postaux"],
                c["population"] or "0",
                point[0],
                point[1],
            ]
        )
    _write_tsv_gz(out / "geo" / "communes.tsv.gz", rows)


def main() -> None:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data")
    out = Path(__file__).resolve().parent
    rome(src, out)
    esco(src, out)
    geo(src, out)


if __name__ == "__main__":
    main()
