"""A process that serves pages or works out reports does not carry the constraint solver (and
the pandas it brings, about 60 MB between them) until it solves something."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from commonground.lib.lazy_modules import lazy

STARTED = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
import commonground.evaluation.tasks, commonground.grouping.tasks
print("pandas" in sys.modules)
from commonground.grouping.engine import GroupSizes, Participant, SolverSettings, plan_mixing
people = [Participant(f"P{i}", {"sector": "Police" if i % 2 else "Health"}) for i in range(6)]
plan = plan_mixing(people, 2, GroupSizes(target_size=3), rules=[], settings=SolverSettings(seed=0))
print("pandas" in sys.modules, len(plan.rounds))
"""


def test_the_site_starts_without_the_solver_and_loads_it_to_solve() -> None:
    done = subprocess.run(
        [sys.executable, "-c", STARTED],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert done.stdout.split() == ["False", "True", "2"]


def test_a_module_loads_on_first_use_and_a_missing_one_is_named() -> None:
    module = lazy("json.tool")
    assert callable(module.main)
    with pytest.raises(ModuleNotFoundError, match="no_such_module_here"):
        lazy("no_such_module_here")
