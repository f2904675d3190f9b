"""Adding and changing a person: unique email in any case, bands, organisations, audit."""

from __future__ import annotations

from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.directory.forms import DUPLICATE_EMAIL
from commonground.directory.models import Person
from tests.conftest import World

NEW = reverse("directory:person_new")


def _data(world: World, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "first_name": "Jo",
        "last_name": "Newcomer",
        "email": "Jo.Newcomer@Example.org",
        "organisation": world.organisation.pk,
        "job_title": "Director of Adult Social Care",
        "band": "director",
    }
    data.update(changes)
    return data


def test_it_adds_a_person_with_a_lower_case_email(world: World) -> None:
    response = world.client("staff").post(NEW, _data(world))
    person = Person.objects.get(last_name="Newcomer")
    assert response["Location"] == reverse("directory:person", args=[person.pk])
    assert person.email == "jo.newcomer@example.org"
    assert person.organisation == world.organisation
    entry = AuditEntry.objects.get(action="directory.person.created")
    assert entry.changes["band"] == [None, "director"]
    assert entry.changes["organisation"] == [None, "Essex County Council"]


def test_it_refuses_an_email_already_used_in_another_case(world: World) -> None:
    response = world.client("staff").post(NEW, _data(world, email="PAT.Participant@example.ORG"))
    body = response.content.decode()
    summary = body[
        body.index("govuk-error-summary") : body.index("</ul>", body.index("govuk-error-summary"))
    ]
    assert f'<a href="#id_email">{DUPLICATE_EMAIL}</a>' in summary
    # The message says nothing of who holds the address.
    assert reverse("directory:person", args=[world.participant_person.pk]) not in body
    assert body.count(DUPLICATE_EMAIL) == 2  # in the summary and by the field
    assert not Person.objects.filter(last_name="Newcomer").exists()
    assert not AuditEntry.objects.exists()


def test_it_offers_bands_and_organisations_to_choose_from(world: World) -> None:
    body = world.client("staff").get(NEW).content.decode()
    assert '<select name="band"' in body
    assert '<option value="chief_officer">Chief officer</option>' in body
    assert f'<option value="{world.organisation.pk}">Essex County Council</option>' in body


def test_it_changes_a_person_and_records_old_and_new_values(world: World) -> None:
    person = world.participant_person
    url = reverse("directory:person_edit", args=[person.pk])
    data = _data(
        world,
        first_name="Pat",
        last_name="Participant",
        email="Pat.Participant@example.org",
        job_title="Superintendent",
    )
    response = world.client("staff").post(url, data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.job_title == "Superintendent"
    entry = AuditEntry.objects.get(action="directory.person.changed")
    assert entry.changes["job_title"] == ["Head of Service", "Superintendent"]
    assert entry.changes["organisation"] == ["Essex Police", "Essex County Council"]
    assert "email" not in entry.changes


def test_a_bad_change_leaves_the_person_as_they_were(world: World) -> None:
    person = world.participant_person
    url = reverse("directory:person_edit", args=[person.pk])
    data = _data(world, first_name="", email="sam.sponsor@example.org")
    response = world.client("staff").post(url, data)
    body = response.content.decode()
    assert "Enter their first name" in body
    assert DUPLICATE_EMAIL in body
    assert "Change Pat Participant" in body
    person.refresh_from_db()
    assert (person.first_name, person.email) == ("Pat", "pat.participant@example.org")
    assert not AuditEntry.objects.exists()


def test_read_only_viewers_may_not_change_a_person(world: World) -> None:
    url = reverse("directory:person_edit", args=[world.participant_person.pk])
    for role in ("facilitator", "participant", "sponsor"):
        response = world.client(role).post(url, _data(world, first_name="Hacked"))
        assert response.status_code == 403
    world.participant_person.refresh_from_db()
    assert world.participant_person.first_name == "Pat"
