"""The API's recruitment endpoints: open rounds for every account; applications and the latest
selection proposal for the round's programme staff. Equality answers are never in the API."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commonground.api.pagination import Pages, RowId
from commonground.lib.access import Level

from . import services
from .access import staff_round
from .models import Application, Review, Round
from .models import Status as ApplicationStatus
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

    # The reviews are prefetched by `applications`, one query for the whole page.
    @staticmethod
    def resolve_email(obj: Application) -> str | None:
        return obj.person.email if obj.person else None

    @staticmethod
    def resolve_organisation(obj: Application) -> str | None:
        return obj.organisation.name if obj.organisation else None

    @staticmethod
    def resolve_sector(obj: Application) -> str | None:
        return obj.organisation.sector if obj.organisation else None

    @staticmethod
    def resolve_area(obj: Application) -> str | None:
        return obj.organisation.area if obj.organisation else None

    @staticmethod
    def resolve_sponsor(obj: Application) -> str:
        return obj.sponsor_name

    @staticmethod
    def resolve_panel_reviews(obj: Application) -> int:
        return sum(1 for review in obj.reviews.all() if review.submitted_at)

    @staticmethod
    def resolve_panel_mean(obj: Application) -> Decimal | None:
        return services.panel_score(obj.reviews.all())


StatusFilter = Annotated[
    ApplicationStatus | None, Field(description="Only applications in this status")
]


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
@paginate(Pages)
def applications(
    request: HttpRequest, round_id: RowId, status: StatusFilter = None
) -> QuerySet[Application]:
    """The round's applications in the order they were made, for its programme's staff, a page
    at a time with the total; `status` keeps those in one status."""
    application_round = staff_round(request, round_id, Level.WRITE)
    found = application_round.applications.all()
    if status is not None:
        found = found.filter(status=status)
    return (
        found.select_related("person", "organisation")
        .prefetch_related(Prefetch("reviews", queryset=Review.objects.order_by("pk")))
        .order_by("pk")
    )


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
