"""Commitment and completion: who is at risk, completion confirmed in bulk, certificates,
withdrawal and deferral, messages to the cohort, and copying last year's activities."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    Certificate,
    CohortMessage,
    CompletionRules,
    Enrolment,
)
from tests.conftest import World
from tests.exporting import download


def _held(world: World, count: int, attended: int) -> None:
    """`count` past counted activities, of which the participant attended `attended`."""
    start = timezone.now() - dt.timedelta(days=40)
    for number in range(count):
        activity = Activity.objects.create(
            cohort=world.cohort,
            kind=ActivityKind.LEARNING_DAY,
            title=f"Day {number}",
            starts_at=start + dt.timedelta(days=number),
            ends_at=start + dt.timedelta(days=number, hours=6),
        )
        status = "present" if number < attended else "absent"
        Attendance.objects.create(activity=activity, enrolment=world.enrolment, status=status)


def _no_challenge_rule(world: World) -> None:
    CompletionRules.objects.create(programme=world.programme, challenge_presented=False)


def test_a_poor_attender_is_flagged_to_staff_with_why(world: World) -> None:
    _held(world, 5, attended=2)
    cohort = world.client("staff").get(
        reverse("programmes:cohort_attendance", args=[world.cohort.pk])
    )
    assert "attended 2 of 5 counted activities so far (40%), below the 80%" in (
        cohort.content.decode().lower()
    )
    home = world.client("staff").get(reverse("home")).content.decode()
    assert "1 participant at risk of not completing</a> in Leading Greater Essex" in home


def test_a_good_attender_is_not_at_risk(world: World) -> None:
    _held(world, 5, attended=5)
    cohort = world.client("staff").get(
        reverse("programmes:cohort_attendance", args=[world.cohort.pk])
    )
    assert "No one is at risk" in cohort.content.decode()


def test_staff_may_tell_the_sponsor_and_the_audit_log_keeps_it(world: World) -> None:
    _held(world, 5, attended=1)
    url = reverse("programmes:notify_sponsor", args=[world.enrolment.pk])
    client = world.client("staff")
    check = client.post(url).content.decode()
    assert not mail.outbox
    assert "Check before you tell Sam Sponsor" in check
    assert "Sam Sponsor &lt;sam.sponsor@example.org&gt;" in check
    assert "Pat Participant: attendance on Leading Greater Essex" in check
    assert "A word of support from you may help." in check
    client.post(url, {"confirm": "yes"})
    assert mail.outbox[0].to == ["sam.sponsor@example.org"]
    assert "Pat Participant" in mail.outbox[0].subject
    assert AuditEntry.objects.filter(action="programmes.enrolment.sponsor_notified").exists()


def test_the_participant_sees_what_is_still_missing(world: World) -> None:
    _held(world, 4, attended=4)
    text = world.client("participant").get(reverse("home")).content.decode()
    assert "Your progress towards completion" in text
    assert "You have attended 4 of the 4 sessions so far: you have attended the 4 of 5" in text
    assert "Challenge presented" in text


def test_completion_shows_each_rule_and_what_is_still_missing(world: World) -> None:
    _held(world, 5, attended=3)
    page = world.client("facilitator").get(reverse("programmes:completion", args=[world.cohort.pk]))
    text = page.content.decode()
    assert "Attended 3 of 6 counted activities (50%); 2 more needed." in text
    assert "The challenge team has not presented yet." in text


def test_staff_confirm_completers_in_bulk_and_they_get_certificates(world: World) -> None:
    _no_challenge_rule(world)
    _held(world, 4, attended=4)
    world.activity.counts_towards_completion = False
    world.activity.save()
    response = world.client("staff").post(
        reverse("programmes:completion_confirm", args=[world.cohort.pk]),
        {"enrolments": [world.enrolment.pk], "confirm": "yes", "early_reason": "Moving abroad"},
        follow=True,
    )
    assert "1 participant completed and is now alumni" in response.content.decode()
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == "completed" and world.enrolment.left_on is not None
    certificate = Certificate.objects.get(enrolment=world.enrolment)
    verify = world.client("anonymous").get(certificate.get_absolute_url()).content.decode()
    assert "This certificate is valid" in verify and "Pat Participant" in verify
    assert "Leading Greater Essex" in verify and "2026/27" in verify


def test_someone_short_of_the_rules_needs_a_reason(world: World) -> None:
    _held(world, 5, attended=1)
    client = world.client("staff")
    url = reverse("programmes:completion_confirm", args=[world.cohort.pk])
    chosen = {"enrolments": [world.enrolment.pk], "confirm": "yes", "early_reason": "Leaving"}
    refused = client.post(url, chosen)
    assert refused.status_code == 400
    assert "Give a reason for confirming completion for someone who does not meet" in (
        refused.content.decode()
    )
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == "active"
    client.post(url, {**chosen, "override_reason": "Long illness"})
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == "completed"
    assert "Long illness" in world.enrolment.leaving_reason


def test_a_forged_or_altered_certificate_code_is_not_valid(world: World) -> None:
    _no_challenge_rule(world)
    _held(world, 1, attended=1)
    world.activity.delete()
    world.client("staff").post(
        reverse("programmes:completion_confirm", args=[world.cohort.pk]),
        {"enrolments": [world.enrolment.pk], "confirm": "yes", "early_reason": "Moving abroad"},
    )
    code = Certificate.objects.get().code
    for forged in (code[:-1] + ("A" if code[-1] != "A" else "B"), "made-up"):
        page = world.client("anonymous").get(
            reverse("programmes:certificate_verify", args=[forged])
        )
        assert page.status_code == 404
        assert "This certificate is not valid" in page.content.decode()


def test_the_certificate_pdf_renders_for_its_holder(world: World) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    alumnus = Enrolment.objects.get(person=world.alumnus_person)
    from commonground.programmes.certificates import issue_certificate

    certificate = issue_certificate(alumnus, by=None)
    response = world.client("alumnus").get(reverse("programmes:certificate_pdf", args=[alumnus.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "Alex Alumnus" in text and "Leading Greater Essex" in text and "2024/25" in text
    assert certificate.code in text.replace("\n", "")


def test_completion_status_exports(world: World) -> None:
    response = download(
        world.client("staff"),
        reverse("programmes:completion_export", args=[world.cohort.pk, "csv"]),
    )
    lines = response.content.decode().lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Name,Organisation,Status,Meets the rules")
    assert lines[1].startswith("Pat Participant,Essex Police,Active,No")


def test_withdrawal_keeps_the_record(world: World) -> None:
    world.client("staff").post(
        reverse("programmes:enrolment_withdraw", args=[world.enrolment.pk]),
        {"reason": "New job out of county", "confirm": "yes"},
    )
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == "withdrawn"
    assert world.enrolment.leaving_reason == "New job out of county"
    assert AuditEntry.objects.filter(action="programmes.enrolment.withdrawn").exists()


def test_deferral_enrols_them_in_the_next_cohort_and_keeps_this_one(world: World) -> None:
    later = world.cohort.__class__.objects.create(
        programme=world.programme,
        name="2027/28",
        starts_on=world.cohort.starts_on + dt.timedelta(days=365),
        ends_on=world.cohort.ends_on + dt.timedelta(days=365),
    )
    world.client("staff").post(
        reverse("programmes:enrolment_defer", args=[world.enrolment.pk]),
        {"cohort": later.pk, "confirm": "yes"},
    )
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == "deferred"
    assert world.enrolment.deferred_to is not None
    assert world.enrolment.deferred_to.cohort == later
    assert world.enrolment.deferred_to.sponsor == world.sponsor_person


def test_a_message_to_the_cohort_is_emailed_and_kept(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("staff")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("programmes:cohort_messages", args=[world.cohort.pk]),
            {
                "subject": "Venue change",
                "body": "We're meeting at Brentwood.",
                "audience": "all",
                "confirm": "yes",
            },
        )
    assert [m.to for m in mail.outbox] == [["pat.participant@example.org"]]
    assert "We're meeting at Brentwood." in mail.outbox[0].body
    message = CohortMessage.objects.get()
    assert message.sent_count == 1 and message.sent_at is not None
    page = client.get(reverse("programmes:cohort_messages", args=[world.cohort.pk]))
    assert "Venue change" in page.content.decode()


def test_last_years_activities_copy_on_the_same_weekday(world: World) -> None:
    source_start = dt.datetime(2024, 9, 10, 9, 30)  # a Tuesday, in summer time
    Activity.objects.create(
        cohort=world.past_cohort,
        kind=ActivityKind.LAUNCH,
        title="Launch day",
        starts_at=timezone.make_aware(source_start),
        ends_at=timezone.make_aware(source_start + dt.timedelta(hours=7)),
        place="Chelmsford",
    )
    client = world.client("staff")
    url = reverse("programmes:calendar_copy", args=[world.cohort.pk])
    preview = client.post(url, {"source": world.past_cohort.pk})
    assert "Launch day" in preview.content.decode()
    assert not world.cohort.activities.filter(title="Launch day").exists()
    client.post(url, {"source": world.past_cohort.pk, "confirm": "yes"})
    copied = world.cohort.activities.get(title="Launch day")
    local = timezone.localtime(copied.starts_at)
    assert (local.weekday(), local.hour, local.minute) == (1, 9, 30)
    assert abs((local.date() - world.cohort.starts_on).days - (10 - 1)) <= 3
