"""The demo's mentoring: the demo alumnus mentors the demo participant, the other pairs were found
by the matching within its rules, and a few requests wait for staff."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django import DjangoDbBlocker

from commonground.accounts.models import User
from commonground.audit.models import AuditEntry
from commonground.directory.models import Organisation, Person
from commonground.mentoring import demo
from commonground.mentoring.models import Match, MatchStatus, MentoringRequest
from commonground.programmes.demo.seed import SLUG, seed
from commonground.programmes.models import Programme

DOMAIN = "demo.commonground.example"


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    with django_db_blocker.unblock():
        assert seed() is not None
        line = demo.seed()
        assert line is not None
        yield line
        AuditEntry.objects.filter(action__startswith="mentoring.").delete()
        Programme.objects.filter(slug=SLUG).delete()
        Person.objects.all().delete()
        User.objects.all().delete()
        Organisation.objects.all().delete()


@pytest.mark.django_db
def test_the_demo_alumnus_mentors_the_demo_participant(seeded: str) -> None:
    match = Match.objects.select_related("request__enrolment__person__user").get(
        mentor__person__user__email=f"alumnus@{DOMAIN}", by_hand=True
    )
    assert match.status == MatchStatus.PUBLISHED
    assert match.request.enrolment.person.user is not None
    assert match.request.enrolment.person.user.email == f"participant@{DOMAIN}"
    assert match.explanation.startswith("shares expertise in ")


@pytest.mark.django_db
def test_every_demo_pair_keeps_the_hard_rules_and_some_requests_wait(seeded: str) -> None:
    matches = Match.objects.select_related(
        "mentor__person", "request__enrolment__person", "request__enrolment__sponsor"
    )
    assert matches.count() >= 10
    for match in matches:
        mentee = match.request.enrolment
        assert match.mentor.person.organisation_id != mentee.person.organisation_id
        assert match.mentor.person_id != mentee.sponsor_id
    waiting = MentoringRequest.objects.exclude(matches__isnull=False)
    assert waiting.count() == demo.LATE_REQUESTS
    assert "3 new requests to match" in seeded


@pytest.mark.django_db
def test_seeding_again_changes_nothing(seeded: str) -> None:
    before = Match.objects.count()
    assert demo.seed() is None
    assert Match.objects.count() == before
