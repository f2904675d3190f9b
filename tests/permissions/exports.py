"""Expected statuses for exports: a prepared file and its pages are the asker's alone; every
other signed-in person, the site administrator included, gets 404."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from commonground.exports.models import Export, Status
from tests.conftest import World
from tests.permissions import Case, statuses

OWNER_ONLY = statuses(404, anonymous=302, staff=200)


def _ready(world: World) -> dict[str, int]:
    now = timezone.now()
    export = Export.objects.create(
        owner=world.users["staff"],
        kind="directory.people",
        fmt="csv",
        title="People",
        filename="people",
        status=Status.READY,
        heartbeat_at=now,
        finished_at=now,
        expires_at=now + dt.timedelta(hours=1),
    )
    export.path.parent.mkdir(parents=True, exist_ok=True)
    export.path.write_text("Name\r\n", encoding="utf-8-sig")
    return {"pk": export.pk}


CASES = [
    # Everyone signed in has a list of their own exports, empty or not.
    Case("exports:exports", expected=statuses(200, anonymous=302)),
    Case("exports:export", kwargs=_ready, expected=OWNER_ONLY),
    Case("exports:export_progress", kwargs=_ready, expected=OWNER_ONLY),
    Case("exports:export_download", kwargs=_ready, expected=OWNER_ONLY),
]
