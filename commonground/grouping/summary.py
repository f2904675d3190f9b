"""How mixed a grouping's groups are, in plain words, worked out from who is placed where.

"Every set has people from at least 4 sectors", "No two people in a set are from one
organisation", "Sets have 6 or 7 people", "The 2 pairs kept apart are apart": the grouping page
says these above the groups; the optimiser's own figures stay behind "Technical details".

Nothing here queries the database: it reads groups loaded with their placements, people and
organisations (`views/display.groups_with_members`) and the grouping's pair rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from commonground.directory.models import Area, Band
from commonground.lib.words import count_of, plural

from .models import Group, Grouping, Kind, PairKind, PairRule, Placement

# Qualities of a person counted in a group's mix: what the rule is called, the word for a
# value, how to say "from at least N of them", and how to read the value from a placement.
Reader = Callable[[Placement], str | None]


@dataclass(frozen=True)
class Quality:
    rule: str  # the key in the grouping's rules: "sector"
    word: str  # "sector"
    phrase: str  # "from" or "of": "people from 4 sectors", "people of 3 seniority bands"
    read: Reader


def _organisation_of(placement: Placement) -> str | None:
    organisation = placement.enrolment.person.organisation
    return organisation.label if organisation else None


def _sector_of(placement: Placement) -> str | None:
    organisation = placement.enrolment.person.organisation
    return organisation.sector if organisation and organisation.sector else None


def _area_of(placement: Placement) -> str | None:
    organisation = placement.enrolment.person.organisation
    return Area(organisation.area).label if organisation and organisation.area else None


def _band_of(placement: Placement) -> str | None:
    band = placement.enrolment.person.band
    return Band(band).label if band else None


SECTOR = Quality("sector", "sector", "from", _sector_of)
AREA = Quality("area", "area", "from", _area_of)
BAND = Quality("band", "seniority band", "of", _band_of)


@dataclass(frozen=True)
class Line:
    """One thing said about the groups; `met` is False where some groups fall short."""

    text: str
    met: bool = True


def noun(grouping: Grouping) -> str:
    """What one group of this grouping is called: a set, a team or a group."""
    if grouping.kind == Kind.LEARNING_SETS:
        return "set"
    if grouping.kind == Kind.CHALLENGE_TEAMS:
        return "team"
    return "group"


def summarise(
    grouping: Grouping, groups: Sequence[Group], pairs: Sequence[PairRule] = ()
) -> list[Line]:
    """What the page says about how mixed the groups are; empty when there are no groups."""
    if not groups:
        return []
    word = noun(grouping)
    several = len({group.round for group in groups}) > 1
    members = {group.pk: list(group.placements.all()) for group in groups}

    def name(group: Group) -> str:
        # A mixing plan's groups are named "Round 2, group 3" already.
        if several and "round" not in group.name.lower():
            return f"{group.name} (round {group.round})"
        return group.name

    lines = [_sizes(word, groups, members)]
    spread = grouping.rules.get("spread", {}) if isinstance(grouping.rules, dict) else {}
    lines.append(_colleagues(word, groups, members, name))
    for quality in (SECTOR, AREA, BAND):
        if quality is SECTOR or spread.get(quality.rule, {}).get("mode", "off") != "off":
            lines.append(_variety(word, quality, groups, members, name))
    lines += _pairs(word, groups, members, pairs, name)
    return [line for line in lines if line.text]


def _sizes(word: str, groups: Sequence[Group], members: dict[int, list[Placement]]) -> Line:
    """ "3 sets of 4 people each", "7 sets of 6 or 7 people", "4 groups of 5 people in each of
    3 rounds"."""
    sizes = sorted({len(members[group.pk]) for group in groups})
    rounds = len({group.round for group in groups})
    counted = count_of(len(groups) // rounds, word)
    each = f" in each of {rounds} rounds" if rounds > 1 else ""
    if len(sizes) == 1:
        return Line(
            f"{counted} of {count_of(sizes[0], 'person')}{' each' if not each else ''}{each}."
        )
    shown = ", ".join(str(size) for size in sizes[:-1]) + f" or {sizes[-1]}"
    return Line(f"{counted} of {shown} people{each}.")


def _colleagues(
    word: str,
    groups: Sequence[Group],
    members: dict[int, list[Placement]],
    name: Callable[[Group], str],
) -> Line:
    """Whether any group has two people from one organisation, and which."""
    shared = []
    for group in groups:
        counts = Counter(
            found for placement in members[group.pk] if (found := _organisation_of(placement))
        )
        repeated = [
            f"{times} from {organisation}"
            for organisation, times in sorted(counts.items())
            if times > 1
        ]
        if repeated:
            shared.append(f"{name(group)} has {_listed(repeated)}")
    if not shared:
        return Line(f"No two people in a {word} are from one organisation.")
    return Line(
        f"Some {word}s have people from one organisation together: {'; '.join(shared)}.",
        met=False,
    )


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _variety(
    word: str,
    quality: Quality,
    groups: Sequence[Group],
    members: dict[int, list[Placement]],
    name: Callable[[Group], str],
) -> Line:
    """ "Every set has people from at least 4 sectors", or which sets have fewer than the cohort
    allows. The most any grouping could give every group is the smaller of its size, the number
    of values in the cohort, and the values it has enough people of to share between the groups.
    """
    possibles = []
    by_round: dict[int, list[Group]] = {}
    for group in groups:
        by_round.setdefault(group.round, []).append(group)
    fewest = None
    short: list[str] = []
    for round_groups in by_round.values():
        seen = {
            group.pk: {v for p in members[group.pk] if (v := quality.read(p))}
            for group in round_groups
        }
        fewest_here = min(len(values) for values in seen.values())
        fewest = fewest_here if fewest is None else min(fewest, fewest_here)
        possible = _most_possible(quality, round_groups, members)
        for group in round_groups:
            if len(seen[group.pk]) < possible:
                values = sorted(seen[group.pk])
                some = ", ".join(values) if values else "none recorded"
                short.append(
                    f"{name(group)} has people {quality.phrase} "
                    f"{'only ' if values else ''}{count_of(len(values), quality.word)} ({some})"
                )
        possibles.append(possible)
    many = plural(2, quality.word)
    if short:
        most = min(possibles)
        return Line(
            f"Not every {word} has people {quality.phrase} {count_of(most, quality.word)}, "
            f"as the cohort's numbers would allow: {'; '.join(short)}.",
            met=False,
        )
    assert fewest is not None
    if fewest <= 1:
        return Line(
            f"Every {word} has people {quality.phrase} as many {many} as the cohort allows."
        )
    return Line(f"Every {word} has people {quality.phrase} at least {fewest} {many}.")


def _most_possible(
    quality: Quality, groups: Sequence[Group], members: dict[int, list[Placement]]
) -> int:
    people = [p for group in groups for p in members[group.pk]]
    counts = Counter(found for p in people if (found := quality.read(p)))
    if not counts or not groups:
        return 0
    smallest = min(len(members[group.pk]) for group in groups)
    shared = sum(min(count, len(groups)) for count in counts.values()) // len(groups)
    return min(len(counts), smallest, shared)


def _pairs(
    word: str,
    groups: Sequence[Group],
    members: dict[int, list[Placement]],
    pairs: Sequence[PairRule],
    name: Callable[[Group], str],
) -> list[Line]:
    """Whether the pairs to keep apart are apart, and those to keep together together."""
    where: dict[tuple[int, int], Group] = {}
    for group in groups:
        for placement in members[group.pk]:
            where[(group.round, placement.enrolment_id)] = group
    rounds = sorted({group.round for group in groups})
    lines = []
    for kind, kept, wrong in (
        (PairKind.APART, "apart are in different {word}s", "to be kept apart, are both in {where}"),
        (PairKind.TOGETHER, "together share a {word}", "to be kept together, are in {where}"),
    ):
        chosen = [pair for pair in pairs if pair.kind == kind]
        if not chosen:
            continue
        broken = []
        for pair in chosen:
            for number in rounds:
                first = where.get((number, pair.first_id))
                second = where.get((number, pair.second_id))
                if first is None or second is None:
                    continue
                together = first.pk == second.pk
                if together == (kind == PairKind.APART):
                    places = name(first) if together else f"{name(first)} and {name(second)}"
                    people = f"{pair.first.person.name} and {pair.second.person.name}"
                    broken.append(f"{people}, {wrong.format(where=places)}")
        if broken:
            lines.append(Line(f"{'; '.join(broken)}.", met=False))
        elif len(chosen) == 1:
            lines.append(Line(f"The two people to keep {kept.format(word=word)}."))
        else:
            lines.append(Line(f"All {len(chosen)} pairs to keep {kept.format(word=word)}."))
    return lines
