"""What a server process keeps of values it would otherwise rebuild on every request: the last
few, by key, shared by the process's threads. Only values that never change once made belong
here (an issued revision, a document's provision names); the key says everything the value is
made from, so that a changed input is a new key, never a stale answer."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Kept"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """The ``size`` values last asked for, by key; the least recently asked for goes first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V], valid: Callable[[V], bool] | None = None) -> V:
        """The value kept for ``key``, else ``make()``'s, kept. ``make`` runs outside the lock
        (two threads may both make a missing value; the values are equal, one is kept); what it
        raises is raised and nothing is kept. ``valid``: whether a kept value still stands for
        the key (one kept under an object's ``id()`` is made again for another object that got
        the same id)."""
        with self._lock:
            if key in self._values and (valid is None or valid(self._values[key])):
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        self.put(key, value)
        return value

    def peek(self, key: K) -> V | None:
        """The value kept for ``key`` (now the most recently asked for), else None."""
        with self._lock:
            if key not in self._values:
                return None
            self._values.move_to_end(key)
            return self._values[key]

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
