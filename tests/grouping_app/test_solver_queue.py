"""A grouping runs in the "solvers" queue, which production serves with a worker of its own
(docs/deploy.md): a worker for everything else leaves it waiting, the solvers' worker runs it."""

from __future__ import annotations

import signal

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from commonground.grouping import services
from commonground.grouping.models import Grouping, Status
from commonground.programmes.models import Enrolment

from .test_app_runs import Make


def _worker(*arguments: str) -> None:
    # The worker takes over SIGINT and SIGTERM; give them back to the test run afterwards.
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", *arguments)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)
def test_a_grouping_waits_for_the_solvers_worker_and_runs_there(
    cohort_of_twelve: list[Enrolment], make_grouping: Make, settings: Settings
) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    grouping = make_grouping()
    with transaction.atomic():
        services.request_run(grouping, by=None)
    assert list(DBTaskResult.objects.values_list("queue_name", flat=True)) == ["solvers"]
    # The worker for everything else, as deployed, leaves it in the queue.
    _worker("--queue-name", "*", "--exclude-queues", "solvers")
    assert Grouping.objects.get(pk=grouping.pk).status == Status.QUEUED
    # The solvers' worker runs it, then stops (systemd starts it afresh).
    _worker("--queue-name", "solvers", "--max-tasks", "1")
    done = Grouping.objects.get(pk=grouping.pk)
    assert done.status == Status.READY
    assert done.groups.count() == 3
