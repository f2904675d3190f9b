"""One questionnaire answered about one participant at one wave by one rater."""

from collections.abc import Mapping
from dataclasses import dataclass, field

WAVES = ("baseline", "mid", "end", "end_before", "follow_up_6", "follow_up_12")
RATER_TYPES = ("self", "manager", "peer", "direct_report")


@dataclass(frozen=True)
class Response:
    """A row of answers; `respondent` is the participant the answers are about.

    Participants are matched across waves by cohort and respondent, so the
    same id may be reused in another year's cohort. A row with no answers
    stands for an invitation that was not answered.
    """

    respondent: str
    wave: str
    rater_type: str
    cohort: str = ""
    ratings: Mapping[str, float] = field(default_factory=dict)
    comments: Mapping[str, str] = field(default_factory=dict)

    @property
    def participant(self) -> tuple[str, str]:
        return (self.cohort, self.respondent)

    @property
    def answered(self) -> bool:
        return bool(self.ratings or self.comments)
