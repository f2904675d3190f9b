"""The audit log keeps a bounded excerpt of long text, and still notices edits past it."""

from __future__ import annotations

import pytest

from commonground.audit.log import audited
from commonground.audit.models import AuditEntry
from commonground.directory.models import Area, Organisation, Sector
from commonground.programmes.models import Programme


@pytest.fixture
def owner(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Essex County Council", sector=Sector.choices[0][0], area=Area.choices[0][0]
    )


def _created(owner: Organisation, description: str) -> AuditEntry:
    programme = Programme(name="Leading Greater Essex", slug="lge", owner=owner)
    with audited(None, programme, "programmes.programme.created"):
        programme.description = description
        programme.save()
    return AuditEntry.objects.get(action="programmes.programme.created")


def test_a_long_value_is_kept_as_an_excerpt_with_its_length(owner: Organisation) -> None:
    kept = _created(owner, "x" * 5000).changes["description"][1]
    assert kept.startswith("x" * 500 + "… (5000 characters")
    assert len(kept) < 600


def test_short_values_are_kept_whole(owner: Organisation) -> None:
    assert _created(owner, "y" * 500).changes["description"] == [None, "y" * 500]


def test_an_edit_past_the_excerpt_is_still_recorded(owner: Organisation) -> None:
    _created(owner, "x" * 1000)
    programme = Programme.objects.get()
    with audited(None, programme, "programmes.programme.changed"):
        programme.description = "x" * 999 + "y"
        programme.save()
    assert AuditEntry.objects.filter(action="programmes.programme.changed").count() == 1
