"""Programmes that existed before ladders were the programme's own get the standard rungs and a
copy of the examples they used to share, by data migration."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("directory", "0004_search_indexes"), ("programmes", "0004_completion_withdrawal")]
AFTER = [("directory", "0005_programme_ladders")]


@pytest.fixture
def back_to_the_latest() -> Iterator[None]:
    """Going back to BEFORE also undoes the later migrations of every app that depends on those
    states; put every app back at its newest, or the tests after this one on the same database
    would find columns missing."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_programmes_get_the_standard_ladder_and_the_shared_examples(
    back_to_the_latest: None,
) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    owner = old.get_model("directory", "Organisation").objects.create(
        name="Essex Partners", sector="Partnership", area="Greater Essex"
    )
    programme = old.get_model("programmes", "Programme").objects.create(
        name="Leading Greater Essex", slug="lge", owner=owner
    )
    shared = old.get_model("directory", "BandExample")
    shared.objects.all().delete()
    shared.objects.create(sector="Fire and rescue", title="Area Manager", band="assistant_director")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rungs = new.get_model("directory", "Rung").objects.filter(programme_id=programme.pk)
    assert sorted(rungs.values_list("band", flat=True)) == sorted(
        ["chief_officer", "director", "assistant_director", "head_of_service", "senior_manager"]
    )
    examples = new.get_model("directory", "BandExample").objects.all()
    assert list(examples.values_list("programme_id", "title", "band")) == [
        (programme.pk, "Area Manager", "assistant_director")
    ]
