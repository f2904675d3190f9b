"""The demo's running year: rules, certificates, apologies, who is at risk, and a calendar link."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from commonground.programmes import demo_delivery
from commonground.programmes.commitment import at_risk_in_running_cohorts
from commonground.programmes.demo.seed import seed as seed_foundation
from commonground.programmes.models import (
    Attendance,
    Certificate,
    CompletionRules,
    Enrolment,
    EnrolmentStatus,
)


@pytest.mark.django_db
def test_the_demo_shows_the_year_mid_way() -> None:
    seed_foundation()
    line = demo_delivery.seed()
    assert line is not None and "certificates" in line
    assert demo_delivery.seed() is None  # a second run changes nothing
    assert CompletionRules.objects.get().minimum_attendance == 80
    completed = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).count()
    assert Certificate.objects.count() == completed > 0
    apologies = Attendance.objects.filter(status="apologies").exclude(note="")
    assert apologies.exists()
    at_risk = at_risk_in_running_cohorts(None)
    assert len(at_risk) >= 2
    feed = Client().get(reverse("programmes:calendar_feed", args=[demo_delivery.DEMO_FEED_TOKEN]))
    assert feed.status_code == 200 and b"BEGIN:VEVENT" in feed.content
    certificate = Certificate.objects.select_related("enrolment__person").first()
    assert certificate is not None
    page = Client().get(certificate.get_absolute_url())
    assert certificate.holder.person.name in page.content.decode()


@pytest.mark.django_db
def test_the_demo_participants_calendar_shows_their_learning_sets_meeting() -> None:
    from commonground.accounts.models import User
    from commonground.challenges import demo as challenges_demo
    from commonground.grouping import demo as grouping_demo
    from commonground.grouping.models import Placement
    from commonground.programmes.demo.logins import demo_email
    from commonground.programmes.models import Activity

    seed_foundation()
    challenges_demo.seed()
    grouping_demo.seed()
    line = demo_delivery.seed()
    assert line is not None and "peer-coaching meetings" in line
    assert demo_delivery.seed() is None  # a second run adds no meetings
    meetings = list(Activity.objects.filter(group__isnull=False).select_related("group"))
    assert meetings and len({m.group_id for m in meetings}) == len(meetings)
    user = User.objects.get(email=demo_email("participant"))
    own_set = Placement.objects.get(
        enrolment__person__user=user,
        enrolment__cohort__status="running",
        group__grouping__kind="learning_sets",
    ).group
    client = Client()
    client.force_login(user)
    page = client.get(reverse("programmes:my_calendar")).content.decode()
    assert f"Peer coaching: {own_set.name}" in page
    others = [m.title for m in meetings if m.group_id != own_set.pk]
    assert others and not any(title in page for title in others)
