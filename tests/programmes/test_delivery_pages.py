"""The register's "Mark everyone present", apologies only when they can be sent, and the
check-in code page meant for projecting."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from commonground.programmes.checkin import code_for
from commonground.programmes.models import Activity, ActivityKind, Attendance, Enrolment
from tests.conftest import World


def _others(world: World, count: int) -> list[Enrolment]:
    from commonground.directory.models import Person

    people = [
        Person.objects.create(first_name=f"Person{n}", last_name="Crowd", email=f"p{n}@x.org")
        for n in range(count)
    ]
    return [
        Enrolment.objects.create(person=p, cohort=world.cohort, enrolled_on=world.cohort.starts_on)
        for p in people
    ]


def test_mark_everyone_present_marks_only_those_not_yet_marked(world: World) -> None:
    others = _others(world, 2)
    Attendance.objects.create(activity=world.activity, enrolment=others[0], status="absent")
    url = reverse("programmes:register", args=[world.activity.pk])
    response = world.client("facilitator").post(
        url,
        {
            "everyone": "present",
            f"mark-{others[0].pk}": "absent",
            f"mark-{world.enrolment.pk}": "late",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "1 person marked present. Change anyone who is late or not here" in page
    marks = dict(
        Attendance.objects.filter(activity=world.activity).values_list("enrolment_id", "status")
    )
    assert marks == {world.enrolment.pk: "late", others[0].pk: "absent", others[1].pk: "present"}
    assert f'name="mark-{others[1].pk}" type="radio" value="present" checked' in page


def test_mark_everyone_present_when_everyone_is_marked_changes_nothing(world: World) -> None:
    url = reverse("programmes:register", args=[world.activity.pk])
    client = world.client("staff")
    client.post(url, {f"mark-{world.enrolment.pk}": "absent"})
    page = client.post(
        url, {"everyone": "present", f"mark-{world.enrolment.pk}": "absent"}, follow=True
    ).content.decode()
    assert "Everyone was already marked: nothing changed." in page
    assert Attendance.objects.get(activity=world.activity).status == "absent"


def test_the_register_is_one_compact_row_per_person(world: World) -> None:
    page = world.client("staff").get(reverse("programmes:activity", args=[world.activity.pk]))
    text = page.content.decode()
    assert "Mark everyone present" in text
    assert text.count('class="govuk-fieldset cg-register__row') == 1
    assert '<span class="cg-register__person">Pat Participant</span>' in text


def _past_activity(world: World, cohort_name: str = "past") -> Activity:
    cohort = world.past_cohort if cohort_name == "past" else world.cohort
    starts = timezone.now() - dt.timedelta(days=30)
    return Activity.objects.create(
        cohort=cohort,
        kind=ActivityKind.LEARNING_DAY,
        title="An earlier day",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=6),
    )


def test_participants_are_offered_apologies_only_for_what_is_still_to_come(world: World) -> None:
    client = world.client("participant")
    upcoming = client.get(reverse("programmes:activity", args=[world.activity.pk]))
    assert "Send apologies for Leading in complexity" in upcoming.content.decode()
    past = _past_activity(world, "running")
    page = client.get(reverse("programmes:activity", args=[past.pk])).content.decode()
    assert "Send apologies" not in page and "Check in with the code" not in page


def test_alumni_are_never_offered_apologies_for_past_years(world: World) -> None:
    past = _past_activity(world)
    response = world.client("alumnus").get(reverse("programmes:activity", args=[past.pk]))
    assert response.status_code == 200
    assert "Send apologies" not in response.content.decode()
    assert "Check in with the code" not in response.content.decode()


def test_staff_and_facilitators_are_not_offered_apologies(world: World) -> None:
    for role in ("staff", "facilitator"):
        page = world.client(role).get(reverse("programmes:activity", args=[world.activity.pk]))
        assert "Send apologies" not in page.content.decode()


def test_apologies_for_a_past_activity_are_refused_with_the_reason(world: World) -> None:
    past = _past_activity(world, "running")
    client = world.client("participant")
    url = reverse("programmes:apologies", args=[past.pk])
    page = client.get(url).content.decode()
    assert "so apologies can no longer be sent for it" in page
    assert "<textarea" not in page and "Back to An earlier day" in page
    response = client.post(url, {"reason": "Ill"})
    assert response.status_code == 400
    assert not Attendance.objects.filter(activity=past).exists()


def test_an_alumnus_asking_to_send_apologies_for_last_years_day_is_told_why_not(
    world: World,
) -> None:
    past = _past_activity(world)
    response = world.client("alumnus").post(
        reverse("programmes:apologies", args=[past.pk]), {"reason": "Busy"}
    )
    assert response.status_code == 400
    assert "apologies can no longer be sent" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_check_in_code_page_is_for_projecting(world: World) -> None:
    page = world.client("facilitator").get(
        reverse("programmes:checkin_code", args=[world.activity.pk])
    )
    text = page.content.decode()
    code = code_for(world.activity)
    assert f"{code[:3]} {code[3:]}" in text
    assert 'class="cg-projector__code"' in text
    # A large QR code drawn on the server as inline SVG, of the check-in link.
    qr = text[text.index('<div class="cg-projector__qr"') :]
    assert qr.split(">", 1)[1].lstrip().startswith("<svg")
    assert 'class="cg-qr"' in qr and "<path" in qr
    assert reverse("programmes:checkin_link", args=[code]) in text
    # No menu and no script: a page of its own, with a link back.
    assert "govuk-service-navigation" not in text and "<script" not in text
    assert f'href="{reverse("programmes:activity", args=[world.activity.pk])}"' in text
