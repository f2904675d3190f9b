"""Where recruitment starts for a signed-in person: the rounds they run, score or applied to."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min, Q
from django.http import HttpResponse
from django.shortcuts import render

from commonground.lib.access import Viewer, load_viewer
from commonground.lib.http import AuthenticatedRequest
from commonground.programmes.models import Cohort, CohortStatus

from ..models import Application, PanelMember, Round, Status

# Cohorts that may still call for applications.
OPENABLE = (CohortStatus.PLANNING, CohortStatus.RECRUITING)


@dataclass
class RoundRow:
    round: Round
    counts: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


def _staff_rounds(viewer: Viewer) -> tuple[list[RoundRow], list[Cohort]]:
    """The rounds of the programmes this person runs, and their cohorts that could open one."""
    ids = viewer.staff_programme_ids()
    scope = Q() if ids is None else Q(cohort__programme_id__in=ids)
    rounds = list(
        Round.objects.filter(scope)
        .select_related("cohort__programme")
        .annotate(first_confirmed=Min("proposals__confirmed_at"))
        .order_by("-opens_at", "pk")
    )
    for found in rounds:
        # Read with the rounds, so the tags cost no query per round.
        found.offers_sent_at = found.first_confirmed
    counts: dict[int, dict[str, int]] = {}
    for round_id, status, n in (
        Application.objects.filter(round__in=[r.pk for r in rounds])
        .values_list("round_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(round_id, {})[status] = n
    rows = [
        RoundRow(
            r,
            [
                (label, counts.get(r.pk, {}).get(value, 0))
                for value, label in Status.choices
                if counts.get(r.pk, {}).get(value)
            ],
        )
        for r in rounds
    ]
    cohorts = Cohort.objects.filter(status__in=OPENABLE, recruitment_round__isnull=True)
    if ids is not None:
        cohorts = cohorts.filter(programme_id__in=ids)
    return rows, list(cohorts.select_related("programme").order_by("starts_on", "name", "pk"))


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    viewer = load_viewer(request)
    staff_rows: list[RoundRow] = []
    openable: list[Cohort] = []
    if viewer.is_programme_staff:
        staff_rows, openable = _staff_rounds(viewer)
    panels = list(
        PanelMember.objects.filter(user=request.user)
        .select_related("round__cohort__programme")
        .order_by("-round__opens_at", "round_id")
    )
    has_applications = (
        viewer.person_id is not None
        and Application.objects.filter(person_id=viewer.person_id).exists()
    )
    return render(
        request,
        "recruitment/index.html",
        {
            "is_staff": viewer.is_programme_staff,
            "staff_rows": staff_rows,
            "openable": openable,
            "panels": panels,
            "has_applications": has_applications,
        },
    )
