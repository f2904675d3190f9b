"""Which people the people list shows for its filters; its export reads the same rows."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from commonground.lib.access import Viewer
from commonground.programmes.models import Cohort, Enrolment

from .forms import PeopleFilterForm
from .models import Person


def visible_cohorts(viewer: Viewer) -> QuerySet[Cohort]:
    return (
        Cohort.objects.visible_to(viewer)
        .select_related("programme")
        .order_by("programme__name", "-starts_on")
    )


def people_filter_form(viewer: Viewer, data: Any) -> PeopleFilterForm:
    return PeopleFilterForm(data, cohorts=visible_cohorts(viewer))


def filtered_people(viewer: Viewer, form: PeopleFilterForm) -> QuerySet[Person]:
    people = Person.objects.select_related("organisation")
    form.is_valid()
    data = form.cleaned_data
    for word in (data.get("q") or "").split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(job_title__icontains=word)
        )
    if data.get("organisation"):
        people = people.filter(organisation=data["organisation"])
    if data.get("sector"):
        people = people.filter(organisation__sector=data["sector"])
    if data.get("area"):
        people = people.filter(organisation__area=data["area"])
    if data.get("cohort") or data.get("status"):
        enrolments = Enrolment.objects.visible_to(viewer).filter(person=OuterRef("pk"))
        if data.get("cohort"):
            enrolments = enrolments.filter(cohort=data["cohort"])
        if data.get("status"):
            enrolments = enrolments.filter(status=data["status"])
        people = people.filter(Exists(enrolments))
    return people
