"""A change and its audit entry are saved together or not at all."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from commonground.audit.log import audited
from commonground.audit.models import AuditEntry
from commonground.programmes.models import Cohort, Enrolment, EnrolmentStatus
from commonground.programmes.services import change_enrolment
from tests.conftest import World


class Interrupted(Exception):
    pass


def _refuse_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**_: Any) -> None:
        raise Interrupted

    monkeypatch.setattr(AuditEntry.objects, "create", refuse)


def test_a_change_that_fails_after_saving_leaves_neither_the_change_nor_an_entry(
    world: World,
) -> None:
    cohort = world.cohort
    with (
        pytest.raises(Interrupted),
        audited(world.users["staff"], cohort, "programmes.cohort.changed"),
    ):
        cohort.capacity = 12
        cohort.save()
        raise Interrupted
    assert Cohort.objects.get(pk=cohort.pk).capacity == 50
    assert not AuditEntry.objects.exists()


def test_a_record_created_in_a_failing_block_is_not_kept(world: World) -> None:
    cohort = Cohort(
        programme=world.programme,
        name="2027/28",
        starts_on=world.cohort.ends_on,
        ends_on=world.cohort.ends_on,
        capacity=20,
    )
    with pytest.raises(Interrupted), audited(None, cohort, "programmes.cohort.created"):
        cohort.save()
        raise Interrupted
    assert not Cohort.objects.filter(name="2027/28").exists()
    assert not AuditEntry.objects.exists()


def test_a_service_whose_entry_cannot_be_written_changes_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_entries(monkeypatch)
    with pytest.raises(Interrupted):
        change_enrolment(
            world.enrolment,
            status=EnrolmentStatus.WITHDRAWN,
            sponsor=world.sponsor_person,
            by=world.users["staff"],
        )
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == EnrolmentStatus.ACTIVE


def test_a_form_whose_entry_cannot_be_written_changes_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse_entries(monkeypatch)
    data = {
        "name": world.cohort.name,
        "starts_on": str(world.cohort.starts_on),
        "ends_on": str(world.cohort.ends_on),
        "capacity": "45",
        "status": "running",
    }
    with pytest.raises(Interrupted):
        world.client("staff").post(reverse("programmes:cohort_edit", args=[world.cohort.pk]), data)
    assert Cohort.objects.get(pk=world.cohort.pk).capacity == 50
