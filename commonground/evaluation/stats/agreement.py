"""Share of respondents agreeing with a reaction or outcome statement."""

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean


@dataclass(frozen=True)
class Agreement:
    """How many answered, how many chose one of the top boxes, and the mean answer."""

    n: int
    agreeing: int
    percent_agreeing: float | None
    mean: float | None


def agreement(answers: Sequence[float], scale_maximum: float, top_boxes: int = 2) -> Agreement:
    """Count answers in the top `top_boxes` points of a Likert scale as agreeing.

    With the usual five points, "agree" and "strongly agree" are the top two.
    """
    threshold = scale_maximum - top_boxes + 1
    agreeing = sum(1 for a in answers if a >= threshold)
    n = len(answers)
    return Agreement(
        n=n,
        agreeing=agreeing,
        percent_agreeing=100 * agreeing / n if n else None,
        mean=fmean(answers) if n else None,
    )
