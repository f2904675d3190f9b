"""The cohort hub: an overview with a sub-navigation, and each part of the year on its own page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from commonground.programmes.models import Activity, ActivityKind, Enrolment
from tests.conftest import World
from tests.programmes.conftest import Grow

PARTS = {
    "overview": "programmes:cohort",
    "participants": "programmes:cohort_participants",
    "calendar": "programmes:cohort_calendar",
    "attendance": "programmes:cohort_attendance",
}
# Each part's queries, pinned: the same with 3 people and 2 activities as with 43 and 14.
QUERIES = {
    ("overview", "staff"): 15,
    ("overview", "facilitator"): 13,
    ("overview", "participant"): 16,
    ("participants", "staff"): 6,
    ("participants", "facilitator"): 6,
    ("participants", "participant"): 8,
    ("calendar", "staff"): 6,
    ("calendar", "facilitator"): 6,
    ("calendar", "participant"): 8,
    ("attendance", "staff"): 13,
    ("attendance", "facilitator"): 13,
}


def _get(world: World, role: str, part: str) -> str:
    response = world.client(role).get(reverse(PARTS[part], args=[world.cohort.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _nav(page: str) -> str:
    found = re.search(r'<nav class="cg-cohort-nav" aria-label="Cohort">.*?</nav>', page, re.S)
    assert found, "the cohort's sub-navigation"
    return found.group(0)


def _links(nav: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<a [^>]*>(.*?)</a>", nav)]


def _current(nav: str) -> list[str]:
    return re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]*)</a>', nav)


@pytest.mark.parametrize(
    ("part", "label"),
    [
        ("overview", "Overview"),
        ("participants", "Participants"),
        ("calendar", "Calendar"),
        ("attendance", "Attendance"),
    ],
)
def test_the_sub_navigation_marks_the_part_shown_and_only_it(
    world: World, part: str, label: str
) -> None:
    nav = _nav(_get(world, "staff", part))
    assert _current(nav) == [label]


def test_staff_reach_every_part_of_the_cohort_from_its_navigation(world: World) -> None:
    nav = _nav(_get(world, "staff", "overview"))
    assert _links(nav) == [
        "Overview",
        "Participants",
        "Calendar",
        "Attendance",
        "Groups",
        "Challenges",
        "Mentoring",
        "Evaluation",
        "Completion",
        "Messages",
    ]
    pk = world.cohort.pk
    for name in (
        "grouping:cohort_groupings",
        "challenges:cohort_challenges",
        "evaluation:plan",
        "programmes:completion",
        "programmes:cohort_messages",
    ):
        assert f'href="{reverse(name, args=[pk])}"' in nav, name


def test_each_role_is_offered_only_the_parts_it_may_open(world: World) -> None:
    facilitator = _links(_nav(_get(world, "facilitator", "overview")))
    assert "Attendance" in facilitator and "Completion" in facilitator
    assert "Evaluation" not in facilitator and "Messages" not in facilitator
    participant = _nav(_get(world, "participant", "overview"))
    assert _links(participant) == [
        "Overview",
        "Participants",
        "Calendar",
        "My groups",
        "Challenges",
    ]
    assert reverse("grouping:mine") in participant
    for role in ("staff", "facilitator", "participant"):
        nav = _nav(_get(world, role, "overview"))
        for href in re.findall(r'href="([^"]+)"', nav):
            assert world.client(role).get(href).status_code == 200, (role, href)


def test_the_overview_says_what_is_next_and_leaves_the_lists_to_their_parts(
    world: World,
) -> None:
    page = _get(world, "staff", "overview")
    assert "Leading in complexity" in page  # the next activity
    assert "1 active of 50 places" in page
    assert "What needs doing next" in page
    # The participants table, the mix and the registers have pages of their own.
    assert "Sam Sponsor" not in page
    assert 'role="img"' not in page
    assert "Register marks for each activity" not in page
    assert reverse("programmes:cohort_participants", args=[world.cohort.pk]) in page


def test_the_overview_asks_for_registers_not_yet_taken(world: World) -> None:
    page = _get(world, "staff", "overview")
    assert "no register marks yet" not in page
    past = timezone.now() - dt.timedelta(days=2)
    for title in ("Launch", "Learning day"):
        Activity.objects.create(
            cohort=world.cohort,
            kind=ActivityKind.LEARNING_DAY,
            title=title,
            starts_at=past,
            ends_at=past + dt.timedelta(hours=5),
        )
    page = _get(world, "staff", "overview")
    assert "2 past activities have no register marks yet." in page
    assert reverse("programmes:cohort_attendance", args=[world.cohort.pk]) in page


def test_an_empty_cohort_asks_staff_to_enrol_someone(world: World) -> None:
    Enrolment.objects.filter(cohort=world.cohort).delete()
    page = _get(world, "staff", "overview")
    assert "No one is on the programme yet." in page
    assert reverse("programmes:enrolment_new", args=[world.cohort.pk]) in page


def test_a_participant_sees_their_status_and_next_activity_on_the_overview(
    world: World,
) -> None:
    page = _get(world, "participant", "overview")
    assert "Your status in this cohort: <strong>Active</strong>" in page
    assert "Leading in complexity" in page
    assert "What needs doing next" not in page
    assert reverse("programmes:cohort_edit", args=[world.cohort.pk]) not in page


def test_the_participants_and_attendance_tables_stack_on_phones(world: World) -> None:
    for part in ("participants", "attendance"):
        page = _get(world, "staff", part)
        assert 'class="govuk-table cg-table--stack"' in page, part
    assert 'data-label="Sponsor"' in _get(world, "staff", "participants")


@pytest.mark.parametrize(("part", "role"), sorted(QUERIES))
def test_each_part_costs_the_same_whatever_the_numbers(
    world: World,
    grow: Grow,
    django_assert_num_queries: DjangoAssertNumQueries,
    part: str,
    role: str,
) -> None:
    client = world.client(role)
    url = reverse(PARTS[part], args=[world.cohort.pk])
    client.get(url)  # the first load fills Django's caches (content types, templates)
    for enrolments, activities, tag in ((3, 2, ""), (40, 12, "more")):
        grow(enrolments, activities, tag=tag)
        with django_assert_num_queries(QUERIES[(part, role)]):
            assert client.get(url).status_code == 200


def test_the_enrolment_form_offers_people_to_an_autocomplete_and_works_without_it(
    world: World,
) -> None:
    url = reverse("programmes:enrolment_new", args=[world.cohort.pk])
    page = world.client("staff").get(url).content.decode()
    assert page.count('data-module="cg-person-chooser"') == 2  # the person and the sponsor
    assert '<script type="module" src="/static/js/person-chooser.js"></script>' in page
    # Namesakes differ by their organisation and email.
    assert "Olly Outsider, ECC (olly.outsider@example.org)</option>" in page
    response = world.client("staff").post(
        url,
        {
            "person": world.outsider_person.pk,
            "status": "active",
            "enrolled_on": str(world.cohort.starts_on),
            "sponsor": world.sponsor_person.pk,
        },
    )
    # Back to the participants, where the new one is listed.
    assert response["Location"] == reverse("programmes:cohort_participants", args=[world.cohort.pk])
    assert Enrolment.objects.get(person=world.outsider_person, cohort=world.cohort)
