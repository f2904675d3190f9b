"""Expected statuses for a programme's seniority ladder: its staff read and change it,
facilitators are refused, everyone else is told nothing."""

from commonground.directory.models import BandExample, Sector
from tests.conftest import World
from tests.permissions import Case, statuses

OPEN = statuses(404, anonymous=302, admin=200, staff=200, facilitator=403)
SAVED = statuses(404, anonymous=302, admin=302, staff=302, facilitator=403)


def _programme(world: World) -> dict[str, str]:
    return {"slug": world.programme.slug}


def _rung(world: World) -> dict[str, str]:
    return {"slug": world.programme.slug, "band": "director"}


def _example(world: World) -> dict[str, object]:
    example = BandExample.objects.create(
        programme=world.programme, sector=Sector.EDUCATION, title="Executive Head", band="director"
    )
    return {"slug": world.programme.slug, "pk": example.pk}


CASES = [
    Case("directory:ladder", kwargs=_programme, expected=OPEN),
    Case("directory:ladder_rung", kwargs=_rung, expected=OPEN),
    Case(
        "directory:ladder_rung",
        kwargs=_rung,
        method="post",
        data=lambda world: {"label": "Director or equivalent", "meaning": "On the executive team"},
        expected=SAVED,
    ),
    Case("directory:ladder_example_add", kwargs=_programme, expected=OPEN),
    Case(
        "directory:ladder_example_add",
        kwargs=_programme,
        method="post",
        data=lambda world: {
            "sector": Sector.EDUCATION,
            "title": "Multi-Academy Trust Chief Executive",
            "band": "chief_officer",
        },
        expected=SAVED,
    ),
    Case("directory:ladder_example", kwargs=_example, expected=OPEN),
    Case(
        "directory:ladder_example",
        kwargs=_example,
        method="post",
        data=lambda world: {
            "sector": Sector.EDUCATION,
            "title": "Executive Head",
            "band": "director",
        },
        expected=SAVED,
    ),
    Case("directory:ladder_example_remove", kwargs=_example, method="post", expected=SAVED),
    Case(
        "directory:ladder_example_remove",
        kwargs=_example,
        expected=statuses(405, anonymous=302),
    ),
]
