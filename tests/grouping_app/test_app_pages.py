"""The grouping pages as staff, facilitators and participants use them, with pinned query counts."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pytest_django import DjangoAssertNumQueries

from commonground.grouping.models import Grouping, Placement, Status
from commonground.programmes.models import Enrolment
from tests.conftest import World
from tests.exporting import download

from .conftest import add_participants, settings_for

Run = Callable[..., Grouping]
Make = Callable[..., Grouping]


def test_staff_create_a_grouping_with_the_form_and_see_it_listed(
    world: World, cohort_of_twelve: list[Enrolment]
) -> None:
    client = world.client("staff")
    form = client.get(reverse("grouping:grouping_new", args=[world.cohort.pk])).text
    assert 'value="hard" checked' in form  # colleagues kept apart by default
    response = client.post(
        reverse("grouping:grouping_new", args=[world.cohort.pk]),
        settings_for(world, name="Autumn sets"),
    )
    grouping = Grouping.objects.get(name="Autumn sets")
    assert response["Location"] == grouping.get_absolute_url()
    assert grouping.status == Status.DRAFT and grouping.created_by == world.users["staff"]
    listed = client.get(reverse("grouping:cohort_groupings", args=[world.cohort.pk])).text
    assert "Autumn sets" in listed and "Draft" in listed


def test_the_form_says_what_to_put_right(world: World, cohort_of_twelve: list[Enrolment]) -> None:
    response = world.client("staff").post(
        reverse("grouping:grouping_new", args=[world.cohort.pk]),
        settings_for(world, group_count="", target_size=""),
    )
    assert response.status_code == 200
    assert "Enter the number of groups or a group size." in response.text
    assert not Grouping.objects.exists()


def test_the_grouping_page_shows_each_groups_members_mix_and_rules(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    page = world.client("staff").get(grouping.get_absolute_url()).text
    for group in grouping.groups.all():
        assert f"{group.name} (" in page
    assert "Organisations in Set 1" in page and "Sectors in Set 1" in page
    assert "No two people with the same organisation in a group" in page
    assert "Upper bound" in page or "upper bound" in page
    assert "gap" in page
    assert "Publish to participants" in page


def test_facilitators_see_the_groups_but_no_way_to_change_them(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    page = world.client("facilitator").get(grouping.get_absolute_url()).text
    assert "Set 1 (" in page
    assert "Run it again" not in page and "Move<span" not in page
    placement = Placement.objects.filter(group__grouping=grouping).first()
    assert placement is not None
    move = reverse("grouping:placement_move", args=[placement.pk])
    assert world.client("facilitator").post(move, {}).status_code == 403


def test_staff_move_a_person_with_the_form_and_the_rules_are_checked_again(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    placement = Placement.objects.select_related("group").get(
        group__grouping=grouping, enrolment=world.enrolment
    )
    target = grouping.groups.exclude(pk=placement.group_id).first()
    assert target is not None
    client = world.client("staff")
    url = reverse("grouping:placement_move", args=[placement.pk])
    assert "Move Pat Participant" in client.get(url).text
    response = client.post(url, {"group": target.pk, "pinned": "on"}, follow=True)
    assert f"Pat Participant is now in {target.name}" in response.text
    assert "moved by hand" in response.text
    placement.refresh_from_db()
    assert placement.group_id == target.pk and placement.pinned


def test_a_running_grouping_shows_a_progress_bar_that_reloads_the_page_when_done(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make
) -> None:
    grouping = make_grouping()
    Grouping.objects.filter(pk=grouping.pk).update(
        status=Status.RUNNING,
        progress=0.4,
        progress_message="searching",
        heartbeat_at=timezone.now(),
    )
    client = world.client("staff")
    page = client.get(grouping.get_absolute_url()).text
    assert 'role="status"' in page and "40% · Running: searching" in page
    assert 'hx-get="' + reverse("grouping:grouping_progress", args=[grouping.pk]) in page
    url = reverse("grouping:grouping_progress", args=[grouping.pk])
    assert "HX-Refresh" not in client.get(url, headers={"HX-Request": "true"})
    Grouping.objects.filter(pk=grouping.pk).update(status=Status.READY, progress=1.0)
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true" and "100%" in done.text


def test_a_failed_run_shows_the_engines_message(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping(group_count=1))
    page = world.client("staff").get(grouping.get_absolute_url()).text
    assert "The groups could not be formed" in page
    assert "cannot be kept apart in 1 group (" in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_lists_everyone_with_their_group(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run, fmt: str
) -> None:
    grouping = run_now(make_grouping())
    response = download(
        world.client("staff"), reverse("grouping:grouping_export", args=[grouping.pk, fmt])
    )
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        rows = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Round", "Group", "Participant", "Organisation", "Sector", "Area", "Pinned"]
    assert len(rows) == 13
    pat = next(row for row in rows if row[2] == "Pat Participant")
    assert pat[3:6] == ["Essex Police", "Police and justice", "Greater Essex-wide"]


def test_pages_refuse_changes_to_a_published_grouping(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    client = world.client("staff")
    client.post(reverse("grouping:grouping_publish", args=[grouping.pk]), {"confirm": "yes"})
    grouping.refresh_from_db()
    assert grouping.status == Status.PUBLISHED
    response = client.post(reverse("grouping:grouping_run", args=[grouping.pk]), follow=True)
    assert "unpublish it before changing it" in response.text
    grouping.refresh_from_db()
    assert grouping.status == Status.PUBLISHED
    client.post(reverse("grouping:grouping_unpublish", args=[grouping.pk]), {"confirm": "yes"})
    grouping.refresh_from_db()
    assert grouping.status == Status.READY


def test_duplicating_copies_the_rules_and_pairs_as_a_draft(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make
) -> None:
    grouping = make_grouping()
    client = world.client("staff")
    client.post(
        reverse("grouping:pair_new", args=[grouping.pk]),
        {
            "first": world.enrolment.pk,
            "second": cohort_of_twelve[1].pk,
            "kind": "apart",
            "reason": "line manager and report",
        },
    )
    response = client.post(reverse("grouping:grouping_duplicate", args=[grouping.pk]), follow=True)
    copy = Grouping.objects.exclude(pk=grouping.pk).get()
    assert copy.name == "Learning sets (copy)" and copy.status == Status.DRAFT
    assert "line manager and report" in response.text


PAGES = {"staff": 9, "facilitator": 8}


@pytest.mark.parametrize("role", ["staff", "facilitator"])
def test_the_grouping_page_runs_the_same_queries_for_a_small_and_a_large_cohort(
    world: World,
    make_grouping: Make,
    run_now: Run,
    django_assert_num_queries: DjangoAssertNumQueries,
    role: str,
) -> None:
    client = world.client(role)
    counts = []
    for extra in (7, 53):
        add_participants(world, extra)
        grouping = run_now(make_grouping(group_count=4, organisation="weighted"))
        assert grouping.status == Status.READY
        client.get(grouping.get_absolute_url())  # warm the caches a first visit fills
        with django_assert_num_queries(PAGES[role]) as captured:
            client.get(grouping.get_absolute_url())
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
