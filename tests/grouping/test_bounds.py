"""The diversity bound is never below the best grouping, and on real cohorts much nearer to it."""

from __future__ import annotations

import numpy as np

from commonground.grouping.engine import GroupSizes, SolverSettings, form_groups
from commonground.grouping.engine.bounds import attribute_bound, pair_bound
from commonground.grouping.engine.distance import default_weights, diversity_matrix
from commonground.grouping.engine.sizes import size_bounds

from .cohorts import cohort

# Effort, not seconds: CP-SAT proves these in well under one unit of its deterministic clock.
PROOF = SolverSettings(time_limit=None, max_iterations=20_000, deterministic_time=10.0)


def test_the_attribute_bound_is_never_below_a_proven_optimum() -> None:
    for seed, (people, groups) in enumerate([(12, 3), (12, 4), (11, 3), (10, 2)]):
        members = cohort(people, seed=seed, organisations=6)
        best = form_groups(members, GroupSizes(groups=groups), rules=[], settings=PROOF).explanation
        assert best.proven_optimal
        lower, upper = size_bounds(people, groups=groups)
        bound = attribute_bound(members, default_weights(members), lower, upper)
        assert bound is not None
        assert bound >= best.diversity - 1e-9


def test_the_attribute_bound_holds_for_random_groupings_of_unequal_sizes() -> None:
    members = cohort(23, seed=7)
    weights = default_weights(members)
    distances = diversity_matrix(members, weights)
    lower, upper = size_bounds(23, groups=4, minimum=3, maximum=8)
    bound = attribute_bound(members, weights, lower, upper)
    assert bound is not None
    rng = np.random.default_rng(0)
    for _ in range(200):
        cuts = np.sort(rng.choice(np.arange(1, 23), 3, replace=False))
        sizes = np.diff([0, *cuts, 23])
        if sizes.min() < 3 or sizes.max() > 8:
            continue
        order = rng.permutation(23)
        total = sum(
            distances[np.ix_(g, g)].sum() / 2 for g in np.split(order, np.cumsum(sizes)[:-1])
        )
        assert total <= bound + 1e-9


def test_it_reports_a_much_smaller_gap_than_the_pair_bound_alone_on_a_cohort() -> None:
    members = cohort(40, seed=8)
    found = form_groups(
        members,
        GroupSizes(groups=7),
        settings=SolverSettings(time_limit=None, max_iterations=2000, deterministic_time=1.0),
    ).explanation
    lower, upper = size_bounds(40, groups=7)
    by_pairs = pair_bound(diversity_matrix(members, default_weights(members)), lower, upper)
    assert found.diversity_bound < by_pairs
    assert found.gap < (by_pairs - found.diversity) / by_pairs / 2
