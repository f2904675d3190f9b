"""Writes a checked cohort file in one transaction, with an audit entry for every record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.directory.models import Organisation, Person
from commonground.programmes.models import Cohort, Enrolment, Programme

from .parsing import Problem, Row
from .validation import CohortFields, ImportCounts, ImportPlan, PersonPlan, plan_import

CLASH = (
    "Someone else changed the same people or cohort while this file was being imported; "
    "nothing was imported. Upload the file again to check it against the latest records"
)


@dataclass
class ImportResult:
    """The cohort the rows went into, or the problems that stopped anything being written."""

    cohort: Cohort | None = None
    counts: ImportCounts = field(default_factory=ImportCounts)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.cohort is not None and not self.problems


def import_cohort(
    programme: Programme,
    cohort_fields: CohortFields,
    rows: list[Row],
    by: User | AnonymousUser | None,
) -> ImportResult:
    """Check the rows again and write all of them, or nothing if any row has a problem."""
    try:
        with transaction.atomic():
            plan = plan_import(programme, cohort_fields, rows, lock=True)
            if plan.problems:
                return ImportResult(problems=plan.problems)
            cohort = _write(plan, by)
    except IntegrityError:
        # The constraints catch what another import or edit did since the rows were checked.
        return ImportResult(problems=[Problem(None, None, CLASH)])
    return ImportResult(cohort=cohort, counts=plan.counts)


def _write(plan: ImportPlan, by: User | AnonymousUser | None) -> Cohort:
    organisations: dict[str, Organisation] = {}
    for key, new in plan.organisations.items():
        organisation = Organisation(name=new.name, sector=new.sector, area=new.area)
        with audited(by, organisation, "directory.organisation.created"):
            organisation.save()
        organisations[key] = organisation
    people = {email: _person(person, organisations, by) for email, person in plan.people.items()}
    cohort = _cohort(plan, by)
    for planned in plan.enrolments:
        enrolment = Enrolment(
            person=people[planned.participant.email],
            cohort=cohort,
            status=planned.status,
            enrolled_on=planned.enrolled_on,
            left_on=planned.left_on,
            sponsor=people[planned.sponsor.email] if planned.sponsor else None,
        )
        with audited(by, enrolment, "programmes.enrolment.created"):
            enrolment.save()
    _record_import(by, cohort, plan.counts)
    return cohort


def _record_import(by: User | AnonymousUser | None, cohort: Cohort, counts: ImportCounts) -> None:
    """The cohort's history shows the import with its counts, which no field of the cohort holds."""
    record_changes(by, cohort, "programmes.cohort.imported", {"imported": [None, asdict(counts)]})


def _person(
    planned: PersonPlan, organisations: dict[str, Organisation], by: User | AnonymousUser | None
) -> Person:
    if planned.existing is not None:
        return planned.existing
    organisation = planned.organisation
    if organisation is None and planned.new_organisation:
        organisation = organisations[planned.new_organisation.casefold()]
    person = Person(
        first_name=planned.first_name,
        last_name=planned.last_name,
        email=planned.email,
        organisation=organisation,
        job_title=planned.job_title,
        band=planned.band,
    )
    with audited(by, person, "directory.person.created"):
        person.save()
    return person


def _cohort(plan: ImportPlan, by: User | AnonymousUser | None) -> Cohort:
    fields = plan.fields
    values = {
        "starts_on": fields.starts_on,
        "ends_on": fields.ends_on,
        "capacity": fields.capacity,
        "status": fields.status,
    }
    if plan.cohort is None:
        cohort = Cohort(programme=plan.programme, name=fields.name.strip(), **values)
        with audited(by, cohort, "programmes.cohort.created"):
            cohort.save()
        return cohort
    cohort = plan.cohort
    with audited(by, cohort, "programmes.cohort.changed"):
        for name, value in values.items():
            setattr(cohort, name, value)
        cohort.save()
    return cohort
