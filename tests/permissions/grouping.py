"""Expected statuses for groupings: staff change them, facilitators look, participants see only
their own published groups on "My groups", everyone else gets 404."""

from typing import Any

from commonground.directory.models import Person
from commonground.grouping.models import Group, Grouping, PairRule, Placement
from commonground.programmes.models import Enrolment
from tests.conftest import World
from tests.permissions import Case, statuses

READ = statuses(404, anonymous=302, admin=200, staff=200, facilitator=200)
WRITE = statuses(404, anonymous=302, admin=200, staff=200, facilitator=403)
WRITE_THEN_BACK = statuses(404, anonymous=302, admin=302, staff=302, facilitator=403)
API_READ = statuses(404, anonymous=401, admin=200, staff=200, facilitator=200)


def _grouping(world: World) -> Grouping:
    """One grouping of the running cohort with a group, a placed person and a pair rule."""
    found = Grouping.objects.filter(cohort=world.cohort).first()
    if found is not None:
        return found
    grouping = Grouping.objects.create(cohort=world.cohort, name="Learning sets", group_count=1)
    group = Group.objects.create(grouping=grouping, number=1, name="Set 1")
    Placement.objects.create(group=group, enrolment=world.enrolment)
    other = Person.objects.create(first_name="Kim", last_name="Colleague", email="kim@example.org")
    PairRule.objects.create(
        grouping=grouping,
        first=world.enrolment,
        second=Enrolment.objects.create(person=other, cohort=world.cohort),
    )
    return grouping


def _cohort(world: World) -> dict[str, Any]:
    return {"pk": world.cohort.pk}


def _one(world: World) -> dict[str, Any]:
    return {"pk": _grouping(world).pk}


def _placement(world: World) -> dict[str, Any]:
    return {"pk": Placement.objects.get(group__grouping=_grouping(world)).pk}


def _pair(world: World) -> dict[str, Any]:
    return {"pk": PairRule.objects.get(grouping=_grouping(world)).pk}


def _post(name: str, kwargs: Any, expected: dict[str, int]) -> Case:
    return Case(f"grouping:{name}", kwargs=kwargs, method="post", expected=expected)


CASES = [
    Case("grouping:cohort_groupings", kwargs=_cohort, expected=READ),
    Case(
        "grouping:cohort_groupings",
        kwargs=lambda world: {"pk": world.other_cohort.pk},
        expected=statuses(404, anonymous=302, admin=200, other_staff=200),
    ),
    Case("grouping:grouping_new", kwargs=_cohort, expected=WRITE),
    _post("grouping_new", _cohort, WRITE),
    Case("grouping:grouping", kwargs=_one, expected=READ),
    Case("grouping:grouping_edit", kwargs=_one, expected=WRITE),
    _post("grouping_edit", _one, WRITE),
    Case("grouping:grouping_progress", kwargs=_one, expected=READ),
    _post("grouping_run", _one, WRITE_THEN_BACK),
    _post("grouping_replan", _one, WRITE_THEN_BACK),
    # Publishing and unpublishing show the check page first; only its confirmation acts.
    Case("grouping:grouping_publish", kwargs=_one, expected=WRITE),
    _post("grouping_publish", _one, WRITE),
    Case(
        "grouping:grouping_publish",
        kwargs=_one,
        method="post",
        data=lambda world: {"confirm": "yes"},
        expected=WRITE_THEN_BACK,
    ),
    Case("grouping:grouping_unpublish", kwargs=_one, expected=WRITE),
    _post("grouping_unpublish", _one, WRITE),
    Case(
        "grouping:grouping_unpublish",
        kwargs=_one,
        method="post",
        data=lambda world: {"confirm": "yes"},
        expected=WRITE_THEN_BACK,
    ),
    _post("grouping_duplicate", _one, WRITE_THEN_BACK),
    Case(
        "grouping:grouping_export",
        kwargs=lambda world: {**_one(world), "fmt": "csv"},
        expected=READ,
    ),
    Case("grouping:pair_new", kwargs=_one, expected=WRITE),
    _post("pair_new", _one, WRITE),
    _post("pair_delete", _pair, WRITE_THEN_BACK),
    Case("grouping:placement_move", kwargs=_placement, expected=WRITE),
    _post("placement_move", _placement, WRITE),
    _post("placement_pin", _placement, WRITE_THEN_BACK),
    Case("grouping:mine", expected=statuses(200, anonymous=302)),
]

API_WRITE = statuses(404, anonymous=401, admin=400, staff=400, facilitator=403)

CASES += [
    Case(
        "api:cohort-groupings",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        expected=API_READ,
    ),
    # The matrix sends a form, not JSON: staff pass the access check, then get 400.
    Case(
        "api:cohort-groupings",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        method="post",
        expected=API_WRITE,
    ),
    Case(
        "api:grouping",
        kwargs=lambda world: {"grouping_id": _grouping(world).pk},
        expected=API_READ,
    ),
    Case(
        "api:grouping-run",
        kwargs=lambda world: {"grouping_id": _grouping(world).pk},
        method="post",
        expected=statuses(404, anonymous=401, admin=202, staff=202, facilitator=403),
    ),
]
