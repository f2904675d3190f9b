"""Expected statuses for the data-protection pages: programme staff and the site administrator,
who may change anyone in the shared directory, act on a person's data; facilitators, who only
read the directory, get 403; everyone else 404."""

from __future__ import annotations

from django.utils import timezone

from commonground.privacy.models import ErasureRequest
from tests.conftest import World
from tests.permissions import Case, statuses

STAFF = statuses(404, anonymous=302, admin=200, staff=200, other_staff=200, facilitator=403)
STAFF_ACTED = statuses(404, anonymous=302, admin=302, staff=302, other_staff=302, facilitator=403)


# The person themself and their sponsor may see the directory entry, so learn it exists: 403.
PERSON_STAFF = STAFF | {"participant": 403, "sponsor": 403}
PERSON_STAFF_ACTED = STAFF_ACTED | {"participant": 403, "sponsor": 403}


def _participant(world: World) -> dict[str, int]:
    return {"pk": world.participant_person.pk}


def _confirm(world: World) -> dict[str, str]:
    return {"confirm": "yes"}


CASES = [
    Case("privacy:subject_access", kwargs=_participant, expected=PERSON_STAFF),
    Case(
        "privacy:subject_access",
        kwargs=_participant,
        expected=PERSON_STAFF_ACTED,
        method="post",
        data=_confirm,
    ),
]

CASES += [
    Case("privacy:retention", expected=STAFF),
    Case("privacy:retention_apply", expected=STAFF),
    Case("privacy:retention_apply", expected=STAFF_ACTED, method="post", data=_confirm),
]


def _erasure(world: World) -> dict[str, int]:
    erasure = ErasureRequest.objects.create(
        person=world.participant_person, received_on=timezone.localdate(), how="Email"
    )
    return {"pk": erasure.pk}


def _asked(world: World) -> dict[str, str]:
    return {"received_on": timezone.localdate().isoformat(), "how": "Email to the team"}


CASES += [
    Case("privacy:erasure_new", kwargs=_participant, expected=PERSON_STAFF),
    Case(
        "privacy:erasure_new",
        kwargs=_participant,
        expected=PERSON_STAFF_ACTED,
        method="post",
        data=_asked,
    ),
    Case("privacy:erasure", kwargs=_erasure, expected=STAFF),
    Case("privacy:erasure", kwargs=_erasure, expected=STAFF_ACTED, method="post", data=_confirm),
]

CASES += [
    # Public: the law asks that anyone can read them, signed in or not.
    Case("privacy:notice", expected=statuses(200)),
    Case("privacy:accessibility", expected=statuses(200)),
]
