"""The board's movement dashboard with the initiatives' figures and section: the page, its PDF
and its API, small numbers hidden from board viewers and only consented stories shown."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from pytest_django import DjangoAssertNumQueries

from commonground.accounts.models import ApiToken
from commonground.directory.models import Person
from commonground.initiatives import figures as initiative_figures
from commonground.programmes import movement
from commonground.programmes.completers import completed_since_first_cohort
from commonground.programmes.models import Enrolment, EnrolmentStatus
from tests.conftest import World
from tests.initiatives.helpers import Initiatives
from tests.initiatives.test_initiative_pages import _grow


def _page(world: World, role: str) -> str:
    url = reverse("programmes:movement", args=[world.programme.slug])
    response = world.client(role).get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def test_staff_see_every_figure_with_its_definition_and_date(
    world: World, made: Initiatives
) -> None:
    page = _page(world, "staff")
    assert "Completed the programme since the first cohort began in September 2024" in page
    assert "People whose completion of Leading Greater Essex is confirmed" in page
    assert "Initiatives alumni lead or take part in" in page
    assert "Alumni involved in initiatives" in page
    assert "Organisations working together in initiatives" in page
    assert "As of " in page


def test_a_board_member_sees_small_numbers_hidden(world: World, made: Initiatives) -> None:
    page = _page(world, "board")
    assert "Figures about fewer than 5 people are not shown" in page
    completed = page[page.index('id="figure-completed"') :]
    assert "fewer than 5" in completed[:400]
    assert (
        "People of the programme involved: fewer than 5 (leading it: fewer than 5; taking part: 0)."
        in page
    )
    staff = _page(world, "staff")
    assert "People of the programme involved: 1 (leading it: 1; taking part: 0)." in staff


def test_the_board_reads_only_stories_everyone_named_agreed_to(
    world: World, made: Initiatives
) -> None:
    page = _page(world, "board")
    assert "Story, “One front door”: Families tell their story once." in page
    assert "Schools hear first" not in page
    assert "waits for the consent" not in page
    assert made.initiative.get_absolute_url() not in page  # not a page the board may open
    staff = _page(world, "staff")
    assert "1 story waits for the consent of someone named, so not shown to the board." in staff
    assert made.initiative.get_absolute_url() in staff


def test_each_indicator_is_a_chart_with_its_table(world: World, made: Initiatives) -> None:
    page = _page(world, "board")
    assert "Repeat referrals: 30.5 referrals in the period to 31 March 2026, down from 42" in page
    assert '<svg class="cg-chart"' in page
    assert "Repeat referrals (referrals): the figures" in page
    assert "Sep 2025: 42, Dec 2025: 37, Mar 2026: 30.5" in page  # the chart's own title
    assert "31 Mar 2026</th>" in page and ">30.5</td>" in page


def test_the_board_home_and_the_programme_page_lead_to_it(world: World, made: Initiatives) -> None:
    url = reverse("programmes:movement", args=[world.programme.slug])
    assert url in world.client("board").get(reverse("home")).content.decode()
    programme = reverse("programmes:programme", args=[world.programme.slug])
    assert url in world.client("staff").get(programme).content.decode()


def _pdf_text(world: World, role: str) -> str:
    url = reverse("programmes:movement_pdf", args=[world.programme.slug])
    response = world.client(role).get(url)
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_pdf_reads_as_the_page(world: World, made: Initiatives) -> None:
    text = _pdf_text(world, "board")
    assert "The movement: Leading Greater Essex after the year" in text
    assert "Figures about fewer than 5 people are hidden." in text
    assert "Completed the programme since the first cohort began in September 2024" in text
    assert "Greater Essex" in text and "Domestic abuse partnership" in text
    assert "Repeat referrals (referrals): the figures" in text
    assert "One front door" in text
    assert "Schools hear first" not in text


def _api(world: World, role: str, name: str, **kwargs: str) -> tuple[int, dict[str, object]]:
    token = ApiToken.issue(world.users[role], "tests")[1]
    url = reverse(f"api:{name}", kwargs={"slug": world.programme.slug, **kwargs})
    response = Client().get(url, headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.json()


def test_the_api_lists_the_figures_by_key(world: World, made: Initiatives) -> None:
    status, body = _api(world, "board", "programme-movement")
    assert status == 200
    figures = body["figures"]
    assert isinstance(figures, dict)
    assert {"completed", "initiatives", "alumni_in_initiatives"} <= set(figures)
    assert figures["completed"]["number"] is None and figures["completed"]["hidden"] is True
    assert figures["initiatives"]["number"] == 1
    status, staff = _api(world, "staff", "programme-movement-figure", key="completed")
    assert (status, staff["number"], staff["hidden"]) == (200, 1, False)
    status, _ = _api(world, "staff", "programme-movement-figure", key="no-such-figure")
    assert status == 404


@pytest.fixture
def only_ours() -> Iterator[None]:
    """The dashboard with this branch's figures only, so its query count is this branch's."""
    saved = dict(movement._providers), dict(movement._sections)
    movement._providers.clear()
    movement._sections.clear()
    movement.register("programmes", completed_since_first_cohort)
    movement.register("initiatives", initiative_figures.figures)
    movement.register_section("initiatives", initiative_figures.section)
    yield
    movement._providers.clear()
    movement._sections.clear()
    movement._providers.update(saved[0])
    movement._sections.update(saved[1])


QUERIES = 18


def test_the_page_runs_the_same_queries_whatever_its_size(
    world: World,
    made: Initiatives,
    only_ours: None,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    url = reverse("programmes:movement", args=[world.programme.slug])
    client = world.client("board")
    client.get(url)
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200
    _grow(made, world)
    for number in range(6):
        person = Person.objects.create(
            first_name="Extra", last_name=f"Alumnus{number}", email=f"a{number}@example.org"
        )
        Enrolment.objects.create(
            person=person, cohort=world.past_cohort, status=EnrolmentStatus.COMPLETED
        )
    with django_assert_num_queries(QUERIES):
        page = client.get(url).content.decode()
    assert "Measure 3" in page


def test_a_hidden_count_of_leads_cannot_be_worked_out_from_the_others(
    world: World, made: Initiatives
) -> None:
    for number in range(6):
        person = Person.objects.create(
            first_name="Taking", last_name=f"Part{number}", email=f"t{number}@example.org"
        )
        made.initiative.involvements.create(person=person, role="takes_part")
    part = initiative_figures.section(world.programme, 5, dt.date(2026, 11, 30))
    assert part is not None
    assert (
        "People of the programme involved: 7 (leading it: fewer than 5; taking part: not shown)."
        in part.parts[0].sentences
    )
