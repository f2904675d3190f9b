"""Adding and changing an organisation, with its validation and audit entries."""

from __future__ import annotations

from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.directory.models import Organisation
from tests.conftest import World

NEW = reverse("directory:organisation_new")


def _data(**changes: str) -> dict[str, str]:
    data = {
        "name": "Southend-on-Sea City Council",
        "short_name": "SCC",
        "sector": "Local government",
        "kind": "Unitary authority",
        "area": "Southend",
        "locality": "Southend-on-Sea",
    }
    data.update(changes)
    return data


def test_it_adds_an_organisation_and_records_it(world: World) -> None:
    response = world.client("staff").post(NEW, _data())
    organisation = Organisation.objects.get(name="Southend-on-Sea City Council")
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:organisation", args=[organisation.pk])
    entry = AuditEntry.objects.get(action="directory.organisation.created")
    assert entry.actor == world.users["staff"]
    assert entry.changes["name"] == [None, "Southend-on-Sea City Council"]


def test_it_refuses_a_name_already_taken_in_any_case(world: World) -> None:
    response = world.client("staff").post(NEW, _data(name="essex police"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "An organisation with this name already exists; choose a different name" in body
    assert Organisation.objects.count() == 3


def test_it_asks_for_the_name_sector_and_area(world: World) -> None:
    response = world.client("staff").post(NEW, {})
    body = response.content.decode()
    for message in ("Enter the name of the organisation", "Select the sector", "Select the area"):
        assert message in body
    assert response.context["form"].errors


def test_it_changes_an_organisation_and_records_old_and_new_values(world: World) -> None:
    url = reverse("directory:organisation_edit", args=[world.organisation.pk])
    data = _data(name="Essex County Council", short_name="Essex CC", area="Essex")
    response = world.client("staff").post(url, data)
    assert response.status_code == 302
    world.organisation.refresh_from_db()
    assert world.organisation.short_name == "Essex CC"
    entry = AuditEntry.objects.get(action="directory.organisation.changed")
    assert entry.changes["short_name"] == ["ECC", "Essex CC"]
    assert entry.changes["locality"] == ["", "Southend-on-Sea"]
    assert "name" not in entry.changes


def test_a_bad_change_leaves_the_organisation_as_it_was(world: World) -> None:
    url = reverse("directory:organisation_edit", args=[world.organisation.pk])
    response = world.client("staff").post(url, _data(name="Essex Police", short_name="X"))
    assert "An organisation with this name already exists" in response.content.decode()
    assert "Change Essex County Council" in response.content.decode()
    world.organisation.refresh_from_db()
    assert (world.organisation.name, world.organisation.short_name) == (
        "Essex County Council",
        "ECC",
    )
    assert not AuditEntry.objects.filter(action__startswith="directory.organisation").exists()


def test_the_form_shows_the_current_values(world: World) -> None:
    url = reverse("directory:organisation_edit", args=[world.organisation.pk])
    body = world.client("staff").get(url).content.decode()
    assert 'value="Essex County Council"' in body
    assert '<label class="govuk-label govuk-label--s" for="id_short_name">' in body


def test_facilitators_may_not_add_organisations(world: World) -> None:
    response = world.client("facilitator").post(NEW, _data())
    assert response.status_code == 403
    assert not Organisation.objects.filter(short_name="SCC").exists()
