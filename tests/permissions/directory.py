"""Expected statuses for the directory: staff change it, facilitators read it, others see only
their own record or their sponsee's."""

from urllib.parse import urlsplit

from commonground.directory.career_checks import link_for
from commonground.directory.models import Band, Post
from tests.conftest import World
from tests.permissions import Case, statuses

# Programme staff and facilitators share the directory; the facilitator may only read it. Staff
# of another programme share it too, though they see none of this programme's enrolments.
READ = statuses(404, anonymous=302, admin=200, staff=200, other_staff=200, facilitator=200)
WRITE = statuses(404, anonymous=302, admin=200, staff=200, other_staff=200, facilitator=403)
# A saved form redirects to the record.
SAVED = statuses(404, anonymous=302, admin=302, staff=302, other_staff=302, facilitator=403)
# Asking for an export goes to its progress page; facilitators may read, so may export.
ASKED = statuses(404, anonymous=302, admin=302, staff=302, other_staff=302, facilitator=302)


def _organisation(world: World) -> dict[str, int]:
    return {"pk": world.organisation.pk}


def _participant(world: World) -> dict[str, int]:
    return {"pk": world.participant_person.pk}


def _participant_post(world: World) -> dict[str, int]:
    post = Post.objects.create(
        person=world.participant_person,
        organisation=world.other_organisation,
        title="Chief Inspector",
        band=Band.HEAD_OF_SERVICE,
        started_on="2020-04-01",
    )
    return {"pk": post.pk}


def _alumnus_post(world: World) -> dict[str, int]:
    post = Post.objects.create(
        person=world.alumnus_person,
        organisation=world.organisation,
        title="Head of Service",
        band=Band.HEAD_OF_SERVICE,
        started_on="2020-04-01",
    )
    return {"pk": post.pk}


def _still_in_role_link(world: World) -> dict[str, str]:
    return {"token": urlsplit(link_for(world.alumnus_person)).path.split("/")[-2]}


OWN_POST = statuses(404, anonymous=302, alumnus=200)

CASES = [
    Case("directory:organisations", expected=READ),
    Case("directory:organisation_names", expected=READ),
    Case("directory:organisations_export", kwargs=lambda world: {"fmt": "csv"}, expected=READ),
    Case("directory:organisation", kwargs=_organisation, expected=READ),
    Case("directory:organisation_new", expected=WRITE),
    Case(
        "directory:organisation_new",
        method="post",
        data=lambda world: {"name": ""},
        expected=WRITE,
    ),
    Case("directory:organisation_edit", kwargs=_organisation, expected=WRITE),
    Case(
        "directory:organisation_edit",
        kwargs=_organisation,
        method="post",
        data=lambda world: {"name": "Essex County Council", "sector": "Local government"},
        expected=WRITE,
    ),
    Case("directory:people", expected=READ),
    Case("directory:cohort_names", expected=READ),
    Case("directory:people_export", kwargs=lambda world: {"fmt": "xlsx"}, expected=READ),
    Case(
        "directory:people_export",
        kwargs=lambda world: {"fmt": "csv"},
        method="post",
        expected=ASKED,
    ),
    Case(
        "directory:person",
        kwargs=_participant,
        expected=statuses(
            404,
            anonymous=302,
            admin=200,
            staff=200,
            other_staff=200,
            facilitator=200,
            participant=200,
            sponsor=200,
        ),
    ),
    Case("directory:person_new", expected=WRITE),
    Case(
        "directory:person_new",
        method="post",
        data=lambda world: {
            "first_name": "Ann",
            "last_name": "Other",
            "email": "PAT.participant@example.org",
        },
        expected=WRITE,
    ),
    Case(
        "directory:person_edit",
        kwargs=_participant,
        expected=statuses(
            404,
            anonymous=302,
            admin=200,
            staff=200,
            other_staff=200,
            facilitator=403,
            participant=403,
            sponsor=403,
        ),
    ),
    Case(
        "directory:person_edit",
        kwargs=_participant,
        method="post",
        data=lambda world: {
            "first_name": "Pat",
            "last_name": "Participant",
            "email": "pat.participant@example.org",
            "organisation": world.other_organisation.pk,
            "job_title": "Superintendent",
            "band": "head_of_service",
        },
        expected=statuses(
            404,
            anonymous=302,
            admin=302,
            staff=302,
            other_staff=302,
            facilitator=403,
            participant=403,
            sponsor=403,
        ),
    ),
    Case(
        "directory:post_new",
        kwargs=_participant,
        expected=statuses(
            404,
            anonymous=302,
            admin=200,
            staff=200,
            other_staff=200,
            facilitator=403,
            participant=403,
            sponsor=403,
        ),
    ),
    Case(
        "directory:post_new",
        kwargs=_participant,
        method="post",
        data=lambda world: {
            "organisation": world.other_organisation.pk,
            "title": "Chief Inspector",
            "band": "head_of_service",
            "started_on": "2024-04-01",
            "ended_on": "2023-04-01",
        },
        expected=statuses(
            404,
            anonymous=302,
            admin=200,
            staff=200,
            other_staff=200,
            facilitator=403,
            participant=403,
            sponsor=403,
        ),
    ),
    Case(
        "directory:post_edit",
        kwargs=_participant_post,
        expected=statuses(
            404,
            anonymous=302,
            admin=200,
            staff=200,
            other_staff=200,
            facilitator=403,
            participant=403,
            sponsor=403,
        ),
    ),
    Case(
        "directory:post_edit",
        kwargs=_participant_post,
        method="post",
        data=lambda world: {
            "organisation": world.other_organisation.pk,
            "title": "Superintendent",
            "band": "head_of_service",
            "started_on": "2020-04-01",
        },
        expected=statuses(
            404,
            anonymous=302,
            admin=302,
            staff=302,
            other_staff=302,
            facilitator=403,
            participant=403,
            sponsor=403,
        ),
    ),
    # An alumnus records their own new role; nobody else has a career record kept there.
    Case("directory:my_post", expected=statuses(404, anonymous=302, alumnus=200)),
    Case(
        "directory:my_post",
        method="post",
        data=lambda world: {
            "organisation": world.other_organisation.pk,
            "title": "Director of Adult Services",
            "band": "director",
            "started_on": "2026-01-05",
        },
        expected=statuses(404, anonymous=302, alumnus=302),
    ),
    # The rest of their own career record: theirs alone.
    Case("directory:my_career", expected=statuses(404, anonymous=302, alumnus=200)),
    Case("directory:my_career_choice", expected=statuses(405, anonymous=302)),
    # The privacy notice's answer: alumni, and participants (of any programme) asked on their
    # home page.
    Case(
        "directory:my_career_choice",
        method="post",
        data=lambda world: {"follow_up": "yes"},
        expected=statuses(404, anonymous=302, alumnus=302, participant=302, outsider=302),
    ),
    Case("directory:my_post_add", expected=statuses(404, anonymous=302, alumnus=200)),
    Case(
        "directory:my_post_add",
        method="post",
        data=lambda world: {
            "organisation": world.other_organisation.pk,
            "title": "Chief Inspector",
            "band": "",
            "started_on": "2015-01-05",
            "ended_on": "2017-03-31",
        },
        expected=statuses(404, anonymous=302, alumnus=302),
    ),
    Case("directory:my_post_edit", kwargs=_alumnus_post, expected=OWN_POST),
    # Someone else's post is not found, even by its holder's sponsor or by staff on this page.
    Case(
        "directory:my_post_edit",
        kwargs=_participant_post,
        expected=statuses(404, anonymous=302),
    ),
    # The yearly question's link works for whoever holds it and signs nobody in.
    Case("directory:still_in_role", kwargs=_still_in_role_link, expected=statuses(200)),
    Case(
        "directory:still_in_role",
        kwargs=_still_in_role_link,
        method="post",
        expected=statuses(200),
    ),
    Case(
        "directory:still_in_role",
        kwargs=lambda world: {"token": "not-a-link"},
        expected=statuses(404),
    ),
]
