"""Each demo login exists with its role and lands on a home page made for it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory
from pytest_django.fixtures import Settings

from commonground.accounts.models import User
from commonground.lib.access import Level, Viewer, load_viewer
from commonground.programmes.demo.logins import DEMO_PASSWORD, ROLES, demo_email
from commonground.programmes.demo.seed import SLUG, Summary
from commonground.programmes.models import Cohort, CohortStatus, Programme

pytestmark = pytest.mark.django_db


def _viewer(role: str) -> Viewer:
    request = RequestFactory().get("/")
    request.user = User.objects.get(email=demo_email(role))
    return load_viewer(request)


def test_the_site_administrator_is_a_superuser(demo: Summary) -> None:
    admin = User.objects.get(email=demo_email("admin"))
    assert admin.is_superuser and admin.is_staff
    assert not hasattr(admin, "person")


@pytest.mark.parametrize(
    ("role", "level"),
    [
        ("staff", Level.WRITE),
        ("facilitator", Level.READ),
        ("evaluator", Level.AGGREGATE),
        ("board", Level.AGGREGATE),
    ],
)
def test_programme_roles_have_their_level(demo: Summary, role: str, level: Level) -> None:
    programme = Programme.objects.get(slug=SLUG)
    viewer = _viewer(role)
    assert viewer.programme_level(programme.pk) == level
    assert viewer.person_id is not None


def test_the_sponsor_sponsors_participants_of_the_running_cohort(demo: Summary) -> None:
    viewer = _viewer("sponsor")
    running = Cohort.objects.get(programme__slug=SLUG, status=CohortStatus.RUNNING)
    sponsored = set(running.enrolments.values_list("person_id", flat=True))
    assert len(viewer.sponsored_person_ids & sponsored) >= 2
    assert viewer.person_id not in sponsored


def test_the_participant_is_in_the_running_cohort(demo: Summary) -> None:
    viewer = _viewer("participant")
    running = Cohort.objects.get(programme__slug=SLUG, status=CohortStatus.RUNNING)
    assert viewer.is_participant and viewer.cohort_ids == {running.pk}


def test_the_alumnus_completed_a_past_cohort(demo: Summary) -> None:
    viewer = _viewer("alumnus")
    assert viewer.is_alumnus and not viewer.is_participant


@pytest.mark.parametrize("role", list(ROLES))
def test_each_demo_login_lands_on_their_home_page(demo: Summary, role: str) -> None:
    client = Client()
    client.force_login(User.objects.get(email=demo_email(role)))
    response = client.get("/")
    assert response.status_code == 200
    assert "You do not have a programme yet" not in response.content.decode()


def test_the_demo_password_signs_in(demo: Summary, settings: Settings) -> None:
    # The demo was seeded with the real hasher, which the fast test settings leave out.
    settings.PASSWORD_HASHERS = ["commonground.accounts.hashers.Argon2idPasswordHasher"]
    client = Client()
    assert client.login(email=demo_email("participant"), password=DEMO_PASSWORD)


def test_demo_logins_prints_a_row_for_each_role(
    demo: Summary, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("demo_logins")
    out = capsys.readouterr().out
    for role in ROLES:
        assert demo_email(role) in out
    assert out.count(DEMO_PASSWORD) == len(ROLES)
    assert "taking part now" in out
