"""Expected statuses for initiatives, indicators, stories, and the board's movement dashboard.

The alumnus leads the initiative, so adds indicators, values and stories; the participant is in
the programme but not involved, so reads only. Board viewers and evaluators read the dashboard,
not the initiatives' own pages.
"""

from typing import Any

from tests.conftest import World
from tests.initiatives.helpers import initiatives
from tests.permissions import Case, statuses

SEE = statuses(
    404, anonymous=302, admin=200, staff=200, facilitator=200, participant=200, alumnus=200
)
CHANGE = {role: (403 if status == 200 else status) for role, status in SEE.items()} | {
    "admin": 200,
    "staff": 200,
}
CONTRIBUTE = CHANGE | {"alumnus": 200}
CONTRIBUTE_POST = {role: (302 if status == 200 else status) for role, status in CONTRIBUTE.items()}
# A story still waiting for someone's consent: those doing the work (the lead) and staff only.
WAITING_STORY = SEE | {"facilitator": 404, "participant": 404}
DASHBOARD = statuses(
    404, anonymous=302, admin=200, staff=200, facilitator=200, evaluator=200, board=200
)


def _initiative(world: World) -> dict[str, Any]:
    return {"pk": initiatives(world).initiative.pk}


def _indicator(world: World) -> dict[str, Any]:
    return {"pk": initiatives(world).indicator.pk}


def _story(world: World) -> dict[str, Any]:
    return {"pk": initiatives(world).waiting.pk}


def _usable_story(world: World) -> dict[str, Any]:
    return {"pk": initiatives(world).usable.pk}


def _programme(world: World) -> dict[str, Any]:
    initiatives(world)
    return {"slug": world.programme.slug}


CASES = [
    Case(
        "initiatives:index",
        kwargs=lambda world: {k: v for k, v in _programme(world).items() if k != "slug"},
        # Everyone in some programme's cohort, and everyone who runs or facilitates one.
        expected=statuses(200, anonymous=302, sponsor=404, evaluator=404, board=404),
    ),
    Case(
        "initiatives:initiative_new",
        kwargs=_programme,
        expected=CHANGE,
    ),
    Case("initiatives:initiative", kwargs=_initiative, expected=SEE),
    Case("initiatives:initiative_edit", kwargs=_initiative, expected=CHANGE),
    Case("initiatives:indicator_new", kwargs=_initiative, expected=CONTRIBUTE),
    Case("initiatives:indicator", kwargs=_indicator, expected=SEE),
    Case("initiatives:value_new", kwargs=_indicator, expected=CONTRIBUTE),
    Case(
        "initiatives:value_new",
        kwargs=_indicator,
        method="post",
        data=lambda world: {
            "period_end-day": "30",
            "period_end-month": "6",
            "period_end-year": "2026",
            "value": "28",
        },
        expected=CONTRIBUTE_POST,
    ),
    Case("initiatives:values_import", kwargs=_indicator, expected=CONTRIBUTE),
    Case("initiatives:story_new", kwargs=_initiative, expected=CONTRIBUTE),
    Case("initiatives:story", kwargs=_usable_story, expected=SEE),
    Case("initiatives:story", kwargs=_story, expected=WAITING_STORY),
    Case("initiatives:story_edit", kwargs=_story, expected=CONTRIBUTE),
    Case("initiatives:story_consent", kwargs=_story, expected=CONTRIBUTE),
    Case("programmes:movement", kwargs=_programme, expected=DASHBOARD),
    Case("programmes:movement_pdf", kwargs=_programme, expected=DASHBOARD),
]

# The API reads as the pages do; a token replaces the session, anonymous callers get 401.
CASES += [
    Case(
        "api:programme-movement",
        kwargs=_programme,
        expected=DASHBOARD | {"anonymous": 401},
    ),
    Case(
        "api:programme-movement-figure",
        kwargs=lambda world: _programme(world) | {"key": "completed"},
        expected=DASHBOARD | {"anonymous": 401},
    ),
    Case(
        "api:initiative",
        kwargs=lambda world: {"initiative_id": _initiative(world)["pk"]},
        expected=SEE | {"anonymous": 401},
    ),
]
