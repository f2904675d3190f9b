"""Recruitment's exports: a round's applications (staff), and what is held about the signed-in
person (their own subject access copy)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest

from commonground.accounts.models import User
from commonground.directory.models import Person
from commonground.exports.registry import Params, Sheet, register

from . import services
from .access import staff_round
from .models import Application, Review

APPLICATION_HEADERS = [
    "Name",
    "Email",
    "Organisation",
    "Sector",
    "Area",
    "Job title",
    "Band",
    "Status",
    "Sponsor",
    "Sponsor's answer",
    "Panel reviews",
    "Panel mean",
    "Moderated score",
    "Waiting list rank",
    "Sent",
    "Consider next year",
]


def _applications(round_id: int) -> QuerySet[Application]:
    return (
        Application.objects.filter(round_id=round_id)
        .select_related("person", "organisation", "endorsement__sponsor")
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.order_by("pk")))
        .order_by("person__last_name", "person__first_name", "pk")
    )


def applications(request: HttpRequest, params: Params) -> Sheet:
    application_round = staff_round(request, int(params["round"]))
    found = _applications(application_round.pk)

    def rows() -> Iterator[list[Any]]:
        for application in found.iterator(chunk_size=500):
            yield _application_row(application)

    return Sheet(
        f"Applications {application_round.cohort.name}",
        f"applications-{application_round.cohort.name.replace('/', '-')}",
        APPLICATION_HEADERS,
        rows,
        found.count,
    )


def _application_row(application: Application) -> list[Any]:
    reviews = list(application.reviews.all())
    organisation = application.organisation
    endorsement = getattr(application, "endorsement", None)
    person = application.person
    return [
        application.name,
        person.email if person else "",
        str(organisation or ""),
        organisation.sector if organisation else "",
        organisation.area if organisation else "",
        application.job_title,
        application.get_band_display(),
        application.get_status_display(),
        endorsement.sponsor.name if endorsement else application.sponsor_name,
        endorsement.get_status_display() if endorsement else "",
        sum(1 for review in reviews if review.submitted_at),
        services.panel_score(reviews),
        application.moderated_score,
        application.waiting_rank,
        application.submitted_at,
        "yes" if application.consider_next_year else "",
    ]


def held_about(request: HttpRequest) -> dict[str, object]:
    """Everything recruitment holds about the signed-in person; 404 for an account with none."""
    return services.held_data(_own_person(request))


def _own_person(request: HttpRequest) -> Person:
    user = request.user
    person = (
        Person.objects.filter(user=user).select_related("organisation").first()
        if isinstance(user, User)
        else None
    )
    if person is None:
        raise Http404("Not found")
    return person


def _flatten(prefix: str, value: object) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _flatten(f"{prefix} / {key}" if prefix else str(key), inner)
    elif isinstance(value, list):
        for index, inner in enumerate(value, start=1):
            yield from _flatten(f"{prefix} / {index}", inner)
    else:
        yield (prefix, "" if value is None else str(value))


def my_data(request: HttpRequest, params: Params) -> Sheet:
    """The signed-in person's own copy, one line per thing held."""
    _own_person(request)
    return Sheet(
        "What we hold about you",
        "my-applications",
        ["What", "Value"],
        lambda: _flatten("", held_about(request)),
    )


def register_exports() -> None:
    register("recruitment.applications", applications)
    register("recruitment.my_data", my_data, formats=("csv",))
