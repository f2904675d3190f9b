"""Staff export everything held about one person as a ZIP of JSON and CSV files with a readable
summary, after a check page; secrets and other raters' identities never leave in it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

from allauth.mfa.models import Authenticator
from django.http import FileResponse
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.evaluation.models import Nomination, SurveyResponse, Wave, WaveKind
from commonground.evaluation.services import load_default_instrument
from commonground.exports.models import Export, Status
from commonground.lib.personal_data import holdings
from commonground.programmes.models import Attendance, AttendanceStatus, CalendarFeed
from tests.conftest import World


def _url(world: World) -> str:
    return reverse("privacy:subject_access", args=[world.participant_person.pk])


def _zip(world: World, role: str = "staff") -> zipfile.ZipFile:
    """Confirm on the check page, let the background run finish, and download the file."""
    client = world.client(role)
    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(_url(world), {"confirm": "yes"})
    export = Export.objects.order_by("-pk").first()
    assert export is not None
    assert asked["Location"] == reverse("exports:export", args=[export.pk])
    file = client.get(reverse("exports:export_download", args=[export.pk]))
    assert isinstance(file, FileResponse), file.status_code
    assert file["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(file.streaming_content)))


def _rated_by_peers(world: World, peers: int) -> None:
    version = load_default_instrument(world.programme, audit=False)
    today = timezone.localdate()
    wave = Wave.objects.create(
        cohort=world.cohort,
        kind=WaveKind.END,
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=5),
        version=version,
    )
    SurveyResponse.objects.create(
        wave=wave,
        enrolment=world.enrolment,
        rater_type="self",
        version=version,
        ratings={"listen": 3},
        submitted_at=timezone.now(),
    )
    for number, rating in enumerate([2, 4, 5, 3][:peers]):
        nomination = Nomination.objects.create(
            enrolment=world.enrolment,
            name=f"Peer Rater{number}",
            email=f"peer{number}@example.org",
            relationship="peer",
        )
        SurveyResponse.objects.create(
            wave=wave,
            enrolment=world.enrolment,
            rater_type="peer",
            nomination=nomination,
            version=version,
            ratings={"listen": rating},
            submitted_at=timezone.now(),
        )


def test_staff_see_a_check_page_that_names_the_person_and_what_is_gathered(
    world: World,
) -> None:
    page = world.client("staff").get(_url(world)).content.decode()
    assert "Pat Participant" in page
    assert f"{len(holdings())} kinds of record" in page
    assert "Prepare the subject access export" in page
    # Nothing about the person changes: the page says what the file holds instead.
    assert "What the export holds" in page
    assert "What will change" not in page
    assert Export.objects.count() == 0


def test_the_person_page_links_staff_to_the_export(world: World) -> None:
    person = reverse("directory:person", args=[world.participant_person.pk])
    assert _url(world) in world.client("staff").get(person).content.decode()
    assert _url(world) not in world.client("facilitator").get(person).content.decode()


def test_the_zip_holds_a_json_and_a_csv_for_every_kind_and_a_readable_summary(
    world: World,
) -> None:
    Attendance.objects.create(
        activity=world.activity,
        enrolment=world.enrolment,
        status=AttendanceStatus.APOLOGIES,
        note="Court hearing",
    )
    archive = _zip(world)
    names = set(archive.namelist())
    for holding in holdings():
        assert {f"{holding.key}.json", f"{holding.key}.csv"} <= names
    attendance = json.loads(archive.read("programmes.attendance.json"))
    assert attendance[0]["Mark"] == "Apologies"
    assert attendance[0]["Apologies or note"] == "Court hearing"
    person = list(
        csv.DictReader(io.StringIO(archive.read("directory.person.csv").decode("utf-8-sig")))
    )
    assert person[0]["Email address"] == "pat.participant@example.org"
    summary = archive.read("summary.html").decode()
    assert "What is held about Pat Participant" in summary
    assert "Attendance and apologies" in summary and "why it is kept" in summary.lower()
    export = Export.objects.get()
    assert (export.status, export.fmt) == (Status.READY, "zip")
    assert export.rows_done == export.rows_total == len(holdings())
    page = world.client("staff").get(reverse("exports:export", args=[export.pk])).content.decode()
    assert f"The file is ready: {len(holdings())} tables," in page


def test_no_password_second_factor_secret_or_feed_address_is_in_the_zip(world: World) -> None:
    user = world.users["participant"]
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    CalendarFeed.objects.create(person=world.participant_person, token_hash="f" * 64)
    archive = _zip(world)
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode("utf-8-sig")
    assert user.password not in everything
    assert "JBSWY3DPEHPK3PXP" not in everything
    assert "f" * 64 not in everything
    factors = json.loads(archive.read("accounts.second_factor.json"))
    assert factors[0]["Kind"] == "TOTP Authenticator"


def test_ratings_others_gave_are_averages_without_the_raters_names(world: World) -> None:
    _rated_by_peers(world, peers=3)
    archive = _zip(world)
    about = json.loads(archive.read("evaluation.ratings_about.json"))
    assert about == [
        {
            "Cohort": "2026/27",
            "Survey": "End of programme",
            "Raters": "Peer",
            "How many answered": 3,
            "Average rating by statement": {"listen": 3.67},
        }
    ]
    assert b"Peer Rater0" not in archive.read("evaluation.ratings_about.json")
    given = json.loads(archive.read("evaluation.answers_given.json"))
    assert [answer["Answered as"] for answer in given] == ["Self"]


def test_fewer_than_three_peers_ratings_are_counted_but_not_averaged(world: World) -> None:
    _rated_by_peers(world, peers=2)
    about = json.loads(_zip(world).read("evaluation.ratings_about.json"))
    assert about[0]["How many answered"] == "fewer than 3"
    assert about[0]["Average rating by statement"] == {}


def test_asking_records_in_the_persons_history_who_asked(world: World) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        world.client("staff").post(_url(world), {"confirm": "yes"})
    entry = AuditEntry.objects.get(action="privacy.subject_access.asked")
    assert entry.actor == world.users["staff"]
    assert entry.object_id == str(world.participant_person.pk)


def test_a_facilitator_who_reads_the_directory_may_not_export_a_person(world: World) -> None:
    assert world.client("facilitator").get(_url(world)).status_code == 403
    assert world.client("facilitator").post(_url(world), {"confirm": "yes"}).status_code == 403
    assert Export.objects.count() == 0
