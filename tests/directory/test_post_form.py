"""Adding and correcting the posts a person has held."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.directory.models import Band, Post
from tests.conftest import World


def _data(world: World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organisation": world.other_organisation.pk,
        "title": "Chief Inspector",
        "band": "head_of_service",
        "started_on": "2021-04-01",
        "ended_on": "2023-03-31",
    }
    data.update(changes)
    return data


def test_the_new_post_form_starts_from_their_current_job(world: World) -> None:
    url = reverse("directory:post_new", args=[world.participant_person.pk])
    response = world.client("staff").get(url)
    body = response.content.decode()
    assert response.context["form"].initial["title"] == "Head of Service"
    assert f'<option value="{world.other_organisation.pk}" selected>Essex Police</option>' in body
    assert "Pat Participant" in body


def test_it_adds_a_post_and_records_it(world: World) -> None:
    person = world.participant_person
    url = reverse("directory:post_new", args=[person.pk])
    response = world.client("staff").post(url, _data(world))
    assert response["Location"] == reverse("directory:person", args=[person.pk])
    post = Post.objects.get(person=person)
    assert (post.title, post.ended_on) == ("Chief Inspector", dt.date(2023, 3, 31))
    entry = AuditEntry.objects.get(action="directory.post.created")
    assert entry.changes["started_on"] == [None, "2021-04-01"]
    assert entry.changes["person"] == [None, "Pat Participant"]


def test_it_refuses_a_post_ending_before_it_starts(world: World) -> None:
    url = reverse("directory:post_new", args=[world.participant_person.pk])
    response = world.client("staff").post(url, _data(world, ended_on="2020-01-01"))
    body = response.content.decode()
    summary = body[
        body.index("govuk-error-summary") : body.index("</ul>", body.index("govuk-error-summary"))
    ]
    assert '<a href="#id_ended_on-day">A post cannot end before it starts.</a>' in summary
    assert body.count("A post cannot end before it starts.") == 2
    assert not Post.objects.exists()
    assert not AuditEntry.objects.exists()


def test_it_asks_for_a_real_start_date(world: World) -> None:
    url = reverse("directory:post_new", args=[world.participant_person.pk])
    response = world.client("staff").post(url, _data(world, started_on="31/02/2021"))
    assert "Enter the start date as a real date, like 2024-09-01" in response.content.decode()


def test_it_corrects_a_post_and_records_old_and_new_values(world: World) -> None:
    post = Post.objects.create(
        person=world.participant_person,
        organisation=world.other_organisation,
        title="Inspector",
        band=Band.SENIOR_MANAGER,
        started_on=dt.date(2019, 1, 1),
    )
    url = reverse("directory:post_edit", args=[post.pk])
    response = world.client("staff").post(
        url, _data(world, title="Chief Inspector", started_on="2019-01-01", ended_on="")
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Chief Inspector"
    entry = AuditEntry.objects.get(action="directory.post.changed")
    assert entry.changes == {
        "title": ["Inspector", "Chief Inspector"],
        "band": ["senior_manager", "head_of_service"],
        # Staff changing a band is a correction, and the post says so.
        "band_source": ["stated", "corrected"],
    }


def test_a_bad_correction_leaves_the_post_as_it_was(world: World) -> None:
    post = Post.objects.create(
        person=world.participant_person,
        organisation=world.other_organisation,
        title="Inspector",
        band=Band.SENIOR_MANAGER,
        started_on=dt.date(2019, 1, 1),
    )
    url = reverse("directory:post_edit", args=[post.pk])
    response = world.client("staff").post(url, _data(world, title="", ended_on="2018-01-01"))
    assert "Enter the job title" in response.content.decode()
    post.refresh_from_db()
    assert (post.title, post.ended_on) == ("Inspector", None)


def test_the_person_and_their_sponsor_may_not_add_posts(world: World) -> None:
    url = reverse("directory:post_new", args=[world.participant_person.pk])
    for role in ("participant", "sponsor", "facilitator"):
        assert world.client(role).post(url, _data(world)).status_code == 403
    assert world.client("alumnus").post(url, _data(world)).status_code == 404
    assert not Post.objects.exists()
