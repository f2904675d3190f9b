"""The directory's search, shared by its page and the API: listed profiles the viewer reaches,
filtered only by what the viewer may see, with each field's visibility worked out in SQL."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When

from commonground.programmes.models import Enrolment, EnrolmentStatus

from .access import Scope, profiles_in_network
from .models import PROFILE_FIELDS, Profile


def search(scope: Scope, filters: dict[str, Any]) -> QuerySet[Profile]:
    """Listed profiles matching the filters, by name; each with `shows_<field>` set and its
    person's cohorts (in the networks the viewer reaches) prefetched: four queries a page."""
    profiles = profiles_in_network(scope)
    if filters.get("q"):
        for word in str(filters["q"]).split():
            profiles = profiles.filter(
                Q(person__first_name__icontains=word) | Q(person__last_name__icontains=word)
            )
    if filters.get("expertise"):
        profiles = profiles.filter(
            scope.sees("expertise"), expertise__name__icontains=filters["expertise"]
        )
    if filters.get("organisation"):
        name = filters["organisation"]
        profiles = profiles.filter(
            Q(person__organisation__name__icontains=name)
            | Q(person__organisation__short_name__icontains=name)
        )
    if filters.get("sector"):
        profiles = profiles.filter(person__organisation__sector=filters["sector"])
    if filters.get("area"):
        profiles = profiles.filter(person__organisation__area=filters["area"])
    if filters.get("cohort"):
        profiles = profiles.filter(
            Q(scope.programme_filter("person__enrolments__cohort__programme_id")),
            person__enrolments__cohort_id=filters["cohort"],
            person__enrolments__status__in=EnrolmentStatus.TAKING_A_PLACE,
        )
    shows = {f"shows_{name}": _shows(scope.sees(name)) for name in PROFILE_FIELDS}
    cohorts = Enrolment.objects.filter(
        scope.programme_filter("cohort__programme_id"),
        status__in=EnrolmentStatus.TAKING_A_PLACE,
    ).select_related("cohort__programme")
    return (
        Profile.objects.filter(pk__in=profiles.values("pk"))
        .annotate(**shows)
        .select_related("person__organisation")
        .prefetch_related(
            "expertise",
            Prefetch("person__enrolments", queryset=cohorts, to_attr="network_enrolments"),
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _shows(condition: Q) -> Case | Value:
    """True where the viewer may read the field; an empty condition means everywhere."""
    if not condition:
        return Value(True, output_field=BooleanField())
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )
