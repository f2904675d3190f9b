"""The audit log keeps a bounded excerpt of long text, and still notices edits past it."""

from __future__ import annotations

import pytest

from commonground.audit.log import record, snapshot
from commonground.directory.models import Area, Organisation, Sector
from commonground.programmes.models import Programme


@pytest.fixture
def programme(db: None) -> Programme:
    owner = Organisation.objects.create(
        name="Essex County Council", sector=Sector.choices[0][0], area=Area.choices[0][0]
    )
    return Programme.objects.create(name="Leading Greater Essex", slug="lge", owner=owner)


def test_a_long_value_is_kept_as_an_excerpt_with_its_length(programme: Programme) -> None:
    programme.description = "x" * 5000
    programme.save()
    entry = record(None, programme, "programmes.programme.created")
    assert entry is not None
    kept = entry.changes["description"][1]
    assert kept.startswith("x" * 500 + "… (5000 characters")
    assert len(kept) < 600


def test_short_values_are_kept_whole(programme: Programme) -> None:
    programme.description = "y" * 500
    programme.save()
    entry = record(None, programme, "programmes.programme.created")
    assert entry is not None
    assert entry.changes["description"] == [None, "y" * 500]


def test_an_edit_past_the_excerpt_is_still_recorded(programme: Programme) -> None:
    programme.description = "x" * 1000
    programme.save()
    before = snapshot(programme)
    programme.description = "x" * 999 + "y"
    programme.save()
    assert record(None, programme, "programmes.programme.changed", before) is not None
