"""A respondent's score on a theme: the mean of the theme's indicators they answered."""

from collections.abc import Mapping, Sequence
from statistics import fmean


def theme_score(
    ratings: Mapping[str, float], indicator_ids: Sequence[str], min_share: float = 0.5
) -> float | None:
    """Mean of the answered indicators, or None if fewer than `min_share` were answered.

    Requiring most of a theme keeps a score from resting on the one
    indicator a respondent happened to answer.
    """
    answered = [ratings[i] for i in indicator_ids if i in ratings]
    if not answered or len(answered) < min_share * len(indicator_ids):
        return None
    return fmean(answered)
