"""Expected statuses for mentoring: the programme team's matching, the alumnus who volunteers
and mentors, the participant who asks and is mentored.

In the world the alumnus mentors the participant (introduced). Staff change the matching and
facilitators read it; members of the cohort who may not see it are refused (403); everyone else
gets 404.
"""

from typing import Any

from tests.conftest import World
from tests.mentoring.helpers import mentoring
from tests.permissions import Case, statuses

TEAM_READS = statuses(404, anonymous=302, admin=200, staff=200, facilitator=200, participant=403)
TEAM_CHANGES = TEAM_READS | {"facilitator": 403}


def _cohort(world: World) -> dict[str, Any]:
    mentoring(world)
    return {"pk": world.cohort.pk}


def _request(world: World) -> dict[str, Any]:
    return {"pk": mentoring(world, introduced=False).request.pk}


def _match(world: World) -> dict[str, Any]:
    return {"pk": mentoring(world).match.pk}


CASES = [
    Case("mentoring:mine", expected=statuses(200, anonymous=302)),
    Case(
        "mentoring:volunteer",
        kwargs=lambda world: {"slug": world.programme.slug},
        expected=statuses(404, anonymous=302, alumnus=200),
    ),
    Case(
        "mentoring:ask",
        kwargs=_cohort,
        expected=statuses(
            404, anonymous=302, admin=403, staff=403, facilitator=403, participant=200
        ),
    ),
    Case(
        "mentoring:not_working",
        kwargs=_match,
        expected=statuses(404, anonymous=302, admin=200, staff=200, participant=200, alumnus=200),
    ),
    Case("mentoring:cohort", kwargs=_cohort, expected=TEAM_READS),
    Case(
        "mentoring:run",
        kwargs=_cohort,
        method="post",
        expected=TEAM_CHANGES | {"admin": 302, "staff": 302},
    ),
    Case("mentoring:publish", kwargs=_cohort, expected=TEAM_CHANGES),
    Case("mentoring:assign", kwargs=_request, expected=TEAM_CHANGES),
    Case(
        "api:cohort-mentoring",
        kwargs=lambda world: {"cohort_id": _cohort(world)["pk"]},
        expected=statuses(
            404, anonymous=401, admin=200, staff=200, facilitator=200, participant=403
        ),
    ),
    Case("api:my-mentoring", expected=statuses(200, anonymous=401)),
]
