"""Self check-in with a short code or QR code shown in the room, and apologies sent ahead.

The code is derived from the activity with the site's secret key, so nothing is stored and it
cannot be guessed from the activity's number; it works from 30 minutes before the start until
the end. Someone checking in more than 15 minutes after the start is marked late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from commonground.accounts.models import User
from commonground.audit.log import audited

from .audiences import members, open_to_person
from .kept_standings import keep
from .models import Activity, Attendance, AttendanceStatus, Enrolment, EnrolmentStatus

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: letters people misread on a screen across a room.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
LENGTH = 6
OPENS_BEFORE = dt.timedelta(minutes=30)
LATE_AFTER = dt.timedelta(minutes=15)
# Names the use of the secret key, so a check-in code is no other keyed hash of the same number.
CODE_SALT = "commonground.programmes.checkin.code"


def code_for(activity: Activity) -> str:
    digest = salted_hmac(CODE_SALT, str(activity.pk), algorithm="sha256").digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[index])
    return "".join(letters)


def normalise(code: str) -> str:
    return "".join(code.split()).upper().replace("-", "")


def opens_at(activity: Activity) -> dt.datetime:
    return activity.starts_at - OPENS_BEFORE


def is_open(activity: Activity, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return not activity.is_cancelled and opens_at(activity) <= now <= activity.ends_at


@dataclass(frozen=True)
class CheckedIn:
    activity: Activity
    status: str
    already: bool = False

    @property
    def message(self) -> str:
        if self.already:
            return f"You are already checked in to {self.activity.title}."
        if self.status == AttendanceStatus.LATE:
            return f"You are checked in to {self.activity.title}, marked late."
        return f"You are checked in to {self.activity.title}. Welcome."


def participant_enrolment(person_id: int | None, activity: Activity) -> Enrolment | None:
    if person_id is None:
        return None
    return (
        Enrolment.objects.select_related("person", "cohort__programme")
        .filter(
            members(activity),
            person_id=person_id,
            cohort_id=activity.cohort_id,
            status=EnrolmentStatus.ACTIVE,
        )
        .first()
    )


def apologies_closed(activity: Activity, now: dt.datetime | None = None) -> str:
    """Why apologies can no longer be sent for the activity, or "" while they can."""
    if activity.is_cancelled:
        return f"{activity.title} is cancelled, so there is no need to send apologies."
    if (now or timezone.now()) >= activity.starts_at:
        when = timezone.localtime(activity.starts_at)
        return (
            f"{activity.title} started on {when.day} {when:%B %Y} at {when:%H:%M}, so apologies "
            "can no longer be sent for it. If you could not come, tell the programme team."
        )
    return ""


@dataclass(frozen=True)
class ParticipantOffers:
    """What an activity's page offers the person looking: checking in and sending apologies."""

    may_check_in: bool
    may_send_apologies: bool


def participant_offers(activity: Activity, person_id: int | None) -> ParticipantOffers:
    """Only a current participant the activity is for is offered anything: checking in while the
    code works, apologies until it starts; never for a cancelled activity, never to alumni."""
    now = timezone.now()
    if activity.is_cancelled or activity.ends_at < now:
        return ParticipantOffers(False, False)
    if participant_enrolment(person_id, activity) is None:
        return ParticipantOffers(False, False)
    return ParticipantOffers(is_open(activity, now), not apologies_closed(activity, now))


def find_activity(code: str, person_id: int | None) -> Activity:
    """The activity of this person's cohorts whose code this is, or a ValidationError saying why."""
    wanted = normalise(code)
    if not wanted:
        raise ValidationError("Enter the 6-character code shown in the room.")
    if len(wanted) != LENGTH or any(letter not in ALPHABET for letter in wanted):
        raise ValidationError(
            "That code is not right. Codes have 6 letters and numbers, like 3KX7QA: check the "
            "code on the screen and try again."
        )
    if person_id is None:
        raise ValidationError("Only participants can check in.")
    now = timezone.now()
    candidates = Activity.objects.select_related("cohort__programme").filter(
        open_to_person(person_id, [EnrolmentStatus.ACTIVE]),
        cohort__enrolments__person_id=person_id,
        cohort__enrolments__status=EnrolmentStatus.ACTIVE,
        starts_at__lte=now + dt.timedelta(days=1),
        ends_at__gte=now - dt.timedelta(days=1),
    )
    matching = [activity for activity in candidates if code_for(activity) == wanted]
    if not matching:
        raise ValidationError(
            "That code does not match an activity of yours today. Check the code on the "
            "screen and try again."
        )
    activity = matching[0]
    if activity.is_cancelled:
        raise ValidationError(f"{activity.title} is cancelled, so there is nothing to check in to.")
    if now < opens_at(activity):
        raise ValidationError(
            f"Check-in for {activity.title} opens at "
            f"{timezone.localtime(opens_at(activity)):%H:%M}. Try again then."
        )
    if now > activity.ends_at:
        raise ValidationError(
            f"Check-in for {activity.title} closed at "
            f"{timezone.localtime(activity.ends_at):%H:%M}, when it ended. Ask the programme "
            "team to correct the register."
        )
    return activity


def check_in(code: str, person_id: int | None, by: User) -> CheckedIn:
    """Mark the person present (or late) at the activity whose code they entered."""
    activity = find_activity(code, person_id)
    enrolment = participant_enrolment(person_id, activity)
    if enrolment is None:  # find_activity only finds activities of their active enrolments
        raise ValidationError("You are not taking part in this activity.")
    now = timezone.now()
    status = (
        AttendanceStatus.LATE if now > activity.starts_at + LATE_AFTER else AttendanceStatus.PRESENT
    )
    with transaction.atomic():
        mark = (
            Attendance.objects.select_for_update()
            .filter(activity=activity, enrolment=enrolment)
            .first()
        )
        if mark is not None and mark.attended:
            return CheckedIn(activity, mark.status, already=True)
        mark = mark or Attendance(activity=activity, enrolment=enrolment)
        mark.activity, mark.enrolment = activity, enrolment
        with audited(by, mark, "programmes.attendance.checked_in"):
            mark.status = status
            mark.recorded_by = by
            mark.recorded_at = now
            mark.save()
        keep(Enrolment.objects.filter(pk=enrolment.pk), now)
    return CheckedIn(activity, status)


def send_apologies(activity: Activity, person_id: int | None, reason: str, by: User) -> Attendance:
    """Apologies from a participant before the activity starts, with an optional reason."""
    enrolment = participant_enrolment(person_id, activity)
    if enrolment is None:
        raise ValidationError(
            "Only participants of this cohort (or, for a group's activity, of that group) can "
            "send apologies for it."
        )
    closed = apologies_closed(activity)
    if closed:
        raise ValidationError(closed)
    with transaction.atomic():
        mark = (
            Attendance.objects.select_for_update()
            .filter(activity=activity, enrolment=enrolment)
            .first()
        )
        mark = mark or Attendance(activity=activity, enrolment=enrolment)
        mark.activity, mark.enrolment = activity, enrolment
        with audited(by, mark, "programmes.attendance.apologies"):
            mark.status = AttendanceStatus.APOLOGIES
            mark.note = reason.strip()
            mark.recorded_by = by
            mark.recorded_at = timezone.now()
            mark.save()
        keep(Enrolment.objects.filter(pk=enrolment.pk))
    return mark
