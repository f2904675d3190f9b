"""Expected statuses for the progression report: anyone with a role in the programme reads it
and its PDF (small numbers hidden except from staff); only its staff import posts."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import World
from tests.permissions import Case, statuses

READERS = statuses(
    404, anonymous=302, admin=200, staff=200, facilitator=200, evaluator=200, board=200
)
IMPORTERS = statuses(
    404, anonymous=302, admin=200, staff=200, facilitator=403, evaluator=403, board=403
)
# A file with problems answers 400 to those who may import; with no file waiting, the check
# and confirm steps send them back to the upload form.
BAD_FILE = {**IMPORTERS, "admin": 400, "staff": 400}
NOTHING_WAITING = {**IMPORTERS, "admin": 302, "staff": 302}


def _programme(world: World) -> dict[str, str]:
    return {"slug": world.programme.slug}


def _bad_file(world: World) -> dict[str, object]:
    # A file with a problem: the page lists it and writes nothing, whoever may import.
    content = (
        b"email,organisation,title,started_on\nnobody@example.org,Nowhere,Director,2020-01-01\n"
    )
    return {"file": SimpleUploadedFile("posts.csv", content, content_type="text/csv")}


CASES = [
    Case("progression:report", kwargs=_programme, expected=READERS),
    Case("progression:report_pdf", kwargs=_programme, expected=READERS),
    Case("progression:import_posts", kwargs=_programme, expected=IMPORTERS),
    Case(
        "progression:import_posts",
        kwargs=_programme,
        method="post",
        data=_bad_file,
        expected=BAD_FILE,
    ),
    Case("progression:import_posts_check", kwargs=_programme, expected=NOTHING_WAITING),
    Case(
        "progression:import_posts_confirm",
        kwargs=_programme,
        method="post",
        data=lambda world: {"token": "none"},
        expected=NOTHING_WAITING,
    ),
    Case(
        "progression:import_posts_confirm",
        kwargs=_programme,
        expected=statuses(405, anonymous=302),
    ),
    Case(
        "api:progression",
        kwargs=lambda world: {"slug": world.programme.slug},
        expected=statuses(
            404, anonymous=401, admin=200, staff=200, facilitator=200, evaluator=200, board=200
        ),
    ),
]
