"""`python -m commonground.grouping.engine.warm_up`: compile the grouping search's inner loop into
numba's cache, as `make install` does, so the first grouping does not wait for the compiler."""

from __future__ import annotations

import time

from .local_search import warm_up

if __name__ == "__main__":
    started = time.perf_counter()
    warm_up()
    print(f"The grouping search is compiled ({time.perf_counter() - started:.1f} s).")
