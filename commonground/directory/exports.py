"""The directory's exports: the people list as filtered, and every organisation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Prefetch
from django.http import HttpRequest

from commonground.exports.registry import Params, Sheet, register
from commonground.lib.access import require_programme_staff
from commonground.lib.small_numbers import count, threshold_for
from commonground.programmes.models import Enrolment

from .models import Area, Band, Organisation
from .people_search import filtered_people, people_filter_form

CHUNK = 2000
# Labels looked up once: get_FOO_display() flattens the choices again for every cell, which was
# a quarter of the processor time of a large export.
AREAS = dict(Area.choices)
BANDS = dict(Band.choices)
PEOPLE_HEADERS = ["Name", "Email", "Organisation", "Sector", "Area", "Job title", "Band", "Cohorts"]
ORGANISATION_HEADERS = ["Name", "Short name", "Sector", "Kind", "Area", "Locality", "People"]


def people(request: HttpRequest, params: Params) -> Sheet:
    """The people the list shows for `params`, each with the cohorts the asker may see."""
    viewer = require_programme_staff(request)
    found = filtered_people(viewer, people_filter_form(viewer, params))
    enrolments = Enrolment.objects.visible_to(viewer).select_related("cohort__programme")
    ordered = found.prefetch_related(
        Prefetch("enrolments", enrolments.order_by("cohort__starts_on"), to_attr="seen")
    )

    def rows() -> Iterator[list[str]]:
        for person in ordered.iterator(chunk_size=CHUNK):
            yield _person_row(person)

    return Sheet("People", "people", PEOPLE_HEADERS, rows, found.count)


def _person_row(person: Any) -> list[str]:
    organisation = person.organisation
    return [
        person.name,
        person.email,
        organisation.name if organisation else "",
        organisation.sector if organisation else "",
        AREAS.get(organisation.area, organisation.area) if organisation else "",
        person.job_title,
        BANDS.get(person.band, person.band),
        "; ".join(str(enrolment.cohort) for enrolment in person.seen),
    ]


def organisations(request: HttpRequest, params: Params) -> Sheet:
    """Every organisation with how many people it has; small counts only for programme staff."""
    viewer = require_programme_staff(request)
    threshold = threshold_for(viewer.is_programme_staff)
    counted = Organisation.objects.annotate(people_count=Count("people")).order_by("name", "pk")

    def rows() -> Iterator[list[Any]]:
        for o in counted.iterator(chunk_size=CHUNK):
            people = str(count(o.people_count, threshold))
            area = AREAS.get(o.area, o.area)
            yield [o.name, o.short_name, o.sector, o.kind, area, o.locality, people]

    return Sheet(
        "Organisations", "organisations", ORGANISATION_HEADERS, rows, Organisation.objects.count
    )


def register_exports() -> None:
    register("directory.people", people)
    register("directory.organisations", organisations)
