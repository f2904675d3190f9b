"""The moments a cohort is asked and who rates a participant, with the one set of words for each.

Pages, the board PDF, CSV exports and the command-line report all name waves and raters from
here, so "End of programme" and "Line manager" read the same everywhere. Nothing here needs a
database, so the command line uses it with no settings.
"""

from __future__ import annotations

from django.db import models

from commonground.evaluation.stats.raters import OTHERS
from commonground.lib.words import plural


class WaveKind(models.TextChoices):
    """The moments of the year a cohort is asked; the values are the statistics' wave names."""

    BASELINE = "baseline", "Baseline"
    MID = "mid", "Mid-point"
    END = "end", "End of programme"
    FOLLOW_UP_6 = "follow_up_6", "Follow-up after 6 months"
    FOLLOW_UP_12 = "follow_up_12", "Follow-up after 12 months"


def wave_sequence(kind: str) -> int:
    """Where a kind of wave falls in the year, to order two waves that open on the same day."""
    return WaveKind.values.index(kind) if kind in WaveKind.values else len(WaveKind.values)


# The statistics' name for the ratings given at the end looking back to before the programme.
LOOKED_BACK = "end_before"
LOOKED_BACK_LABEL = f"{WaveKind.END.label}, looking back to before"


class Relationship(models.TextChoices):
    """Who a 360 rater is to the participant; the values are the statistics' rater types."""

    MANAGER = "manager", "Line manager"
    PEER = "peer", "Peer"
    DIRECT_REPORT = "direct_report", "Direct report"


SELF = "self"
RATER_TYPE_LABELS = {SELF: "Self", **dict(Relationship.choices)}
OTHERS_LABEL = "All others"


def wave_label(wave: str) -> str:
    """The words for a wave the statistics name, the looked-back ratings included."""
    if wave == LOOKED_BACK:
        return LOOKED_BACK_LABEL
    return WaveKind(wave).label if wave in WaveKind.values else wave


def rater_label(rater_type: str) -> str:
    """The words for one rater: "Self", "Line manager", "Peer"."""
    if rater_type == OTHERS:
        return OTHERS_LABEL
    return RATER_TYPE_LABELS.get(rater_type, rater_type)


def rater_group_label(rater_type: str, number: int = 2) -> str:
    """The words for raters of one kind taken together: a participant has one line manager."""
    if rater_type in (SELF, OTHERS, Relationship.MANAGER):
        return rater_label(rater_type)
    return plural(number, rater_label(rater_type))
