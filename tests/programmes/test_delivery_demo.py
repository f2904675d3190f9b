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
    assert certificate.enrolment.person.name in page.content.decode()
