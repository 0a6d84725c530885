"""A fake France Travail API (token endpoint, offer search, reference lists).

It enforces what the real API documents (../shared/docs/FRANCE_TRAVAIL_API.md): the OAuth
form and realm, Bearer tokens that expire, `range` limits (at most 150 per call, first <=
3000, last <= 3149, else 400), `publieeDepuis` only 1/3/7/14/31, at most 5 départements,
both creation dates or neither, 204 with an empty body, 206 while more results exist, and
`Content-Range: offres a-b/total`. Faults are scripted per search request.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.http import STREAMING_FAULTS, LocalServer, QuietHandler, stream_fault

CLIENT_ID, CLIENT_SECRET = "kiosk-test", "s3cret"
SCOPE = "api_offresdemploiv2 o2dsoffre"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_DEPARTEMENT = re.compile(r"^(\d{2}|2A|2B|97\d)$")
REFERENCES = {
    "communes": [
        {"code": "69383", "libelle": "LYON 03", "codePostal": "69003", "codeDepartement": "69"},
        {
            "code": "69266",
            "libelle": "VILLEURBANNE",
            "codePostal": "69100",
            "codeDepartement": "69",
        },
    ],
    "departements": [{"code": "69", "libelle": "Rhône"}, {"code": "01", "libelle": "Ain"}],
    "typesContrats": [{"code": "CDI", "libelle": "Contrat à durée indéterminée"}],
}


@dataclass
class Fault:
    """What the next search request gets instead of a normal answer.

    kind: "status" (code, retry_after), "reset" (half the body, then the connection closes),
    "invalid_json", "empty" (200 with no body), "bad_range" (Content-Range total off by
    `shift`), "short" (one offer fewer than Content-Range says), "expire_token" (every token
    is revoked, so this request gets a 401), "hold" (blocks until `release` is set),
    "trickle" (the answer, status line first, one byte every `interval` seconds), "endless"
    (200 and a body that never ends), "huge_length" (announces `length` bytes, then streams
    as long as it is read), "nested" (200 and JSON nested `depth` deep).
    """

    kind: str
    code: int = 500
    retry_after: str | None = None
    shift: int = 7
    after: int = 0  # let this many search requests pass normally first
    interval: float = 0.5
    length: int = 2 * 1024**3
    depth: int = 100_000


def _encoded(offer: Any) -> str:
    """JSON as the API writes it; a lone surrogate (a test's hostile offer) as its escape,
    "\\ud800", since raw it is no UTF-8 at all."""
    text = json.dumps(offer, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(offer)
    return text


def _parse_date(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


def _created(offer: Any) -> datetime:
    value = offer.get("dateCreation") if isinstance(offer, dict) else None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.replace("Z", "")).replace(tzinfo=None)
        except ValueError:
            pass
    return datetime(2020, 1, 1)


def _departement(offer: Any) -> str | None:
    place = offer.get("lieuTravail") if isinstance(offer, dict) else None
    label = place.get("libelle") if isinstance(place, dict) else place
    return label.split(" - ")[0].strip() if isinstance(label, str) and " - " in label else None


class _Handler(QuietHandler):
    def do_POST(self) -> None:
        api: FakeFranceTravail = self.server.owner  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        form = {k: v[0] for k, v in parse_qs(self.body().decode()).items()}
        if url.path != "/connexion/oauth2/access_token":
            self.answer(404)
            return
        api.count("token")
        if api.token_fault in STREAMING_FAULTS:
            api.streamed += stream_fault(self, api.token_fault, api.stopping)
            return
        if api.token_fault == "down":
            self.answer(503, b"<html>Service Unavailable</html>")
            return
        if api.token_fault == "reset":
            self.drop()
            return
        error = None
        if parse_qs(url.query).get("realm") != ["/partenaire"]:
            error = (400, "invalid_request")
        elif api.token_fault == "invalid_client" or (
            form.get("client_id"),
            form.get("client_secret"),
        ) != (CLIENT_ID, CLIENT_SECRET):
            error = (401, "invalid_client")
        elif form.get("grant_type") != "client_credentials":
            error = (400, "unsupported_grant_type")
        elif form.get("scope") != SCOPE:
            error = (400, "invalid_scope")
        if error:
            body = {"error": error[1], "error_description": "refused by the fake"}
            self.answer(error[0], json.dumps(body).encode(), {"Content-Type": "application/json"})
            return
        token = api.issue_token()
        body = {"access_token": token, "scope": SCOPE, "token_type": "Bearer",
                "expires_in": api.token_lifetime}  # fmt: skip
        self.answer(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

    def do_GET(self) -> None:
        api: FakeFranceTravail = self.server.owner  # type: ignore[attr-defined]
        url = urlsplit(self.path)
        prefix = "/partenaire/offresdemploi/v2/"
        if not url.path.startswith(prefix):
            self.answer(404)
            return
        route = url.path[len(prefix) :]
        api.count(route.split("/")[0] if not route.startswith("offres/search") else "search")
        fault = api.next_fault() if route == "offres/search" else None
        if fault is not None and fault.kind == "expire_token":
            api.expire_tokens()
        if fault is not None and fault.kind == "hold":
            api.held.set()
            api.release.wait(60)
        if not api.authorised(self.headers.get("Authorization", "")):
            self.answer(401, b'{"codeHttp": 401, "message": "token invalide"}')
            return
        if fault is not None and fault.kind in STREAMING_FAULTS:
            api.streamed += stream_fault(
                self,
                fault.kind,
                api.stopping,
                interval=fault.interval,
                length=fault.length,
                depth=fault.depth,
            )
            return
        if fault is not None and fault.kind == "status":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            self.answer(fault.code, b'{"message": "fault"}', headers)
            return
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        if route.startswith("referentiel/"):
            items = REFERENCES.get(route.split("/", 1)[1])
            if items is None:
                self.answer(404)
            else:
                self.answer(200, json.dumps(items).encode(), {"Content-Type": "application/json"})
            return
        if route != "offres/search":
            offer = api.offers.get(route.split("/")[-1])
            body = json.dumps(offer).encode() if offer else b""
            self.answer(200 if offer else 204, body)
            return
        self.search(api, query, fault)

    def search(self, api: FakeFranceTravail, query: dict[str, str], fault: Fault | None) -> None:
        try:
            first, last, matches = api.search(query)
        except ValueError as exc:
            body = {"codeHttp": 400, "message": str(exc)}
            self.answer(400, json.dumps(body).encode(), {"Content-Type": "application/json"})
            return
        total = len(matches)
        if api.search_mode == "204" or total == 0 or first >= total:
            self.answer(204)
            return
        page = matches[first : last + 1]
        shown_last, shown_total = first + len(page) - 1, total
        if fault is not None and fault.kind == "bad_range":
            shown_total = total + fault.shift
        if api.search_mode == "huge_total":
            shown_total = max(total, api.max_last + 1) * 10
        if fault is not None and fault.kind == "short":
            page = page[:-1]
        body = ('{"resultats": [' + ",".join(api.encoded[o] for o in page) + "], "
                '"filtresPossibles": []}').encode()  # fmt: skip
        if fault is not None and fault.kind == "invalid_json":
            body = body[: len(body) // 2]
        if fault is not None and fault.kind == "empty":
            body = b""
        status = 200 if last >= total - 1 else 206
        headers = {
            "Content-Type": "application/json",
            "Content-Range": f"offres {first}-{shown_last}/{shown_total}",
        }
        if fault is not None and fault.kind == "reset":
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.drop()
            return
        self.answer(status, body, headers)


class FakeFranceTravail(LocalServer):
    handler = _Handler
    max_first, max_last, page_size = 3000, 3149, 150

    def __init__(self, offers: list[Any] | None = None, token_lifetime: int = 1499):
        super().__init__()
        self.lock = threading.Lock()
        self.offers: dict[str, dict[str, Any]] = {}
        self.encoded: dict[str, str] = {}
        self._cache: dict[tuple[Any, ...], list[str]] = {}
        self.token_lifetime = token_lifetime
        self.tokens: dict[str, float] = {}
        # "down", "reset", "invalid_client", or a streaming fault (see `Fault`).
        self.token_fault: str | None = None
        self.faults: deque[Fault] = deque()
        self.calls: dict[str, int] = {}
        self.held, self.release = threading.Event(), threading.Event()
        self.searched = threading.Event()  # set at the first search request
        # Every search, not one: "204" (nothing, ever) or "huge_total" (a total that never
        # fits: ten times more than can be paged, whatever the window).
        self.search_mode: str | None = None
        # After this many searches, answer 400: a client that would never stop is stopped.
        self.search_limit: int | None = None
        self.stopping = threading.Event()  # streaming faults end when the server stops
        self.streamed = 0  # bytes the streaming faults managed to send
        self.set_offers(offers or [])

    # --- what tests change ------------------------------------------------------------------
    def set_offers(self, offers: list[Any]) -> None:
        with self.lock:
            # Junk (not an object, no id) gets a made-up key and matches every search.
            self.offers = {
                str(o["id"]) if isinstance(o, dict) and "id" in o else f"#junk{n}": o
                for n, o in enumerate(offers)
            }
            self.encoded = {k: _encoded(o) for k, o in self.offers.items()}
            order = sorted(self.offers, key=lambda k: (_created(self.offers[k]), k), reverse=True)
            self._order = [
                (k, _departement(self.offers[k]), _created(self.offers[k])) for k in order
            ]
            self._cache.clear()

    def remove(self, ids: list[str]) -> None:
        self.set_offers([o for k, o in self.offers.items() if k not in set(ids)])

    def inject(self, *faults: Fault) -> None:
        self.faults.extend(faults)

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens.clear()

    def config_values(self, departements: list[str] | None = None) -> dict[str, Any]:
        return {
            "francetravail__client_id": CLIENT_ID,
            "francetravail__client_secret": CLIENT_SECRET,
            "francetravail__token_url": f"{self.base_url}/connexion/oauth2/access_token",
            "francetravail__api_url": f"{self.base_url}/partenaire/offresdemploi",
            "francetravail__departements": departements or ["69"],
        }

    def before_stop(self) -> None:
        self.release.set()
        self.stopping.set()

    # --- used by the handler ----------------------------------------------------------------
    def count(self, route: str) -> None:
        with self.lock:
            self.calls[route] = self.calls.get(route, 0) + 1
        if route == "search":
            self.searched.set()

    def next_fault(self) -> Fault | None:
        with self.lock:
            if not self.faults:
                return None
            head = self.faults[0]
            if head.after > 0:
                head.after -= 1
                return None
            return self.faults.popleft()

    def issue_token(self) -> str:
        with self.lock:
            token = f"tok{len(self.tokens)}-{time.monotonic_ns()}"
            self.tokens[token] = time.monotonic() + self.token_lifetime
            return token

    def authorised(self, header: str) -> bool:
        token = header.removeprefix("Bearer ")
        with self.lock:
            return header.startswith("Bearer ") and self.tokens.get(token, 0) > time.monotonic()

    def search(self, query: dict[str, str]) -> tuple[int, int, list[str]]:
        first, _, last = query.get("range", "0-149").partition("-")
        if not (first.isdigit() and last.isdigit()):
            raise ValueError("range: format attendu p-d")
        a, b = int(first), int(last)
        if b < a or b - a + 1 > self.page_size:
            raise ValueError(f"range: {self.page_size} résultats au plus")
        if a > self.max_first or b > self.max_last:
            raise ValueError(f"range: p <= {self.max_first} et d <= {self.max_last}")
        deps = tuple(query["departement"].split(",")) if "departement" in query else ()
        if len(deps) > 5 or not all(_DEPARTEMENT.match(d) for d in deps):
            raise ValueError("departement: 5 codes au plus")
        low, high = query.get("minCreationDate"), query.get("maxCreationDate")
        if (low is None) != (high is None):
            raise ValueError("minCreationDate et maxCreationDate vont ensemble")
        if low and high and not (_DATE.match(low) and _DATE.match(high)):
            raise ValueError("date: format yyyy-MM-ddTHH:mm:ssZ")
        since = query.get("publieeDepuis")
        if since is not None and since not in ("1", "3", "7", "14", "31"):
            raise ValueError("publieeDepuis: 1, 3, 7, 14 ou 31")
        if query.get("sort", "0") not in ("0", "1", "2"):
            raise ValueError("sort: 0, 1 ou 2")
        if self.search_limit is not None and self.calls.get("search", 0) > self.search_limit:
            raise ValueError(f"more than {self.search_limit} searches: the test stops here")
        key = (deps, low, high, since)
        with self.lock:
            if key not in self._cache:
                floor = _parse_date(low) if low else None
                ceiling = _parse_date(high) if high else None
                recent = (
                    datetime.now(UTC).replace(tzinfo=None) - timedelta(days=int(since))
                    if since
                    else None
                )
                self._cache[key] = [
                    k
                    for k, dep, created in self._order
                    if (not deps or dep in deps or dep is None)
                    and (floor is None or created >= floor)
                    and (ceiling is None or created <= ceiling)
                    and (recent is None or created >= recent)
                ]
            return a, b, self._cache[key]
