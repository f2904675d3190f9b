"""The programme records in Django's admin, for the site administrator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commonground.audit.models import AuditEntry
from tests.conftest import World


@pytest.mark.parametrize(
    "model", ["programme", "programmerole", "cohort", "enrolment", "activity", "attendance"]
)
def test_the_administrator_can_list_each_programme_record(world: World, model: str) -> None:
    response = world.client("admin").get(reverse(f"admin:programmes_{model}_changelist"))
    assert response.status_code == 200


def test_a_change_made_in_the_admin_is_audited(world: World) -> None:
    url = reverse("admin:programmes_cohort_change", args=[world.cohort.pk])
    response = world.client("admin").post(
        url,
        {
            "programme": world.programme.pk,
            "name": "2026/27",
            "starts_on": str(world.cohort.starts_on),
            "ends_on": str(world.cohort.ends_on),
            "capacity": "40",
            "status": "running",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="programmes.cohort.changed")
    assert entry.changes == {"capacity": [50, 40]}
    assert entry.actor == world.users["admin"]
