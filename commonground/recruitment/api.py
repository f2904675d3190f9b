"""The API's recruitment endpoints: open rounds for every account; applications and the latest
selection proposal for the round's programme staff. Equality answers are never in the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Router, Schema, Status

from commonground.api.pagination import RowId
from commonground.lib.access import Level

from . import services
from .access import staff_round
from .models import Application, Review, Round
from .selection import check_rules, mix_of

router = Router(tags=["recruitment"])


class RoundOut(Schema):
    id: int
    cohort: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    places: int
    criteria: list[str]
    is_open: bool


class ApplicationOut(Schema):
    id: int
    name: str
    email: str | None
    organisation: str | None
    sector: str | None
    area: str | None
    status: str
    sponsor: str
    panel_reviews: int
    panel_mean: Decimal | None
    moderated_score: Decimal | None
    waiting_rank: int | None
    submitted_at: dt.datetime | None


class RuleOut(Schema):
    rule: str
    met: bool
    binding: bool


class ProposalOut(Schema):
    id: int
    status: str
    created_at: dt.datetime
    confirmed_at: dt.datetime | None
    changed_by_hand: bool
    total_score: Decimal
    chosen: list[int]
    mix: dict[str, dict[str, int]]
    rules: list[RuleOut]
    conflicts: list[str]


def _round_out(application_round: Round, *, is_open: bool) -> RoundOut:
    return RoundOut(
        id=application_round.pk,
        cohort=str(application_round.cohort),
        opens_at=application_round.opens_at,
        closes_at=application_round.closes_at,
        places=application_round.places,
        criteria=application_round.criteria,
        is_open=is_open,
    )


@router.get("/recruitment/rounds", response=list[RoundOut], url_name="recruitment-rounds")
def rounds(request: HttpRequest) -> list[RoundOut]:
    """Rounds open for applications now: open, and their places not yet offered."""
    found = Round.objects.accepting_applications().select_related("cohort__programme")
    return [_round_out(application_round, is_open=True) for application_round in found]


@router.get(
    "/recruitment/rounds/{round_id}/applications",
    response=list[ApplicationOut],
    url_name="recruitment-applications",
)
def applications(request: HttpRequest, round_id: RowId) -> list[ApplicationOut]:
    """Every application in the round, for its programme's staff."""
    application_round = staff_round(request, round_id, Level.WRITE)
    found = (
        application_round.applications.select_related(
            "person", "organisation", "endorsement__sponsor"
        )
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.order_by("pk")))
        .order_by("pk")
    )
    out = []
    for application in found:
        reviews = list(application.reviews.all())
        organisation = application.organisation
        out.append(
            ApplicationOut(
                id=application.pk,
                name=application.name,
                email=application.person.email if application.person else None,
                organisation=organisation.name if organisation else None,
                sector=organisation.sector if organisation else None,
                area=organisation.area if organisation else None,
                status=application.status,
                sponsor=application.sponsor_name,
                panel_reviews=sum(1 for r in reviews if r.submitted_at),
                panel_mean=services.panel_score(reviews),
                moderated_score=application.moderated_score,
                waiting_rank=application.waiting_rank,
                submitted_at=application.submitted_at,
            )
        )
    return out


@router.get(
    "/recruitment/rounds/{round_id}/proposal",
    response={200: ProposalOut, 404: dict[str, str]},
    url_name="recruitment-proposal",
)
def proposal(request: HttpRequest, round_id: RowId) -> Status[ProposalOut | dict[str, str]]:
    """The latest selection proposal: who, the mix, each rule (met, binding), any conflicts."""
    application_round = staff_round(request, round_id, Level.WRITE)
    latest = application_round.proposals.first()
    if latest is None:
        return Status(404, {"detail": "No proposal has been made for this round yet."})
    pool = list(
        Application.objects.filter(pk__in=latest.chosen)
        .select_related("organisation")
        .prefetch_related("reviews")
    )
    problem = services.problem_for(application_round, pool)
    checks = check_rules(problem, latest.chosen) if latest.status != "infeasible" else ()
    return Status(
        200,
        ProposalOut(
            id=latest.pk,
            status=latest.status,
            created_at=latest.created_at,
            confirmed_at=latest.confirmed_at,
            changed_by_hand=latest.changed_by_hand,
            total_score=sum((services.score_of(a) or Decimal(0) for a in pool), Decimal(0)),
            chosen=latest.chosen,
            mix=mix_of(problem.candidates, latest.chosen),
            rules=[RuleOut(rule=c.rule.label, met=c.met, binding=c.binding) for c in checks],
            conflicts=latest.conflicts,
        ),
    )
