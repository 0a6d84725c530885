"""PhraseCache: hits, misses, LRU eviction under a byte cap, damaged entries, bad folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.speech import PhraseCache, phrase_key

ENTRY = 1000  # payload bytes of each test entry
STORED = ENTRY + 32  # payload plus the stored checksum


def payload(tag: str) -> bytes:
    return (tag.encode() * ENTRY)[:ENTRY]


def entry_file(cache: PhraseCache, text: str, voice: str = "fr", rate: int = 150) -> Path:
    return cache.directory / f"{phrase_key(voice, rate, text)}.wav.cache"


def on_disk(directory: Path, text: str) -> bytes | None:
    """What a fresh cache (empty memory) finds for ``text``."""
    return PhraseCache(directory, 10**9).get("fr", 150, text)


def stored_bytes(cache: PhraseCache) -> int:
    """Bytes the cache's files take, counted here rather than by the cache."""
    return sum(p.stat().st_size for p in cache.directory.rglob("*") if p.is_file())


def test_miss_then_hit(tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path, 10**6)
    assert cache.get("fr", 150, "Bonjour") is None
    cache.put("fr", 150, "Bonjour", payload("a"))
    assert cache.get("fr", 150, "Bonjour") == payload("a")
    assert ("fr", 150, "Bonjour") in cache


@pytest.mark.parametrize(
    "other", [("en", 150, "Bonjour"), ("fr", 160, "Bonjour"), ("fr", 150, "Bonjour.")]
)
def test_voice_rate_and_text_all_make_the_key(tmp_path: Path, other: tuple[str, int, str]) -> None:
    cache = PhraseCache(tmp_path, 10**6)
    cache.put("fr", 150, "Bonjour", payload("a"))
    assert cache.get(*other) is None
    assert phrase_key(*other) != phrase_key("fr", 150, "Bonjour")


def test_entries_survive_a_restart_and_writes_leave_no_temporary_file(tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path, 10**6)
    cache.put("fr", 150, "Bonjour", payload("a"))
    cache.put("fr", 150, "Bonjour", payload("b"))  # replaced in place
    assert on_disk(tmp_path, "Bonjour") == payload("b")
    assert [p.name for p in tmp_path.iterdir()] == [entry_file(cache, "Bonjour").name]
    assert stored_bytes(cache) == STORED


def test_least_recently_used_entry_is_evicted_first(tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path, 2 * STORED)
    cache.put("fr", 150, "a", payload("a"))
    cache.put("fr", 150, "b", payload("b"))
    assert cache.get("fr", 150, "a") == payload("a")  # a is now more recent than b
    cache.put("fr", 150, "c", payload("c"))
    assert on_disk(tmp_path, "b") is None
    assert on_disk(tmp_path, "a") == payload("a")
    assert on_disk(tmp_path, "c") == payload("c")
    assert cache.get("fr", 150, "b") is None  # not kept in memory past its eviction either
    assert stored_bytes(cache) <= 2 * STORED


def test_recency_is_kept_across_a_restart(tmp_path: Path) -> None:
    first = PhraseCache(tmp_path, 2 * STORED)
    first.put("fr", 150, "a", payload("a"))
    first.put("fr", 150, "b", payload("b"))
    second = PhraseCache(tmp_path, 2 * STORED)
    assert second.get("fr", 150, "a") == payload("a")  # read from disk, which marks it used
    second.put("fr", 150, "c", payload("c"))
    assert on_disk(tmp_path, "b") is None
    assert on_disk(tmp_path, "a") == payload("a")


def test_a_cap_much_smaller_than_the_folder_evicts_down_to_the_cap(tmp_path: Path) -> None:
    big = PhraseCache(tmp_path, 10**6)
    for i in range(10):
        big.put("fr", 150, str(i), payload(str(i)))
    small = PhraseCache(tmp_path, 3 * STORED)
    small.put("fr", 150, "new", payload("n"))
    assert stored_bytes(small) <= 3 * STORED
    assert on_disk(tmp_path, "new") == payload("n")
    assert on_disk(tmp_path, "9") == payload("9")
    assert on_disk(tmp_path, "0") is None


def test_an_entry_larger_than_the_cap_stays_in_memory_only(tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path, ENTRY // 2)
    cache.put("fr", 150, "long", payload("x"))
    assert cache.get("fr", 150, "long") == payload("x")
    assert list(tmp_path.iterdir()) == []


def test_memory_keeps_only_the_most_recent_entries(tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path, 10**6, memory_entries=2)
    for tag in ("a", "b", "c"):
        cache.put("fr", 150, tag, payload(tag))
    for tag in ("a", "b", "c"):
        entry_file(cache, tag).unlink()  # from now on only memory can answer
    assert cache.get("fr", 150, "a") is None
    assert cache.get("fr", 150, "b") == payload("b")
    assert cache.get("fr", 150, "c") == payload("c")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-10],  # torn write
        lambda data: data[:20],  # shorter than the checksum
        lambda data: b"",
        lambda data: data[:40] + bytes([data[40] ^ 0xFF]) + data[41:],  # flipped bits
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_removed(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    cache = PhraseCache(tmp_path, 10**6)
    cache.put("fr", 150, "Bonjour", payload("a"))
    path = entry_file(cache, "Bonjour")
    path.write_bytes(damage(path.read_bytes()))
    fresh = PhraseCache(tmp_path, 10**6)
    assert fresh.get("fr", 150, "Bonjour") is None
    assert not path.exists()
    fresh.put("fr", 150, "Bonjour", payload("b"))
    assert on_disk(tmp_path, "Bonjour") == payload("b")


def test_an_unreadable_entry_is_a_miss(tmp_path: Path) -> None:
    cache = PhraseCache(tmp_path, 10**6)
    entry_file(cache, "Bonjour").mkdir()  # reading a folder fails even for root
    assert cache.get("fr", 150, "Bonjour") is None


def test_an_unusable_folder_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = PhraseCache(blocker / "cache", 10**6)
    cache.put("fr", 150, "Bonjour", payload("a"))
    assert cache.get("fr", 150, "Bonjour") == payload("a")
    assert cache.get("fr", 150, "Autre") is None


def test_negative_sizes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        PhraseCache(tmp_path, -1)
