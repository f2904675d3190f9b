"""What a cohort report needs from the responses, gathered in one pass over them.

A programme's report may rest on half a million responses. Holding them all, each with its
ratings as a dictionary, takes gigabytes; the report needs far less: each participant's score on
each measure at each wave (for the paired comparisons, which match people across waves), each
rating at the raters' wave, the statements' answers, and counts. `ReportInput.add` takes one
response at a time and keeps only those, as packed arrays of floats, so responses can be
streamed from a database and memory grows with the participants, not with their answers.

The report reads the gathered figures back in the order the responses came in, exactly as it
would from the list of responses itself, so every figure is the same to the last bit.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from commonground.evaluation.stats.raters import Rating
from commonground.evaluation.stats.response_rates import ResponseRate
from commonground.evaluation.stats.responses import RATER_TYPES, WAVES, Response

Participant = tuple[str, str]

Score = Callable[[Mapping[str, float]], float | None]
# A score that is not there (the respondent skipped too much of a theme) is kept as NaN, which
# no answer can be: answers are read from JSON or CSV numbers.
_MISSING = math.nan


class _Seen:
    """Which participants (by their numbers 0, 1, 2... in `ReportInput`) have been seen, and how
    many: a byte each, where a set of tens of thousands of numbers takes megabytes."""

    def __init__(self) -> None:
        self._seen = bytearray()
        self._count = 0

    def add(self, participant: int) -> None:
        if participant >= len(self._seen):
            self._seen.extend(bytes(participant + 1 - len(self._seen)))
        if not self._seen[participant]:
            self._seen[participant] = 1
            self._count += 1

    def __len__(self) -> int:
        return self._count


@dataclass
class _WaveScores:
    """Self-assessment scores at one wave: one row of measures per participant, first-seen order.
    Packed arrays throughout (`slot` holds each participant's row, -1 for none yet), so memory is
    the scores themselves rather than a Python object per participant."""

    width: int
    order: array[int] = field(default_factory=lambda: array("l"))
    slot: array[int] = field(default_factory=lambda: array("l"))
    values: array[float] = field(default_factory=lambda: array("d"))

    def put(self, participant: int, scores: Sequence[float]) -> None:
        if participant >= len(self.slot):
            self.slot.extend(array("l", [-1]) * (participant + 1 - len(self.slot)))
        at = self.slot[participant]
        if at < 0:
            self.slot[participant] = len(self.order)
            self.order.append(participant)
            self.values.extend(scores)
        else:
            self.values[at * self.width : (at + 1) * self.width] = array("d", scores)


@dataclass(frozen=True)
class Pairs:
    """The participants with a score on one measure at both of two waves, in the order they
    first answered the earlier wave; those with a score at only one of them are incomplete."""

    cohort: np.ndarray  # each pair's cohort, as its place in `ReportInput.cohort_names`
    before: np.ndarray
    after: np.ndarray
    n_incomplete: int
    incomplete_by_cohort: np.ndarray  # counts, by place in `cohort_names`
    cohorts: np.ndarray  # the places of the cohorts with anyone asked at either wave


class ReportInput:
    """The responses reduced to what `cohort_report` computes from; feed it with `add`."""

    def __init__(
        self, measures: Sequence[Score], statements: Iterable[str], rater_wave: str
    ) -> None:
        self.measures = list(measures)
        self.statement_ids = frozenset(statements)
        self.rater_wave = rater_wave
        self.rows = 0
        self.cohorts: set[str] = set()
        self._ids: dict[Participant, int] = {}
        self._participants: list[Participant] = []
        self._self_participants = _Seen()
        self._self_scores = {w: _WaveScores(len(self.measures)) for w in WAVES}
        self._rater_who = array("l")
        self._rater_type = array("b")
        self._rater_types: list[str] = []
        self._rater_values = array("d")
        self._statements: dict[tuple[str, str], array[float]] = {}
        self._waves_seen: set[str] = set()
        self._invited: Counter[tuple[str, str]] = Counter()
        self._answered: Counter[tuple[str, str]] = Counter()
        self._self_answered: dict[str, _Seen] = {}
        self.comments: Counter[str] = Counter()

    @classmethod
    def of(
        cls,
        measures: Sequence[Score],
        statements: Iterable[str],
        rater_wave: str,
        responses: Iterable[Response],
    ) -> ReportInput:
        gathered = cls(measures, statements, rater_wave)
        for response in responses:
            gathered.add(response)
        return gathered

    def add(self, response: Response) -> None:
        self.rows += 1
        self.cohorts.add(response.cohort)
        who = self._id(response.participant)
        wave, is_self = response.wave, response.rater_type == "self"
        self._waves_seen.add(wave)
        self._invited[wave, response.rater_type] += 1
        if response.answered:
            self._answered[wave, response.rater_type] += 1
            if is_self:
                self._self_answered.setdefault(wave, _Seen()).add(who)
        self.comments.update(response.comments.keys())
        scores: list[float] | None = None
        if is_self:
            self._self_participants.add(who)
            if wave in self._self_scores:
                scores = self._scores(response.ratings)
                self._self_scores[wave].put(who, scores)
                for key in self.statement_ids.intersection(response.ratings):
                    self._statements.setdefault((key, wave), array("d")).append(
                        response.ratings[key]
                    )
        if wave == self.rater_wave:
            self._rater_who.append(who)
            self._rater_type.append(self._type_code(response.rater_type))
            self._rater_values.extend(scores or self._scores(response.ratings))

    def _id(self, participant: Participant) -> int:
        found = self._ids.get(participant)
        if found is None:
            found = self._ids[participant] = len(self._participants)
            self._participants.append(participant)
        return found

    def _type_code(self, rater_type: str) -> int:
        if rater_type not in self._rater_types:
            self._rater_types.append(rater_type)
        return self._rater_types.index(rater_type)

    def _scores(self, ratings: Mapping[str, float]) -> list[float]:
        out = []
        for score in self.measures:
            value = score(ratings)
            out.append(_MISSING if value is None else value)
        return out

    # What the report reads back.

    @property
    def participant_count(self) -> int:
        return len(self._self_participants)

    def self_scores(self, wave: str, measure: int) -> dict[Participant, float | None]:
        """Each participant's own score at `wave`, in the order they first answered it."""
        found = self._self_scores.get(wave)
        if found is None:
            return {}
        width, values, people = found.width, found.values, self._participants
        return {
            people[who]: _value(values[at * width + measure]) for at, who in enumerate(found.order)
        }

    @property
    def cohort_names(self) -> list[str]:
        """The cohorts of the participants, sorted (years sort as years)."""
        return sorted({cohort for cohort, _ in self._participants})

    def _cohort_places(self) -> np.ndarray:
        place = {name: at for at, name in enumerate(self.cohort_names)}
        return np.fromiter(
            (place[cohort] for cohort, _ in self._participants),
            dtype=np.intp,
            count=len(self._participants),
        )

    def _column(self, wave: str, measure: int) -> tuple[np.ndarray, np.ndarray] | None:
        """Who answered `wave` (participants' numbers, first-seen order) and their scores on
        `measure` (NaN where missing); None when nobody was asked it."""
        found = self._self_scores.get(wave)
        if found is None or not found.order:
            return None
        who = np.asarray(found.order, dtype=np.intp)
        values = np.frombuffer(found.values, dtype=float)[measure :: found.width].copy()
        return who, values

    def wave_scores(self, wave: str, measure: int) -> np.ndarray | None:
        """The scores on `measure` at `wave`, missing ones left out, in the order answered;
        None when nobody self-assessed at that wave (as `self_scores` gives {})."""
        column = self._column(wave, measure)
        if column is None:
            return None
        values: np.ndarray = column[1]
        kept: np.ndarray = values[~np.isnan(values)]
        return kept

    def pairs(self, before: str, after: str, measure: int) -> Pairs:
        """As `paired.compare_paired` matches `self_scores(before, measure)` with
        `self_scores(after, measure)`, with numpy."""
        empty = (np.zeros(0, dtype=np.intp), np.zeros(0))
        first_who, first = self._column(before, measure) or empty
        second_who, second = self._column(after, measure) or empty
        rated_first, rated_second = first_who[~np.isnan(first)], second_who[~np.isnan(second)]
        size = len(self._participants)
        slot = np.full(size, -1, dtype=np.intp)
        slot[rated_second] = np.flatnonzero(~np.isnan(second))
        later = slot[first_who]
        paired = ~np.isnan(first) & (later >= 0)
        in_first, in_second = np.zeros(size, dtype=bool), np.zeros(size, dtype=bool)
        in_first[rated_first], in_second[rated_second] = True, True
        alone = np.concatenate(
            (rated_first[~in_second[rated_first]], rated_second[~in_first[rated_second]])
        )
        places = self._cohort_places()
        return Pairs(
            cohort=places[first_who[paired]],
            before=first[paired],
            after=second[later[paired]],
            n_incomplete=int(alone.size),
            incomplete_by_cohort=np.bincount(places[alone], minlength=len(self.cohort_names)),
            cohorts=np.unique(places[np.concatenate((first_who, second_who))]),
        )

    def rater_table(self, measure: int) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
        """The scores given at the raters' wave on `measure`, self included, in the order given,
        as columns for `raters.compare_rater_table`: who was rated, the rater type's code, the
        rater types, and the score."""
        width = len(self.measures)
        values = np.frombuffer(self._rater_values, dtype=float)[measure::width].copy()
        given = ~np.isnan(values)
        who = np.frombuffer(self._rater_who, dtype=self._rater_who.typecode)[given]
        codes = np.frombuffer(self._rater_type, dtype=np.int8)[given]
        return who.astype(np.intp), codes.astype(np.intp), list(self._rater_types), values[given]

    def ratings(self, measure: int) -> list[Rating]:
        """Every score given at the raters' wave, self included, in the order given."""
        width, values, people, types = (
            len(self.measures),
            self._rater_values,
            self._participants,
            self._rater_types,
        )
        out = []
        for row, (who, code) in enumerate(zip(self._rater_who, self._rater_type, strict=True)):
            value = values[row * width + measure]
            if not math.isnan(value):
                out.append(Rating(people[who], types[code], value))
        return out

    def statement_answers(self, key: str, wave: str) -> Sequence[float]:
        return self._statements.get((key, wave), array("d"))

    def response_rates(self) -> tuple[ResponseRate, ...]:
        """As `response_rates.response_rates` computes them from the responses themselves."""
        participants = len(self._self_participants)
        rates = []
        for wave in (w for w in WAVES if w in self._waves_seen):
            for rater_type in RATER_TYPES:
                if rater_type == "self":
                    invited = participants
                    responded = len(self._self_answered.get(wave, ()))
                else:
                    invited = self._invited[wave, rater_type]
                    responded = self._answered[wave, rater_type]
                if invited:
                    rate = responded / invited
                    rates.append(ResponseRate(wave, rater_type, invited, responded, rate))
        return tuple(rates)


def _value(stored: float) -> float | None:
    return None if math.isnan(stored) else stored
