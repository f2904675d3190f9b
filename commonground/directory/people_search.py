"""Which people the people list shows for its filters; its export reads the same rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from commonground.lib.access import Viewer
from commonground.programmes.models import Cohort, Enrolment

from .forms import PeopleFilterForm
from .models import Organisation, Person
from .search import COHORT_COLUMNS, ORGANISATION_COLUMNS, PERSON_COLUMNS, matching


def visible_cohorts(viewer: Viewer) -> QuerySet[Cohort]:
    return (
        Cohort.objects.visible_to(viewer)
        .select_related("programme")
        .order_by("programme__name", "-starts_on")
    )


def people_filter_form(viewer: Viewer, data: Any) -> PeopleFilterForm:
    """The filters take names, not ids, so the form is the same for every viewer; the cohorts a
    viewer may filter by are limited where the enrolments are read."""
    return PeopleFilterForm(data)


def filtered_people(viewer: Viewer, form: PeopleFilterForm) -> QuerySet[Person]:
    people = Person.objects.select_related("organisation")
    form.is_valid()
    data = form.cleaned_data
    people = matching(people, PERSON_COLUMNS, data.get("q") or "")
    if data.get("organisation"):
        named = matching(Organisation.objects.all(), ORGANISATION_COLUMNS, data["organisation"])
        people = people.filter(organisation__in=named)
    if data.get("sector"):
        people = people.filter(organisation__sector=data["sector"])
    if data.get("area"):
        people = people.filter(organisation__area=data["area"])
    if data.get("cohort") or data.get("status"):
        enrolments = Enrolment.objects.visible_to(viewer).filter(person=OuterRef("pk"))
        if data.get("cohort"):
            cohorts = matching(Cohort.objects.all(), COHORT_COLUMNS, data["cohort"])
            enrolments = enrolments.filter(cohort__in=cohorts)
        if data.get("status"):
            enrolments = enrolments.filter(status=data["status"])
        people = people.filter(Exists(enrolments))
    return people
