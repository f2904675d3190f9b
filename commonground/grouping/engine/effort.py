"""How many local-search steps fill a stated number of seconds, so that a search sized in seconds
still stops on counted work and gives the same groups on a busy machine as on a quiet one.

Problems of pair scores, per-person terms, pins and size bounds (every benchmark instance and
most cohorts) are searched by the compiled steps of `tabu_kernel`; problems with rules on whole
groups (nobody the only one of their kind, the least diverse group) by the numpy steps of
`neighbourhood`. A budget counts steps of the kind the problem will take.

Compiled steps: the process's CPU time over 50,000 steps of the whole search, the least of three
repeats, on the 2-core development machine, 2026-11-30, load average 4 from other work: 9.0 and
9.3 us on RanReal_n120_ds_01 and _02, 8.4 on RanReal_n120_ss_01, 15.8 on RanReal_n240_ds_01 and
13.9 on RanReal_n240_ss_01, fitted through 8.9 us at 120 people and 14.85 at 240. A step prices
every move in O(n m) and skips the swaps whose bound cannot beat the best found, so its cost
grows about linearly with the people. `bench/grouping_mdgp.py --calibrate 50000` measures the
same on synthetic instances of equal groups (8.5 us at 120, 14.3 at 240 that day).

Numpy steps, measured by `--calibrate 500` before the compiled steps, at a load average of 10.5:
91 us at 36 people, 110 at 60, 132 at 120, 169 at 180 and 306 at 240, fitted as 84 us plus
0.0036 us per pair; at a load average of 4 they took 45, 44, 68, 95 and 151 us.
"""

from __future__ import annotations

COMPILED_FIXED_MICROSECONDS = 2.95
COMPILED_MICROSECONDS_PER_PERSON = 0.0496
NUMPY_FIXED_MICROSECONDS = 84.0
NUMPY_MICROSECONDS_PER_PAIR = 0.0036


def steps_for(seconds: float, people: int, *, compiled: bool = True) -> int:
    """The steps that take about `seconds` of CPU for this many people on that machine, compiled
    steps or numpy ones (see `local_search.compiled`)."""
    if compiled:
        per_step = COMPILED_FIXED_MICROSECONDS + COMPILED_MICROSECONDS_PER_PERSON * people
    else:
        per_step = NUMPY_FIXED_MICROSECONDS + NUMPY_MICROSECONDS_PER_PAIR * people * people
    return max(1, int(seconds * 1_000_000 / per_step))
