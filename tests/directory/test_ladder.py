"""Each programme's seniority ladder: staff see its rungs in order with the sector examples, put
them in the programme's own words, and keep the examples; titles are placed by the ladder of the
person's programme, and pages show the programme's words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from commonground.audit.models import AuditEntry
from commonground.directory.ladder import ladder_for, load_examples, programme_of, suggest_band
from commonground.directory.models import Band, BandExample, BandSource, Post, Rung, Sector
from commonground.programmes.models import Cohort, Enrolment, Programme
from tests.conftest import World


def _ladder(world: World) -> str:
    return reverse("directory:ladder", args=[world.programme.slug])


def _rename(world: World, band: str, label: str, meaning: str) -> None:
    Rung.objects.filter(programme=world.programme, band=band).update(label=label, meaning=meaning)


def test_a_new_programme_starts_with_the_standard_ladder(world: World) -> None:
    programme = Programme.objects.create(
        name="New Leaders", slug="new-leaders", owner=world.organisation
    )
    ladder = ladder_for(programme.pk)
    assert [rung.label for rung in ladder.rungs] == [
        "Chief officer",
        "Director",
        "Assistant director",
        "Head of service",
        "Senior manager",
    ]
    assert BandExample.objects.filter(programme=programme, title="Chief Superintendent").exists()


def test_staff_see_the_rungs_in_order_and_the_examples_by_sector(world: World) -> None:
    page = world.client("staff").get(_ladder(world)).content.decode()
    assert (
        page.index("1. Chief officer") < page.index("2. Director") < page.index("5. Senior manager")
    )
    assert "Leads a whole organisation" in page
    assert "Police and justice" in page
    assert "Chief Superintendent" in page


def test_the_programme_page_links_staff_to_the_ladder(world: World) -> None:
    url = reverse("programmes:programme", args=[world.programme.slug])
    assert _ladder(world) in world.client("staff").get(url).content.decode()
    assert _ladder(world) not in world.client("facilitator").get(url).content.decode()


def test_renaming_a_rung_changes_the_words_and_is_audited(world: World) -> None:
    url = reverse("directory:ladder_rung", args=[world.programme.slug, Band.ASSISTANT_DIRECTOR])
    response = world.client("staff").post(
        url, {"label": "Tier 3 leader", "meaning": "Leads several services"}, follow=True
    )
    assert "The rung is now called “Tier 3 leader”." in response.content.decode()
    assert ladder_for(world.programme.pk).label(Band.ASSISTANT_DIRECTOR) == "Tier 3 leader"
    assert (
        ladder_for(world.other_programme.pk).label(Band.ASSISTANT_DIRECTOR) == "Assistant director"
    )
    entry = AuditEntry.objects.get(action="directory.rung.changed")
    assert entry.changes["label"] == ["Assistant director", "Tier 3 leader"]


def test_a_rung_needs_a_name_of_its_own(world: World) -> None:
    url = reverse("directory:ladder_rung", args=[world.programme.slug, Band.DIRECTOR])
    response = world.client("staff").post(url, {"label": "Chief officer", "meaning": "x"})
    assert response.status_code == 400
    assert "Another rung is already called &#x27;Chief officer&#x27;" in response.content.decode()
    response = world.client("staff").post(url, {"label": " ", "meaning": ""})
    assert response.status_code == 400
    assert "Enter the name of this rung" in response.content.decode()
    assert "Enter what this rung means" in response.content.decode()
    assert not AuditEntry.objects.filter(action="directory.rung.changed").exists()


def test_staff_add_change_and_remove_an_example(world: World) -> None:
    client = world.client("staff")
    add = reverse("directory:ladder_example_add", args=[world.programme.slug])
    response = client.post(
        add, {"sector": Sector.EDUCATION, "title": "Executive Principal", "band": Band.DIRECTOR}
    )
    assert response.status_code == 302
    example = BandExample.objects.get(programme=world.programme, title="Executive Principal")
    change = reverse("directory:ladder_example", args=[world.programme.slug, example.pk])
    page = client.get(change).content.decode()
    form = {
        "sector": Sector.EDUCATION,
        "title": "Executive Principal",
        "band": Band.ASSISTANT_DIRECTOR,
    }
    version = page.split('name="record_version" value="')[1].split('"')[0]
    assert client.post(change, form | {"record_version": version}).status_code == 302
    example.refresh_from_db()
    assert example.band == Band.ASSISTANT_DIRECTOR
    remove = reverse("directory:ladder_example_remove", args=[world.programme.slug, example.pk])
    assert client.post(remove).status_code == 302
    assert not BandExample.objects.filter(pk=example.pk).exists()
    entries = AuditEntry.objects.filter(action__startswith="directory.bandexample")
    assert list(entries.order_by("pk").values_list("action", flat=True)) == [
        "directory.bandexample.created",
        "directory.bandexample.changed",
        "directory.bandexample.deleted",
    ]
    assert not BandExample.objects.filter(
        programme=world.other_programme, title="Executive Principal"
    ).exists()


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"sector": "", "title": "Head", "band": "director"}, "Choose the sector"),
        ({"sector": "Space", "title": "Head", "band": "director"}, "Choose a sector from the list"),
        ({"sector": "Education", "title": "  ", "band": "director"}, "Enter the job title"),
        (
            {"sector": "Police and justice", "title": "chief superintendent", "band": "director"},
            "&#x27;chief superintendent&#x27; is already on the ladder for police and justice",
        ),
        ({"sector": "Education", "title": "Head", "band": "other"}, "Choose a rung from the list"),
    ],
)
def test_a_wrong_example_is_refused_with_the_reason(
    world: World, form: dict[str, str], message: str
) -> None:
    before = BandExample.objects.count()
    add = reverse("directory:ladder_example_add", args=[world.programme.slug])
    response = world.client("staff").post(add, form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert BandExample.objects.count() == before


def test_the_same_title_may_sit_on_another_programmes_ladder(world: World) -> None:
    add = reverse("directory:ladder_example_add", args=[world.other_programme.slug])
    BandExample.objects.filter(
        programme=world.other_programme, title="Chief Superintendent"
    ).delete()
    form = {"sector": "Police and justice", "title": "Chief Superintendent", "band": "director"}
    assert world.client("other_staff").post(add, form).status_code == 302


def test_a_title_is_placed_by_the_ladder_of_the_persons_latest_programme(world: World) -> None:
    person = world.alumnus_person
    BandExample.objects.create(
        programme=world.other_programme,
        sector=Sector.EDUCATION,
        title="Dean of Faculty",
        band=Band.DIRECTOR,
    )
    assert (
        suggest_band("Dean of Faculty", Sector.EDUCATION, load_examples(programme_of(person)))
        is None
    )
    later = Cohort.objects.create(
        programme=world.other_programme,
        name="Aspiring 2030",
        starts_on=dt.date(2030, 9, 1),
        ends_on=dt.date(2031, 7, 1),
    )
    Enrolment.objects.create(person=person, cohort=later, enrolled_on=later.starts_on)
    assert programme_of(person) == world.other_programme.pk
    assert suggest_band(
        "Dean of Faculty", Sector.EDUCATION, load_examples(programme_of(person))
    ) == (Band.DIRECTOR)


def test_career_pages_and_the_report_use_the_programmes_words(world: World) -> None:
    _rename(world, Band.HEAD_OF_SERVICE, "Service lead", "Leads one service")
    Post.objects.create(
        person=world.alumnus_person,
        organisation=world.organisation,
        title="Head of Libraries",
        band=Band.HEAD_OF_SERVICE,
        band_source=BandSource.STATED,
        started_on=dt.date(2020, 4, 1),
    )
    career = world.client("alumnus").get(reverse("directory:my_career")).content.decode()
    assert "Service lead" in career
    assert "Leads one service" in career
    home = world.client("alumnus").get(reverse("home")).content.decode()
    assert "Service lead, since April 2020" in home
    person = reverse("directory:person", args=[world.alumnus_person.pk])
    assert "Service lead" in world.client("staff").get(person).content.decode()
    report = reverse("progression:report", args=[world.programme.slug])
    assert "service lead" in world.client("staff").get(report).content.decode()
    post = Post.objects.get(person=world.alumnus_person)
    edit = reverse("directory:post_edit", args=[post.pk])
    assert '<option value="head_of_service" selected>Service lead</option>' in (
        world.client("staff").get(edit).content.decode()
    )


def test_staff_correct_a_band_from_the_person_page(world: World) -> None:
    post = Post.objects.create(
        person=world.alumnus_person,
        organisation=world.organisation,
        title="Head of Libraries",
        band=Band.HEAD_OF_SERVICE,
        started_on=dt.date(2020, 4, 1),
    )
    client = world.client("staff")
    edit = reverse("directory:post_edit", args=[post.pk])
    page = client.get(reverse("directory:person", args=[world.alumnus_person.pk])).content.decode()
    assert edit in page
    form = client.get(edit).content.decode()
    version = form.split('name="record_version" value="')[1].split('"')[0]
    response = client.post(
        edit,
        {
            "organisation": world.organisation.pk,
            "title": "Head of Libraries",
            "band": Band.ASSISTANT_DIRECTOR,
            "started_on": "2020-04-01",
            "ended_on": "",
            "record_version": version,
        },
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert (post.band, post.band_source) == (Band.ASSISTANT_DIRECTOR, BandSource.CORRECTED)


@pytest.mark.parametrize("extra", [0, 40])
def test_the_ladder_page_costs_the_same_whatever_the_examples(
    world: World, django_assert_num_queries: DjangoAssertNumQueries, extra: int
) -> None:
    BandExample.objects.bulk_create(
        BandExample(
            programme=world.programme, sector=Sector.EDUCATION, title=f"Head {n}", band="director"
        )
        for n in range(extra)
    )
    client = world.client("staff")
    client.get(_ladder(world))
    # session, user, roles, person; the programme; the examples; the rungs
    with django_assert_num_queries(7):
        assert client.get(_ladder(world)).status_code == 200
