"""Who may open which recruitment page: staff of the round's programme, its panel, the applicant."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from commonground.directory.models import Person
from commonground.lib.access import Level, load_viewer, require_programme_team

from .models import SENIOR_BANDS, Application, PanelMember, Round


def staff_round(request: HttpRequest, pk: int, needed: Level = Level.WRITE) -> Round:
    """The round for its programme's staff; facilitators get 403, everyone else 404."""
    application_round = Round.objects.select_related("cohort__programme").filter(pk=pk).first()
    if application_round is None:
        raise Http404("Not found")
    # Board viewers and evaluators see counts elsewhere; applications are not theirs to know of.
    require_programme_team(request, application_round.cohort.programme_id, needed)
    return application_round


def is_staff_of(request: HttpRequest, application_round: Round) -> bool:
    return (
        load_viewer(request).programme_level(application_round.cohort.programme_id) == Level.WRITE
    )


def panel_round(request: HttpRequest, pk: int) -> Round:
    """The round for its panel members and its programme's staff; 404 for everyone else."""
    application_round = Round.objects.select_related("cohort__programme").filter(pk=pk).first()
    if application_round is None:
        raise Http404("Not found")
    on_panel = PanelMember.objects.filter(
        round=application_round, user_id=request.user.pk or 0
    ).exists()
    if not (on_panel or is_staff_of(request, application_round)):
        raise Http404("Not found")
    return application_round


def own_application(request: HttpRequest, pk: int) -> Application:
    """The applicant's own application; 404 for anyone else (staff use their own pages)."""
    application = (
        Application.objects.select_related(
            "round__cohort__programme", "person", "organisation", "endorsement__sponsor"
        )
        .filter(pk=pk, person__user_id=request.user.pk or 0, person__isnull=False)
        .first()
    )
    if application is None:
        raise Http404("Not found")
    return application


def may_nominate(user_id: int | None) -> bool:
    """Chief officers and directors in the directory may nominate someone: one query."""
    if user_id is None:
        return False
    return Person.objects.filter(user_id=user_id, band__in=SENIOR_BANDS).exists()
