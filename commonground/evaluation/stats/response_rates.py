"""How many of those asked answered, per wave and rater type."""

from collections.abc import Sequence
from dataclasses import dataclass

from commonground.evaluation.stats.responses import RATER_TYPES, WAVES, Response


@dataclass(frozen=True)
class ResponseRate:
    """Invited and answered at one wave for one rater type; rate in 0..1."""

    wave: str
    rater_type: str
    invited: int
    responded: int
    rate: float | None


def response_rates(responses: Sequence[Response]) -> tuple[ResponseRate, ...]:
    """Response rates for every wave and rater type that appears in the responses.

    Every participant counts as invited to self-assess at every wave that
    appears at all, since the whole cohort is asked; 360 raters are only
    known from their rows, so for them a row without answers is an
    unanswered invitation.
    """
    participants = {r.participant for r in responses if r.rater_type == "self"}
    waves = [w for w in WAVES if any(r.wave == w for r in responses)]
    rates = []
    for wave in waves:
        for rater_type in RATER_TYPES:
            rows = [r for r in responses if r.wave == wave and r.rater_type == rater_type]
            if rater_type == "self":
                answered = {r.participant for r in rows if r.answered}
                invited, responded = len(participants), len(answered)
            else:
                invited, responded = len(rows), sum(1 for r in rows if r.answered)
            if invited:
                rate = responded / invited
                rates.append(ResponseRate(wave, rater_type, invited, responded, rate))
    return tuple(rates)
