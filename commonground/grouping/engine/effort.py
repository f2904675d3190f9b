"""How many local-search steps fill a stated number of seconds, so that a search sized in seconds
still stops on counted work and gives the same groups on a busy machine as on a quiet one.

A step prices every move and swap at once, so its cost grows with the pairs of people. Measured
by `bench/grouping_mdgp.py --calibrate 500` on the 2-core development machine: the process's CPU
time (not the wall clock) over 500 steps, the least of five repeats, one thread, on instances like
the published ones, 2026-11-30 with a load average of 10.5 from other work on the machine: 91 us
at 36 people, 110 at 60, 132 at 120, 169 at 180 and 306 at 240, fitted as 84 us plus 0.0036 us per
pair. Other work still slows each step through the shared caches and cores: at that load the
previous engine's steps took 263 us at 120 people against 129 us measured on a quieter machine,
so on a quiet machine these budgets take less than the stated seconds.
"""

from __future__ import annotations

FIXED_MICROSECONDS = 84.0
MICROSECONDS_PER_PAIR = 0.0036


def steps_for(seconds: float, people: int) -> int:
    """The steps that take about `seconds` of CPU for this many people on that machine."""
    per_step = FIXED_MICROSECONDS + MICROSECONDS_PER_PAIR * people * people
    return max(1, int(seconds * 1_000_000 / per_step))
