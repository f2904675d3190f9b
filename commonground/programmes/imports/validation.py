"""Checks every row of a cohort file against the database and plans what the import will write.

Every problem is reported with its line and column; the plan is only acted on when there are none.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import CharField, Count, Model, TextChoices
from django.db.models.functions import Lower

from commonground.directory.models import Area, Band, Organisation, Person, Sector
from commonground.lib.words import count_of
from commonground.programmes.models import Cohort, CohortStatus, EnrolmentStatus, Programme

from .parsing import Cell, Problem, Row

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def cell_date(cell: Cell) -> dt.date | str | None:
    """A spreadsheet cell as a date, None when empty, or what is wrong with it (every import
    reads dates this way)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    value = text(cell)
    if not value:
        return None
    for date_format in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    return f"'{value}' is not a date; write dates as YYYY-MM-DD or DD/MM/YYYY"


@dataclass(frozen=True)
class CohortFields:
    """The cohort the rows go into, as given in the form or on the command line."""

    name: str
    starts_on: dt.date
    ends_on: dt.date
    capacity: int = 50
    status: str = CohortStatus.COMPLETED


@dataclass
class NewOrganisation:
    name: str
    sector: str
    area: str
    line: int


@dataclass
class PersonPlan:
    """Someone the file names: an existing person, reused as is, or a new one to create."""

    email: str
    first_name: str
    last_name: str
    line: int
    existing: Person | None = None
    organisation: Organisation | None = None
    new_organisation: str = ""
    job_title: str = ""
    band: str = ""

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def organisation_name(self) -> str:
        if self.existing is not None:
            return self.existing.organisation.name if self.existing.organisation else ""
        return self.organisation.name if self.organisation else self.new_organisation


@dataclass
class EnrolmentPlan:
    line: int
    participant: PersonPlan
    sponsor: PersonPlan | None
    status: str
    enrolled_on: dt.date
    left_on: dt.date | None

    @property
    def status_label(self) -> str:
        return EnrolmentStatus(self.status).label


@dataclass(frozen=True)
class ImportCounts:
    participants: int = 0
    new_people: int = 0
    existing_people: int = 0
    new_sponsors: int = 0
    existing_sponsors: int = 0
    new_organisations: int = 0


@dataclass
class ImportPlan:
    programme: Programme
    fields: CohortFields
    cohort: Cohort | None = None
    organisations: dict[str, NewOrganisation] = field(default_factory=dict)
    people: dict[str, PersonPlan] = field(default_factory=dict)
    enrolments: list[EnrolmentPlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> ImportCounts:
        participants = {enrolment.participant.email for enrolment in self.enrolments}
        sponsors = {e.sponsor.email for e in self.enrolments if e.sponsor} - participants
        return ImportCounts(
            participants=len(self.enrolments),
            new_people=sum(1 for e in self.enrolments if e.participant.existing is None),
            existing_people=sum(1 for e in self.enrolments if e.participant.existing),
            new_sponsors=sum(1 for email in sponsors if self.people[email].existing is None),
            existing_sponsors=sum(1 for email in sponsors if self.people[email].existing),
            new_organisations=len(self.organisations),
        )


def plan_import(
    programme: Programme, fields: CohortFields, rows: list[Row], lock: bool = False
) -> ImportPlan:
    """What importing these rows would write, or every problem that stops it."""
    plan = ImportPlan(programme=programme, fields=fields)
    plan.problems.extend(_check_cohort(plan, lock))
    _Checker(plan, rows).check()
    plan.problems.sort(key=lambda problem: (problem.line or 0,))
    return plan


def _check_cohort(plan: ImportPlan, lock: bool) -> list[Problem]:
    fields = plan.fields
    problems = []
    if fields.ends_on < fields.starts_on:
        problems.append(Problem(None, None, "The cohort's end date is before its start date"))
    cohorts = Cohort.objects.filter(programme=plan.programme, name=fields.name.strip())
    if lock:
        cohorts = cohorts.select_for_update()
    plan.cohort = cohorts.first()
    if plan.cohort is not None:
        enrolled = plan.cohort.enrolments.aggregate(n=Count("pk"))["n"]
        if enrolled:
            problems.append(
                Problem(
                    None,
                    None,
                    f"Cohort {plan.cohort.name} already has {participants(enrolled)}; "
                    "import into a new cohort, or into one with nobody enrolled yet",
                )
            )
    return problems


def participants(count: int) -> str:
    """'1 participant', '45 participants'."""
    return count_of(count, "participant")


def max_length(model: type[Model], name: str) -> int:
    """How many characters the database keeps in a model's text field."""
    field = model._meta.get_field(name)
    assert isinstance(field, CharField) and field.max_length is not None, name
    return field.max_length


def text(cell: Cell) -> str:
    """A cell as text; whole numbers from a spreadsheet lose their '.0'."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()
    return str(cell).strip()


def _folded(value: str) -> str:
    return " ".join(value.replace("_", " ").casefold().split())


def match_choice(value: str, choices: type[TextChoices]) -> str | None:
    """The choice whose value or label is written this way, ignoring case and underscores."""
    wanted = _folded(value)
    for choice_value, label in choices.choices:
        if wanted in (_folded(str(choice_value)), _folded(str(label))):
            return str(choice_value)
    return None


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    by_fold = {candidate.casefold(): candidate for candidate in candidates if candidate}
    close = difflib.get_close_matches(value.casefold(), list(by_fold), n=1, cutoff=0.6)
    return f" (did you mean '{by_fold[close[0]]}'?)" if close else ""


class _Checker:
    """Walks the rows once for participants and once for sponsors, collecting every problem."""

    def __init__(self, plan: ImportPlan, rows: list[Row]) -> None:
        self.plan = plan
        self.rows = rows
        self.problems = plan.problems
        organisations = list(Organisation.objects.only("pk", "name", "short_name", "sector"))
        self.by_name = {o.name.casefold(): o for o in organisations}
        self.by_short_name: dict[str, list[Organisation]] = {}
        for organisation in organisations:
            if organisation.short_name:
                key = organisation.short_name.casefold()
                self.by_short_name.setdefault(key, []).append(organisation)
        self.organisation_names = [o.name for o in organisations] + [
            o.short_name for o in organisations
        ]
        self.existing = self._existing_people()
        self.participant_lines: dict[str, int] = {}

    def _existing_people(self) -> dict[str, Person]:
        emails = {
            text(row.cells.get(column)).lower()
            for row in self.rows
            for column in ("email", "sponsor_email")
        } - {""}
        people = (
            Person.objects.annotate(email_folded=Lower("email"))
            .filter(email_folded__in=emails)
            .select_related("organisation")
        )
        return {person.email.lower(): person for person in people}

    def problem(self, row: Row, column: str, reason: str) -> None:
        self.problems.append(Problem(row.line, column, reason))

    def check(self) -> None:
        self._declare_new_organisations()
        planned = [(row, self._participant(row)) for row in self.rows]
        # Sponsors come second so that a person who is both keeps their participant details.
        for row, enrolment in planned:
            sponsor = self._sponsor(row, text(row.cells.get("email")).lower())
            if enrolment is not None:
                enrolment.sponsor = sponsor
                self.plan.enrolments.append(enrolment)
        if self.problems:
            self.plan.enrolments.clear()

    def _declare_new_organisations(self) -> None:
        for row in self.rows:
            name = text(row.cells.get("organisation"))
            if not name or self._known_organisation(name):
                continue
            sector = match_choice(text(row.cells.get("organisation_sector")), Sector)
            area = match_choice(text(row.cells.get("organisation_area")), Area)
            fits = len(name) <= max_length(Organisation, "name")
            if sector and area and fits and name.casefold() not in self.plan.organisations:
                self.plan.organisations[name.casefold()] = NewOrganisation(
                    name=name, sector=sector, area=area, line=row.line
                )

    def _known_organisation(self, name: str) -> bool:
        return name.casefold() in self.by_name or name.casefold() in self.by_short_name

    def _participant(self, row: Row) -> EnrolmentPlan | None:
        before = len(self.problems)
        email = self._email(row, "email", required=True)
        first_name = self._text(row, "first_name", Person, required=True)
        last_name = self._text(row, "last_name", Person, required=True)
        status = self._choice(row, "status", EnrolmentStatus, "status", required=True)
        enrolled_on = self._date(row, "enrolled_on") or self.plan.fields.starts_on
        left_on = self._left_on(row, status, enrolled_on)
        organisation, new_organisation = self._organisation(row, "organisation")
        self._check_new_organisation_columns(row, new_organisation)
        job_title = self._text(row, "job_title", Person)
        band = self._choice(row, "band", Band, "seniority band") or ""
        if email and email in self.participant_lines:
            self.problem(
                row,
                "email",
                f"'{email}' is already on line {self.participant_lines[email]}; "
                "each participant appears once",
            )
            return None
        if email:
            self.participant_lines[email] = row.line
        if len(self.problems) > before:
            return None
        candidate = PersonPlan(
            email=email,
            first_name=first_name,
            last_name=last_name,
            line=row.line,
            organisation=organisation,
            new_organisation=new_organisation,
            job_title=job_title,
            band=band,
        )
        if email not in self.existing and organisation is None and not new_organisation:
            self.problem(row, "organisation", "the cell is empty; give their organisation")
            return None
        person = self._person(row, candidate, ("first_name", "last_name"))
        if person is None or status is None:
            return None
        return EnrolmentPlan(row.line, person, None, status, enrolled_on, left_on)

    def _sponsor(self, row: Row, participant_email: str) -> PersonPlan | None:
        columns = ("sponsor_first_name", "sponsor_last_name", "sponsor_email")
        given = [column for column in columns if text(row.cells.get(column))]
        email = self._email(row, "sponsor_email", required=bool(given))
        first_name = self._text(row, "sponsor_first_name", Person, "first_name")
        last_name = self._text(row, "sponsor_last_name", Person, "last_name")
        organisation, new_organisation = self._organisation(row, "sponsor_organisation")
        job_title = self._text(row, "sponsor_job_title", Person, "job_title")
        if not email:
            return None
        if email == participant_email:
            self.problem(row, "sponsor_email", "the sponsor cannot be the participant themselves")
            return None
        if email not in self.plan.people and email not in self.existing:
            names = (("sponsor_first_name", first_name), ("sponsor_last_name", last_name))
            for column, value in names:
                if not value:
                    self.problem(row, column, "the cell is empty; a new sponsor needs a full name")
            if not (first_name and last_name):
                return None
        candidate = PersonPlan(
            email=email,
            first_name=first_name,
            last_name=last_name,
            line=row.line,
            organisation=organisation,
            new_organisation=new_organisation,
            job_title=job_title,
        )
        return self._person(row, candidate, ("sponsor_first_name", "sponsor_last_name"))

    def _person(
        self, row: Row, candidate: PersonPlan, name_columns: tuple[str, str]
    ) -> PersonPlan | None:
        """The one plan for this email address, checking that every mention agrees on the name."""
        known = self.plan.people.get(candidate.email)
        existing = self.existing.get(candidate.email)
        if known is None and existing is not None:
            known = PersonPlan(
                email=candidate.email,
                first_name=existing.first_name,
                last_name=existing.last_name,
                line=row.line,
                existing=existing,
            )
        if known is None:
            self.plan.people[candidate.email] = candidate
            return candidate
        agrees = True
        for column, given, recorded in zip(
            name_columns,
            (candidate.first_name, candidate.last_name),
            (known.first_name, known.last_name),
            strict=True,
        ):
            if given and given.casefold() != recorded.casefold():
                agrees = False
                self.problem(row, column, _name_clash(given, recorded, candidate.email, known))
        if not agrees:
            return None
        self.plan.people[candidate.email] = known
        return known

    def _text(
        self,
        row: Row,
        column: str,
        model: type[Model],
        field: str = "",
        required: bool = False,
    ) -> str:
        """The cell as text, checked against the length of the field it is stored in."""
        value = text(row.cells.get(column))
        if required and not value:
            self.problem(row, column, "the cell is empty")
        else:
            self._check_length(row, column, value, max_length(model, field or column))
        return value

    def _check_length(self, row: Row, column: str, value: str, limit: int) -> bool:
        if len(value) <= limit:
            return True
        self.problem(row, column, f"is {len(value)} characters long; at most {limit} fit")
        return False

    def _email(self, row: Row, column: str, required: bool) -> str:
        value = text(row.cells.get(column))
        if not value:
            if required:
                self.problem(row, column, "the cell is empty; give an email address")
            return ""
        try:
            validate_email(value)
        except ValidationError:
            self.problem(row, column, f"'{value}' is not a valid email address")
            return ""
        if not self._check_length(row, column, value, max_length(Person, "email")):
            return ""
        return value.lower()

    def _choice(
        self,
        row: Row,
        column: str,
        choices: type[TextChoices],
        noun: str,
        required: bool = False,
    ) -> str | None:
        value = text(row.cells.get(column))
        if not value:
            if required:
                self.problem(row, column, f"the cell is empty; {_choose(choices)}")
            return None
        matched = match_choice(value, choices)
        if matched is None:
            hint = did_you_mean(value, written(choices))
            self.problem(row, column, f"'{value}' is not a {noun}{hint}; {_choose(choices)}")
        return matched

    def _date(self, row: Row, column: str) -> dt.date | None:
        found = cell_date(row.cells.get(column))
        if isinstance(found, str):
            self.problem(row, column, found)
            return None
        return found

    def _left_on(self, row: Row, status: str | None, enrolled_on: dt.date) -> dt.date | None:
        left_on = self._date(row, "left_on")
        if left_on is None:
            return self.plan.fields.ends_on if status == EnrolmentStatus.COMPLETED else None
        if status == EnrolmentStatus.ACTIVE:
            self.problem(
                row, "left_on", "an active participant has not left; clear it or change the status"
            )
        elif left_on < enrolled_on:
            self.problem(
                row,
                "left_on",
                f"{left_on:%d/%m/%Y} is before they enrolled ({enrolled_on:%d/%m/%Y})",
            )
        return left_on

    def _organisation(self, row: Row, column: str) -> tuple[Organisation | None, str]:
        """An existing organisation, or the name of one this file adds ("" when neither)."""
        name = text(row.cells.get(column))
        if not name:
            return None, ""
        found = self.by_name.get(name.casefold())
        if found is not None:
            return found, ""
        by_short_name = self.by_short_name.get(name.casefold(), [])
        if len(by_short_name) == 1:
            return by_short_name[0], ""
        if by_short_name:
            self.problem(
                row, column, f"'{name}' is the short name of several organisations; use a full name"
            )
            return None, ""
        new = self.plan.organisations.get(name.casefold())
        if new is not None:
            return None, new.name
        if column == "organisation" and self._new_organisation_columns_given(row):
            return None, ""
        hint = did_you_mean(name, self.organisation_names)
        self.problem(
            row,
            column,
            f"no organisation called '{name}'{hint}; to add a new one, "
            "give its organisation_sector and organisation_area on a participant's row",
        )
        return None, ""

    def _new_organisation_columns_given(self, row: Row) -> bool:
        return any(
            text(row.cells.get(column)) for column in ("organisation_sector", "organisation_area")
        )

    def _check_new_organisation_columns(self, row: Row, new_organisation: str) -> None:
        """An unknown organisation with a sector or area given: say what is wrong with them."""
        name = text(row.cells.get("organisation"))
        if new_organisation or not name or self._known_organisation(name):
            return
        if not self._new_organisation_columns_given(row):
            return
        self._check_length(row, "organisation", name, max_length(Organisation, "name"))
        for column, choices, noun in (
            ("organisation_sector", Sector, "sector"),
            ("organisation_area", Area, "area"),
        ):
            if not text(row.cells.get(column)):
                self.problem(row, column, f"the cell is empty; a new organisation needs its {noun}")
            else:
                self._choice(row, column, choices, noun)


def written(choices: type[TextChoices]) -> list[str]:
    """The choices as people write them: sectors and areas are stored as their own words."""
    if choices in (Sector, Area):
        return [str(value) for value in choices.values]
    return [str(label) for label in choices.labels]


def _choose(choices: type[TextChoices]) -> str:
    return "use one of: " + ", ".join(written(choices))


def _name_clash(given: str, recorded: str, email: str, known: PersonPlan) -> str:
    if known.existing is not None:
        return (
            f"'{given}' does not match '{recorded}', the name already recorded for {email}; "
            "correct the file, or change the person's record first"
        )
    return f"'{given}' does not match '{recorded}' given for {email} on line {known.line}"
