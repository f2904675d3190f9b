"""Expected statuses for running the year: calendars, check-in, completion, messages."""

from typing import Any

from commonground.programmes.certificates import issue_certificate
from commonground.programmes.checkin import code_for
from commonground.programmes.models import Enrolment
from tests.conftest import World
from tests.permissions import Case, statuses

SIGNED_IN = statuses(200, anonymous=302)
PROGRAMME_WRITE = statuses(
    404, anonymous=302, admin=200, staff=200, facilitator=403, evaluator=403, board=403
)
COHORT_WRITE = statuses(404, anonymous=302, admin=200, staff=200, facilitator=403, participant=403)
COHORT_STAFF_READ = statuses(
    404, anonymous=302, admin=200, staff=200, facilitator=200, participant=403
)
# Forms sent with nothing in them: the page comes back with its errors.
COHORT_WRITE_POST = statuses(
    404, anonymous=302, admin=200, staff=200, facilitator=403, participant=403
)
REFUSED_WITHOUT_A_REASON = statuses(
    404, anonymous=302, admin=400, staff=400, facilitator=403, participant=403
)
REDIRECTS_FOR_STAFF = statuses(
    404, anonymous=302, admin=302, staff=302, facilitator=403, participant=403
)


def _cohort(world: World) -> dict[str, Any]:
    return {"pk": world.cohort.pk}


def _activity(world: World) -> dict[str, Any]:
    return {"pk": world.activity.pk}


def _enrolment(world: World) -> dict[str, Any]:
    return {"pk": world.enrolment.pk}


def _alumnus(world: World) -> dict[str, Any]:
    return {"pk": Enrolment.objects.get(person=world.alumnus_person).pk}


def _alumnus_certificate(world: World) -> dict[str, Any]:
    enrolment = Enrolment.objects.get(person=world.alumnus_person)
    issue_certificate(enrolment, by=None)
    return {"pk": enrolment.pk}


def _certificate_code(world: World) -> dict[str, Any]:
    enrolment = Enrolment.objects.get(person=world.alumnus_person)
    return {"code": issue_certificate(enrolment, by=None).code}


CASES = [
    # The calendar page needs a person: the admin and people with only a role have none.
    Case(
        "programmes:my_calendar",
        expected=statuses(
            200,
            anonymous=302,
            admin=404,
            staff=404,
            other_staff=404,
            facilitator=404,
            evaluator=404,
            board=404,
        ),
    ),
    Case(
        "programmes:calendar_feed_reset",
        method="post",
        expected=statuses(
            302, admin=404, staff=404, other_staff=404, facilitator=404, evaluator=404, board=404
        ),
    ),
    Case(
        "programmes:calendar_feed", kwargs=lambda world: {"token": "forged"}, expected=statuses(404)
    ),
    Case("programmes:calendar_copy", kwargs=_cohort, expected=COHORT_WRITE),
    Case(
        "programmes:calendar_copy",
        kwargs=_cohort,
        method="post",
        data=lambda world: {},
        expected=COHORT_WRITE_POST,
    ),
    # Cancelling, restoring and inviting: a GET, or a POST without confirm=yes, is the check
    # page; only the check page's confirming POST acts.
    *(
        case
        for name in ("activity_cancel", "activity_restore", "activity_invite")
        for case in (
            Case(f"programmes:{name}", kwargs=_activity, expected=COHORT_WRITE),
            Case(f"programmes:{name}", kwargs=_activity, method="post", expected=COHORT_WRITE),
            Case(
                f"programmes:{name}",
                kwargs=_activity,
                method="post",
                data=lambda world: {"confirm": "yes"},
                expected=REDIRECTS_FOR_STAFF,
            ),
        )
    ),
    Case(
        "programmes:checkin_code",
        kwargs=_activity,
        expected=statuses(
            404, anonymous=302, admin=200, staff=200, facilitator=200, participant=403
        ),
    ),
    Case(
        "programmes:apologies",
        kwargs=_activity,
        expected=statuses(
            404, anonymous=302, admin=403, staff=403, facilitator=403, participant=200
        ),
    ),
    Case(
        "programmes:apologies",
        kwargs=_activity,
        method="post",
        data=lambda world: {"reason": ""},
        expected=statuses(
            404, anonymous=302, admin=403, staff=403, facilitator=403, participant=302
        ),
    ),
    Case("programmes:checkin", expected=SIGNED_IN),
    # A code sent by someone who cannot use it comes back with the reason (400).
    Case(
        "programmes:checkin",
        method="post",
        data=lambda world: {"code": code_for(world.activity)},
        expected=statuses(400, anonymous=302),
    ),
    Case(
        "programmes:checkin_link",
        kwargs=lambda world: {"code": code_for(world.activity)},
        expected=statuses(404, anonymous=302),
    ),
    Case(
        "programmes:checkin_link",
        kwargs=lambda world: {"code": code_for(world.activity)},
        method="post",
        data=lambda world: {"code": code_for(world.activity)},
        expected=statuses(400, anonymous=302),
    ),
    Case("programmes:completion", kwargs=_cohort, expected=COHORT_STAFF_READ),
    Case(
        "programmes:completion_confirm",
        kwargs=_cohort,
        method="post",
        data=lambda world: {},
        expected=statuses(
            404, anonymous=302, admin=400, staff=400, facilitator=403, participant=403
        ),
    ),
    Case(
        "programmes:completion_export",
        kwargs=lambda world: {"pk": world.cohort.pk, "fmt": "csv"},
        expected=COHORT_STAFF_READ,
    ),
    Case(
        "programmes:completion_rules",
        kwargs=lambda world: {"slug": world.programme.slug},
        expected=PROGRAMME_WRITE,
    ),
    Case(
        "programmes:completion_rules",
        kwargs=lambda world: {"slug": world.programme.slug},
        method="post",
        data=lambda world: {},
        expected=PROGRAMME_WRITE,
    ),
    # Withdrawing, deferring, telling the sponsor and withdrawing a completion: a GET or a
    # POST without confirm=yes shows the check page; only its button acts.
    Case("programmes:enrolment_withdraw", kwargs=_enrolment, expected=COHORT_WRITE),
    Case(
        "programmes:enrolment_withdraw",
        kwargs=_enrolment,
        method="post",
        data=lambda world: {},
        expected=COHORT_WRITE,
    ),
    Case(
        "programmes:enrolment_withdraw",
        kwargs=_enrolment,
        method="post",
        data=lambda world: {"confirm": "yes"},
        expected=REFUSED_WITHOUT_A_REASON,
    ),
    Case("programmes:enrolment_defer", kwargs=_enrolment, expected=COHORT_WRITE),
    Case(
        "programmes:enrolment_defer",
        kwargs=_enrolment,
        method="post",
        data=lambda world: {},
        expected=REFUSED_WITHOUT_A_REASON,
    ),
    Case("programmes:notify_sponsor", kwargs=_enrolment, expected=COHORT_WRITE),
    Case("programmes:notify_sponsor", kwargs=_enrolment, method="post", expected=COHORT_WRITE),
    Case(
        "programmes:notify_sponsor",
        kwargs=_enrolment,
        method="post",
        data=lambda world: {"confirm": "yes"},
        expected=REDIRECTS_FOR_STAFF,
    ),
    # The alumnus's completion, in the past cohort they were a member of.
    Case(
        "programmes:completion_withdraw",
        kwargs=_alumnus,
        expected=statuses(404, anonymous=302, admin=200, staff=200, facilitator=403, alumnus=403),
    ),
    Case(
        "programmes:completion_withdraw",
        kwargs=_alumnus,
        method="post",
        data=lambda world: {"confirm": "yes"},
        expected=statuses(404, anonymous=302, admin=400, staff=400, facilitator=403, alumnus=403),
    ),
    # The holder and the programme's staff and facilitators; everyone else learns nothing.
    Case(
        "programmes:certificate_pdf",
        kwargs=_alumnus_certificate,
        expected=statuses(404, anonymous=302, admin=200, staff=200, facilitator=200, alumnus=200),
    ),
    Case("programmes:certificate_verify", kwargs=_certificate_code, expected=statuses(200)),
    Case("programmes:cohort_messages", kwargs=_cohort, expected=COHORT_WRITE),
    Case(
        "programmes:cohort_messages",
        kwargs=_cohort,
        method="post",
        data=lambda world: {},
        expected=statuses(
            404, anonymous=302, admin=400, staff=400, facilitator=403, participant=403
        ),
    ),
]

CASES += [
    # The API (bearer tokens): one's own calendar needs a person; completion is for staff.
    Case(
        "api:my-calendar",
        expected=statuses(
            200,
            anonymous=401,
            admin=404,
            staff=404,
            other_staff=404,
            facilitator=404,
            evaluator=404,
            board=404,
        ),
    ),
    Case(
        "api:cohort-completion",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        expected=statuses(404, anonymous=401, admin=200, staff=200, facilitator=200),
    ),
]
