"""How many local-search steps fill a stated number of seconds, so that a search sized in seconds
still stops on counted work and gives the same groups on a busy machine as on a quiet one.

Problems of pair scores, per-person terms, pins and size bounds (every benchmark instance and
most cohorts) are searched by the compiled steps of `tabu_kernel`; problems with rules on whole
groups (nobody the only one of their kind, the least diverse group) by the numpy steps of
`neighbourhood`. A budget counts steps of the kind the problem will take.

Compiled steps count the work of pricing too: a step counts one, and every 34 n swaps it prices
count one more (`PRICED_PAIRS_PER_STEP_PER_PERSON`), because the bounds that let a step pass over
most swaps work well on RanReal and RanInt (about 850 of 7,140 pairs priced at 120 people) and
poorly on Geo (11,000, each pair seen from both sides): counted so, a Geo step is worth 3.7 and
its CPU time per count matches the others'. The process's CPU time per count over 30,000 to
50,000 counts of the whole search, the least of three repeats, on the 2-core development
machine, 2026-11-30, load average 5 to 7 from other work: 7.5 and 7.1 us on RanReal_n120_ds_01
and _ss_01, 7.3 on Geo_n120_ds_01; 13.4 on RanReal_n240_ds_01 and 13.1 on Geo_n240_ds_01; fitted
as 1.3 us plus 0.05 us per person. `bench/grouping_mdgp.py --calibrate 50000` measures the same
on synthetic instances of equal groups.

Numpy steps, measured by `--calibrate 500` before the compiled steps, at a load average of 10.5:
91 us at 36 people, 110 at 60, 132 at 120, 169 at 180 and 306 at 240, fitted as 84 us plus
0.0036 us per pair; at a load average of 4 they took 45, 44, 68, 95 and 151 us.
"""

from __future__ import annotations

# A compiled step that prices this many swaps per person counts as a second step.
PRICED_PAIRS_PER_STEP_PER_PERSON = 34
COMPILED_FIXED_MICROSECONDS = 1.3
COMPILED_MICROSECONDS_PER_PERSON = 0.05
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
