"""Reading, writing and scoring raw Maximally Diverse Grouping Problem (MDGPLIB) instances."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .problem import FloatArray, IntArray, SearchProblem, within_group_sums


class InstanceError(ValueError):
    """An MDGP file that does not follow the format; the message names the file and line."""


@dataclass(frozen=True)
class MdgpInstance:
    """n elements, per-group size bounds, and the distance of every pair."""

    name: str
    distances: FloatArray
    lower: IntArray
    upper: IntArray
    equal_sizes: bool

    def problem(self) -> SearchProblem:
        return SearchProblem(pair_scores=self.distances, lower=self.lower, upper=self.upper)

    def objective(self, assignment: IntArray) -> float:
        """The sum of distances over pairs sharing a group, recomputed from the assignment."""
        return float(within_group_sums(self.distances, assignment, self.lower.shape[0]).sum())

    def is_feasible(self, assignment: IntArray) -> bool:
        sizes = np.bincount(assignment, minlength=self.lower.shape[0])
        return bool(np.all(sizes >= self.lower) and np.all(sizes <= self.upper))


def read_instance(path: Path) -> MdgpInstance:
    """Parse `n m ss|ds a_1 b_1 ... a_m b_m` then one `i j d_ij` line per pair."""
    lines = path.read_text().splitlines()
    if not lines:
        raise InstanceError(f"{path} line 1: the file is empty")
    header = lines[0].split()
    try:
        n, m = int(header[0]), int(header[1])
        kind = header[2]
        bounds = [int(value) for value in header[3 : 3 + 2 * m]]
    except (IndexError, ValueError) as error:
        raise InstanceError(f"{path} line 1: expected 'n m ss|ds a_1 b_1 ...' ({error})") from None
    if kind not in ("ss", "ds") or len(bounds) != 2 * m:
        raise InstanceError(f"{path} line 1: expected 'n m ss|ds' and {2 * m} size bounds")
    distances = np.zeros((n, n))
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split()
        if not fields:
            continue
        try:
            i, j, value = int(fields[0]), int(fields[1]), float(fields[2])
            distances[i, j] = distances[j, i] = value
        except (IndexError, ValueError):
            raise InstanceError(
                f"{path} line {number}: expected 'i j d_ij', got {line!r}"
            ) from None
    lower = np.array(bounds[0::2], dtype=np.int64)
    upper = np.array(bounds[1::2], dtype=np.int64)
    return MdgpInstance(path.stem, distances, lower, upper, kind == "ss")


def write_instance(instance: MdgpInstance, path: Path) -> None:
    n = instance.distances.shape[0]
    bounds = " ".join(f"{a} {b}" for a, b in zip(instance.lower, instance.upper, strict=True))
    kind = "ss" if instance.equal_sizes else "ds"
    rows = [f"{n} {instance.lower.shape[0]} {kind} {bounds}"]
    rows += [f"{i} {j} {instance.distances[i, j]:g}" for i in range(n) for j in range(i + 1, n)]
    path.write_text("\n".join(rows) + "\n")


def groups_of(assignment: IntArray, groups: int) -> list[list[int]]:
    """The members of each group, in element order."""
    return [np.flatnonzero(assignment == g).tolist() for g in range(groups)]
