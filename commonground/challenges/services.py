"""Writes to challenges and their teams, each atomic and audited, and the questions others ask.

Pages, the API, the grouping engine's publishing step and commands call these functions rather
than saving models themselves, so every change is validated the same way and leaves an audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.programmes.kept_standings import keep_for_cohort
from commonground.programmes.models import Cohort, CohortStatus, Enrolment, EnrolmentStatus

from .models import (
    PLAN_DAYS,
    Challenge,
    ChallengePreference,
    ChallengeStatus,
    ChallengeTeam,
    FormedBy,
    Milestone,
    MilestoneKind,
    Showcase,
    TeamLink,
    TeamMembership,
    TeamRole,
    TeamUpdate,
)

# How many challenges a participant ranks.
RANKED_CHOICES = 3


def presented_enrolment_ids(cohort: Cohort | int) -> set[int]:
    """The enrolments of the cohort whose challenge team has presented at its showcase."""
    cohort_id = cohort if isinstance(cohort, int) else cohort.pk
    return set(
        TeamMembership.objects.filter(
            team__cohort_id=cohort_id, team__showcase__presented=True
        ).values_list("enrolment_id", flat=True)
    )


def ensure_milestones(team: ChallengeTeam) -> None:
    """Give the team its 100-day plan (day 0, day 50, day 100) where a milestone is missing."""
    have = set(team.milestones.values_list("kind", flat=True))
    Milestone.objects.bulk_create(
        Milestone(team=team, kind=kind, due_on=team.due_on(kind))
        for kind in MilestoneKind.values
        if kind not in have
    )


def create_team(
    challenge: Challenge,
    cohort: Cohort,
    name: str,
    *,
    by: User | None,
    formed_by: str = FormedBy.HAND,
    starts_on: dt.date | None = None,
) -> ChallengeTeam:
    """A new, empty team for the challenge in the cohort, with its 100-day milestones."""
    if challenge.programme_id != cohort.programme_id:
        raise ValidationError({"challenge": "Choose a challenge of the cohort's programme."})
    if challenge.cohort_id is not None and challenge.cohort_id != cohort.pk:
        raise ValidationError({"challenge": f"{challenge} is not a challenge of {cohort.name}."})
    name = name.strip()
    with transaction.atomic():
        if ChallengeTeam.objects.filter(cohort=cohort, name__iexact=name).exists():
            raise ValidationError(
                {"name": f"{cohort.name} already has a team called {name}. Choose another name."}
            )
        team = ChallengeTeam(
            challenge=challenge,
            cohort=cohort,
            name=name,
            formed_by=formed_by,
            starts_on=starts_on,
        )
        with audited(by, team, "challenges.challengeteam.created"):
            team.save()
            ensure_milestones(team)
    return team


def change_team(
    team: ChallengeTeam, name: str, starts_on: dt.date | None, *, by: User | None
) -> ChallengeTeam:
    """Rename the team or move its start; the milestones' due dates follow the start."""
    name = name.strip()
    with transaction.atomic():
        clash = ChallengeTeam.objects.filter(cohort=team.cohort, name__iexact=name).exclude(
            pk=team.pk
        )
        if clash.exists():
            raise ValidationError(
                {"name": f"{team.cohort.name} already has a team called {name}. Choose another."}
            )
        with audited(by, team, "challenges.challengeteam.changed"):
            team.name = name
            team.starts_on = starts_on
            team.save(update_fields=["name", "starts_on"])
            for milestone in team.milestones.all():
                due = team.due_on(milestone.kind)
                if milestone.due_on != due:
                    milestone.due_on = due
                    milestone.save(update_fields=["due_on"])
    return team


def set_team_members(
    team: ChallengeTeam,
    enrolments: Iterable[Enrolment],
    *,
    by: User | None,
    formed_by: str = FormedBy.HAND,
    leads: Iterable[Enrolment] = (),
    notify: bool = True,
) -> ChallengeTeam:
    """Make the team's members exactly these enrolments, and email the ones who join.

    An unsaved team is created first (with its milestones). Everyone must be an active (or, in a
    past cohort, completed) enrolment of the team's cohort, and nobody may be in two teams of the
    same challenge. The team may not grow beyond the challenge's largest team size.
    """
    chosen = list({e.pk: e for e in enrolments}.values())
    lead_ids = {e.pk for e in leads}
    with transaction.atomic():
        if team.pk is None:
            team = create_team(
                team.challenge,
                team.cohort,
                team.name,
                by=by,
                formed_by=formed_by,
                starts_on=team.starts_on,
            )
        _check_members(team, chosen)
        written = _write_memberships(team, chosen, lead_ids)
        with audited(by, team, "challenges.challengeteam.changed"):
            team.formed_by = formed_by
            team.save(update_fields=["formed_by"])
        if written.changed:
            after = sorted(e.pk for e in chosen)
            _record_members(by, team, before=written.before, after=after, leads=lead_ids)
            # The team's activities now count for other people.
            keep_for_cohort(team.cohort_id)
        challenge = team.challenge
        if challenge.status in (ChallengeStatus.PROPOSED, ChallengeStatus.OPEN) and chosen:
            _move_challenge(challenge, ChallengeStatus.IN_PROGRESS, by=by)
        if notify and written.joined:
            from .tasks import send_team_formed

            team_id, joined = team.pk, written.joined
            transaction.on_commit(lambda: send_team_formed.enqueue(team_id, joined))
    return team


def _check_members(team: ChallengeTeam, chosen: list[Enrolment]) -> None:
    """Refuse people outside the cohort, more people than the challenge takes, and anyone
    already in another team of the same challenge."""
    challenge = team.challenge
    ids = [e.pk for e in chosen]
    eligible = set(
        Enrolment.objects.filter(
            pk__in=ids, cohort_id=team.cohort_id, status__in=EnrolmentStatus.TAKING_A_PLACE
        ).values_list("pk", flat=True)
    )
    strangers = [e for e in chosen if e.pk not in eligible]
    if strangers:
        names = ", ".join(sorted(str(e.person) for e in strangers))
        raise ValidationError(
            {
                "members": f"{names} cannot join: choose people enrolled in "
                f"{team.cohort.name} who have not withdrawn or deferred."
            }
        )
    if len(chosen) > challenge.capacity:
        raise ValidationError(
            {
                "members": f"{challenge} takes at most {challenge.capacity} people in a "
                f"team; you chose {len(chosen)}. Choose fewer people."
            }
        )
    elsewhere = (
        TeamMembership.objects.filter(
            enrolment_id__in=ids, team__challenge=challenge, team__cohort_id=team.cohort_id
        )
        .exclude(team=team)
        .select_related("enrolment__person", "team")
        .order_by("enrolment__person__last_name", "enrolment__person__first_name")
    )
    clashes = [f"{m.enrolment.person} is already in {m.team.name}" for m in elsewhere]
    if clashes:
        raise ValidationError(
            {
                "members": "; ".join(clashes)
                + f". A person can be in only one team of {challenge}: "
                "take them out of the other team first."
            }
        )


@dataclass(frozen=True)
class _Memberships:
    before: list[int]
    joined: list[int]
    changed: bool


def _write_memberships(
    team: ChallengeTeam, chosen: list[Enrolment], lead_ids: set[int]
) -> _Memberships:
    """Remove those not chosen, add newcomers and set each member's role; the team's audit entry
    for its members (`_record_members`) names the whole change at once."""
    ids = [e.pk for e in chosen]
    before = {m.enrolment_id: m for m in team.memberships.all()}
    TeamMembership.objects.filter(team=team).exclude(enrolment_id__in=ids).delete()
    joined: list[int] = []
    changed = set(before) != set(ids)
    for enrolment in chosen:
        role = TeamRole.LEAD if enrolment.pk in lead_ids else TeamRole.MEMBER
        existing = before.get(enrolment.pk)
        if existing is None:
            TeamMembership.objects.create(team=team, enrolment=enrolment, role=role)
            joined.append(enrolment.pk)
        elif existing.role != role:
            existing.role = role
            existing.save(update_fields=["role"])
            changed = True
    return _Memberships(sorted(before), joined, changed)


def _move_challenge(challenge: Challenge, status: str, *, by: User | None) -> None:
    with audited(by, challenge, "challenges.challenge.changed"):
        challenge.status = status
        challenge.save(update_fields=["status"])


def _record_members(
    by: User | None, team: ChallengeTeam, *, before: list[int], after: list[int], leads: set[int]
) -> None:
    """The audit entry for a change of members, by enrolment number (leads listed apart)."""
    record_changes(
        by,
        team,
        "challenges.challengeteam.members_changed",
        {"members": [before, after], "leads": [None, sorted(leads)]},
    )


def rank_challenges(
    enrolment: Enrolment, challenges: Sequence[Challenge], *, by: User | None
) -> list[ChallengePreference]:
    """Replace the participant's ranking with these challenges, first choice first."""
    cohort = enrolment.cohort
    if enrolment.status != EnrolmentStatus.ACTIVE or cohort.status != CohortStatus.RUNNING:
        raise ValidationError("You can rank challenges only while your cohort is running.")
    if len({c.pk for c in challenges}) != len(challenges):
        raise ValidationError("Choose a different challenge for each choice.")
    for challenge in challenges:
        if challenge.cohort_id != cohort.pk:
            raise ValidationError(f"{challenge} is not a challenge of {cohort.name}.")
        if challenge.status != ChallengeStatus.OPEN:
            raise ValidationError(f"{challenge} is not open for choices. Choose an open challenge.")
    with transaction.atomic():
        for old in ChallengePreference.objects.filter(enrolment=enrolment).select_related(
            "challenge"
        ):
            with audited(by, old, "challenges.challengepreference.deleted"):
                old.delete()
        made = []
        for rank, challenge in enumerate(challenges, start=1):
            preference = ChallengePreference(enrolment=enrolment, challenge=challenge, rank=rank)
            with audited(by, preference, "challenges.challengepreference.created"):
                preference.save()
            made.append(preference)
    return made


def post_update(team: ChallengeTeam, text: str, *, by: User) -> TeamUpdate:
    update = TeamUpdate(team=team, author=by, text=text.strip())
    with audited(by, update, "challenges.teamupdate.created"):
        update.save()
    return update


def add_link(team: ChallengeTeam, title: str, url: str, kind: str, *, by: User) -> TeamLink:
    link = TeamLink(team=team, title=title.strip(), url=url, kind=kind, added_by=by)
    link.full_clean()
    with audited(by, link, "challenges.teamlink.created"):
        link.save()
    return link


def mark_milestone(
    milestone: Milestone, *, done_on: dt.date | None, notes: str, by: User | None
) -> Milestone:
    with audited(by, milestone, "challenges.milestone.changed"):
        milestone.done_on = done_on
        milestone.notes = notes
        milestone.save(update_fields=["done_on", "notes"])
    return milestone


def record_showcase(
    team: ChallengeTeam,
    *,
    held_on: dt.date | None,
    presentation_link: str,
    outcomes_summary: str,
    presented: bool,
    sponsor_feedback: str,
    by: User | None,
) -> Showcase:
    """Record the team's showcase; the final milestone is done when the team has presented."""
    with transaction.atomic():
        showcase = Showcase.objects.filter(team=team).first() or Showcase(team=team)
        action = "changed" if showcase.pk is not None else "created"
        with audited(by, showcase, f"challenges.showcase.{action}"):
            showcase.held_on = held_on
            showcase.presentation_link = presentation_link
            showcase.outcomes_summary = outcomes_summary
            showcase.presented = presented
            showcase.sponsor_feedback = sponsor_feedback
            showcase.full_clean()
            showcase.save()
        if presented:
            final = team.milestones.filter(kind=MilestoneKind.FINAL, done_on__isnull=True).first()
            if final is not None:
                mark_milestone(
                    final,
                    done_on=held_on or timezone.localdate(),
                    notes=final.notes,
                    by=by,
                )
            challenge = team.challenge
            if challenge.status == ChallengeStatus.IN_PROGRESS:
                _move_challenge(challenge, ChallengeStatus.SHOWCASED, by=by)
    return showcase


__all__ = [
    "PLAN_DAYS",
    "RANKED_CHOICES",
    "add_link",
    "change_team",
    "create_team",
    "ensure_milestones",
    "mark_milestone",
    "post_update",
    "presented_enrolment_ids",
    "rank_challenges",
    "record_showcase",
    "set_team_members",
]
