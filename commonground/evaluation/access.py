"""Who may see which evaluation record, on top of the shared access helpers.

Participants see their own surveys and report; programme staff see everything of their programme;
facilitators, board viewers and evaluators see aggregate reports with small numbers hidden.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from commonground.lib.access import Level, load_viewer, require
from commonground.lib.small_numbers import threshold_for as small_number_threshold
from commonground.programmes.models import Cohort, Enrolment, Programme, Role

from .models import SurveyResponse


def own_self_response(request: HttpRequest, pk: int) -> SurveyResponse:
    """The signed-in participant's own self assessment; 404 for anyone else's."""
    viewer = load_viewer(request)
    response = (
        SurveyResponse.objects.select_related("wave__cohort__programme", "enrolment__person")
        .filter(pk=pk, rater_type="self")
        .first()
    )
    if response is None or viewer.person_id is None:
        raise Http404("Not found")
    if response.enrolment.person_id != viewer.person_id:
        raise Http404("Not found")
    return response


def participant_or_staff(request: HttpRequest, pk: int) -> Enrolment:
    """An enrolment seen by the participant themself or their programme's staff; 404 otherwise."""
    enrolment = (
        Enrolment.objects.select_related("person", "cohort__programme").filter(pk=pk).first()
    )
    if enrolment is None:
        raise Http404("Not found")
    viewer = load_viewer(request)
    mine = viewer.person_id is not None and enrolment.person_id == viewer.person_id
    if not mine and viewer.programme_level(enrolment.cohort.programme_id) < Level.WRITE:
        raise Http404("Not found")
    return enrolment


def report_cohort(request: HttpRequest, pk: int) -> Cohort:
    """A cohort for its aggregate report: anyone with a role in its programme; members get 403."""
    cohort = Cohort.objects.select_related("programme").filter(pk=pk).first()
    if cohort is None:
        raise Http404("Not found")
    viewer = load_viewer(request)
    if viewer.programme_level(cohort.programme_id) >= Level.AGGREGATE:
        return cohort
    require(viewer.cohort_level(cohort), Level.READ)
    return cohort


def network_export_cohort(request: HttpRequest, pk: int) -> Cohort:
    """A cohort whose pseudonymised network export the viewer may have: programme staff and the
    programme's evaluators; anyone else with a role in the programme gets 403."""
    cohort = report_cohort(request, pk)
    if not can_export_network(request, cohort.programme_id):
        raise PermissionDenied
    return cohort


def can_export_network(request: HttpRequest, programme_id: int) -> bool:
    viewer = load_viewer(request)
    return viewer.programme_level(programme_id) >= Level.WRITE or viewer.has_role(
        programme_id, Role.EVALUATOR
    )


def report_programme(request: HttpRequest, slug: str, needed: Level = Level.AGGREGATE) -> Programme:
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    require(load_viewer(request).programme_level(programme.pk), needed)
    return programme


def threshold_for(request: HttpRequest, programme_id: int) -> int | None:
    """How much of a report's numbers this viewer sees: None (every number) for programme staff,
    the small-number threshold for anyone else."""
    staff = load_viewer(request).programme_level(programme_id) >= Level.WRITE
    return small_number_threshold(exact=staff)
