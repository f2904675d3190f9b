"""Change between two waves cohort by cohort, to see whether the programme does better each year."""

from collections import defaultdict
from collections.abc import Mapping

from commonground.evaluation.stats.paired import PairedComparison, compare_paired

Participant = tuple[str, str]


def change_by_cohort(
    before: Mapping[Participant, float | None],
    after: Mapping[Participant, float | None],
    confidence: float = 0.95,
) -> dict[str, PairedComparison]:
    """Paired change per cohort, keyed by cohort name in sorted order (years sort as years)."""
    cohorts: dict[str, tuple[dict[Participant, float | None], dict[Participant, float | None]]]
    cohorts = defaultdict(lambda: ({}, {}))
    for participant, value in before.items():
        cohorts[participant[0]][0][participant] = value
    for participant, value in after.items():
        cohorts[participant[0]][1][participant] = value
    return {cohort: compare_paired(b, a, confidence) for cohort, (b, a) in sorted(cohorts.items())}
