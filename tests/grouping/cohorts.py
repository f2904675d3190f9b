"""Small invented cohorts shared by the grouping tests."""

from __future__ import annotations

import random

from commonground.grouping.engine import Participant

ORGANISATIONS = [
    ("Essex County Council", "Local government", "Essex"),
    ("Southend Council", "Local government", "Southend"),
    ("Thurrock Council", "Local government", "Thurrock"),
    ("Essex Police", "Police and justice", "Greater Essex"),
    ("ECFRS", "Fire and rescue", "Greater Essex"),
    ("MSEFT", "Health and care", "Greater Essex"),
    ("EPUT", "Health and care", "Greater Essex"),
    ("University of Essex", "Education", "Essex"),
    ("SAVS", "Voluntary and community", "Southend"),
    ("Thurrock CVS", "Voluntary and community", "Thurrock"),
]


def cohort(size: int, seed: int = 0, organisations: int = len(ORGANISATIONS)) -> list[Participant]:
    rng = random.Random(seed)
    people = []
    for i in range(size):
        organisation, sector, area = ORGANISATIONS[i % organisations]
        attributes: dict[str, str | float] = {
            "organisation": organisation,
            "sector": sector,
            "area": area,
            "gender": rng.choice(["female", "male"]),
            "years": float(rng.randint(1, 25)),
        }
        people.append(Participant(f"P{i:02d}", attributes))
    return people
