"""Every write of the mentoring app: volunteering, asking, matching, adjusting, introducing and
ending a match. Each is atomic and leaves an entry in the history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.lib.once import AlreadyDone, lock
from commonground.programmes.models import Cohort, EnrolmentStatus

from . import engine
from .models import Match, MatchStatus, Mentor, MentoringRequest

LIVE = (MatchStatus.PROPOSED, MatchStatus.PUBLISHED)


def open_requests(cohort: Cohort) -> QuerySet[MentoringRequest]:
    """The requests of participants still on the programme."""
    return (
        MentoringRequest.objects.filter(
            enrolment__cohort=cohort, enrolment__status=EnrolmentStatus.ACTIVE
        )
        .select_related("enrolment__person__organisation", "enrolment__sponsor")
        .prefetch_related("chain")
    )


def cohort_mentors(cohort: Cohort) -> QuerySet[Mentor]:
    """The programme's available mentors, other than the cohort's own participants."""
    return (
        Mentor.objects.filter(programme_id=cohort.programme_id, available=True)
        .exclude(person__enrolments__cohort=cohort)
        .select_related("person__organisation")
    )


def as_mentee(request: MentoringRequest) -> engine.Mentee:
    person = request.enrolment.person
    chain = {p.pk for p in request.chain.all()}
    if request.enrolment.sponsor_id:
        chain.add(request.enrolment.sponsor_id)
    return engine.Mentee(
        id=request.pk,
        person_id=person.pk,
        name=person.name,
        organisation_id=person.organisation_id,
        organisation=person.organisation.name if person.organisation else "",
        sector=person.organisation.sector if person.organisation else "",
        needs=request.need_areas,
        chain=frozenset(chain),
    )


def as_mentor(mentor: Mentor, taken: int) -> engine.Mentor:
    person = mentor.person
    return engine.Mentor(
        id=mentor.pk,
        person_id=person.pk,
        name=person.name,
        organisation_id=person.organisation_id,
        organisation=person.organisation.name if person.organisation else "",
        sector=person.organisation.sector if person.organisation else "",
        capacity=max(mentor.capacity - taken, 0),
        expertise=mentor.expertise_areas,
        prefers_sectors=frozenset(mentor.prefers_sectors),
    )


def _taken(mentors: Iterable[Mentor], statuses: Iterable[str]) -> Counter[int]:
    """How many live mentees each mentor has, in any cohort."""
    return Counter(
        Match.objects.filter(mentor__in=list(mentors), status__in=list(statuses)).values_list(
            "mentor_id", flat=True
        )
    )


def taken_places(mentors: Iterable[Mentor]) -> Counter[int]:
    """How many mentees, proposed or introduced, each mentor has."""
    return _taken(mentors, LIVE)


def _excluded(cohort: Cohort) -> frozenset[tuple[int, int]]:
    return frozenset(
        Match.objects.filter(
            request__enrolment__cohort=cohort, status=MatchStatus.ENDED
        ).values_list("request_id", "mentor_id")
    )


@dataclass(frozen=True)
class Run:
    proposed: int
    kept: int
    unmatched: int


def run_matching(cohort: Cohort, actor: User) -> Run:
    """Propose the best matches for everyone without a mentor, keeping fixed every pair already
    introduced and every pair the programme team chose by hand: their mentors' places stay
    taken."""
    with transaction.atomic():
        list(Cohort.objects.select_for_update().filter(pk=cohort.pk).values_list("pk"))
        Match.objects.filter(
            request__enrolment__cohort=cohort, status=MatchStatus.PROPOSED, by_hand=False
        ).delete()
        requests = list(open_requests(cohort))
        fixed = Match.objects.filter(Q(status=MatchStatus.PUBLISHED) | Q(by_hand=True)).exclude(
            status=MatchStatus.ENDED
        )
        kept = set(fixed.filter(request__in=requests).values_list("request_id", flat=True))
        mentors = list(cohort_mentors(cohort))
        taken = Counter(fixed.filter(mentor__in=mentors).values_list("mentor_id", flat=True))
        problem = engine.Problem(
            mentees=[as_mentee(r) for r in requests if r.pk not in kept],
            mentors=[as_mentor(m, taken[m.pk]) for m in mentors],
            excluded=_excluded(cohort),
        )
        solution = engine.solve(problem)
        Match.objects.bulk_create(
            Match(
                request_id=pair.mentee_id,
                mentor_id=pair.mentor_id,
                score=pair.score,
                explanation=pair.explanation,
            )
            for pair in solution.pairs
        )
        reasons = {left.mentee_id: left.reason for left in solution.unmatched}
        for request in requests:
            reason = reasons.get(request.pk, "")
            if request.unmatched_reason != reason:
                request.unmatched_reason = reason
                request.save(update_fields=["unmatched_reason"])
        run = Run(len(solution.pairs), len(kept), len(solution.unmatched))
        record_changes(
            actor,
            cohort,
            "mentoring.matching.run",
            {
                "proposed": [None, run.proposed],
                "kept": [None, run.kept],
                "unmatched": [None, run.unmatched],
            },
        )
    return run


def eligible_mentors(request: MentoringRequest) -> list[tuple[Mentor, str]]:
    """Every mentor of the programme with why they may not mentor this person ("" if they may,
    "full" when their places are taken by others)."""
    cohort = request.enrolment.cohort
    mentors = list(cohort_mentors(cohort))
    taken = _taken(mentors, LIVE)
    mine = Match.objects.filter(request=request, status__in=LIVE).values_list(
        "mentor_id", flat=True
    )
    for mentor_id in mine:
        taken[mentor_id] -= 1
    mentee = as_mentee(request)
    excluded = _excluded(cohort)
    found = []
    for mentor in mentors:
        why = engine.barrier(mentee, as_mentor(mentor, 0), excluded)
        if not why and taken[mentor.pk] >= mentor.capacity:
            why = "full"
        found.append((mentor, why))
    return found


def assign(request: MentoringRequest, mentor: Mentor | None, actor: User) -> Match | None:
    """Staff choose this person's mentor by hand, or leave them unmatched (None)."""
    with transaction.atomic():
        lock(request)
        if request.matches.filter(status=MatchStatus.PUBLISHED).exists():
            raise ValidationError(
                "This person has already been introduced to a mentor. Either of them can say "
                "the match is not working; then you can choose another."
            )
        if mentor is not None:
            why = {m.pk: reason for m, reason in eligible_mentors(request)}.get(mentor.pk)
            if why is None:
                raise ValidationError("Choose a mentor of this programme.")
            if why:
                raise ValidationError(f"{mentor.person.name} cannot mentor them: {why}.")
        for old in request.matches.filter(status=MatchStatus.PROPOSED):
            with audited(actor, old, "mentoring.match.deleted"):
                old.delete()
        request.unmatched_reason = "" if mentor else "left unmatched by the programme team"
        request.save(update_fields=["unmatched_reason"])
        if mentor is None:
            return None
        mentee = as_mentee(request)
        chosen = as_mentor(mentor, 0)
        match = Match(
            request=request,
            mentor=mentor,
            score=engine.score(mentee, chosen, engine.Weights()),
            explanation=engine.explain(mentee, chosen) + "; chosen by the programme team",
            by_hand=True,
        )
        with audited(actor, match, "mentoring.match.created"):
            match.save()
    return match


def proposed_matches(cohort: Cohort) -> QuerySet[Match]:
    return (
        Match.objects.filter(request__enrolment__cohort=cohort, status=MatchStatus.PROPOSED)
        .select_related("mentor__person__organisation", "request__enrolment__person__organisation")
        .order_by("request__enrolment__person__last_name", "request__enrolment__person__first_name")
    )


def publish(cohort: Cohort, actor: User) -> list[int]:
    """Introduce every proposed pair: each becomes live and both people get an email."""
    with transaction.atomic():
        list(Cohort.objects.select_for_update().filter(pk=cohort.pk).values_list("pk"))
        ids = list(proposed_matches(cohort).values_list("pk", flat=True))
        if not ids:
            raise AlreadyDone("There are no new matches to introduce.")
        now = timezone.now()
        Match.objects.filter(pk__in=ids).update(status=MatchStatus.PUBLISHED, published_at=now)
        record_changes(actor, cohort, "mentoring.matching.published", {"introduced": [None, ids]})
        from .tasks import send_introductions

        transaction.on_commit(lambda: send_introductions.enqueue(ids))
    return ids


def end_match(match: Match, actor: User, reason: str) -> None:
    """Either person (or the staff) says the match is not working: it ends, and the mentee may
    be matched again without disturbing anyone else's pair."""
    with transaction.atomic():
        lock(match)
        if match.status != MatchStatus.PUBLISHED:
            raise AlreadyDone("This match has already ended.")
        with audited(actor, match, "mentoring.match.ended"):
            match.status = MatchStatus.ENDED
            match.ended_at = timezone.now()
            match.ended_by = actor
            match.ended_reason = reason
            match.save()
