"""Two people editing one record: the later save never silently overwrites the earlier one."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from commonground.directory.models import Band, Person
from commonground.programmes.models import ProgrammeRole, Role
from tests.conftest import World


def _form_of(page: str) -> dict[str, str]:
    """The fields a browser would send back from the edit page, as the page drew them."""
    version = re.search(r'name="record_version" value="([^"]+)"', page)
    assert version is not None, "the edit page carries the version it was drawn from"
    return {"record_version": version.group(1)}


def _person_form(person: Person, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "organisation": person.organisation_id,
        "job_title": person.job_title,
        "band": person.band,
    }
    return values | changes


def test_a_save_made_meanwhile_is_named_and_not_overwritten(world: World) -> None:
    person = world.participant_person
    url = reverse("directory:person_edit", args=[person.pk])
    first = world.client("staff")
    second_user = world.users["facilitator"]
    ProgrammeRole.objects.filter(user=second_user).update(role=Role.STAFF)
    second = Client()
    second.force_login(second_user)

    seen_by_first = _form_of(first.get(url).content.decode())
    seen_by_second = _form_of(second.get(url).content.decode())
    saved = second.post(url, _person_form(person, job_title="Chief Inspector") | seen_by_second)
    assert saved.status_code == 302

    refused = first.post(url, _person_form(person, band=Band.DIRECTOR) | seen_by_first)
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "Someone else saved changes to this record while you were editing it" in body
    assert "Job title is now \u201cChief Inspector\u201d" in body
    person.refresh_from_db()
    assert person.job_title == "Chief Inspector" and person.band == Band.HEAD_OF_SERVICE

    # Saving again from the page as redrawn keeps this person's version, knowingly.
    again = first.post(url, _person_form(person, band=Band.DIRECTOR) | _form_of(body))
    assert again.status_code == 302
    person.refresh_from_db()
    assert person.band == Band.DIRECTOR and person.job_title == "Chief Inspector"


def test_a_save_with_nothing_changed_meanwhile_goes_through(world: World) -> None:
    person = world.participant_person
    url = reverse("directory:person_edit", args=[person.pk])
    client = world.client("staff")
    seen = _form_of(client.get(url).content.decode())
    assert (
        client.post(url, _person_form(person, job_title="Superintendent") | seen).status_code == 302
    )
    person.refresh_from_db()
    assert person.job_title == "Superintendent"


def test_a_tampered_version_is_refused_with_a_clear_message(world: World) -> None:
    person = world.participant_person
    url = reverse("directory:person_edit", args=[person.pk])
    response = world.client("staff").post(
        url, _person_form(person, job_title="Changed") | {"record_version": "not-signed"}
    )
    assert "This page is out of date. Reload it" in response.content.decode()
    person.refresh_from_db()
    assert person.job_title != "Changed"
