"""Who may see and change mentoring records, built on the shared access helpers.

The programme's staff run the matching and change it; facilitators may read it. A participant
of the running cohort asks for a mentor; an alumnus of the programme volunteers. A match is
seen, and said not to be working, by its mentor and its mentee, and by the programme's staff.
Everyone else gets 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from commonground.lib.access import Level, Viewer, get_cohort, load_viewer
from commonground.programmes.models import Cohort, Enrolment, EnrolmentStatus, Programme

from .models import Match, MatchStatus, MentoringRequest


def get_team_cohort(request: HttpRequest, pk: int, write: bool = False) -> Cohort:
    """A cohort whose mentoring the viewer runs (write) or reads: members are refused (403)."""
    return get_cohort(request, pk, Level.WRITE if write else Level.READ)


def get_mentoring_request(request: HttpRequest, pk: int) -> MentoringRequest:
    """A participant's request, for the programme's staff to change its match."""
    found = (
        MentoringRequest.objects.select_related(
            "enrolment__cohort__programme", "enrolment__person__organisation"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Not found")
    get_team_cohort(request, found.enrolment.cohort_id, write=True)
    return found


def alumni_programme(viewer: Viewer, slug: str) -> Programme:
    """The programme, when the viewer completed one of its cohorts: only alumni volunteer."""
    programme = Programme.objects.filter(
        slug=slug, cohorts__pk__in=viewer.alumni_cohort_ids
    ).first()
    if programme is None or viewer.person_id is None:
        raise Http404("Not found")
    return programme


def own_active_enrolment(request: HttpRequest, cohort_pk: int) -> Enrolment:
    """The viewer's place in a running cohort, to ask for a mentor; others who see the cohort
    are refused (403)."""
    cohort = get_cohort(request, cohort_pk, Level.MEMBER)
    viewer = load_viewer(request)
    enrolment = (
        Enrolment.objects.select_related("cohort__programme", "person__organisation", "sponsor")
        .filter(cohort=cohort, person_id=viewer.person_id, status=EnrolmentStatus.ACTIVE)
        .first()
        if viewer.person_id is not None
        else None
    )
    if enrolment is None:
        raise PermissionDenied("Only the cohort's participants ask for a mentor.")
    return enrolment


def get_live_match(request: HttpRequest, pk: int) -> Match:
    """An introduced match, for its mentor, its mentee or the programme's staff."""
    match = (
        Match.objects.select_related(
            "mentor__person__organisation",
            "request__enrolment__person__organisation",
            "request__enrolment__cohort__programme",
        )
        .filter(pk=pk, status=MatchStatus.PUBLISHED)
        .first()
    )
    if match is None:
        raise Http404("Not found")
    viewer = load_viewer(request)
    programme_id = match.request.enrolment.cohort.programme_id
    if viewer.person_id is not None and viewer.person_id in (
        match.mentor.person_id,
        match.request.enrolment.person_id,
    ):
        return match
    if viewer.programme_level(programme_id) >= Level.WRITE:
        return match
    raise Http404("Not found")
