"""Times a proven-optimal balanced selection for 100, 500 and 2,000 applicants, ten rules each.

One CP-SAT worker (one core). The applicants are invented but shaped like Greater Essex: nine
sectors, three areas and sixty organisations, scores from panel marks out of 25 with two decimals.
"""

from __future__ import annotations

import argparse
import random
import time

from commonground.recruitment.selection import EACH, Candidate, Problem, Rule, select

SECTORS = (
    ("Local government", 30),
    ("Health and care", 20),
    ("Police and justice", 12),
    ("Fire and rescue", 6),
    ("Education", 10),
    ("Voluntary and community", 10),
    ("Central government", 5),
    ("Partnership", 4),
    ("Private sector", 3),
)
AREAS = (("Essex", 70), ("Southend", 15), ("Thurrock", 15))
RULES = (
    Rule("organisation", EACH, maximum=3),
    Rule("sector", "Health and care", minimum=6),
    Rule("sector", "Police and justice", minimum=4),
    Rule("sector", "Fire and rescue", minimum=2),
    Rule("sector", "Education", minimum=3),
    Rule("sector", "Voluntary and community", minimum=4),
    Rule("sector", "Local government", maximum=16),
    Rule("area", "Southend", minimum=6),
    Rule("area", "Thurrock", minimum=6),
    Rule("area", "Essex", maximum=34),
)


def applicants(n: int, seed: int) -> list[Candidate]:
    rng = random.Random(seed)
    organisations = {sector: [f"{sector} {i}" for i in range(1, 8)] for sector, _ in SECTORS}
    sectors = [s for s, _ in SECTORS]
    sector_weights = [w for _, w in SECTORS]
    areas = [a for a, _ in AREAS]
    area_weights = [w for _, w in AREAS]
    people = []
    for i in range(n):
        sector = rng.choices(sectors, sector_weights)[0]
        people.append(
            Candidate(
                id=i + 1,
                score=rng.randint(500, 2500),  # marks out of 25, in hundredths
                attributes={
                    "sector": sector,
                    "area": rng.choices(areas, area_weights)[0],
                    "organisation": rng.choice(organisations[sector]),
                },
            )
        )
    return people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,500,2000")
    parser.add_argument("--capacity", type=int, default=48)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    print(f"Balanced selection, {len(RULES)} rules, {args.capacity} places, one CP-SAT worker")
    header = ("applicants", "seed", "status", "objective", "binding", "time s")
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, (10, 5, 10, 10, 8, 7), strict=True)))
    for size in (int(s) for s in args.sizes.split(",")):
        times = []
        for seed in range(args.seeds):
            problem = Problem(applicants(size, seed), args.capacity, RULES)
            started = time.perf_counter()
            selection = select(problem, seconds=60, workers=1)
            seconds = time.perf_counter() - started
            times.append(seconds)
            print(
                f"{size:>10} {seed:>5} {selection.status:>10} {selection.objective:>10} "
                f"{len(selection.binding):>8} {seconds:>7.2f}",
                flush=True,
            )
        print(f"{size:>10} {'worst':>5} {'':>10} {'':>10} {'':>8} {max(times):>7.2f}")


if __name__ == "__main__":
    main()
