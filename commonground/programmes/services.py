"""Writes to programme records: enrolments, registers and edited records, each atomic and audited.

Pages, the API and commands call these functions rather than saving models themselves, so every
change is validated the same way and leaves an audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.directory.models import Person

from .kept_standings import keep
from .models import (
    Activity,
    Attendance,
    AttendanceStatus,
    Certificate,
    Cohort,
    Enrolment,
    EnrolmentStatus,
)


@dataclass(frozen=True)
class Enrolled:
    """The enrolment written, and a warning for staff that is not an error (a full cohort)."""

    enrolment: Enrolment
    warning: str | None = None


def _capacity_warning(cohort: Cohort) -> str | None:
    taken = cohort.enrolments.filter(status__in=EnrolmentStatus.TAKING_A_PLACE).count()
    if taken > cohort.capacity:
        return (
            f"{cohort} now has {taken} participants for {cohort.capacity} places. "
            "Check that this is what you meant."
        )
    return None


def _check_sponsor(person: Person, sponsor: Person | None) -> None:
    if sponsor is not None and sponsor.pk == person.pk:
        raise ValidationError(
            {"sponsor": "A participant cannot be their own sponsor. Choose someone else."}
        )


def enrol(
    person: Person,
    cohort: Cohort,
    *,
    sponsor: Person | None,
    status: str = EnrolmentStatus.ACTIVE,
    enrolled_on: dt.date | None = None,
    by: User | None,
) -> Enrolled:
    """Enrol a person in a cohort; a full cohort gives a warning, a second enrolment an error."""
    _check_sponsor(person, sponsor)
    with transaction.atomic():
        if Enrolment.objects.filter(person=person, cohort=cohort).exists():
            raise ValidationError(
                {"person": f"{person} is already enrolled in {cohort}. Choose someone else."}
            )
        enrolment = Enrolment(
            person=person,
            cohort=cohort,
            sponsor=sponsor,
            status=status,
            enrolled_on=enrolled_on or timezone.localdate(),
            left_on=None if status == EnrolmentStatus.ACTIVE else timezone.localdate(),
        )
        with audited(by, enrolment, "programmes.enrolment.created"):
            enrolment.save()
        warning = _capacity_warning(cohort) if status in EnrolmentStatus.TAKING_A_PLACE else None
    return Enrolled(enrolment, warning)


def change_enrolment(
    enrolment: Enrolment,
    *,
    status: str,
    sponsor: Person | None,
    left_on: dt.date | None = None,
    by: User | None,
) -> Enrolled:
    """Change status and sponsor; leaving needs a date (today unless given), returning clears it."""
    _check_sponsor(enrolment.person, sponsor)
    if status == EnrolmentStatus.ACTIVE:
        left_on = None
    elif left_on is None:
        left_on = timezone.localdate()
    if left_on is not None and left_on < enrolment.enrolled_on:
        raise ValidationError(
            {"left_on": "The date they left must be on or after the date they enrolled."}
        )
    if (
        enrolment.status == EnrolmentStatus.COMPLETED
        and status != EnrolmentStatus.COMPLETED
        and Certificate.objects.filter(enrolment=enrolment).exists()
    ):
        # Undoing a certified completion goes through its own check, with a reason.
        raise ValidationError(
            {
                "status": f"{enrolment.person} has a certificate of completion. To undo their "
                "completion, use “Withdraw completion” on the cohort's completion page, which "
                "asks for a reason and marks the certificate withdrawn."
            }
        )
    with transaction.atomic():
        was_taking_a_place = enrolment.status in EnrolmentStatus.TAKING_A_PLACE
        with audited(by, enrolment, "programmes.enrolment.changed"):
            enrolment.status = status
            enrolment.sponsor = sponsor
            enrolment.left_on = left_on
            enrolment.save()
        returns = status in EnrolmentStatus.TAKING_A_PLACE and not was_taking_a_place
        warning = _capacity_warning(enrolment.cohort) if returns else None
    return Enrolled(enrolment, warning)


def record_attendance(
    activity: Activity, marks: Mapping[int, str], by: User | None
) -> list[Attendance]:
    """Save a register: enrolment id to status. Unchanged marks are left alone.

    Every enrolment must belong to the activity's cohort and every status must be known;
    otherwise nothing is written and a ValidationError says which.
    """
    known = set(AttendanceStatus.values)
    wrong_status = sorted(str(status) for status in marks.values() if status not in known)
    if wrong_status:
        raise ValidationError(
            f"“{wrong_status[0]}” is not a register mark. Use present, late, apologies or absent."
        )
    in_cohort = {
        enrolment.pk: enrolment
        for enrolment in Enrolment.objects.filter(
            cohort_id=activity.cohort_id, pk__in=marks
        ).select_related("person", "cohort__programme")
    }
    foreign = sorted(set(marks) - set(in_cohort))
    if foreign:
        raise ValidationError(
            "These enrolments are not in this cohort, so nothing was saved: "
            + ", ".join(str(pk) for pk in foreign)
        )
    if activity.for_one_group:
        from .audiences import members

        outside = sorted(
            set(in_cohort)
            - set(
                Enrolment.objects.filter(members(activity), pk__in=marks).values_list(
                    "pk", flat=True
                )
            )
        )
        if outside:
            raise ValidationError(
                "This activity is for one group only, and these people are not in it, so "
                "nothing was saved: " + ", ".join(in_cohort[pk].person.name for pk in outside)
            )
    now = timezone.now()
    saved: list[Attendance] = []
    with transaction.atomic():
        existing = {
            mark.enrolment_id: mark
            for mark in Attendance.objects.select_for_update().filter(
                activity=activity, enrolment_id__in=marks
            )
        }
        for enrolment_id, status in marks.items():
            mark = existing.get(enrolment_id) or Attendance(activity=activity)
            if mark.pk is not None and mark.status == status:
                continue
            # The objects already loaded name the mark in the audit entry without more queries.
            mark.activity = activity
            mark.enrolment = in_cohort[enrolment_id]
            with audited(by, mark, "programmes.attendance.recorded"):
                mark.status = status
                mark.recorded_by = by
                mark.recorded_at = now
                mark.save()
            saved.append(mark)
        if saved:
            keep(Enrolment.objects.filter(pk__in=[mark.enrolment_id for mark in saved]), now)
    return saved
