"""Expected statuses for the programme, cohort, enrolment, activity, register and export pages."""

from typing import Any

from tests.conftest import World
from tests.permissions import Case, statuses

# Programme staff change; facilitators, board viewers and evaluators know the programme exists.
PROGRAMME_WRITE = statuses(
    404, anonymous=302, admin=200, staff=200, facilitator=403, evaluator=403, board=403
)
# Cohort pages: staff change; facilitators and the cohort's own participants may look.
COHORT_WRITE = statuses(404, anonymous=302, admin=200, staff=200, facilitator=403, participant=403)
COHORT_READ = statuses(404, anonymous=302, admin=200, staff=200, facilitator=200, participant=200)


def _programme(world: World) -> dict[str, Any]:
    return {"slug": world.programme.slug}


def _cohort(world: World) -> dict[str, Any]:
    return {"pk": world.cohort.pk}


def _activity(world: World) -> dict[str, Any]:
    return {"pk": world.activity.pk}


# The staff home's longer lists: the programmes' staff (and the administrator) only.
STAFF_ONLY = statuses(404, anonymous=302, admin=200, staff=200, other_staff=200)

CASES = [
    Case("programmes:year", expected=STAFF_ONLY),
    Case(
        "programmes:attention",
        kwargs=lambda world: {"kind": "participant-without-a-sponsor"},
        expected=STAFF_ONLY,
    ),
    Case(
        "programmes:programme",
        kwargs=_programme,
        expected=statuses(
            404,
            anonymous=302,
            admin=200,
            staff=200,
            facilitator=200,
            evaluator=200,
            board=200,
        ),
    ),
    Case("programmes:programme_edit", kwargs=_programme, expected=PROGRAMME_WRITE),
    Case(
        "programmes:programme_edit",
        kwargs=_programme,
        method="post",
        data=lambda world: {"name": ""},
        expected=PROGRAMME_WRITE,
    ),
    Case("programmes:cohort_new", kwargs=_programme, expected=PROGRAMME_WRITE),
    Case(
        "programmes:cohort_new",
        kwargs=_programme,
        method="post",
        data=lambda world: {},
        expected=PROGRAMME_WRITE,
    ),
    Case("programmes:cohort", kwargs=_cohort, expected=COHORT_READ),
    Case(
        "programmes:cohort",
        kwargs=lambda world: {"pk": world.past_cohort.pk},
        expected=statuses(404, anonymous=302, admin=200, staff=200, facilitator=200, alumnus=200),
    ),
    # The cohort's parts: members see its participants and calendar; attendance is the team's.
    Case("programmes:cohort_participants", kwargs=_cohort, expected=COHORT_READ),
    Case(
        "programmes:cohort_participants",
        kwargs=lambda world: {"pk": world.past_cohort.pk},
        expected=statuses(404, anonymous=302, admin=200, staff=200, facilitator=200, alumnus=200),
    ),
    Case("programmes:cohort_calendar", kwargs=_cohort, expected=COHORT_READ),
    Case(
        "programmes:cohort_attendance", kwargs=_cohort, expected=COHORT_READ | {"participant": 403}
    ),
    Case("programmes:cohort_edit", kwargs=_cohort, expected=COHORT_WRITE),
    Case(
        "programmes:cohort_edit",
        kwargs=_cohort,
        method="post",
        data=lambda world: {},
        expected=COHORT_WRITE,
    ),
    Case("programmes:enrolment_new", kwargs=_cohort, expected=COHORT_WRITE),
    Case(
        "programmes:enrolment_new",
        kwargs=_cohort,
        method="post",
        data=lambda world: {},
        expected=COHORT_WRITE,
    ),
    Case(
        "programmes:enrolment_edit",
        kwargs=lambda world: {"pk": world.enrolment.pk},
        expected=COHORT_WRITE,
    ),
    Case("programmes:activity_new", kwargs=_cohort, expected=COHORT_WRITE),
    Case("programmes:activity", kwargs=_activity, expected=COHORT_READ),
    Case("programmes:activity_edit", kwargs=_activity, expected=COHORT_WRITE),
    Case(
        "programmes:register",
        kwargs=_activity,
        method="post",
        data=lambda world: {f"mark-{world.enrolment.pk}": "present"},
        expected=statuses(
            404, anonymous=302, admin=302, staff=302, facilitator=302, participant=403
        ),
    ),
    Case(
        "programmes:register",
        kwargs=_activity,
        method="get",
        expected=statuses(405, anonymous=302),
    ),
    Case(
        "programmes:cohort_participants_export",
        kwargs=lambda world: {"pk": world.cohort.pk, "fmt": "csv"},
        expected=COHORT_WRITE,
    ),
    Case(
        "programmes:cohort_attendance_export",
        kwargs=lambda world: {"pk": world.cohort.pk, "fmt": "xlsx"},
        expected=COHORT_READ | {"participant": 403},
    ),
]
