"""What a server process keeps (``astana.web.common.kept.Kept``): the last few values by key,
made once each, the least recently asked for going first; a value that could not be made is
not kept."""

from __future__ import annotations

import threading

import pytest

from astana.web.common.kept import Kept


def test_a_value_is_made_once_and_the_oldest_goes_first() -> None:
    made: list[str] = []
    kept: Kept[str, str] = Kept(2)

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    assert kept.get("a", lambda: make("a")) == "A"
    assert kept.get("b", lambda: make("b")) == "B"
    assert kept.get("a", lambda: make("a")) == "A"  # kept: not made again, and now the newest
    assert kept.get("c", lambda: make("c")) == "C"  # "b", asked for least recently, goes
    assert kept.get("a", lambda: make("a")) == "A"
    assert kept.get("b", lambda: make("b")) == "B"
    assert made == ["a", "b", "c", "b"]


def test_a_value_that_could_not_be_made_is_not_kept() -> None:
    kept: Kept[str, int] = Kept(4)

    def fail() -> int:
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        kept.get("x", fail)
    assert kept.get("x", lambda: 7) == 7


def test_threads_share_what_is_kept() -> None:
    kept: Kept[int, int] = Kept(8)
    answers: list[int] = []

    def ask() -> None:
        for key in range(20):
            answers.append(kept.get(key % 8, lambda key=key: (key % 8) * 10))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(answers)) == [k * 10 for k in range(8)] and len(answers) == 80


def test_a_kept_value_that_no_longer_stands_for_its_key_is_made_again() -> None:
    kept: Kept[str, tuple[object, int]] = Kept(4)
    first, second = object(), object()
    assert kept.get("id", lambda: (first, 1))[1] == 1
    assert kept.get("id", lambda: (first, 9), valid=lambda v: v[0] is first)[1] == 1
    assert kept.get("id", lambda: (second, 2), valid=lambda v: v[0] is second)[1] == 2
    assert kept.get("id", lambda: (second, 9), valid=lambda v: v[0] is second)[1] == 2


def test_a_value_put_is_peeked_until_newer_ones_push_it_out() -> None:
    kept: Kept[str, int] = Kept(2)
    assert kept.peek("a") is None
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.peek("a") == 1  # now the newest: "b" goes first
    kept.put("c", 3)
    assert (kept.peek("a"), kept.peek("b"), kept.peek("c")) == (1, None, 3)
