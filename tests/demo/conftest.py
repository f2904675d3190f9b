"""The demo is seeded once per test module: seeding takes a couple of seconds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django import DjangoDbBlocker

from commonground.accounts.models import User
from commonground.directory.models import Organisation, Person
from commonground.programmes.demo.seed import SLUG, Summary, seed
from commonground.programmes.models import Programme
from tests.conftest import restore_band_examples


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Summary]:
    with django_db_blocker.unblock():
        restore_band_examples()
        summary = seed()
        assert summary is not None
        yield summary
        # The rows were committed outside any test's transaction, so take them away again.
        Programme.objects.filter(slug=SLUG).delete()
        Person.objects.all().delete()
        User.objects.all().delete()
        Organisation.objects.all().delete()
