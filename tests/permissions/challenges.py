"""Expected statuses for challenges, rankings, teams, the 100-day plan and the library.

The participant is in the current challenge's team; the sponsor owns the challenge; the alumnus
was in a past cohort of the programme, so sees its challenges in the library but not the
current cohort's page.
"""

from typing import Any

from tests.challenges.helpers import challenges
from tests.conftest import World
from tests.permissions import Case, statuses

# Anyone of the programme sees challenges and teams: staff, facilitators, participants, alumni,
# and the sponsor who owns the challenge.
SEE = statuses(
    404,
    anonymous=302,
    admin=200,
    staff=200,
    facilitator=200,
    participant=200,
    alumnus=200,
    sponsor=200,
)
# Only staff change; those who see are refused with 403.
CHANGE = {role: (403 if status == 200 else status) for role, status in SEE.items()} | {
    "admin": 200,
    "staff": 200,
}
# Team members and staff add updates, links and milestones; the others who see get 403.
CONTRIBUTE_POST = CHANGE | {"admin": 302, "staff": 302, "participant": 302}
CONTRIBUTE_GET = CHANGE | {"participant": 200}


def _team(world: World) -> dict[str, Any]:
    return {"pk": challenges(world).team.pk}


def _challenge(world: World) -> dict[str, Any]:
    return {"pk": challenges(world).current.pk}


def _cohort(world: World) -> dict[str, Any]:
    challenges(world)
    return {"pk": world.cohort.pk}


def _programme(world: World) -> dict[str, Any]:
    challenges(world)
    return {"slug": world.programme.slug}


CASES = [
    Case(
        "challenges:index",
        # The sponsor owns the current challenge: the page lists it (they cannot see the library).
        kwargs=lambda world: {k: v for k, v in _programme(world).items() if k != "slug"},
        expected=statuses(302, admin=200, sponsor=200, evaluator=404, board=404),
    ),
    Case(
        "challenges:library",
        kwargs=_programme,
        expected=statuses(
            404, anonymous=302, admin=200, staff=200, facilitator=200, participant=200, alumnus=200
        ),
    ),
    Case(
        "challenges:library_export",
        kwargs=lambda world: _programme(world) | {"fmt": "csv"},
        expected=statuses(
            404, anonymous=302, admin=200, staff=200, facilitator=200, participant=403, alumnus=403
        ),
    ),
    Case(
        "challenges:cohort_challenges",
        kwargs=_cohort,
        expected=statuses(
            404, anonymous=302, admin=200, staff=200, facilitator=200, participant=200
        ),
    ),
    Case(
        "challenges:challenge_new",
        kwargs=_cohort,
        expected=statuses(
            404, anonymous=302, admin=200, staff=200, facilitator=403, participant=403
        ),
    ),
    Case(
        "challenges:rank",
        kwargs=_cohort,
        expected=statuses(
            404, anonymous=302, admin=403, staff=403, facilitator=403, participant=200
        ),
    ),
    Case("challenges:challenge", kwargs=_challenge, expected=SEE),
    Case("challenges:challenge_edit", kwargs=_challenge, expected=CHANGE),
    Case("challenges:team_new", kwargs=_challenge, expected=CHANGE),
    Case("challenges:team", kwargs=_team, expected=SEE),
    Case("challenges:team_edit", kwargs=_team, expected=CHANGE),
    Case("challenges:showcase_edit", kwargs=_team, expected=CHANGE),
    Case(
        "challenges:update_new",
        kwargs=_team,
        method="post",
        data=lambda world: {"text": "We met the housing team."},
        expected=CONTRIBUTE_POST,
    ),
    Case(
        "challenges:link_new",
        kwargs=_team,
        method="post",
        data=lambda world: {"title": "Plan", "url": "https://example.org/plan", "kind": "document"},
        expected=CONTRIBUTE_POST,
    ),
    Case(
        "challenges:milestone_edit",
        kwargs=lambda world: {"pk": challenges(world).milestone.pk},
        expected=CONTRIBUTE_GET,
    ),
]

# The API reads as the pages do; a token replaces the session, anonymous callers get 401.
API_SEE = SEE | {"anonymous": 401}
CASES += [
    Case(
        "api:cohort-challenges",
        kwargs=lambda world: {"cohort_id": _cohort(world)["pk"]},
        expected=statuses(
            404, anonymous=401, admin=200, staff=200, facilitator=200, participant=200
        ),
    ),
    Case(
        "api:challenge",
        kwargs=lambda world: {"challenge_id": _challenge(world)["pk"]},
        expected=API_SEE,
    ),
]
