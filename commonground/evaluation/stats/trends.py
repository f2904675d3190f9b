"""Change between two waves cohort by cohort, to see whether the programme does better each year."""

import math
from collections.abc import Mapping

import numpy as np

from commonground.evaluation.stats.paired import PairedComparison
from commonground.evaluation.stats.paired_groups import compare_groups
from commonground.evaluation.stats.report_input import Pairs, Participant

__all__ = ["Participant", "change_by_cohort", "change_by_cohort_of"]


def change_by_cohort(
    before: Mapping[Participant, float | None],
    after: Mapping[Participant, float | None],
    confidence: float = 0.95,
) -> dict[str, PairedComparison]:
    """Paired change per cohort, keyed by cohort name in sorted order (years sort as years).

    Each cohort's comparison is the one `compare_paired` makes of that cohort's ratings alone;
    all the cohorts are compared at once (`paired_groups`), since a national programme has
    hundreds of them.
    """
    names = sorted({p[0] for p in before} | {p[0] for p in after})
    code = {name: at for at, name in enumerate(names)}
    rated_after = {k: float(v) for k, v in after.items() if v is not None and _rated(v)}
    groups, first, second = [], [], []
    incomplete = [0] * len(names)
    for participant, value in before.items():
        if not _rated(value):
            continue
        later = rated_after.get(participant)
        if later is None:
            incomplete[code[participant[0]]] += 1
        else:
            groups.append(code[participant[0]])
            first.append(float(value))  # type: ignore[arg-type]
            second.append(later)
    for participant in rated_after:
        if not _rated(before.get(participant)):
            incomplete[code[participant[0]]] += 1
    compared = compare_groups(
        np.asarray(groups, dtype=np.intp),
        np.asarray(first, dtype=float),
        np.asarray(second, dtype=float),
        incomplete,
        confidence,
    )
    return dict(zip(names, compared, strict=True))


def change_by_cohort_of(
    names: list[str], pairs: Pairs, confidence: float = 0.95
) -> dict[str, PairedComparison]:
    """`change_by_cohort` of pairs already matched (`ReportInput.pairs`), for the cohorts
    anyone was asked in at either wave."""
    shown = pairs.cohorts
    compared = compare_groups(
        np.searchsorted(shown, pairs.cohort),
        pairs.before,
        pairs.after,
        pairs.incomplete_by_cohort[shown].tolist(),
        confidence,
    )
    return {names[place]: c for place, c in zip(shown.tolist(), compared, strict=True)}


def _rated(value: float | None) -> bool:
    return value is not None and not math.isnan(value)
