"""Importing a cohort file: the right records are written; a file with problems writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from commonground.audit.models import AuditEntry
from commonground.directory.models import Band, Organisation, Person, Sector
from commonground.programmes.imports import services, validation
from commonground.programmes.imports.parsing import read_file
from commonground.programmes.imports.services import ImportResult, import_cohort
from commonground.programmes.imports.validation import ImportPlan
from commonground.programmes.models import Cohort, CohortStatus, Enrolment, EnrolmentStatus
from tests.conftest import World
from tests.imports.conftest import FIELDS, csv_bytes, person_row, xlsx_bytes


def _import(world: World, content: bytes) -> ImportResult:
    parsed = read_file(content)
    assert parsed.problems == []
    return import_cohort(world.programme, FIELDS, parsed.rows, by=world.users["staff"])


def _problems(world: World, content: bytes) -> list[str]:
    return [str(problem) for problem in _import(world, content).problems]


def test_it_imports_people_enrolments_sponsors_and_organisations_from_csv(world: World) -> None:
    rows = [
        person_row(
            "Ann",
            "Lee",
            sponsor_first_name="Gill",
            sponsor_last_name="Marsh",
            sponsor_email="Gill.Marsh@Example.org",
            sponsor_organisation="ECC",
            sponsor_job_title="Executive Director",
        ),
        person_row(
            "Bo",
            "Ng",
            organisation="Tendring Food Network",
            organisation_sector="voluntary and community",
            organisation_area="Essex",
            band="senior_manager",
            status="withdrawn",
            enrolled_on="12/09/2018",
            left_on="31/01/2019",
            sponsor_email="gill.marsh@example.org",
        ),
        person_row("Cy", "Oak", status="Deferred", left_on="", band=""),
    ]
    result = _import(world, csv_bytes(rows))

    assert result.ok
    cohort = result.cohort
    assert cohort is not None
    assert (cohort.name, cohort.starts_on, cohort.capacity, cohort.status) == (
        "2018/19",
        dt.date(2018, 9, 1),
        48,
        CohortStatus.COMPLETED,
    )
    enrolments = {e.person.email: e for e in Enrolment.objects.filter(cohort=cohort)}
    assert set(enrolments) == {"ann.lee@example.org", "bo.ng@example.org", "cy.oak@example.org"}
    ann, bo, cy = (enrolments[f"{n}@example.org"] for n in ("ann.lee", "bo.ng", "cy.oak"))
    assert (ann.status, ann.enrolled_on, ann.left_on) == (
        EnrolmentStatus.COMPLETED,
        dt.date(2018, 9, 12),
        dt.date(2019, 7, 18),
    )
    assert (bo.status, bo.enrolled_on, bo.left_on) == (
        EnrolmentStatus.WITHDRAWN,
        dt.date(2018, 9, 12),
        dt.date(2019, 1, 31),
    )
    assert (cy.status, cy.left_on) == (EnrolmentStatus.DEFERRED, None)
    assert ann.sponsor == bo.sponsor
    assert ann.sponsor is not None
    assert (ann.sponsor.name, ann.sponsor.organisation, ann.sponsor.job_title) == (
        "Gill Marsh",
        world.organisation,
        "Executive Director",
    )
    assert cy.sponsor is None
    assert ann.person.organisation == world.organisation
    assert ann.person.band == Band.HEAD_OF_SERVICE
    food = Organisation.objects.get(name="Tendring Food Network")
    assert (food.sector, food.area) == (Sector.VOLUNTARY_AND_COMMUNITY, "Essex")
    assert (bo.person.organisation, bo.person.band) == (food, Band.SENIOR_MANAGER)
    assert (result.counts.participants, result.counts.new_people) == (3, 3)
    assert (result.counts.new_sponsors, result.counts.new_organisations) == (1, 1)


def test_it_records_every_creation_and_the_import_itself(world: World) -> None:
    rows = [person_row("Ann", "Lee", sponsor_email="sam.sponsor@example.org")]
    result = _import(world, csv_bytes(rows))
    assert result.cohort is not None
    actions = list(
        AuditEntry.objects.filter(actor=world.users["staff"]).values_list("action", flat=True)
    )
    assert sorted(actions) == [
        "directory.person.created",
        "programmes.cohort.created",
        "programmes.cohort.imported",
        "programmes.enrolment.created",
    ]
    imported = AuditEntry.objects.get(action="programmes.cohort.imported")
    assert imported.object_id == str(result.cohort.pk)
    assert imported.changes["imported"][1]["participants"] == 1
    assert imported.changes["imported"][1]["existing_sponsors"] == 1


def test_it_imports_an_xlsx_with_real_dates(world: World) -> None:
    content = xlsx_bytes(
        [
            ["first_name", "last_name", "email", "organisation", "status", "enrolled_on"],
            ["Ann", "Lee", "ann@example.org", "Essex Police", "active", dt.datetime(2018, 9, 3)],
            ["Bo", "Ng", "bo@example.org", "ECC", "completed", dt.date(2018, 9, 4)],
        ]
    )
    result = _import(world, content)
    assert result.cohort is not None
    enrolments = Enrolment.objects.filter(cohort=result.cohort).order_by("enrolled_on")
    assert [(e.person.email, e.enrolled_on, e.status, e.left_on) for e in enrolments] == [
        ("ann@example.org", dt.date(2018, 9, 3), "active", None),
        ("bo@example.org", dt.date(2018, 9, 4), "completed", FIELDS.ends_on),
    ]
    assert enrolments[0].person.organisation == world.other_organisation


def test_it_reuses_an_existing_person_as_they_are(world: World) -> None:
    rows = [person_row("ALEX", "alumnus", email="Alex.Alumnus@example.org", job_title="Chief")]
    result = _import(world, csv_bytes(rows))
    assert result.counts.existing_people == 1
    assert result.counts.new_people == 0
    world.alumnus_person.refresh_from_db()
    assert world.alumnus_person.job_title == "Head of Service"
    assert Enrolment.objects.get(cohort=result.cohort).person == world.alumnus_person


def test_a_sponsor_may_also_be_a_participant(world: World) -> None:
    rows = [
        person_row("Ann", "Lee"),
        person_row("Bo", "Ng", sponsor_email="ann.lee@example.org"),
    ]
    result = _import(world, csv_bytes(rows))
    assert result.ok
    bo = Enrolment.objects.get(cohort=result.cohort, person__email="bo.ng@example.org")
    assert bo.sponsor is not None
    assert bo.sponsor.email == "ann.lee@example.org"
    assert Person.objects.filter(email="ann.lee@example.org").count() == 1


def test_it_goes_into_an_existing_cohort_with_nobody_enrolled(world: World) -> None:
    empty = Cohort.objects.create(
        programme=world.programme,
        name="2018/19",
        starts_on=dt.date(2018, 9, 1),
        ends_on=dt.date(2019, 6, 30),
    )
    result = _import(world, csv_bytes([person_row("Ann", "Lee")]))
    assert result.cohort == empty
    empty.refresh_from_db()
    assert (empty.ends_on, empty.status) == (dt.date(2019, 7, 31), CohortStatus.COMPLETED)


BAD_ROWS = [
    (
        {"enrolled_on": "31/02/2019"},
        "Line 2, column enrolled_on: '31/02/2019' is not a date; "
        "write dates as YYYY-MM-DD or DD/MM/YYYY",
    ),
    ({"email": "ann@"}, "Line 2, column email: 'ann@' is not a valid email address"),
    ({"email": ""}, "Line 2, column email: the cell is empty; give an email address"),
    ({"first_name": ""}, "Line 2, column first_name: the cell is empty"),
    (
        {"organisation": "Essex Polise"},
        "Line 2, column organisation: no organisation called 'Essex Polise' "
        "(did you mean 'Essex Police'?); to add a new one, give its organisation_sector "
        "and organisation_area on a participant's row",
    ),
    (
        {"organisation": "New Charity", "organisation_sector": "Voluntary and community"},
        "Line 2, column organisation_area: the cell is empty; a new organisation needs its area",
    ),
    (
        {
            "organisation": "New Charity",
            "organisation_sector": "Helth and care",
            "organisation_area": "Essex",
        },
        "Line 2, column organisation_sector: 'Helth and care' is not a sector "
        "(did you mean 'Health and care'?); use one of: Local government, Health and care, "
        "Police and justice, Fire and rescue, Education, Central government, "
        "Voluntary and community, Partnership, Private sector",
    ),
    (
        {"organisation": ""},
        "Line 2, column organisation: the cell is empty; give their organisation",
    ),
    (
        {"band": "Boss"},
        "Line 2, column band: 'Boss' is not a seniority band; use one of: Chief officer, "
        "Director, Assistant director, Head of service, Senior manager, Other",
    ),
    (
        {"status": "finished"},
        "Line 2, column status: 'finished' is not a status; "
        "use one of: Active, Withdrawn, Deferred, Completed",
    ),
    (
        {"status": "active"},
        "Line 2, column left_on: an active participant has not left; clear it or change the status",
    ),
    (
        {"left_on": "2018-01-01"},
        "Line 2, column left_on: 01/01/2018 is before they enrolled (12/09/2018)",
    ),
    (
        {"sponsor_email": "ann.lee@example.org"},
        "Line 2, column sponsor_email: the sponsor cannot be the participant themselves",
    ),
    (
        {"sponsor_first_name": "Gill"},
        "Line 2, column sponsor_email: the cell is empty; give an email address",
    ),
    (
        {"sponsor_email": "new.sponsor@example.org", "sponsor_last_name": "Marsh"},
        "Line 2, column sponsor_first_name: the cell is empty; a new sponsor needs a full name",
    ),
    (
        {"sponsor_email": "sam.sponsor@example.org", "sponsor_last_name": "Spencer"},
        "Line 2, column sponsor_last_name: 'Spencer' does not match 'Sponsor', the name already "
        "recorded for sam.sponsor@example.org; correct the file, or change the person's record "
        "first",
    ),
    (
        {
            "email": "pat.participant@example.org",
            "first_name": "Patricia",
            "last_name": "Participant",
        },
        "Line 2, column first_name: 'Patricia' does not match 'Pat', the name already recorded "
        "for pat.participant@example.org; correct the file, or change the person's record first",
    ),
    (
        {"job_title": "x" * 201},
        "Line 2, column job_title: is 201 characters long; at most 200 fit",
    ),
    (
        {"email": "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".org"},
        "Line 2, column email: is 260 characters long; at most 254 fit",
    ),
    (
        {
            "organisation": "New " + "x" * 200,
            "organisation_sector": "Voluntary and community",
            "organisation_area": "Essex",
        },
        "Line 2, column organisation: is 204 characters long; at most 200 fit",
    ),
]


@pytest.mark.parametrize(("cells", "expected"), BAD_ROWS, ids=[e for _, e in BAD_ROWS])
def test_it_rejects_a_bad_row_with_its_line_column_and_reason(
    world: World, unchanged: Callable[[], None], cells: dict[str, str], expected: str
) -> None:
    assert _problems(world, csv_bytes([person_row("Ann", "Lee", **cells)])) == [expected]
    unchanged()


def test_it_reports_every_problem_and_writes_nothing(
    world: World, unchanged: Callable[[], None]
) -> None:
    rows = [
        person_row("Ann", "Lee"),
        person_row("Bo", "Ng", email="bo@", enrolled_on="2019-13-01"),
        person_row("Ann", "Lee", first_name="Annie"),
        person_row(
            "Cy",
            "Oak",
            sponsor_email="gill@example.org",
            sponsor_first_name="Gill",
            sponsor_last_name="Marsh",
        ),
        person_row("Di", "Ray", sponsor_email="gill@example.org", sponsor_first_name="Jill"),
    ]
    assert _problems(world, csv_bytes(rows)) == [
        "Line 3, column email: 'bo@' is not a valid email address",
        "Line 3, column enrolled_on: '2019-13-01' is not a date; "
        "write dates as YYYY-MM-DD or DD/MM/YYYY",
        "Line 4, column email: 'ann.lee@example.org' is already on line 2; "
        "each participant appears once",
        "Line 6, column sponsor_first_name: 'Jill' does not match 'Gill' given for "
        "gill@example.org on line 5",
    ]
    unchanged()


def test_it_refuses_a_cohort_that_already_has_participants(
    world: World, unchanged: Callable[[], None]
) -> None:
    fields = FIELDS.__class__(
        name="2024/25", starts_on=dt.date(2024, 9, 1), ends_on=dt.date(2025, 7, 31)
    )
    rows = read_file(csv_bytes([person_row("Ann", "Lee")])).rows
    result = import_cohort(world.programme, fields, rows, by=None)
    assert [str(p) for p in result.problems] == [
        "Cohort 2024/25 already has 1 participant; import into a new cohort, "
        "or into one with nobody enrolled yet"
    ]
    unchanged()


def test_it_writes_nothing_when_someone_else_adds_the_same_person_meanwhile(
    world: World, monkeypatch: pytest.MonkeyPatch, unchanged: Callable[[], None]
) -> None:
    checked = validation.plan_import

    def check_then_race(*args: object, **kwargs: object) -> ImportPlan:
        plan = checked(*args, **kwargs)  # type: ignore[arg-type]
        Person.objects.create(first_name="Ann", last_name="Lee", email="ann.lee@example.org")
        return plan

    monkeypatch.setattr(services, "plan_import", check_then_race)
    problems = _problems(world, csv_bytes([person_row("Ann", "Lee")]))
    assert len(problems) == 1
    assert problems[0].startswith("Someone else changed the same people or cohort")
    unchanged()
