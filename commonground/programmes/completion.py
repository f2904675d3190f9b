"""Completion: each programme's rules evaluated live, staff confirming completers in bulk,
and withdrawal or deferral that keep the record and its history.

Attendance is measured here; the challenge and survey rules are measured by the apps that
hold those records, through the measures they register (see `measures`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.lib import emails
from commonground.lib.once import lock

from .certificates import issue_certificate
from .commitment import Standing, rules_for, standings
from .measures import Measure, switched_on
from .models import Certificate, Cohort, Enrolment, EnrolmentStatus
from .services import enrol


@dataclass(frozen=True)
class RuleResult:
    rule: str
    met: bool
    detail: str

    @property
    def tag(self) -> str:
        return "Met" if self.met else "Not met"


@dataclass
class Progress:
    """One participant against each completion rule."""

    enrolment: Enrolment
    standing: Standing
    results: list[RuleResult]
    certificate: Certificate | None = None

    @property
    def meets_rules(self) -> bool:
        return all(result.met for result in self.results)

    @property
    def missing(self) -> list[RuleResult]:
        return [result for result in self.results if not result.met]

    @property
    def may_confirm(self) -> bool:
        return self.enrolment.status == EnrolmentStatus.ACTIVE


def _attendance(standing: Standing) -> RuleResult:
    rule = f"At least {standing.minimum}% of counted activities attended"
    if not standing.counted:
        return RuleResult(rule, False, "No counted activities are planned yet.")
    met = standing.attended >= standing.needed
    detail = (
        f"Attended {standing.attended} of {standing.counted} counted activities "
        f"({standing.share_of_year}%)"
    )
    if not met:
        more = standing.needed - standing.attended
        detail += f"; {more} more needed"
    return RuleResult(rule, met, detail + ".")


def cohort_progress(cohort: Cohort) -> list[Progress]:
    """Every participant of the cohort against every rule; a fixed number of queries."""
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort).select_related(
            "person__organisation", "cohort__programme", "certificate"
        )
    )
    found = standings(enrolments)
    measured = [(m, set(m.met_by(cohort))) for m in switched_on(rules_for(cohort.programme))]
    return [_progress(enrolment, found[enrolment.pk], measured) for enrolment in enrolments]


def _progress(
    enrolment: Enrolment, standing: Standing, measured: list[tuple[Measure, set[int]]]
) -> Progress:
    results = [_attendance(standing)]
    for measure, ids in measured:
        met = enrolment.pk in ids
        results.append(RuleResult(measure.rule, met, measure.met if met else measure.not_met))
    return Progress(enrolment, standing, results, getattr(enrolment, "certificate", None))


def progress_of(enrolment: Enrolment) -> Progress:
    return next(p for p in cohort_progress(enrolment.cohort) if p.enrolment.pk == enrolment.pk)


def confirm_completion(
    cohort: Cohort, enrolment_ids: Iterable[int], by: User | None, override_reason: str = ""
) -> list[Enrolment]:
    """Make the chosen active participants alumni, each with a certificate.

    Someone who does not meet the rules is confirmed only with a reason for the exception;
    otherwise nothing is saved and a ValidationError names them.
    """
    wanted = set(enrolment_ids)
    if not wanted:
        raise ValidationError("Choose at least one participant to confirm.")
    progress = {p.enrolment.pk: p for p in cohort_progress(cohort)}
    unknown = wanted - set(progress)
    if unknown:
        raise ValidationError(
            "Some of the people chosen are not in this cohort, so nothing was saved."
        )
    done_already = [
        progress[pk].enrolment.person.name
        for pk in sorted(wanted)
        if progress[pk].enrolment.status == EnrolmentStatus.COMPLETED
    ]
    if done_already:
        raise ValidationError(
            "Nothing was saved: completion was already confirmed for "
            + ", ".join(done_already)
            + "."
        )
    not_active = [
        progress[pk].enrolment.person.name for pk in sorted(wanted) if not progress[pk].may_confirm
    ]
    if not_active:
        raise ValidationError(
            "Only active participants can complete, so nothing was saved. Not active: "
            + ", ".join(not_active)
        )
    short = [
        progress[pk].enrolment.person.name for pk in sorted(wanted) if not progress[pk].meets_rules
    ]
    reason = override_reason.strip()
    if short and not reason:
        raise ValidationError(
            "These participants do not meet the completion rules yet: "
            + ", ".join(short)
            + ". Give a reason for the exception, or untick them."
        )
    today = timezone.localdate()
    confirmed = []
    with transaction.atomic():
        # Locked and re-read: of two presses of "Confirm completion", the second finds them done.
        statuses = dict(
            Enrolment.objects.select_for_update().filter(pk__in=wanted).values_list("pk", "status")
        )
        changed = [
            progress[pk].enrolment.person.name
            for pk in sorted(wanted)
            if statuses.get(pk) != EnrolmentStatus.ACTIVE
        ]
        if changed:
            raise ValidationError(
                "Nothing was saved: completion was already confirmed for "
                + ", ".join(changed)
                + "."
            )
        for pk in sorted(wanted):
            enrolment = progress[pk].enrolment
            with audited(by, enrolment, "programmes.enrolment.completed"):
                enrolment.status = EnrolmentStatus.COMPLETED
                enrolment.left_on = max(today, enrolment.enrolled_on)
                if not progress[pk].meets_rules:
                    enrolment.leaving_reason = f"Completion confirmed by exception: {reason}"
                enrolment.save()
            issue_certificate(enrolment, by)
            confirmed.append(enrolment)
    return confirmed


def withdraw(enrolment: Enrolment, reason: str, by: User | None) -> Enrolment:
    """The participant leaves the programme; their record and attendance stay."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why they are withdrawing."})
    with transaction.atomic():
        lock(enrolment)
        if enrolment.status != EnrolmentStatus.ACTIVE:
            raise ValidationError(
                f"Nothing was changed: {enrolment.person.name} is no longer an active "
                f"participant ({enrolment.get_status_display().lower()})."
            )
        with audited(by, enrolment, "programmes.enrolment.withdrawn"):
            enrolment.status = EnrolmentStatus.WITHDRAWN
            enrolment.left_on = max(timezone.localdate(), enrolment.enrolled_on)
            enrolment.leaving_reason = reason.strip()
            enrolment.save()
    return enrolment


def defer(enrolment: Enrolment, to_cohort: Cohort, by: User | None) -> Enrolment:
    """Move the participant to a later cohort: a new enrolment there, this one kept as deferred."""
    if to_cohort.programme_id != enrolment.cohort.programme_id:
        raise ValidationError({"cohort": "Choose a later cohort of the same programme."})
    if to_cohort.starts_on <= enrolment.cohort.starts_on:
        raise ValidationError({"cohort": "Choose a cohort that starts after this one."})
    with transaction.atomic():
        lock(enrolment)
        if enrolment.status != EnrolmentStatus.ACTIVE:
            raise ValidationError("Only an active participant can defer.")
        later = enrol(
            enrolment.person,
            to_cohort,
            sponsor=enrolment.sponsor,
            enrolled_on=max(timezone.localdate(), to_cohort.starts_on),
            by=by,
        ).enrolment
        with audited(by, enrolment, "programmes.enrolment.deferred"):
            enrolment.status = EnrolmentStatus.DEFERRED
            enrolment.left_on = max(timezone.localdate(), enrolment.enrolled_on)
            enrolment.deferred_to = later
            enrolment.save()
    return later


def notify_sponsor(standing: Standing, by: User) -> None:
    """Tell the participant's sponsor that their attendance is at risk; the audit log keeps it."""
    enrolment = standing.enrolment
    sponsor = enrolment.sponsor
    if sponsor is None or not sponsor.email:
        raise ValidationError(f"{enrolment.person.name} has no sponsor with an email address.")
    emails.send(
        "attendance-at-risk",
        [sponsor.email],
        {
            "sponsor": sponsor,
            "person": enrolment.person,
            "cohort": enrolment.cohort,
            "standing": standing,
            "commitment": rules_for(enrolment.cohort.programme).commitment,
        },
    )
    record_changes(
        by, enrolment, "programmes.enrolment.sponsor_notified", {"sponsor": [None, sponsor.name]}
    )
