"""Completion: each programme's rules evaluated live, staff confirming completers in bulk,
and withdrawal or deferral that keep the record and its history.

Attendance is measured here; the challenge and survey rules are measured by the apps that
hold those records, through the measures they register (see `measures`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, history, record_changes
from commonground.lib import emails
from commonground.lib.once import lock

from .certificates import issue_certificate
from .commitment import Standing, rules_for, standings
from .completion_emails import send_completion_emails
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


def cohort_progress(cohort: Cohort, person_id: int | None = None) -> list[Progress]:
    """Every participant of the cohort (or one person's enrolment in it) against every rule; a
    fixed number of queries. One person's home asks for theirs alone, so its cost does not grow
    with the cohort."""
    chosen = Enrolment.objects.filter(cohort=cohort)
    if person_id is not None:
        chosen = chosen.filter(person_id=person_id)
    enrolments = list(
        chosen.select_related("person__organisation", "cohort__programme", "certificate")
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
    found = cohort_progress(enrolment.cohort, person_id=enrolment.person_id)
    return next(p for p in found if p.enrolment.pk == enrolment.pk)


@dataclass(frozen=True)
class CompletionPlan:
    """What confirming the chosen participants would do, checked before anything is saved."""

    cohort: Cohort
    chosen: list[Progress]
    completed_on: dt.date

    @property
    def short(self) -> list[Progress]:
        """Those who do not meet the rules: confirming them needs a reason for the exception."""
        return [p for p in self.chosen if not p.meets_rules]

    @property
    def early(self) -> bool:
        """Confirmed before the cohort's end date: that needs a reason too."""
        return self.completed_on < self.cohort.ends_on


def plan_completion(cohort: Cohort, enrolment_ids: Iterable[int]) -> CompletionPlan:
    """The chosen participants, checked: each in the cohort, active and not done already.

    Raises a ValidationError naming who cannot be confirmed; nothing is saved either way.
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
    chosen = [p for p in progress.values() if p.enrolment.pk in wanted]
    return CompletionPlan(cohort, chosen, timezone.localdate())


def confirm_completion(
    cohort: Cohort,
    enrolment_ids: Iterable[int],
    by: User | None,
    override_reason: str = "",
    early_reason: str = "",
) -> list[Enrolment]:
    """Make the chosen active participants alumni, each with a certificate, and email each.

    Someone who does not meet the rules is confirmed only with a reason for the exception, and
    anyone before the cohort's end date only with a reason for confirming early; both reasons
    are kept on the enrolment and so in its history. Otherwise nothing is saved and a
    ValidationError says what is missing.
    """
    plan = plan_completion(cohort, enrolment_ids)
    reason = override_reason.strip()
    early = early_reason.strip()
    if plan.short and not reason:
        raise ValidationError(
            {
                "override_reason": "These participants do not meet the completion rules yet: "
                + ", ".join(p.enrolment.person.name for p in plan.short)
                + ". Give a reason for the exception, or untick them."
            }
        )
    if plan.early and not early:
        raise ValidationError(
            {
                "early_reason": f"{cohort.name} ends on {cohort.ends_on:%-d %B %Y}. "
                "Give a reason for confirming completion before then."
            }
        )
    wanted = [p.enrolment.pk for p in plan.chosen]
    confirmed = []
    with transaction.atomic():
        # Locked and re-read: of two presses of "Confirm completion", the second finds them done.
        statuses = dict(
            Enrolment.objects.select_for_update().filter(pk__in=wanted).values_list("pk", "status")
        )
        changed = [
            p.enrolment.person.name
            for p in plan.chosen
            if statuses.get(p.enrolment.pk) != EnrolmentStatus.ACTIVE
        ]
        if changed:
            raise ValidationError(
                "Nothing was saved: completion was already confirmed for "
                + ", ".join(changed)
                + "."
            )
        for entry in sorted(plan.chosen, key=lambda p: p.enrolment.pk):
            enrolment = entry.enrolment
            notes = []
            if plan.early:
                notes.append(
                    f"Completion confirmed before the cohort's end date "
                    f"({cohort.ends_on:%-d %B %Y}): {early}"
                )
            if not entry.meets_rules:
                notes.append(f"Completion confirmed by exception: {reason}")
            with audited(by, enrolment, "programmes.enrolment.completed"):
                enrolment.status = EnrolmentStatus.COMPLETED
                enrolment.left_on = max(plan.completed_on, enrolment.enrolled_on)
                if notes:
                    enrolment.leaving_reason = "\n".join(notes)
                enrolment.save()
            issue_certificate(enrolment, by)
            confirmed.append(enrolment)
        ids = [enrolment.pk for enrolment in confirmed]
        transaction.on_commit(lambda: send_completion_emails.enqueue(ids))
    return confirmed


def _before_completion(enrolment: Enrolment) -> tuple[str, dt.date | None, str]:
    """The status, leaving date and reason the enrolment had before completion was confirmed,
    read from the history; someone recorded as completed without it was active before."""
    entry = history(enrolment).filter(action="programmes.enrolment.completed").first()
    changes = entry.changes if entry is not None else {}
    status = changes.get("status", [EnrolmentStatus.ACTIVE])[0] or EnrolmentStatus.ACTIVE
    if status == EnrolmentStatus.COMPLETED:
        status = EnrolmentStatus.ACTIVE
    left_on = changes.get("left_on", [None])[0]
    reason = changes.get("leaving_reason", [enrolment.leaving_reason])[0] or ""
    return (
        status,
        dt.date.fromisoformat(left_on) if left_on and status != EnrolmentStatus.ACTIVE else None,
        reason,
    )


def status_after_withdrawal(enrolment: Enrolment) -> str:
    """The label of the status a withdrawn completion returns the enrolment to."""
    return EnrolmentStatus(_before_completion(enrolment)[0]).label


def withdraw_completion(enrolment: Enrolment, reason: str, by: User | None) -> Enrolment:
    """Undo a confirmed completion, with a reason: the enrolment returns to what it was before
    and its certificate is marked withdrawn (never deleted), so its verification page says so.
    Both changes, and the reason, are kept in the history."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the completion is being withdrawn."})
    with transaction.atomic():
        lock(enrolment)
        if enrolment.status != EnrolmentStatus.COMPLETED:
            raise ValidationError(
                f"Nothing was changed: {enrolment.person.name} has not completed "
                f"({enrolment.get_status_display().lower()}), so there is no completion "
                "to withdraw."
            )
        status, left_on, leaving_reason = _before_completion(enrolment)
        with audited(by, enrolment, "programmes.enrolment.completion_withdrawn"):
            enrolment.status = status
            enrolment.left_on = left_on
            enrolment.leaving_reason = leaving_reason
            enrolment.save()
        certificate = Certificate.objects.filter(enrolment=enrolment).first()
        if certificate is not None:
            with audited(by, certificate, "programmes.certificate.withdrawn"):
                certificate.enrolment = None
                certificate.withdrawn_from = enrolment
                certificate.withdrawn_at = timezone.now()
                certificate.withdrawn_by = by
                certificate.withdrawal_reason = reason
                certificate.save()
        else:
            record_changes(
                by,
                enrolment,
                "programmes.enrolment.completion_withdrawn",
                {"reason": [None, reason]},
            )
    return enrolment


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


def sponsor_notice(standing: Standing) -> dict[str, Any]:
    """The context of the email that tells a sponsor their participant's attendance is at risk."""
    enrolment = standing.enrolment
    return {
        "sponsor": enrolment.sponsor,
        "person": enrolment.person,
        "cohort": enrolment.cohort,
        "standing": standing,
        "commitment": rules_for(enrolment.cohort.programme).commitment,
    }


def notify_sponsor(standing: Standing, by: User) -> None:
    """Tell the participant's sponsor that their attendance is at risk; the audit log keeps it."""
    enrolment = standing.enrolment
    sponsor = enrolment.sponsor
    if sponsor is None or not sponsor.email:
        raise ValidationError(f"{enrolment.person.name} has no sponsor with an email address.")
    emails.send("attendance-at-risk", [sponsor.email], sponsor_notice(standing))
    record_changes(
        by,
        enrolment,
        "programmes.enrolment.sponsor_notified",
        {"sponsor": [None, f"{sponsor.name} <{sponsor.email}>"]},
    )
