"""How different two participants are: weighted attribute differences, the diversity to maximise."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .model import Participant
from .problem import FloatArray


def is_numeric(participants: Sequence[Participant], attribute: str) -> bool:
    """True when every participant's value is a number (missing values make it categorical)."""
    return all(isinstance(p.value(attribute), int | float) for p in participants)


def numbers(participants: Sequence[Participant], attribute: str) -> FloatArray:
    return np.array([float(p.value(attribute)) for p in participants])


def diversity_matrix(
    participants: Sequence[Participant], weights: Mapping[str, float]
) -> FloatArray:
    """d_ij: weight x (values differ) per category, weight x |x_i - x_j| / range per number."""
    n = len(participants)
    distances = np.zeros((n, n))
    for attribute, weight in weights.items():
        if is_numeric(participants, attribute):
            values = numbers(participants, attribute)
            spread = float(values.max() - values.min()) if n else 0.0
            if spread > 0:
                distances += weight * np.abs(values[:, None] - values[None, :]) / spread
        else:
            labels = [str(p.value(attribute)) for p in participants]
            codes = np.unique(labels, return_inverse=True)[1]
            distances += weight * (codes[:, None] != codes[None, :])
    return distances


def default_weights(participants: Sequence[Participant]) -> dict[str, float]:
    """Every attribute counts once: diversity is how many attributes two people differ on."""
    names = sorted({name for p in participants for name in p.attributes})
    return dict.fromkeys(names, 1.0)
