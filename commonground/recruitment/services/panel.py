"""The panel and moderation: reviews marked blind, moderated scores, and the scores and
attributes each application brings to selection."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited

from ..models import Application, Review, Round
from ..selection import EACH, Candidate, Problem, Rule

MARKS = range(1, 6)


def require_every_mark(application: Application, scores: Mapping[str, int]) -> None:
    """Marks are submitted only once every criterion has one."""
    criteria = [str(i) for i in range(len(application.round.criteria))]
    if any(scores.get(key) not in MARKS for key in criteria):
        raise ValidationError("Give a mark from 1 to 5 for every criterion before you submit.")


def save_review(
    application: Application,
    reviewer: User,
    scores: Mapping[str, int],
    comment: str,
    *,
    submit_it: bool,
) -> Review:
    if not application.is_complete:
        raise ValidationError("Only complete applications (endorsed by their sponsor) are scored.")
    review = Review.objects.filter(application=application, reviewer=reviewer).first()
    if review is not None and review.submitted_at is not None:
        raise ValidationError("You have already submitted your marks for this application.")
    criteria = [str(i) for i in range(len(application.round.criteria))]
    if submit_it:
        require_every_mark(application, scores)
    action = "recruitment.review.changed" if review else "recruitment.review.created"
    review = review or Review(application=application, reviewer=reviewer)
    with audited(reviewer, review, action):
        review.scores = {key: int(scores[key]) for key in criteria if scores.get(key) in MARKS}
        review.comment = comment.strip()
        if submit_it:
            review.submitted_at = timezone.now()
        review.save()
    return review


@dataclass(frozen=True)
class ReviewsSeen:
    """What one panel member may see of an application's reviews."""

    own: Review | None
    others: list[Review] = field(default_factory=list)

    @property
    def submitted(self) -> bool:
        return self.own is not None and self.own.submitted_at is not None


def reviews_seen_by(application: Application, reviewer: User) -> ReviewsSeen:
    """The reviewer's own review and, once they have submitted it, the others' submitted ones:
    marking blind keeps each judgement the panel member's own."""
    reviews = list(application.reviews.select_related("reviewer").order_by("pk"))
    own = next((r for r in reviews if r.reviewer_id == reviewer.pk), None)
    if own is None or own.submitted_at is None:
        return ReviewsSeen(own)
    return ReviewsSeen(own, [r for r in reviews if r.submitted_at and r.pk != own.pk])


def panel_score(reviews: Iterable[Review]) -> Decimal | None:
    """The mean of the submitted reviews' totals, to two places."""
    totals = [review.total for review in reviews if review.submitted_at is not None]
    if not totals:
        return None
    return Decimal(str(statistics.fmean(totals))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def score_of(application: Application) -> Decimal | None:
    """The moderated score when staff set one, else the panel's mean (needs reviews prefetched)."""
    if application.moderated_score is not None:
        return application.moderated_score
    return panel_score(application.reviews.all())


def moderate(
    application: Application, score: Decimal | None, note: str, *, by: User | None
) -> None:
    with audited(by, application, "recruitment.application.moderated"):
        application.moderated_score = score
        application.moderation_note = note.strip()
        application.save()


def _attributes(application: Application) -> dict[str, str]:
    organisation = application.organisation
    if organisation is None:
        return {}
    return {
        "sector": organisation.sector,
        "area": organisation.area,
        "organisation": organisation.name,
    }


def engine_rules(application_round: Round) -> list[Rule]:
    return [
        Rule(rule.attribute, rule.value or EACH, rule.minimum, rule.maximum)
        for rule in application_round.rules.all()
    ]


def _candidate(application: Application) -> Candidate:
    score = score_of(application) or Decimal(0)
    return Candidate(application.pk, int(score * 100), _attributes(application))


def problem_for(application_round: Round, applications: Sequence[Application]) -> Problem:
    return Problem(
        [_candidate(a) for a in applications],
        capacity=application_round.places,
        rules=engine_rules(application_round),
    )
