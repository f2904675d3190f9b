"""Standardised effect sizes for a change measured twice on the same people (Lakens 2013)."""


def cohens_d_z(mean_change: float, sd_change: float) -> float | None:
    """Mean change over the SD of the changes; undefined when everyone changed alike."""
    if sd_change == 0:
        return None
    return mean_change / sd_change


def cohens_d_av(mean_change: float, sd_before: float, sd_after: float) -> float | None:
    """Mean change over the average of the two waves' SDs (Lakens 2013, formula 10)."""
    average_sd = (sd_before + sd_after) / 2
    if average_sd == 0:
        return None
    return mean_change / average_sd


def hedges_correction(n_pairs: int) -> float:
    """Small-sample correction J that turns d_av into g_av.

    Lakens (2013) corrects d_av with his formula 4 as if the two waves were
    two groups of n, that is J = 1 - 3 / (4 df - 1) with df = 2(n - 1). That
    is the choice that reproduces his published g_av = 1.08 for the movie
    example; the df = n - 1 variant would give 1.03.
    """
    df = 2 * (n_pairs - 1)
    return 1 - 3 / (4 * df - 1)


def hedges_g_av(
    mean_change: float, sd_before: float, sd_after: float, n_pairs: int
) -> float | None:
    """d_av with the small-sample correction, so small cohorts do not overstate the effect."""
    d_av = cohens_d_av(mean_change, sd_before, sd_after)
    if d_av is None or n_pairs < 2:
        return None
    return d_av * hedges_correction(n_pairs)
