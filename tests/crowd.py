"""Presses one button many times at once, as a crowd (or an impatient double click) would."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.db import connection, connections

T = TypeVar("T")


def at_once(times: int, press: Callable[[int], T]) -> list[T]:
    """Run `press(0)`, `press(1)`... from `times` threads released together.

    On PostgreSQL each thread has its own connection and they truly race. SQLite lets one writer
    in at a time, and the shared in-memory test database answers a second writer with "table is
    locked" at once rather than waiting, so there the presses run one after another: the test
    then proves the second press finds the first one's work, and the PostgreSQL run proves the
    race.
    """
    if connection.vendor != "postgresql":
        return [press(index) for index in range(times)]
    start = threading.Barrier(times)

    def run(index: int) -> T:
        try:
            start.wait()
            return press(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(run, range(times)))
