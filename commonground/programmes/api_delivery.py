"""The API's read access to a person's calendar and a cohort's completion status."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from commonground.api.pagination import RowId
from commonground.lib.access import Level, get_cohort, load_viewer

from .calendar import person_activities
from .completion import cohort_progress

router = Router()


class CalendarEntry(Schema):
    id: int
    cohort_id: int
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online_link: str
    cancelled: bool
    sequence: int


class RuleOut(Schema):
    rule: str
    met: bool | None
    detail: str


class CompletionOut(Schema):
    enrolment_id: int
    name: str
    status: str
    meets_rules: bool
    rules: list[RuleOut]
    certificate_url: str | None


@router.get(
    "/me/calendar",
    response=list[CalendarEntry],
    url_name="my-calendar",
    operation_id="get_my_calendar",
    tags=["Calendar"],
    summary="Your calendar",
)
def my_calendar(request: HttpRequest) -> list[CalendarEntry]:
    """The activities of the caller's cohorts and those they facilitate, cancelled ones marked."""
    person_id = load_viewer(request).person_id
    if person_id is None:
        raise Http404("Not found")
    return [
        CalendarEntry(
            id=a.pk,
            cohort_id=a.cohort_id,
            title=a.title,
            kind=a.kind,
            starts_at=a.starts_at,
            ends_at=a.ends_at,
            place=a.place,
            online_link=a.online_link,
            cancelled=a.is_cancelled,
            sequence=a.sequence,
        )
        for a in person_activities(person_id)
    ]


@router.get(
    "/cohorts/{cohort_id}/completion",
    response=list[CompletionOut],
    url_name="cohort-completion",
    operation_id="list_cohort_completion",
    tags=["Cohorts"],
    summary="Each participant against the completion rules",
)
def cohort_completion(request: HttpRequest, cohort_id: RowId) -> list[CompletionOut]:
    """For the programme's staff and facilitators."""
    cohort = get_cohort(request, cohort_id)
    if load_viewer(request).cohort_level(cohort) < Level.READ:
        raise Http404("Not found")
    return [
        CompletionOut(
            enrolment_id=p.enrolment.pk,
            name=p.enrolment.person.name,
            status=p.enrolment.status,
            meets_rules=p.meets_rules,
            rules=[RuleOut(rule=r.rule, met=r.met, detail=r.detail) for r in p.results],
            certificate_url=p.certificate.get_absolute_url() if p.certificate else None,
        )
        for p in cohort_progress(cohort)
    ]
