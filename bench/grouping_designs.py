"""Benchmarks mixing plans on every case up to 60 people where a plan with no repeated pair is
known to exist (known_designs.KNOWN, at its most rounds), and on a few years longer than that:
repeats found against the lower bound, whether they are proven the fewest possible, seconds,
the method, and whether it met zero."""

from __future__ import annotations

import os
import sys
import time

from commonground.grouping.engine import GroupSizes, Participant, SolverSettings, plan_mixing
from commonground.grouping.engine.known_designs import KNOWN

# Years longer than any known design, where the plan can only keep repeats down.
LONGER = [(12, 3, 5), (15, 3, 8), (30, 6, 3), (36, 6, 4), (45, 5, 10), (45, 5, 11)]


def main() -> None:
    """Every case, or (to share a run between processes) cases START to STOP of the list."""
    bounds = [int(a) for a in sys.argv[1:3]]
    start = bounds[0] if bounds else 0
    stop = bounds[1] if len(bounds) > 1 else None
    # The default work limits decide every plan; the wall clock is only a safety net, wide enough
    # that a loaded machine does not cut the proof of the fewest repeats short.
    settings = SolverSettings(seed=0, time_limit=300)
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    heading = ["people", "size", "rounds", "repeats", "bound", "fewest", "seconds", "zero"]
    print(" ".join(f"{word:>7}" for word in heading), " method (source of the known case)")
    cases = [(n, k, known.rounds, known.source) for (n, k), known in sorted(KNOWN.items())]
    cases += [(n, k, r, "longer than any known design") for n, k, r in LONGER]
    cases = cases[start:stop]
    met = 0
    for people, size, rounds, source in cases:
        cohort = [Participant(f"P{i:02d}", {"organisation": f"O{i}"}) for i in range(people)]
        started = time.perf_counter()
        plan = plan_mixing(
            cohort, rounds, GroupSizes(target_size=size), rules=[], settings=settings
        )
        seconds = time.perf_counter() - started
        cut = " (time limit cut in)" if plan.stopped_by_time else ""
        zero = "yes" if plan.repeated_pairs == 0 else "no"
        # A plan reaching a valid lower bound has the fewest repeats possible.
        fewest = "proven" if plan.repeated_pairs == plan.lower_bound else "no"
        met += plan.repeated_pairs == 0 and (people, size, rounds) not in LONGER
        print(
            f"{people:>7} {size:>7} {rounds:>7} {plan.repeated_pairs:>7} {plan.lower_bound:>7} "
            f"{fewest:>7} {seconds:>7.1f} {zero:>7}  {plan.method}{cut} ({source})",
            flush=True,
        )
    print(f"zero repeats on {met} known cases of the {len(cases)} run")
    print("load average (1, 5, 15 min): " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
