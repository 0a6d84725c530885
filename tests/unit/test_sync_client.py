"""The France Travail client against the fake API: tokens, paging, windows, retries, limits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.sync.backoff import Backoff, RateLimiter
from kiosk.sync.francetravail import ApiSettings, FranceTravailClient, content_range
from kiosk.sync.oauth import ApiError, AuthError
from kiosk.sync.search import fetch_all, page_ranges
from tests.fakes.francetravail import CLIENT_ID, CLIENT_SECRET, FakeFranceTravail, Fault
from tests.fakes.kit import FakeClock
from tests.fakes.offers import make_offers


@pytest.fixture
def api() -> Iterator[FakeFranceTravail]:
    with FakeFranceTravail(make_offers(400, ["69"])) as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def client_for(
    api: FakeFranceTravail, clock: FakeClock, secret: str = CLIENT_SECRET, **changes: Any
) -> FranceTravailClient:
    settings = ApiSettings(
        client_id=CLIENT_ID,
        client_secret=secret,
        token_url=f"{api.base_url}/connexion/oauth2/access_token",
        api_url=f"{api.base_url}/partenaire/offresdemploi",
        **changes,
    )
    return FranceTravailClient(settings, clock=clock, sleep=clock.sleep, rng=lambda: 0.5)


def fetch(client: FranceTravailClient, departements: str = "69") -> tuple[bool, list[Any]]:
    got: list[Any] = []
    with client:
        result = fetch_all(client, {"departement": departements, "sort": "1"}, got.extend)
    return result.complete, got


def ids(offers: list[Any]) -> set[str]:
    return {o["id"] for o in offers}


def test_pages_through_a_search_with_one_token(api: FakeFranceTravail, clock: FakeClock) -> None:
    complete, got = fetch(client_for(api, clock))
    assert complete and ids(got) == set(api.offers) and len(got) == 400
    assert api.calls == {"token": 1, "search": 3}  # 0-149 (206), 150-299 (206), 300-399 (200)


def test_nothing_matching_is_a_204_and_complete(api: FakeFranceTravail, clock: FakeClock) -> None:
    complete, got = fetch(client_for(api, clock), "13")
    assert complete and got == []


def test_the_token_is_renewed_shortly_before_it_expires(clock: FakeClock) -> None:
    with FakeFranceTravail(make_offers(400), token_lifetime=100) as api:
        client = client_for(api, clock)
        with client:
            client.search_page({"departement": "69"}, 0, 149)
            clock.now += 30  # 100 s token, renewed 60 s early at the latest
            client.search_page({"departement": "69"}, 0, 149)
            assert api.calls["token"] == 1
            clock.now += 30
            client.search_page({"departement": "69"}, 0, 149)
            assert api.calls["token"] == 2


def test_a_token_expiring_in_the_middle_of_paging_is_fetched_again(
    api: FakeFranceTravail, clock: FakeClock
) -> None:
    api.inject(Fault("expire_token", after=1))
    complete, got = fetch(client_for(api, clock))
    assert complete and ids(got) == set(api.offers)
    assert api.calls == {"token": 2, "search": 4}  # the second page was asked twice


def test_a_token_refused_twice_in_a_row_gives_up_the_run(
    api: FakeFranceTravail, clock: FakeClock
) -> None:
    api.inject(Fault("expire_token"), Fault("expire_token"))
    with pytest.raises(AuthError, match="HTTP 401"):
        fetch(client_for(api, clock))
    assert api.calls["token"] == 2  # one renewal per request, not a loop


def test_invalid_client_is_not_retried(api: FakeFranceTravail, clock: FakeClock) -> None:
    with pytest.raises(AuthError, match="invalid_client"):
        fetch(client_for(api, clock, secret="wrong"))
    assert api.calls == {"token": 1} and clock.sleeps == []


def test_a_token_endpoint_that_is_down_is_retried_with_backoff_then_given_up(
    api: FakeFranceTravail, clock: FakeClock
) -> None:
    api.token_fault = "down"
    with pytest.raises(ApiError, match="token endpoint unavailable"):
        fetch(client_for(api, clock))
    assert api.calls == {"token": 4}
    assert clock.sleeps == [0.75, 1.5, 3.0]  # base 1 s doubling, rng 0.5 -> 3/4 of the ceiling


def test_a_token_endpoint_dropping_the_connection_recovers(
    api: FakeFranceTravail, clock: FakeClock
) -> None:
    api.token_fault = "reset"
    client = client_for(api, clock)
    clock_sleep = clock.sleep

    def heal(seconds: float) -> None:  # the endpoint comes back during the first backoff
        api.token_fault = None
        clock_sleep(seconds)

    client.tokens.sleep = heal
    complete, got = fetch(client)
    assert complete and len(got) == 400 and api.calls["token"] == 2


def test_429_bursts_honour_retry_after(api: FakeFranceTravail, clock: FakeClock) -> None:
    api.inject(*(Fault("status", code=429, retry_after="7") for _ in range(4)))
    client = client_for(api, clock)
    complete, got = fetch(client)
    assert complete and len(got) == 400
    assert clock.sleeps.count(7.0) == 4
    assert client.traffic.rate_limited == 4


def test_endless_429_gives_up_the_run(api: FakeFranceTravail, clock: FakeClock) -> None:
    api.inject(*(Fault("status", code=429, retry_after="1") for _ in range(30)))
    with pytest.raises(ApiError, match="rate limited"):
        fetch(client_for(api, clock))


@pytest.mark.parametrize("kind", ["reset", "invalid_json", "empty"])
def test_a_broken_answer_is_retried(api: FakeFranceTravail, clock: FakeClock, kind: str) -> None:
    api.inject(Fault(kind, after=1))
    client = client_for(api, clock)
    complete, got = fetch(client)
    assert complete and ids(got) == set(api.offers)
    assert client.traffic.retries == 1 and api.calls["search"] == 4


def test_500s_back_off_with_jitter_then_give_up(api: FakeFranceTravail, clock: FakeClock) -> None:
    api.inject(Fault("status", code=500), Fault("status", code=503))
    complete, got = fetch(client_for(api, clock))
    assert complete and len(got) == 400
    api.inject(*(Fault("status", code=500) for _ in range(5)))
    with pytest.raises(ApiError, match=r"HTTP 500 \(5 tries\)"):
        fetch(client_for(api, clock))


def test_backoff_grows_is_capped_and_jittered() -> None:
    backoff = Backoff(base=1.0, cap=8.0)
    assert [backoff.delay(n, lambda: 1.0) for n in (1, 2, 3, 4, 5, 9)] == [1, 2, 4, 8, 8, 8]
    assert [backoff.delay(n, lambda: 0.0) for n in (1, 4, 9)] == [0.5, 4, 4]


def test_the_client_side_rate_limit_spaces_requests(
    api: FakeFranceTravail, clock: FakeClock
) -> None:
    client = client_for(api, clock, requests_per_second=4)
    fetch(client)
    # 1 token + 3 searches: the searches are 0.25 s apart (the token endpoint is not limited).
    assert clock.sleeps == [0.25, 0.25]


def test_rate_limiter_does_not_wait_when_calls_are_already_slow() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, clock, clock.sleep)
    limiter.wait()
    clock.now += 5
    limiter.wait()
    limiter.wait()
    assert clock.sleeps == [0.5]


def test_a_content_range_disagreeing_with_the_body_makes_the_fetch_incomplete(
    api: FakeFranceTravail, clock: FakeClock
) -> None:
    api.inject(Fault("bad_range", after=1))
    complete, got = fetch(client_for(api, clock))
    assert not complete and len(got) >= 150


def test_a_body_shorter_than_its_content_range_makes_the_fetch_incomplete(
    api: FakeFranceTravail, clock: FakeClock
) -> None:
    api.inject(Fault("short"))
    complete, _ = fetch(client_for(api, clock))
    assert not complete


def test_a_search_larger_than_the_page_cap_is_split_by_creation_date(clock: FakeClock) -> None:
    # The real limits (first <= 3000, last <= 3149): 3,400 offers cannot be paged in one go.
    with FakeFranceTravail(make_offers(3400, ["69"], seed=3)) as api:
        complete, got = fetch(client_for(api, clock))
        assert complete and ids(got) == set(api.offers)
        assert len(got) < 3400 + 150 * 4  # pages are not fetched over and over


def test_a_smaller_page_cap_respects_the_older_limits(clock: FakeClock) -> None:
    with FakeFranceTravail(make_offers(2000, ["69"], seed=4)) as api:
        api.max_first, api.max_last = 1000, 1149
        complete, got = fetch(client_for(api, clock, page_cap=1149))
        assert complete and ids(got) == set(api.offers)


def test_page_ranges_never_ask_beyond_the_cap() -> None:
    assert page_ranges(400, 3149) == [(150, 299), (300, 399)]
    assert page_ranges(1150, 1149)[-2:] == [(900, 1049), (1000, 1149)]
    assert all(a <= 3000 and b <= 3149 for a, b in page_ranges(3150, 3149))


def test_the_fake_refuses_what_the_real_api_refuses(
    api: FakeFranceTravail, clock: FakeClock
) -> None:
    client = client_for(api, clock)
    with client:
        for params, first, last in [
            ({"departement": "69"}, 0, 150),  # 151 offers
            ({"departement": "69"}, 3001, 3100),
            ({"departement": "69"}, 3100, 3150),
            ({"departement": "69", "publieeDepuis": "2"}, 0, 149),
            ({"departement": "01,02,03,04,05,06"}, 0, 149),
            ({"departement": "69", "minCreationDate": "2026-01-01T00:00:00Z"}, 0, 149),
        ]:
            with pytest.raises(ApiError, match="HTTP 400"):
                client.search_page(params, first, last)
        assert client.search_page({"departement": "69", "publieeDepuis": "31"}, 0, 149).status


def test_content_range_parsing() -> None:
    assert content_range("offres 0-149/353") == (0, 149, 353)
    assert content_range("offres 150-149/353") is None
    assert content_range("items 0-1/2") is None and content_range(None) is None


def test_reference_lists(api: FakeFranceTravail, clock: FakeClock) -> None:
    with client_for(api, clock) as client:
        communes = client.reference_list("communes")
    assert {"code": "69383", "libelle": "LYON 03", "codePostal": "69003"}.items() <= communes[
        0
    ].items()
