"""Holm-Bonferroni adjustment of p-values across a family of tests."""

from collections.abc import Sequence


def holm_adjust(p_values: Sequence[float | None]) -> tuple[float | None, ...]:
    """Holm (1979) adjusted p-values, in the order given.

    Testing 20 indicators at 5% each would find about one "significant"
    change by chance alone; Holm's step-down method keeps the chance of any
    false finding in the family at 5% while giving up less power than a
    plain Bonferroni correction. The smallest of m p-values is multiplied by
    m, the next by m - 1, and so on; each adjusted value is at least the one
    before it (so the order of evidence is kept) and at most 1. Missing
    p-values (None) are left out of the family and stay None.
    """
    present = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    m = len(present)
    adjusted: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(present):
        running = max(running, min(1.0, (m - rank) * p))
        adjusted[i] = running
    return tuple(adjusted)
