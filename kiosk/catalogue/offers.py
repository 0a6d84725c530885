"""Job offers in the France Travail API's shape, into the `offers` table.

`offer_row` reads one offer as the API sends it and never trusts a field's type: the API
itself sends some fields as a string in one offer and a list in the next, and a sync must not
stop on one odd offer. Only an offer with no id or no title cannot be shown, so only that is
refused (with `BadOffer`), and an offer the kiosk cannot store or show safely: text that is
not valid Unicode (a lone surrogate such as "\\ud800", which SQLite cannot store), or more
than `MAX_OFFER_CHARS` of JSON. A description longer than `MAX_DESCRIPTION_CHARS` is cut at a
word and the cut logged: the API's own offers stay far below it, and an unbounded text would
freeze the screen that lays it out. `upsert_offers` is the one way offers get written,
whatever their origin (demo, sync, import).
"""

from __future__ import annotations

import json
import logging
import math
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

log = logging.getLogger(__name__)

# The API's descriptions stay under about 4,000 characters: five times that is no real offer.
MAX_DESCRIPTION_CHARS = 20_000
# An offer as stored (raw JSON): a real one is 2-6 kB, 25 kB with the longest description.
MAX_OFFER_CHARS = 100_000
_CUT_MARK = " […]"

OFFER_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "description",
    "rome_code",
    "rome_label",
    "place_label",
    "commune",
    "postcode",
    "departement",
    "latitude",
    "longitude",
    "employer",
    "contract_type",
    "contract_label",
    "contract_nature",
    "experience",
    "experience_label",
    "salary_label",
    "working_time_label",
    "full_time",
    "work_study",
    "created_at",
    "updated_at",
    "apply_url",
    "apply_text",
    "source_url",
    "origin",
    "raw",
)

# SQLite allows 999 host parameters per statement in older builds: stay well under it.
_ID_CHUNK = 500

# "69 - LYON 03", "2A - AJACCIO", "971 - LES ABYMES": the département comes first.
_LIBELLE_DEPARTEMENT = re.compile(r"^\s*(97\d|98\d|2[AaBb]|\d{2})\s*-")
_POSTCODE = re.compile(r"^\d{5}$")
_ISO_UTC = re.compile(
    r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ\Z"
)


class BadOffer(ValueError):
    """An offer that cannot be stored at all (no usable id or title)."""


@dataclass(frozen=True)
class UpsertResult:
    inserted: int
    updated: int
    skipped: list[str] = field(default_factory=list)  # one precise reason per refused offer
    unchanged: int = 0  # already stored exactly as received


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction, or join the caller's if one is already open.

    `connect()` opens connections in autocommit mode, so nothing is atomic unless asked for.
    IMMEDIATE takes the write lock up front: a check-then-write (such as seeding an empty
    catalogue) cannot race another process doing the same.
    """
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        # SQLite rolls back by itself on some errors (disk full): don't mask the cause.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _text(value: Any) -> str | None:
    """A non-empty string, or None; numbers are accepted because ids sometimes come as ints."""
    if type(value) is str:  # the usual case first: this runs ~30 times per offer
        value = value.strip()
        return value or None
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int | float):
        try:
            value = str(value)
        except ValueError:  # an int too long to print (sys.get_int_max_str_digits)
            return None
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def _obj(value: Any) -> Mapping[str, Any]:
    # `type is dict` first: an isinstance check against the Mapping ABC is slow.
    return value if type(value) is dict or isinstance(value, Mapping) else {}


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            return None
    if not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _coordinates(place: Mapping[str, Any]) -> tuple[float | None, float | None]:
    lat, lon = _number(place.get("latitude")), _number(place.get("longitude"))
    # Half a position, or one outside the globe, would put a pin in the wrong place.
    if lat is None or lon is None or not (-90 <= lat <= 90) or not (-180 <= lon <= 180):
        return None, None
    if lat == 0 and lon == 0:
        return None, None
    return lat, lon


def _departement(libelle: str | None, postcode: str | None, commune: str | None) -> str | None:
    if libelle:
        match = _LIBELLE_DEPARTEMENT.match(libelle)
        if match:
            return match.group(1).upper()
    if postcode and _POSTCODE.match(postcode):
        if postcode.startswith(("97", "98")):
            return postcode[:3]
        if postcode.startswith("20"):
            # Corsica shares the 20 prefix; 200xx-201xx is Corse-du-Sud.
            return "2A" if postcode < "20200" else "2B"
        return postcode[:2]
    if commune and len(commune) == 5:
        return commune[:3] if commune.startswith(("97", "98")) else commune[:2].upper()
    return None


def _timestamp(value: Any) -> str | None:
    """ISO 8601 in UTC with a Z, so that stored dates sort as text whatever the API sent."""
    text = _text(value)
    if text is None:
        return None
    if _ISO_UTC.match(text):
        return text
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        try:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        except (OverflowError, ValueError):
            return None
    return parsed.isoformat(timespec="seconds") + "Z"


def _full_time(value: Any) -> int | None:
    text = (_text(value) or "").casefold()
    if text == "temps plein":
        return 1
    if text == "temps partiel":
        return 0
    return None


def _flag(value: Any) -> int:
    if isinstance(value, str):
        return 1 if value.strip().casefold() in ("true", "1", "oui") else 0
    return 1 if value is True or (isinstance(value, int) and value == 1) else 0


def _web_url(value: Any) -> str | None:
    text = _text(value)
    if text and text.lower().startswith(("https://", "http://")):
        return text
    return None


def _apply_text(contact: Mapping[str, Any]) -> str | None:
    keys = ("nom", "coordonnees1", "coordonnees2", "coordonnees3", "telephone", "courriel")
    lines = [_text(contact.get(key)) for key in keys]
    comment = _text(contact.get("commentaire"))
    parts = [line for line in lines if line]
    if comment:
        parts.append(comment)
    return "\n".join(parts) or None


def _salary_label(value: Any) -> str | None:
    if isinstance(value, Mapping):
        return _text(value.get("libelle")) or _text(value.get("commentaire"))
    # Some sources send the salary as bare text: it still says what the job pays.
    return _text(value)


def cut_description(text: str, limit: int = MAX_DESCRIPTION_CHARS) -> str:
    """`text` if it fits, else its beginning up to the last word that fits, and a mark."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(_CUT_MARK)]
    space = max(head.rfind(" "), head.rfind("\n"))
    if space > len(head) - 200:  # a word boundary near the end; else cut inside the "word"
        head = head[:space]
    return head.rstrip() + _CUT_MARK


def _shown_id(value: Any) -> str:
    """An id for a log line or a reason, with what is not valid Unicode escaped."""
    text = value if isinstance(value, str) else repr(value)
    return text[:40].encode("utf-8", "backslashreplace").decode()


def offer_raw(offer: Any) -> tuple[Mapping[str, Any], str]:
    """The offer as it will be stored (description cut to size) and its JSON text.

    `BadOffer` when it is not an object, cannot be JSON, is not valid Unicode or is too large.
    The sync compares this text with what is stored to recognise an unchanged offer.
    """
    if not isinstance(offer, Mapping):
        raise BadOffer(f"offer is a JSON {type(offer).__name__}, not an object")
    description = offer.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION_CHARS:
        log.warning(
            "offer %s: description of %d characters cut to %d",
            _shown_id(offer.get("id")),
            len(description),
            MAX_DESCRIPTION_CHARS,
        )
        offer = {**offer, "description": cut_description(description)}
    try:
        # default=str: an odd value must not cost the offer; it is kept as text instead.
        raw = json.dumps(offer, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError) as exc:
        raise BadOffer(f"offer {_shown_id(offer.get('id'))} cannot be kept as JSON") from exc
    if len(raw) > MAX_OFFER_CHARS:
        raise BadOffer(
            f"offer {_shown_id(offer.get('id'))} is too large "
            f"({len(raw):,} characters, at most {MAX_OFFER_CHARS:,})"
        )
    if not raw.isascii():
        try:
            raw.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise BadOffer(
                f"offer {_shown_id(offer.get('id'))} has text that is not valid Unicode"
            ) from exc
    return offer, raw


def offer_row(offer: Mapping[str, Any], origin: str) -> dict[str, Any]:
    """The `offers` row for one API-shaped offer; `BadOffer` if it has no id or no title, or
    cannot be stored (see `offer_raw`)."""
    if not isinstance(offer, Mapping):
        raise BadOffer(f"offer is a JSON {type(offer).__name__}, not an object")
    offer_id = _text(offer.get("id"))
    if offer_id is None:
        raise BadOffer(f"offer has no usable id (id={offer.get('id')!r:.60})")
    title = _text(offer.get("intitule"))
    if title is None:
        raise BadOffer(
            f"offer {_shown_id(offer_id)} has no title (intitule={offer.get('intitule')!r:.60})"
        )
    offer, raw = offer_raw(offer)

    place = _obj(offer.get("lieuTravail"))
    place_label = _text(place.get("libelle"))
    postcode = _text(place.get("codePostal"))
    commune = _text(place.get("commune"))
    latitude, longitude = _coordinates(place)
    contact = _obj(offer.get("contact"))
    created_at = _timestamp(offer.get("dateCreation"))

    return {
        "id": offer_id,
        "title": title,
        "description": _text(offer.get("description")) or "",
        "rome_code": _text(offer.get("romeCode")),
        "rome_label": _text(offer.get("romeLibelle")),
        "place_label": place_label,
        "commune": commune,
        "postcode": postcode,
        "departement": _departement(place_label, postcode, commune),
        "latitude": latitude,
        "longitude": longitude,
        "employer": _text(_obj(offer.get("entreprise")).get("nom")),
        "contract_type": _text(offer.get("typeContrat")),
        "contract_label": _text(offer.get("typeContratLibelle")),
        "contract_nature": _text(offer.get("natureContrat")),
        "experience": _text(offer.get("experienceExige")),
        "experience_label": _text(offer.get("experienceLibelle")),
        "salary_label": _salary_label(offer.get("salaire")),
        "working_time_label": _text(offer.get("dureeTravailLibelle")),
        "full_time": _full_time(offer.get("dureeTravailLibelleConverti")),
        "work_study": _flag(offer.get("alternance")),
        "created_at": created_at,
        "updated_at": _timestamp(offer.get("dateActualisation")) or created_at,
        "apply_url": _web_url(contact.get("urlPostulation")),
        "apply_text": _apply_text(contact),
        "source_url": _web_url(_obj(offer.get("origineOffre")).get("urlOrigine")),
        "origin": origin,
        "raw": raw,
    }


def _existing_ids(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), _ID_CHUNK):
        chunk = ids[start : start + _ID_CHUNK]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0] for r in conn.execute(f"SELECT id FROM offers WHERE id IN ({marks})", chunk)
        )
    return found


_UPSERT_SQL = (
    f"INSERT INTO offers ({', '.join(OFFER_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(OFFER_COLUMNS))}) "
    "ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in OFFER_COLUMNS if c != "id")
    # An offer received again unchanged is not rewritten: fewer writes, and an honest count.
    # (A change in how columns are derived therefore needs a migration, not a re-sync.)
    + " WHERE offers.raw IS NOT excluded.raw OR offers.origin IS NOT excluded.origin"
)


def upsert_offers(
    db: sqlite_utils.Database, offers: Iterable[Mapping[str, Any]], origin: str
) -> UpsertResult:
    """Insert or update offers by id in one transaction; bad offers are skipped and reported."""
    rows: dict[str, dict[str, Any]] = {}
    skipped: list[str] = []
    for position, offer in enumerate(offers):
        try:
            row = offer_row(offer, origin)
        except BadOffer as exc:
            skipped.append(f"offer #{position}: {exc}")
            continue
        # The same id twice in one batch: the later copy is the newer one.
        rows[row["id"]] = row
    if not rows:
        return UpsertResult(0, 0, skipped)
    with transaction(db):
        existing = _existing_ids(db.conn, list(rows))
        # Positional parameters: binding 3,000 dicts by name costs measurably more.
        cursor = db.conn.executemany(
            _UPSERT_SQL, [tuple(row[c] for c in OFFER_COLUMNS) for row in rows.values()]
        )
        written = cursor.rowcount
    inserted = len(rows) - len(existing)
    updated = written - inserted
    return UpsertResult(inserted, updated, skipped, unchanged=len(existing) - updated)
