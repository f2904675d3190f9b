"""Expected statuses for recruitment: public rounds, applicants' own pages, the panel, staff."""

from typing import Any

from tests.conftest import World
from tests.permissions import Case, statuses
from tests.recruitment.fixtures import SPONSOR_TOKEN, recruitment

EVERYONE = statuses(200)
STAFF_ONLY = statuses(404, anonymous=302, admin=200, staff=200, facilitator=403)
STAFF_POST = statuses(404, anonymous=302, admin=302, staff=302, facilitator=403)
OWNER = statuses(404, anonymous=302, participant=200)
HAS_PERSON = statuses(404, anonymous=302, sponsor=200, participant=200, alumnus=200, outsider=200)


def _round(world: World) -> dict[str, Any]:
    return {"pk": recruitment(world).round.pk}


def _application(world: World) -> dict[str, Any]:
    return {"pk": recruitment(world).application.pk}


def _sponsor_link(world: World) -> dict[str, Any]:
    recruitment(world)
    return {"token": SPONSOR_TOKEN}


CASES = [
    Case("recruitment:index", expected=statuses(200, anonymous=302)),
    Case("recruitment:rounds", expected=EVERYONE),
    Case("recruitment:round", kwargs=_round, expected=EVERYONE),
    Case("recruitment:start", kwargs=_round, expected=EVERYONE),
    Case(
        "recruitment:nominate",
        kwargs=_round,
        expected=statuses(403, anonymous=302, sponsor=200),
    ),
    Case(
        "recruitment:continue", kwargs=lambda world: {"token": "not-a-link"}, expected=statuses(404)
    ),
    Case(
        "recruitment:endorse", kwargs=lambda world: {"token": "not-a-link"}, expected=statuses(404)
    ),
    Case(
        "recruitment:endorse",
        kwargs=_sponsor_link,
        expected=EVERYONE,
    ),
    Case("recruitment:mine", expected=statuses(200, anonymous=302)),
    Case("recruitment:my_data", kwargs=lambda world: {"fmt": "json"}, expected=HAS_PERSON),
    Case("recruitment:application", kwargs=_application, expected=OWNER),
    Case("recruitment:withdraw", kwargs=_application, expected=OWNER),
    Case("recruitment:equality", kwargs=_application, expected=OWNER),
    Case("recruitment:offer", kwargs=_application, expected=OWNER),
    Case(
        "recruitment:next_year",
        kwargs=_application,
        method="post",
        expected=statuses(404, anonymous=302, participant=302),
    ),
    Case(
        "recruitment:panel",
        kwargs=_round,
        expected=statuses(404, anonymous=302, admin=200, staff=200),
    ),
    Case(
        "recruitment:review",
        kwargs=_application,
        expected=statuses(404, anonymous=302, admin=200, staff=200),
    ),
    Case(
        "recruitment:round_new",
        kwargs=lambda world: {"pk": world.cohort.pk},
        expected=statuses(
            404, anonymous=302, admin=200, staff=200, facilitator=403, participant=403
        ),
    ),
    Case("recruitment:manage", kwargs=_round, expected=STAFF_ONLY),
    Case("recruitment:round_edit", kwargs=_round, expected=STAFF_ONLY),
    Case(
        "recruitment:rule_add",
        kwargs=_round,
        method="post",
        expected=statuses(404, anonymous=302, admin=400, staff=400, facilitator=403),
    ),
    Case(
        "recruitment:rule_delete",
        kwargs=lambda world: {"pk": recruitment(world).rule.pk},
        method="post",
        expected=STAFF_POST,
    ),
    Case(
        "recruitment:panel_member_add",
        kwargs=_round,
        method="post",
        expected=statuses(404, anonymous=302, admin=400, staff=400, facilitator=403),
    ),
    Case(
        "recruitment:panel_member_remove",
        kwargs=lambda world: {"pk": recruitment(world).member.pk},
        method="post",
        expected=STAFF_POST,
    ),
    Case("recruitment:applications", kwargs=_round, expected=STAFF_ONLY),
    Case(
        "recruitment:applications_export",
        kwargs=lambda world: {**_round(world), "fmt": "xlsx"},
        expected=STAFF_ONLY,
    ),
    Case("recruitment:staff_application", kwargs=_application, expected=STAFF_ONLY),
    # The round is open, so asking for a proposal shows the override's check page first.
    Case("recruitment:propose", kwargs=_round, method="post", expected=STAFF_ONLY),
    Case(
        "recruitment:proposal",
        kwargs=lambda world: {"pk": recruitment(world).proposal.pk},
        expected=STAFF_ONLY,
    ),
    Case(
        "recruitment:proposal_change",
        kwargs=lambda world: {"pk": recruitment(world).proposal.pk},
        method="post",
        expected=STAFF_POST,
    ),
    # Offers were made in the setup, so the check page sends staff back to the round.
    Case(
        "recruitment:proposal_confirm",
        kwargs=lambda world: {"pk": recruitment(world).proposal.pk},
        expected=STAFF_POST,
    ),
    # A check page: nothing happens until its button is pressed.
    Case("recruitment:close_waiting_list", kwargs=_round, expected=STAFF_ONLY),
    Case("recruitment:equality_report", kwargs=_round, expected=STAFF_ONLY),
    Case("api:recruitment-rounds", expected=statuses(200, anonymous=401)),
    Case(
        "api:recruitment-applications",
        kwargs=lambda world: {"round_id": recruitment(world).round.pk},
        expected=statuses(404, anonymous=401, admin=200, staff=200, facilitator=403),
    ),
    Case(
        "api:recruitment-proposal",
        kwargs=lambda world: {"round_id": recruitment(world).round.pk},
        expected=statuses(404, anonymous=401, admin=200, staff=200, facilitator=403),
    ),
]
