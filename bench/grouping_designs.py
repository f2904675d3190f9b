"""Benchmarks mixing plans: repeat meetings found against the lower bound, whether the plan is
proven to have the fewest possible, for cohorts up to 60."""

from __future__ import annotations

import os
import time

from commonground.grouping.engine import GroupSizes, Participant, SolverSettings, plan_mixing

# (people, group size, rounds): every Kirkman order up to 57, the Latin-square and affine-plane
# sizes, the cases with no known zero-repeat plan, and years longer than any design.
CASES = [
    (9, 3, 4),
    (12, 3, 4),
    (12, 3, 5),
    (15, 3, 7),
    (15, 3, 8),
    (16, 4, 5),
    (20, 4, 5),
    (21, 3, 10),
    (24, 4, 3),
    (25, 5, 6),
    (27, 3, 13),
    (30, 6, 3),
    (33, 3, 16),
    (36, 6, 3),
    (36, 6, 4),
    (39, 3, 19),
    (40, 5, 8),
    (45, 3, 22),
    (45, 5, 9),
    (48, 6, 8),
    (49, 7, 8),
    (51, 3, 25),
    (57, 3, 28),
    (60, 6, 2),
    (60, 5, 4),
]


def main() -> None:
    # The default work limits decide every plan; the wall clock is only a safety net, wide enough
    # that a loaded machine does not cut the proof of the fewest repeats short.
    settings = SolverSettings(seed=0, time_limit=300)
    print("load average:", " ".join(f"{load:.2f}" for load in os.getloadavg()))
    heading = ["people", "size", "rounds", "repeats", "bound", "fewest", "seconds"]
    print(" ".join(f"{word:>7}" for word in heading), " method")
    for people, size, rounds in CASES:
        cohort = [Participant(f"P{i:02d}", {"organisation": f"O{i}"}) for i in range(people)]
        started = time.perf_counter()
        plan = plan_mixing(
            cohort, rounds, GroupSizes(target_size=size), rules=[], settings=settings
        )
        seconds = time.perf_counter() - started
        cut = " (time limit cut in)" if plan.stopped_by_time else ""
        # A plan reaching a valid lower bound has the fewest repeats possible.
        fewest = "proven" if plan.repeated_pairs == plan.lower_bound else "no"
        print(
            f"{people:>7} {size:>7} {rounds:>7} {plan.repeated_pairs:>7} {plan.lower_bound:>7} "
            f"{fewest:>7} {seconds:>7.1f}  {plan.method}{cut}",
            flush=True,
        )
    print("load average:", " ".join(f"{load:.2f}" for load in os.getloadavg()))


if __name__ == "__main__":
    main()
