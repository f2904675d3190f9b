"""How many local-search steps fill a stated number of seconds, so that a search sized in seconds
still stops on counted work and gives the same groups on a busy machine as on a quiet one.

A step prices every move and swap at once, so its cost grows with the pairs of people. Measured
on the 2-core development machine (CPU time per step, one thread, 2026-11-30): 57 us at 30 people,
70 at 60, 129 at 120 and 374 at 240, which is about 50 us plus 0.0056 us per pair.
"""

from __future__ import annotations

FIXED_MICROSECONDS = 50.0
MICROSECONDS_PER_PAIR = 0.0056


def steps_for(seconds: float, people: int) -> int:
    """The steps that take about `seconds` of CPU for this many people on that machine."""
    per_step = FIXED_MICROSECONDS + MICROSECONDS_PER_PAIR * people * people
    return max(1, int(seconds * 1_000_000 / per_step))
