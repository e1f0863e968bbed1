"""Each test runs from a frame large enough that its calls never make Python map and unmap a
chunk of its frame stack again and again (tests/conftest.py, ``on_a_deep_stack``)."""

from __future__ import annotations

import resource
import threading

import pytest
from tests.conftest import on_a_deep_stack

ROUND_TRIPS = 2_000


def _down(depth: int) -> int:
    return _down(depth - 1) if depth else 0


def _page_faults() -> int:
    return resource.getrusage(getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF)).ru_minflt


def _faults_going_deep_and_back(depth: int) -> int:
    _down(depth)  # the chunks this depth needs, mapped once
    before = _page_faults()
    for _ in range(ROUND_TRIPS):
        _down(depth)
    return _page_faults() - before


def test_a_test_goes_deep_and_back_without_mapping_memory() -> None:
    # 300 calls need about 30 KiB of frame stack: beyond a 16 KiB chunk wherever the test
    # stands in it, within what the large frame leaves above itself.
    assert _faults_going_deep_and_back(300) < ROUND_TRIPS // 10


def test_the_check_sees_the_mapping_where_a_test_would_cross_a_chunks_edge() -> None:
    # The same calls from a new, shallow thread (its first chunk is 16 KiB) cross the edge on
    # every round trip, and each new chunk's pages are faults: the check above can fail.
    faults: list[int] = []
    thread = threading.Thread(target=lambda: faults.append(_faults_going_deep_and_back(300)))
    thread.start()
    thread.join()
    assert faults[0] >= ROUND_TRIPS


def test_the_deep_frame_passes_answers_and_errors_through() -> None:
    assert on_a_deep_stack(divmod, 7, 2) == (3, 1)
    with pytest.raises(ValueError, match="seven"):
        on_a_deep_stack(int, "seven")
