"""The demo's evaluation history: the default instrument, every cohort's waves, raters and answers.

Answers are invented from a fixed seed: each participant starts somewhere on each theme, improves
by the end with noise, keeps most of it at the follow-ups, and looks back at the end on a lower
"before" than they gave at the baseline (response shift). Some people do not answer.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from commonground.evaluation import stats
from commonground.programmes.models import (
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
)

from .demo_network import seed_network
from .models import (
    InstrumentVersion,
    Nomination,
    NominationStatus,
    Relationship,
    SurveyResponse,
    Wave,
    WaveKind,
)
from .services import (
    default_instrument,
    load_default_instrument,
    schedule_opening,
    standard_timings,
)

SLUG = "leading-greater-essex"
SEED = 20260404
# Share of people who answer each wave.
ANSWER_RATE = {
    WaveKind.BASELINE: 0.93,
    WaveKind.MID: 0.85,
    WaveKind.END: 0.88,
    WaveKind.FOLLOW_UP_6: 0.66,
    WaveKind.FOLLOW_UP_12: 0.55,
}
# How far along the year's gain each wave is.
PROGRESS = {
    WaveKind.BASELINE: 0.0,
    WaveKind.MID: 0.5,
    WaveKind.END: 1.0,
    WaveKind.FOLLOW_UP_6: 0.9,
    WaveKind.FOLLOW_UP_12: 0.85,
}
RATER_ANSWER_RATE = 0.78
FIRST = [
    "Alex",
    "Sam",
    "Jo",
    "Chris",
    "Priya",
    "Tom",
    "Aisha",
    "Ben",
    "Kate",
    "Dev",
    "Lucy",
    "Omar",
]
LAST = ["Hughes", "Patel", "Okafor", "Bennett", "Clarke", "Shah", "Turner", "Evans", "Reid", "Khan"]
COMMENTS = {
    "text_most_useful": [
        "Meeting leaders from other organisations facing the same problems.",
        "The 100 Day Challenge: we changed something real together.",
        "The peer coaching set, which gave me honest feedback.",
    ],
    "text_change_made": [
        "I now call partners before deciding, not after.",
        "I ask what the problem looks like from a resident's side.",
        "I give my team room to try things and stop what does not work.",
    ],
}


@dataclass
class Writer:
    """Collects rows to insert in bulk; the random source makes the demo the same every run."""

    rng: random.Random
    instrument: stats.Instrument
    responses: list[SurveyResponse] = field(default_factory=list)
    nominations: list[tuple[Nomination, list[tuple[Wave, bool]]]] = field(default_factory=list)

    def score(self, level: float, scale: stats.Scale) -> float:
        noisy = level + self.rng.gauss(0, 0.45)
        if scale.is_likert:
            return float(min(scale.maximum, max(scale.minimum, round(noisy))))
        return float(min(100, max(0, round((noisy - 1) / 4 * 100))))

    def ratings(self, levels: dict[str, float]) -> dict[str, float]:
        return {
            i.id: self.score(levels[theme.id], i.scale)
            for theme in self.instrument.themes
            for i in theme.indicators
        }

    def statements(self, gain: float) -> dict[str, float]:
        return {
            s.id: float(min(5, max(1, round(3.6 + gain + self.rng.gauss(0, 0.7)))))
            for s in self.instrument.statements
        }


def _levels(rng: random.Random, themes: tuple[stats.Theme, ...]) -> tuple[dict[str, float], float]:
    start = rng.gauss(2.8, 0.45)
    gain = max(-0.3, rng.gauss(0.65, 0.4))
    return {t.id: start + rng.gauss(0, 0.3) for t in themes}, gain


def _at(levels: dict[str, float], gain: float, progress: float) -> dict[str, float]:
    return {k: v + gain * progress for k, v in levels.items()}


def _waves(cohort: Cohort, version: InstrumentVersion, today: dt.date) -> list[Wave]:
    waves = []
    for timing in standard_timings(cohort):
        opens = timing.opens
        closes = opens + dt.timedelta(weeks=timing.weeks_open)
        if cohort.status == CohortStatus.RUNNING and timing.kind == WaveKind.MID:
            opens, closes = today - dt.timedelta(days=10), today + dt.timedelta(days=18)
        waves.append(
            Wave(
                cohort=cohort,
                kind=timing.kind,
                opens_on=opens,
                closes_on=closes,
                version=version,
                includes_raters=timing.includes_raters,
            )
        )
    return Wave.objects.bulk_create(waves)


def _when(wave: Wave, rng: random.Random) -> dt.datetime:
    day = wave.opens_on + dt.timedelta(
        days=rng.randrange(max(1, (wave.closes_on - wave.opens_on).days))
    )
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9 + rng.randrange(9))))


def _participant(
    w: Writer, enrolment: Enrolment, waves: list[Wave], today: dt.date, skip: set[int]
) -> None:
    levels, gain = _levels(w.rng, w.instrument.themes)
    asked = enrolment.status in EnrolmentStatus.TAKING_A_PLACE
    for wave in waves:
        if wave.opens_on > today or (not asked and wave.kind != WaveKind.BASELINE):
            continue
        kind = WaveKind(wave.kind)
        answers = wave.closes_on < today or enrolment.pk not in skip
        answered = answers and w.rng.random() < ANSWER_RATE[kind] * (
            1 if wave.closes_on < today else 0.5
        )
        row = SurveyResponse(
            wave=wave,
            enrolment=enrolment,
            rater_type="self",
            version_id=wave.version_id,
            invited_at=timezone.make_aware(dt.datetime.combine(wave.opens_on, dt.time(8))),
        )
        if answered:
            row.ratings = w.ratings(_at(levels, gain, PROGRESS[kind]))
            if wave.asks_statements:
                row.ratings |= w.statements(gain)
            if wave.asks_before:
                row.before_ratings = w.ratings(_at(levels, -0.35, 1))
                row.comments = {
                    k: w.rng.choice(v) for k, v in COMMENTS.items() if w.rng.random() < 0.5
                }
            row.submitted_at = row.saved_at = _when(wave, w.rng)
        w.responses.append(row)
    _raters(w, enrolment, [wv for wv in waves if wv.includes_raters], levels, gain, today)


def _raters(
    w: Writer,
    enrolment: Enrolment,
    waves: list[Wave],
    levels: dict[str, float],
    gain: float,
    today: dt.date,
) -> None:
    if enrolment.status not in EnrolmentStatus.TAKING_A_PLACE or w.rng.random() < 0.25:
        return
    groups = [(Relationship.MANAGER, 1), (Relationship.PEER, w.rng.choice([2, 3, 3, 4]))]
    if w.rng.random() < 0.45:
        groups.append((Relationship.DIRECT_REPORT, w.rng.choice([2, 3, 4])))
    for relationship, count in groups:
        for _ in range(count):
            name = f"{w.rng.choice(FIRST)} {w.rng.choice(LAST)}"
            nomination = Nomination(
                enrolment=enrolment,
                name=name,
                email=f"{name.lower().replace(' ', '.')}.{w.rng.randrange(10**6)}@raters.example",
                relationship=relationship,
                status=NominationStatus.APPROVED,
                nominated_at=timezone.make_aware(
                    dt.datetime.combine(enrolment.cohort.starts_on, dt.time(10))
                ),
            )
            rows = []
            for wave in waves:
                if wave.opens_on <= today:
                    rows.append((wave, w.rng.random() < RATER_ANSWER_RATE))
            w.nominations.append((nomination, rows))
            offset = w.rng.gauss(-0.2, 0.3)
            for wave, answered in rows:
                row = SurveyResponse(
                    wave=wave,
                    enrolment=enrolment,
                    rater_type=relationship,
                    nomination=nomination,
                    version_id=wave.version_id,
                    invited_at=timezone.make_aware(dt.datetime.combine(wave.opens_on, dt.time(8))),
                )
                if answered:
                    progress = 0.7 * PROGRESS[WaveKind(wave.kind)]
                    row.ratings = w.ratings(
                        {k: v + offset for k, v in _at(levels, gain, progress).items()}
                    )
                    row.submitted_at = row.saved_at = _when(wave, w.rng)
                w.responses.append(row)


def _demo_participant_ids() -> set[int]:
    """The demo participant answers the open mid-point survey themself."""
    from commonground.programmes.demo.logins import demo_email

    return set(
        Enrolment.objects.filter(person__user__email=demo_email("participant")).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def seed(today: dt.date | None = None) -> str | None:
    """Seed the evaluation history; None when it is already there."""
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None or Wave.objects.filter(cohort__programme=programme).exists():
        return None
    today = today or timezone.localdate()
    rng = random.Random(SEED)  # nosec B311  # seeded on purpose, so the demo is the same every time
    version = load_default_instrument(programme, audit=False)
    writer = Writer(rng, default_instrument())
    skip = _demo_participant_ids()
    cohorts = list(Cohort.objects.filter(programme=programme).order_by("starts_on"))
    enrolments: dict[int, list[Enrolment]] = {}
    for enrolment in Enrolment.objects.filter(cohort__in=cohorts).select_related("cohort"):
        enrolments.setdefault(enrolment.cohort_id, []).append(enrolment)
    for cohort in cohorts:
        waves = _waves(cohort, version, today)
        Wave.objects.filter(cohort=cohort, opens_on__lte=today).update(invited_at=timezone.now())
        for wave in waves:
            if wave.opens_on > today:
                schedule_opening(wave)  # the worker sends it when it opens
        for enrolment in sorted(enrolments.get(cohort.pk, []), key=lambda e: e.pk):
            _participant(writer, enrolment, waves, today, skip)
    Nomination.objects.bulk_create([n for n, _ in writer.nominations], batch_size=2000)
    for response in writer.responses:
        if response.nomination is not None:
            response.nomination_id = response.nomination.pk
    SurveyResponse.objects.bulk_create(writer.responses, batch_size=2000)
    answered = sum(1 for r in writer.responses if r.submitted_at)
    network = seed_network(programme, today, skip)
    return (
        f"Seeded the evaluation: {len(cohorts)} cohorts' plans, {len(writer.nominations)} raters, "
        f"{len(writer.responses)} survey invitations ({answered} answered), {network}."
    )


def seed_national(seed: int, today: dt.date | None = None) -> str | None:
    """The evaluation history of the national data set (`manage.py seed_scale`).

    The same invented answers as the demo's, for every cohort of every national programme, each
    programme in its own transaction and its rows inserted in batches, so memory stays flat.
    """
    from commonground.programmes.demo import scale

    found = scale.programmes()
    if not found or Wave.objects.filter(cohort__programme__in=found).exists():
        return None
    today = today or timezone.localdate()
    rng = random.Random(seed)  # nosec B311  # seeded on purpose: same seed, same answers
    invitations = answered = raters = 0
    for programme in found:
        with transaction.atomic():
            version = load_default_instrument(programme, audit=False)
            writer = Writer(rng, default_instrument())
            cohorts = list(Cohort.objects.filter(programme=programme).order_by("starts_on", "pk"))
            for cohort in cohorts:
                waves = _waves(cohort, version, today)
                for enrolment in cohort.enrolments.order_by("pk"):
                    enrolment.cohort = cohort
                    _participant(writer, enrolment, waves, today, set())
                if len(writer.responses) >= scale.BATCH:
                    raters += len(writer.nominations)
                    answered += sum(1 for r in writer.responses if r.submitted_at)
                    invitations += _write(writer)
            raters += len(writer.nominations)
            answered += sum(1 for r in writer.responses if r.submitted_at)
            invitations += _write(writer)
            Wave.objects.filter(cohort__programme=programme, opens_on__lte=today).update(
                invited_at=timezone.now()
            )
    return (
        f"Seeded the national evaluation: {raters} raters, {invitations} survey invitations "
        f"({answered} answered)."
    )


def _write(writer: Writer) -> int:
    """Insert the waiting raters and answers, and start a new batch."""
    Nomination.objects.bulk_create([n for n, _ in writer.nominations], batch_size=2000)
    for response in writer.responses:
        if response.nomination is not None:
            response.nomination_id = response.nomination.pk
    SurveyResponse.objects.bulk_create(writer.responses, batch_size=2000)
    written = len(writer.responses)
    writer.responses, writer.nominations = [], []
    return written
