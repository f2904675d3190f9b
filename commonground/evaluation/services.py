"""Writes to evaluation records: instruments and their versions, plans, raters, answers, emails.

Pages, the API, commands and the demo call these functions; each write is atomic and audited.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.forms import ModelForm
from django.utils import timezone
from django.utils.text import slugify

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes, save_form
from commonground.directory.models import Person
from commonground.evaluation.stats import Instrument as StatsInstrument
from commonground.evaluation.stats import load_instrument
from commonground.lib.links import digest, new_secret
from commonground.lib.once import lock
from commonground.programmes.models import Cohort, Enrolment, EnrolmentStatus, Programme

from .models import (
    RATER_TYPE_LABELS,
    FreeTextQuestion,
    Indicator,
    Instrument,
    InstrumentVersion,
    Nomination,
    NominationStatus,
    Statement,
    SurveyResponse,
    Theme,
    VersionStatus,
    Wave,
    WaveKind,
)

DEFAULT_INSTRUMENT = Path(__file__).with_name("default_instrument.json")
# Reminders go out once a wave is this close to closing (and when staff ask).
REMINDER_DAYS_BEFORE_CLOSE = 7
# The worker sends a wave's invitations at this time of its opening day (local time).
OPENING_TIME = dt.time(7)
NOT_EDITABLE = "This version has been published, so it cannot change. Make a new draft to edit it."
# The questions staff write into a draft, each with its audit entries' name.
Item = TypeVar("Item", Theme, Indicator, Statement, FreeTextQuestion)
ITEM_ACTIONS: dict[type[Theme | Indicator | Statement | FreeTextQuestion], str] = {
    Theme: "evaluation.theme",
    Indicator: "evaluation.indicator",
    Statement: "evaluation.statement",
    FreeTextQuestion: "evaluation.free_text",
}
# A new item goes after every other of its kind until staff move it.
LAST_POSITION = 1000


# Instruments and versions


def default_instrument() -> StatsInstrument:
    return load_instrument(DEFAULT_INSTRUMENT)


@transaction.atomic
def store_instrument(
    definition: StatsInstrument,
    *,
    programme: Programme | None,
    by: User | None,
    publish: bool = False,
    audit: bool = True,
    title: str = "",
) -> InstrumentVersion:
    """A new instrument holding `definition` as its first version (published if asked), under
    `title` or else the definition's own."""
    instrument = Instrument(programme=programme, title=title or definition.title)
    if audit:
        with audited(by, instrument, "evaluation.instrument.created"):
            instrument.save()
    else:
        instrument.save()
    version = InstrumentVersion.objects.create(instrument=instrument, number=1)
    _write_questions(version, definition)
    if publish:
        version.status = VersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.save()
    return version


def load_default_instrument(
    programme: Programme | None = None, by: User | None = None, audit: bool = True, title: str = ""
) -> InstrumentVersion:
    """The product's default instrument as a new, published instrument."""
    return store_instrument(
        default_instrument(), programme=programme, by=by, publish=True, audit=audit, title=title
    )


def _write_questions(version: InstrumentVersion, definition: StatsInstrument) -> None:
    for t_pos, theme in enumerate(definition.themes):
        row = Theme.objects.create(version=version, key=theme.id, title=theme.title, position=t_pos)
        Indicator.objects.bulk_create(
            Indicator(
                theme=row,
                key=i.id,
                self_wording=i.self_wording,
                rater_wording=i.rater_wording,
                scale_labels=list(i.scale.labels),
                position=pos,
            )
            for pos, i in enumerate(theme.indicators)
        )
    Statement.objects.bulk_create(
        Statement(
            version=version,
            key=s.id,
            kind=s.kind,
            wording=s.wording,
            scale_labels=list(s.scale.labels),
            position=pos,
        )
        for pos, s in enumerate(definition.statements)
    )
    FreeTextQuestion.objects.bulk_create(
        FreeTextQuestion(version=version, key=q.id, wording=q.wording, position=pos)
        for pos, q in enumerate(definition.free_text)
    )


@transaction.atomic
def create_instrument(title: str, programme: Programme | None, by: User) -> InstrumentVersion:
    """An empty instrument with a draft first version, for staff to fill in."""
    instrument = Instrument(title=title, programme=programme)
    with audited(by, instrument, "evaluation.instrument.created"):
        instrument.save()
    return InstrumentVersion.objects.create(instrument=instrument, number=1)


def ensure_editable(version: InstrumentVersion) -> None:
    if not version.is_draft:
        raise ValidationError(NOT_EDITABLE)


@transaction.atomic
def publish(version: InstrumentVersion, by: User) -> None:
    """Freeze a draft so waves can ask it; it needs at least one indicator."""
    lock(version)
    if version.status == VersionStatus.PUBLISHED:
        raise ValidationError("This version is already published.")
    ensure_editable(version)
    if not Indicator.objects.filter(theme__version=version).exists():
        raise ValidationError("Add at least one indicator before publishing this version.")
    with audited(by, version, "evaluation.version.published"):
        version.status = VersionStatus.PUBLISHED
        version.published_at = timezone.now()
        version.save()


@transaction.atomic
def move_indicator(indicator: Indicator, direction: str, by: User) -> bool:
    """Move an indicator of a draft one place up or down within its theme; False at the end.

    The theme's indicators are renumbered 0, 1, 2... so positions stay distinct after moves.
    """
    if direction not in ("up", "down"):
        raise ValidationError("Choose whether to move the indicator up or down.")
    version = InstrumentVersion.objects.select_for_update().get(pk=indicator.theme.version_id)
    ensure_editable(version)
    siblings = list(
        Indicator.objects.filter(theme_id=indicator.theme_id).order_by("position", "pk")
    )
    at = next(i for i, s in enumerate(siblings) if s.pk == indicator.pk)
    to = at - 1 if direction == "up" else at + 1
    if not 0 <= to < len(siblings):
        return False
    with audited(by, siblings[at], "evaluation.indicator.moved"):
        siblings[at], siblings[to] = siblings[to], siblings[at]
        for position, sibling in enumerate(siblings):
            sibling.position = position
        Indicator.objects.bulk_update(siblings, ["position"])
    return True


@transaction.atomic
def new_draft(version: InstrumentVersion, by: User) -> InstrumentVersion:
    """A draft copy of a version, numbered next; answers stay with the version they answered."""
    existing = InstrumentVersion.objects.filter(
        instrument_id=version.instrument_id, status=VersionStatus.DRAFT
    ).first()
    if existing is not None:
        return existing
    latest = InstrumentVersion.objects.filter(instrument_id=version.instrument_id).count()
    draft = InstrumentVersion(instrument=version.instrument, number=latest + 1)
    with audited(by, draft, "evaluation.version.created"):
        draft.save()
        _write_questions(draft, as_stats_instrument(version))
    return draft


def as_stats_instrument(version: InstrumentVersion) -> StatsInstrument:
    """The statistics library's picture of a version (imported here to keep one adapter)."""
    from .adapters import stats_instrument

    return stats_instrument(version)


# Themes, indicators, statements and free-text questions of a draft


def unique_key(text: str, taken: set[str]) -> str:
    """An id made from the wording, as the exports and reports name the question by it."""
    base = slugify(text)[:40].replace("-", "_") or "question"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _taken_keys(version: InstrumentVersion) -> set[str]:
    keys = set(Theme.objects.filter(version=version).values_list("key", flat=True))
    keys |= set(Indicator.objects.filter(theme__version=version).values_list("key", flat=True))
    keys |= set(Statement.objects.filter(version=version).values_list("key", flat=True))
    return keys | set(
        FreeTextQuestion.objects.filter(version=version).values_list("key", flat=True)
    )


@transaction.atomic
def save_item(form: ModelForm[Item], version: InstrumentVersion, by: User) -> Item:
    """Save a valid form's item of a draft version; a new one gets an id of its own, made from
    its wording, and goes last."""
    lock(version)
    ensure_editable(version)
    item = form.save(commit=False)
    verb = "changed" if item.pk is not None else "created"
    if item.pk is None:
        if not isinstance(item, Indicator):
            item.version = version
        text = getattr(item, "title", "") or getattr(item, "self_wording", "")
        item.key = unique_key(text or getattr(item, "wording", ""), _taken_keys(version))
        item.position = LAST_POSITION
    with audited(by, item, f"{ITEM_ACTIONS[type(item)]}.{verb}", already_changed=True):
        item.save()
    return item


@transaction.atomic
def delete_item(
    item: Theme | Indicator | Statement | FreeTextQuestion, version: InstrumentVersion, by: User
) -> None:
    """Remove an item of this draft version."""
    lock(version)
    ensure_editable(version)
    with audited(by, item, f"{ITEM_ACTIONS[type(item)]}.deleted"):
        item.delete()


# The plan


@dataclass(frozen=True)
class WaveTiming:
    kind: WaveKind
    opens: dt.date
    weeks_open: int
    includes_raters: bool


def standard_timings(cohort: Cohort) -> list[WaveTiming]:
    """Baseline at the start, mid-point half way, end at the end, follow-ups 6 and 12 months on."""
    start, end = cohort.starts_on, cohort.ends_on
    middle = start + (end - start) / 2
    return [
        WaveTiming(WaveKind.BASELINE, start - dt.timedelta(days=14), 4, True),
        WaveTiming(WaveKind.MID, middle, 3, False),
        WaveTiming(WaveKind.END, end - dt.timedelta(days=14), 4, True),
        WaveTiming(WaveKind.FOLLOW_UP_6, end + dt.timedelta(days=182), 4, False),
        WaveTiming(WaveKind.FOLLOW_UP_12, end + dt.timedelta(days=365), 4, False),
    ]


@transaction.atomic
def create_standard_plan(cohort: Cohort, version: InstrumentVersion, by: User) -> list[Wave]:
    """The five waves a cohort is asked at, each asking `version`; existing waves stay."""
    if version.is_draft:
        raise ValidationError("Publish the instrument version before a plan uses it.")
    have = set(Wave.objects.filter(cohort=cohort).values_list("kind", flat=True))
    made = []
    for timing in standard_timings(cohort):
        if timing.kind in have:
            continue
        wave = Wave(
            cohort=cohort,
            kind=timing.kind,
            opens_on=timing.opens,
            closes_on=timing.opens + dt.timedelta(weeks=timing.weeks_open),
            version=version,
            includes_raters=timing.includes_raters,
        )
        with audited(by, wave, "evaluation.wave.created"):
            wave.save()
        schedule_opening(wave)
        made.append(wave)
    return made


# Raters


@transaction.atomic
def nominate(
    enrolment: Enrolment, *, name: str, email: str, relationship: str, by: User
) -> Nomination:
    if Nomination.objects.filter(enrolment=enrolment, email__iexact=email.strip()).exists():
        raise ValidationError({"email": "You have already nominated someone with this email."})
    nomination = Nomination(
        enrolment=enrolment, name=name, email=email.strip().lower(), relationship=relationship
    )
    with audited(by, nomination, "evaluation.nomination.created"):
        nomination.save()
    return nomination


@transaction.atomic
def decide(nomination: Nomination, *, approve: bool, by: User) -> None:
    """Approve or decline a rater; an approved one is invited to any open wave that asks raters."""
    with audited(by, nomination, "evaluation.nomination.changed"):
        nomination.status = NominationStatus.APPROVED if approve else NominationStatus.DECLINED
        nomination.decided_at = timezone.now()
        nomination.decided_by = by
        nomination.save()
    if approve:
        today = timezone.localdate()
        for wave in Wave.objects.filter(
            cohort_id=nomination.enrolment.cohort_id,
            includes_raters=True,
            invited_at__isnull=False,
            opens_on__lte=today,
            closes_on__gte=today,
        ):
            _create_rows(wave)
            _claim_and_send_invitations(wave)


# Invitations and reminders


def _create_rows(wave: Wave) -> None:
    """An unanswered response for everyone the wave asks who has none yet."""
    enrolments = Enrolment.objects.filter(
        cohort_id=wave.cohort_id, status__in=EnrolmentStatus.TAKING_A_PLACE
    )
    have_self = set(
        SurveyResponse.objects.filter(wave=wave, rater_type="self").values_list(
            "enrolment_id", flat=True
        )
    )
    rows = [
        SurveyResponse(wave=wave, enrolment_id=pk, rater_type="self", version_id=wave.version_id)
        for pk in enrolments.values_list("pk", flat=True)
        if pk not in have_self
    ]
    if wave.includes_raters:
        have_rater = set(
            SurveyResponse.objects.filter(wave=wave, nomination__isnull=False).values_list(
                "nomination_id", flat=True
            )
        )
        rows += [
            SurveyResponse(
                wave=wave,
                enrolment_id=n.enrolment_id,
                rater_type=n.relationship,
                nomination=n,
                version_id=wave.version_id,
            )
            for n in Nomination.objects.filter(
                enrolment__in=enrolments, status=NominationStatus.APPROVED
            )
            if n.pk not in have_rater
        ]
    SurveyResponse.objects.bulk_create(rows)


def _claim(rows: QuerySet[SurveyResponse], stamp: str) -> list[int]:
    """Mark rows with one UPDATE ... WHERE still unclaimed, and return the ids this call won."""
    claim = uuid.uuid4().hex
    rows.update(**{stamp: timezone.now()}, claim=claim)
    return list(SurveyResponse.objects.filter(claim=claim).values_list("pk", flat=True))


def _claim_and_send_invitations(wave: Wave) -> int:
    from .tasks import send_invitation

    ids = _claim(SurveyResponse.objects.filter(wave=wave, invited_at__isnull=True), "invited_at")
    for pk in ids:
        transaction.on_commit(lambda pk=pk: send_invitation.enqueue(pk))  # type: ignore[misc]
    return len(ids)


def opening_moment(wave: Wave) -> dt.datetime:
    """When the worker sends a wave's invitations: its opening day at `OPENING_TIME`."""
    return timezone.make_aware(dt.datetime.combine(wave.opens_on, OPENING_TIME))


def schedule_opening(wave: Wave) -> bool:
    """Ask the worker to send the wave's invitations when it opens (after the commit).

    Backends that cannot wait (the immediate one tests use) get nothing here: the sweep,
    `run_scheduled`, sends every wave that has opened whichever way it is run. Each run checks
    the wave again, so a run left from before its dates changed does nothing early.
    """
    from .tasks import open_wave

    when = opening_moment(wave)
    if wave.invited_at is not None or when <= timezone.now():
        return False  # a wave open already is sent after the check page, or by the sweep
    if not open_wave.get_backend().supports_defer:
        return False
    pk = wave.pk
    transaction.on_commit(lambda: open_wave.using(run_after=when).enqueue(pk))
    return True


@transaction.atomic
def change_wave(form: ModelForm[Wave], by: User) -> Wave:
    """Save a wave's dates, version and raters; its invitations are scheduled for its opening."""
    wave = save_form(form, by, "evaluation.wave.changed")
    schedule_opening(wave)
    return wave


@dataclass(frozen=True)
class Recipient:
    """One person an invitation or reminder would go to, and how the email greets them."""

    label: str  # "Pat Participant (pat@example.org)", as the check page lists them
    name: str
    participant_first_name: str
    relationship: str = ""  # a rater's ("line manager"); empty for the participant


@dataclass(frozen=True)
class Recipients:
    """Who an invitation or reminder would go to now."""

    participants: list[Recipient]
    raters: list[Recipient]

    @property
    def total(self) -> int:
        return len(self.participants) + len(self.raters)


def _named(name: str, email: str) -> str:
    return f"{name} ({email})" if email else f"{name} (no email address)"


def _participant(person: Person) -> Recipient:
    return Recipient(_named(person.name, person.email), person.first_name, person.first_name)


def _rater(nomination: Nomination, person: Person) -> Recipient:
    relationship = nomination.get_relationship_display().lower()
    return Recipient(
        f"{_named(nomination.name, nomination.email)}, {relationship} of {person.name}",
        nomination.name,
        person.first_name,
        relationship,
    )


def invitation_recipients(wave: Wave) -> Recipients:
    """Everyone `invite` would email now, without writing anything: four queries."""
    enrolments = Enrolment.objects.filter(
        cohort_id=wave.cohort_id, status__in=EnrolmentStatus.TAKING_A_PLACE
    )
    invited = SurveyResponse.objects.filter(wave=wave, invited_at__isnull=False)
    invited_self = set(invited.filter(rater_type="self").values_list("enrolment_id", flat=True))
    participants = [
        _participant(e.person)
        for e in enrolments.select_related("person").order_by(
            "person__last_name", "person__first_name", "pk"
        )
        if e.pk not in invited_self
    ]
    raters: list[Recipient] = []
    if wave.includes_raters:
        invited_raters = set(
            invited.filter(nomination__isnull=False).values_list("nomination_id", flat=True)
        )
        raters = [
            _rater(n, n.enrolment.person)
            for n in Nomination.objects.filter(
                enrolment__in=enrolments, status=NominationStatus.APPROVED
            )
            .select_related("enrolment__person")
            .order_by("enrolment__person__last_name", "name", "pk")
            if n.pk not in invited_raters
        ]
    return Recipients(participants, raters)


def reminder_rows(wave: Wave) -> QuerySet[SurveyResponse]:
    """The invitations `remind` would follow up: sent, not answered, not yet reminded."""
    return SurveyResponse.objects.filter(
        wave=wave, invited_at__isnull=False, submitted_at__isnull=True, reminded_at__isnull=True
    )


def reminder_recipients(wave: Wave) -> Recipients:
    """Everyone `remind` would email now, without writing anything: one query."""
    participants, raters = [], []
    rows = reminder_rows(wave).select_related("enrolment__person", "nomination")
    for row in rows.order_by("enrolment__person__last_name", "rater_type", "pk"):
        person = row.enrolment.person
        if row.nomination is None:
            participants.append(_participant(person))
        else:
            raters.append(_rater(row.nomination, person))
    return Recipients(participants, raters)


def early_reason_needed(wave: Wave, today: dt.date | None = None) -> bool:
    """Invitations sent now would go before the wave opens, so they need a reason."""
    return (today or timezone.localdate()) < wave.opens_on


@transaction.atomic
def invite(wave: Wave, by: User | None, reason: str = "", today: dt.date | None = None) -> int:
    """Create the wave's responses and email everyone not yet invited; returns how many.

    Before the wave opens this needs `reason`: the wave then opens today, so the people emailed
    can answer, and the reason and the opening date it replaced go into the wave's history.
    """
    lock(wave)
    today = today or timezone.localdate()
    if today > wave.closes_on:
        raise ValidationError("This wave has closed, so nobody can be invited to it.")
    if early_reason_needed(wave, today):
        reason = reason.strip()
        if not reason:
            raise ValidationError(
                {
                    "reason": "Say why the invitations should go before the survey opens on "
                    f"{wave.opens_on:%-d %B %Y}."
                }
            )
        planned = wave.opens_on
        with audited(by, wave, "evaluation.wave.opened_early"):
            wave.opens_on = today
            wave.save(update_fields=["opens_on"])
        record_changes(
            by,
            wave,
            "evaluation.wave.sent_early",
            {"reason": [None, reason], "planned opening": [planned.isoformat(), today.isoformat()]},
        )
    _create_rows(wave)
    if wave.invited_at is None:
        with audited(by, wave, "evaluation.wave.changed"):
            wave.invited_at = timezone.now()
            wave.save(update_fields=["invited_at"])
    return _claim_and_send_invitations(wave)


@transaction.atomic
def open_when_due(wave_id: int, today: dt.date | None = None) -> int:
    """The worker's run at a wave's opening: send its invitations if it is open and unsent."""
    wave = Wave.objects.filter(pk=wave_id).first()
    if wave is None:
        return 0
    lock(wave)
    if wave.invited_at is not None or not wave.is_open(today):
        return 0
    return invite(wave, None, today=today)


@transaction.atomic
def remind(wave: Wave, by: User | None = None) -> int:
    """Email a reminder to each invited person who has not answered and has not been reminded."""
    from .tasks import send_reminder

    ids = _claim(reminder_rows(wave), "reminded_at")
    for pk in ids:
        transaction.on_commit(lambda pk=pk: send_reminder.enqueue(pk))  # type: ignore[misc]
    if by is not None and ids:
        record_changes(by, wave, "evaluation.wave.reminded", {"reminded": [None, len(ids)]})
    return len(ids)


def run_scheduled(today: dt.date | None = None) -> tuple[int, int]:
    """The sweep: invite to waves that have opened and are not yet sent, remind for waves
    about to close: (invited, reminded). A wave that has not opened is never touched."""
    today = today or timezone.localdate()
    open_waves = Wave.objects.filter(opens_on__lte=today, closes_on__gte=today)
    invited = sum(
        open_when_due(pk, today)
        for pk in open_waves.filter(invited_at__isnull=True).values_list("pk", flat=True)
    )
    closing = open_waves.filter(
        closes_on__lte=today + dt.timedelta(days=REMINDER_DAYS_BEFORE_CLOSE)
    )
    reminded = sum(remind(w) for w in closing.filter(invited_at__isnull=False))
    return invited, reminded


def issue_token(response: SurveyResponse) -> str:
    """A fresh secret for a rater's link; only its hash is kept, so older links stop working."""
    token, token_hash = new_secret()
    SurveyResponse.objects.filter(pk=response.pk).update(token_hash=token_hash)
    return token


NOT_OPEN_MESSAGE = (
    "Nobody can answer it before then. You will be sent an email with the link when it opens."
)


def not_open_title(wave: Wave) -> str:
    """What a participant or rater is told before a survey opens."""
    return f"This survey opens on {wave.opens_on:%-d %B %Y}"


class LinkProblem(Exception):
    """Why a personal link cannot be used, with the status its page gets."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.title = title
        self.message = message


def response_for_token(token: str, now: dt.datetime | None = None) -> SurveyResponse:
    """The rater's response the link belongs to; LinkProblem if unknown, expired or used."""
    response = (
        SurveyResponse.objects.select_related("wave", "enrolment__person", "version")
        .filter(token_hash=digest(token), nomination__isnull=False)
        .first()
    )
    if response is None:
        raise LinkProblem(
            404,
            "This link does not work",
            "Check that you copied the whole link from the most recent email you were sent.",
        )
    if response.submitted:
        raise LinkProblem(
            410,
            "You have already sent your answers",
            "Thank you: your answers were received. A survey can only be sent once.",
        )
    now = now or timezone.now()
    if timezone.localdate(now) < response.wave.opens_on:
        raise LinkProblem(200, not_open_title(response.wave), NOT_OPEN_MESSAGE)
    if now >= response.wave.closes_at:
        raise LinkProblem(
            410,
            "This survey has closed",
            "The survey closed on "
            f"{response.wave.closes_on:%-d %B %Y}, so answers can no longer be sent.",
        )
    return response


# Answers


@transaction.atomic
def save_answers(
    response: SurveyResponse,
    *,
    ratings: Mapping[str, float],
    before: Mapping[str, float],
    comments: Mapping[str, str],
    submit: bool,
) -> None:
    """Keep a draft or submit; a submitted response never changes again."""
    locked = SurveyResponse.objects.select_for_update().get(pk=response.pk)
    if locked.submitted:
        raise ValidationError("These answers have already been sent, so they cannot change.")
    now = timezone.now()
    locked.ratings = dict(ratings)
    locked.before_ratings = dict(before)
    locked.comments = {k: v for k, v in comments.items() if v}
    locked.saved_at = now
    fields = ["ratings", "before_ratings", "comments", "saved_at"]
    if submit:
        locked.submitted_at = now
        fields.append("submitted_at")
    locked.save(update_fields=fields)
    response.refresh_from_db()


# Figures

# The network questions' row in a wave's response rates, beside the rater types' rows.
NETWORK_ROW = "network"


@dataclass(frozen=True)
class RateRow:
    wave: Wave
    rater_type: str
    invited: int
    responded: int

    @property
    def label(self) -> str:
        if self.rater_type == NETWORK_ROW:
            return "Network questions (participants)"
        return RATER_TYPE_LABELS.get(self.rater_type, self.rater_type)

    @property
    def percent(self) -> int | None:
        return round(100 * self.responded / self.invited) if self.invited else None


def response_rates(cohort: Cohort) -> list[RateRow]:
    """Invited and answered at each wave for each rater type, in two queries."""
    waves = {w.pk: w for w in Wave.objects.filter(cohort=cohort).select_related("version")}
    counts = (
        SurveyResponse.objects.filter(wave__cohort=cohort)
        .values("wave_id", "rater_type")
        .annotate(
            invited=Count("pk"),
            responded=Count("pk", filter=Q(submitted_at__isnull=False)),
            network=Count("pk", filter=Q(network_submitted_at__isnull=False)),
        )
        .order_by()
    )
    order = ["self", "manager", "peer", "direct_report", NETWORK_ROW]
    rows = [
        RateRow(waves[c["wave_id"]], c["rater_type"], c["invited"], c["responded"]) for c in counts
    ]
    rows += [
        RateRow(waves[c["wave_id"]], NETWORK_ROW, c["invited"], c["network"])
        for c in counts
        if c["rater_type"] == "self" and waves[c["wave_id"]].network_questions_id
    ]
    return sorted(rows, key=lambda r: (r.wave.opens_on, r.wave.pk, order.index(r.rater_type)))


def end_survey_respondent_ids(cohort: Cohort) -> set[int]:
    """Enrolments of the cohort that submitted their own end-of-programme assessment."""
    return set(
        SurveyResponse.objects.filter(
            wave__cohort=cohort,
            wave__kind=WaveKind.END,
            rater_type="self",
            submitted_at__isnull=False,
        ).values_list("enrolment_id", flat=True)
    )
