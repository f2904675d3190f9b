"""Turns a cohort's enrolments and a grouping's saved rules into the engine's plain data.

Each participant gets the attributes organisation, sector, area, band (seniority band, as a
label) and seniority (the band as a number, 0 for the most senior, for balancing). Participants
are named by their name, so the engine's messages ("keep apart Ann Smith, Raj Patel") read as
staff would write them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from commonground.directory.models import Area, Band
from commonground.programmes.models import Cohort, Enrolment, EnrolmentStatus

from .engine import (
    BalanceNumber,
    DoNotIsolate,
    GroupSizes,
    KeepApart,
    KeepTogether,
    Participant,
    Pin,
    Rule,
    SpreadAttribute,
)

# The attributes staff may spread; each shows in a group's mix.
SPREADABLE = {
    "organisation": "Organisation",
    "sector": "Sector",
    "area": "Area",
    "band": "Seniority band",
}
# Numbers staff may balance between groups.
BALANCEABLE = {"seniority": "Seniority (band, 0 for chief officers)"}
MODES = ("hard", "weighted", "off")
NO_BAND = "Not recorded"


@dataclass(frozen=True)
class Roster:
    """The people to group, in a fixed order, with the engine's id for each enrolment."""

    participants: tuple[Participant, ...]
    enrolments: tuple[Enrolment, ...]
    ids: Mapping[int, str]
    enrolment_ids: Mapping[str, int]


def enrolments_to_group(cohort: Cohort) -> list[Enrolment]:
    """Everyone who holds a place in the cohort (active, or completed in a past cohort)."""
    return list(
        Enrolment.objects.filter(cohort=cohort, status__in=EnrolmentStatus.TAKING_A_PLACE)
        .select_related("person__organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def roster(enrolments: Sequence[Enrolment]) -> Roster:
    """Participants named by their name; two people with one name are told apart by number."""
    names = [e.person.name for e in enrolments]
    repeated = {name for name in names if names.count(name) > 1}
    participants = []
    for enrolment, name in zip(enrolments, names, strict=True):
        shown = f"{name} (#{enrolment.pk})" if name in repeated else name
        participants.append(Participant(shown, attributes(enrolment, shown)))
    return Roster(
        tuple(participants),
        tuple(enrolments),
        ids={e.pk: p.id for e, p in zip(enrolments, participants, strict=True)},
        enrolment_ids={p.id: e.pk for e, p in zip(enrolments, participants, strict=True)},
    )


def attributes(enrolment: Enrolment, shown: str) -> dict[str, str | float]:
    person = enrolment.person
    organisation = person.organisation
    band = person.band or Band.OTHER
    return {
        # Nobody without a recorded organisation is counted as a colleague of anyone else.
        "organisation": organisation.label if organisation else f"No organisation ({shown})",
        "sector": organisation.sector if organisation else "Not recorded",
        "area": Area(organisation.area).label if organisation else "Not recorded",
        "band": Band(person.band).label if person.band else NO_BAND,
        "seniority": float(Band.rank(band)),
    }


def diversity_weights(saved: Mapping[str, Any]) -> dict[str, float]:
    """Diversity counts each attribute being spread, by its weight; hard spreads count once."""
    weights = {}
    for attribute, setting in saved.get("spread", {}).items():
        if setting.get("mode") == "hard":
            weights[attribute] = 1.0
        elif setting.get("mode") == "weighted":
            weights[attribute] = float(setting.get("weight", 1.0))
    return weights


def engine_rules(
    saved: Mapping[str, Any],
    pairs: Iterable[tuple[str, str, str, str]] = (),
    pins: Iterable[tuple[str, int]] = (),
) -> list[Rule]:
    """The saved rules, the pairs (kind, first, second, reason) and the pins (person, group)."""
    rules: list[Rule] = []
    for attribute, setting in saved.get("spread", {}).items():
        mode = setting.get("mode", "off")
        if mode != "off":
            rules.append(
                SpreadAttribute(
                    attribute, hard=mode == "hard", weight=float(setting.get("weight", 1.0))
                )
            )
    for item in saved.get("do_not_isolate", []):
        rules.append(
            DoNotIsolate(
                item["attribute"],
                str(item["value"]),
                hard=bool(item.get("hard")),
                weight=float(item.get("weight", 1.0)),
            )
        )
    for item in saved.get("balance", []):
        tolerance = item.get("tolerance")
        rules.append(
            BalanceNumber(
                item["attribute"],
                hard=bool(item.get("hard")) and tolerance is not None,
                weight=float(item.get("weight", 1.0)),
                tolerance=None if tolerance is None else float(tolerance),
            )
        )
    for kind, first, second, reason in pairs:
        pair = KeepApart if kind == "apart" else KeepTogether
        rules.append(pair((first, second), reason=reason))
    rules += [Pin(person, group) for person, group in pins]
    return rules


def group_sizes(group_count: int | None, target_size: int | None) -> GroupSizes:
    if group_count:
        return GroupSizes(groups=group_count)
    return GroupSizes(target_size=target_size)


def isolation_choices(enrolments: Sequence[Enrolment]) -> list[tuple[str, str]]:
    """Values present in the cohort that staff may ask not to leave alone, as attribute:value."""
    present: dict[str, set[str]] = {name: set() for name in ("sector", "area", "band")}
    for enrolment in enrolments:
        values = attributes(enrolment, "")
        for name, found in present.items():
            found.add(str(values[name]))
    return [
        (f"{name}:{value}", f"{SPREADABLE[name]}: {value}")
        for name, found in present.items()
        for value in sorted(found)
    ]
