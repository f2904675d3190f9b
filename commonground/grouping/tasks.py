"""Background work: running the grouping engine for a saved grouping."""

from __future__ import annotations

from django_tasks import task

from . import services

# The queue of the background work that runs a solver (TASK_QUEUES in settings).
SOLVERS = "solvers"


@task(queue_name=SOLVERS)
def run_grouping(grouping_id: int, replanning: bool = False) -> str:
    """Run (or re-plan) one grouping; its progress and outcome are written to its row."""
    return services.run(grouping_id, replanning=replanning)
