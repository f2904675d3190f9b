"""The subject access export after the whole demo is seeded: the demo participant's has records
from every part of the site that holds something about someone in their year, and an alumnus's
has the alumni network's too."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import FileResponse
from django.test import Client, TestCase
from django.urls import reverse

from commonground.accounts.models import User
from commonground.directory.models import Person
from commonground.exports.models import Export
from commonground.lib.personal_data import holdings
from commonground.privacy.subject_access import write_zip
from commonground.programmes.demo.logins import demo_email

# Records a participant has only once they have completed: the alumni network, the initiatives
# alumni start, and moves up the ladder after the year.
AFTER_THE_YEAR = {"Alumni", "Initiatives", "Progression"}
# The demo participant has not asked to be erased, nor for text reminders, and the demo sends
# nothing through GOV.UK Notify, so no message of theirs has failed.
NOT_ASKED = {"Data protection", "Messages"}


def _rows_by_app(archive: zipfile.ZipFile) -> Counter[str]:
    rows: Counter[str] = Counter()
    for holding in holdings():
        rows[holding.app] += len(json.loads(archive.read(f"{holding.key}.json")))
    return rows


def _export_as_staff(person: Person) -> zipfile.ZipFile:
    client = Client()
    client.force_login(User.objects.get(email=demo_email("staff")))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("privacy:subject_access", args=[person.pk]), {"confirm": "yes"})
    export = Export.objects.latest("pk")
    file = client.get(reverse("exports:export_download", args=[export.pk]))
    assert isinstance(file, FileResponse), file.status_code
    return zipfile.ZipFile(io.BytesIO(b"".join(file.streaming_content)))


@pytest.mark.django_db
def test_the_demo_participants_export_covers_every_app(tmp_path: Path) -> None:
    call_command("seed_demo")
    every_app = {holding.app for holding in holdings()}

    participant = Person.objects.get(user__email=demo_email("participant"))
    rows = _rows_by_app(_export_as_staff(participant))
    assert set(rows) == every_app
    assert {app for app, count in rows.items() if count} == every_app - AFTER_THE_YEAR - NOT_ASKED

    # The demo alumnus works on initiatives and has moved up; others write on the alumni board.
    alumnus = Person.objects.get(user__email=demo_email("alumnus"))
    author = Person.objects.filter(network_posts__isnull=False).first()
    assert author is not None
    found: Counter[str] = Counter()
    for person in (alumnus, author):
        path = tmp_path / f"{person.pk}.zip"
        write_zip(person, path, lambda done: None)
        found += _rows_by_app(zipfile.ZipFile(path))
    assert all(found[app] for app in AFTER_THE_YEAR)
