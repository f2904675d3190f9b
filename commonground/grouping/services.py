"""Writes to groupings: create, change rules and pairs, run, move, pin, publish; atomic, audited.

Pages, the API, the background task and the demo call these functions, so a grouping changes
the same way wherever the change comes from.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.challenges.models import ChallengeTeam, FormedBy
from commonground.challenges.services import set_team_members
from commonground.lib.once import AlreadyDone, lock
from commonground.programmes.kept_standings import keep_for_cohort
from commonground.programmes.models import Cohort, Enrolment

from .compute import (
    CannotRun,
    InfeasibleRules,
    Result,
    challenge_names,
    compute,
    explain_rounds,
    load_inputs,
    rankings,
    review_plan,
)
from .inputs import group_sizes
from .models import (
    EDITABLE,
    Group,
    Grouping,
    Kind,
    PairKind,
    PairRule,
    Placement,
    Status,
)

logger = logging.getLogger(__name__)

# Progress is written at most this often (seconds), so a fast search does not flood the database.
PROGRESS_INTERVAL = 0.4
SETTINGS_FIELDS = (
    "kind",
    "name",
    "rounds",
    "group_count",
    "target_size",
    "rules",
    "seed",
    "time_limit",
)


def _editable(grouping: Grouping) -> None:
    if grouping.status == Status.PUBLISHED:
        raise ValidationError("This grouping is published: unpublish it before changing it.")
    if grouping.status not in EDITABLE:
        raise ValidationError("This grouping is running: wait until it finishes.")


@transaction.atomic
def create_grouping(cohort: Cohort, values: Mapping[str, Any], *, by: User | None) -> Grouping:
    """A draft grouping of the cohort with the chosen kind, sizes and rules."""
    grouping = Grouping(cohort=cohort, created_by=by)
    for name in SETTINGS_FIELDS:
        if name in values:
            setattr(grouping, name, values[name])
    with audited(by, grouping, "grouping.grouping.created"):
        grouping.save()
    return grouping


@transaction.atomic
def change_settings(grouping: Grouping, values: Mapping[str, Any], *, by: User | None) -> Grouping:
    _editable(grouping)
    with audited(by, grouping, "grouping.grouping.changed"):
        for name in SETTINGS_FIELDS:
            if name in values:
                setattr(grouping, name, values[name])
        grouping.save()
    return grouping


@transaction.atomic
def add_pair(
    grouping: Grouping,
    first: Enrolment,
    second: Enrolment,
    *,
    kind: str = PairKind.APART,
    reason: str = "",
    by: User | None,
) -> PairRule:
    _editable(grouping)
    if first.pk == second.pk:
        raise ValidationError({"second": "Choose two different people."})
    if first.cohort_id != grouping.cohort_id or second.cohort_id != grouping.cohort_id:
        raise ValidationError({"second": "Choose two people enrolled in this cohort."})
    pair = PairRule(grouping=grouping, kind=kind, first=first, second=second, reason=reason)
    with audited(by, pair, "grouping.pairrule.created"):
        pair.save()
    return pair


@transaction.atomic
def remove_pair(pair: PairRule, *, by: User | None) -> None:
    _editable(pair.grouping)
    with audited(by, pair, "grouping.pairrule.deleted"):
        pair.delete()


@transaction.atomic
def request_run(grouping: Grouping, *, by: User | None, replanning: bool = False) -> Grouping:
    """Queue a run (or a re-plan that moves as few people as possible) as a background task."""
    from .tasks import run_grouping

    lock(grouping)
    _editable(grouping)
    if replanning and grouping.kind == Kind.MIXING_PLAN:
        raise ValidationError(
            "Re-planning is for learning sets and challenge teams; pin people and run the "
            "mixing plan again instead."
        )
    if replanning and not grouping.groups.exists():
        raise ValidationError("There are no groups to re-plan yet: run the grouping first.")
    action = "grouping.grouping.run" if not replanning else "grouping.grouping.replan"
    with audited(by, grouping, action):
        grouping.status = Status.QUEUED
        grouping.progress = 0.0
        grouping.progress_message = "Waiting for a worker to start"
        grouping.error_message = ""
        # Waiting for a worker counts as a heartbeat: a queue nobody serves shows as stopped too.
        grouping.heartbeat_at = timezone.now()
        grouping.save(
            update_fields=[
                "status",
                "progress",
                "progress_message",
                "error_message",
                "heartbeat_at",
            ]
        )
    pk = grouping.pk
    transaction.on_commit(lambda: run_grouping.enqueue(pk, replanning))
    return grouping


class ProgressWriter:
    """Writes the engine's progress to the grouping's row, a few times a second at most."""

    def __init__(self, grouping_id: int, interval: float = PROGRESS_INTERVAL) -> None:
        self.grouping_id = grouping_id
        self.interval = interval
        self.last = float("-inf")

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self.last < self.interval and fraction < 1.0:
            return
        self.last = now
        Grouping.objects.filter(pk=self.grouping_id, status=Status.RUNNING).update(
            progress=min(max(fraction, 0.0), 1.0),
            progress_message=message[:200],
            heartbeat_at=timezone.now(),
        )


def run(grouping_id: int, *, replanning: bool = False) -> str:
    """The background task's work: claim the queued grouping, run the engine, save or fail.

    Claiming is one UPDATE from queued to running, so two workers never run one grouping.
    Hard rules that cannot all be met leave the groups as they were, with the engine's message.
    """
    claimed = Grouping.objects.filter(pk=grouping_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        progress=0.0,
        progress_message="Starting",
        heartbeat_at=timezone.now(),
    )
    if not claimed:
        return "not queued"
    grouping = Grouping.objects.select_related("cohort").get(pk=grouping_id)
    try:
        result = compute(grouping, replanning=replanning, progress=ProgressWriter(grouping_id))
    except (InfeasibleRules, CannotRun) as problem:
        _fail(grouping_id, _sentence(str(problem)))
        return "failed"
    except Exception:
        logger.exception("grouping %s failed", grouping_id)
        _fail(grouping_id, "The grouping could not be worked out because of an error. Try again.")
        raise
    save_result(grouping, result)
    return "ready"


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def _fail(grouping_id: int, message: str) -> None:
    Grouping.objects.filter(pk=grouping_id).update(
        status=Status.FAILED, error_message=message, progress=0.0, progress_message=""
    )


@transaction.atomic
def save_result(grouping: Grouping, result: Result) -> None:
    """Replace the groups with the engine's, keeping pins where the engine kept them."""
    Group.objects.filter(grouping=grouping).delete()
    groups = Group.objects.bulk_create(
        Group(
            grouping=grouping,
            round=planned.round,
            number=planned.number,
            name=planned.name,
            challenge_id=planned.challenge_id,
        )
        for planned in result.groups
    )
    Placement.objects.bulk_create(
        Placement(group=group, enrolment_id=enrolment_id, pinned=enrolment_id in planned.pinned)
        for group, planned in zip(groups, result.groups, strict=True)
        for enrolment_id in planned.members
    )
    # A learning set's or team's activities now count for its new members.
    keep_for_cohort(grouping.cohort_id)
    Grouping.objects.filter(pk=grouping.pk).update(
        status=Status.READY,
        progress=1.0,
        progress_message="Finished",
        explanation=result.explanation,
        error_message="",
    )
    grouping.refresh_from_db()


def refresh_explanation(grouping: Grouping) -> dict[str, Any]:
    """Explain the groups as they now stand (after a move by hand), with the engine's checks."""
    inputs = load_inputs(grouping)
    groups = list(
        Group.objects.filter(grouping=grouping)
        .select_related("challenge")
        .prefetch_related("placements")
        .order_by("round", "number")
    )
    ids = inputs.roster.ids
    named: dict[int, list[list[str]]] = {}
    for group in groups:
        members = sorted(group.placements.all(), key=lambda placement: placement.pk)
        named.setdefault(group.round, []).append(
            [ids[p.enrolment_id] for p in members if p.enrolment_id in ids]
        )
    rounds = [named[number] for number in sorted(named)]
    teams = None
    ranked = None
    if grouping.kind == Kind.CHALLENGE_TEAMS:
        teams = [group.challenge for group in groups if group.challenge is not None]
        if len(teams) == len(groups):
            ranked = rankings(grouping, inputs.roster, challenge_names(teams))
        else:
            teams = None
    explanation = explain_rounds(inputs, rounds, teams=teams, rankings=ranked)
    if grouping.kind == Kind.CHALLENGE_TEAMS:
        explanation["choices"] = explanation["rounds"][0].get("choices") if rounds else None
        explanation["ranked"] = grouping.explanation.get("ranked")
    if grouping.kind == Kind.MIXING_PLAN:
        sizes = group_sizes(grouping.group_count, grouping.target_size)
        explanation["mixing"] = review_plan(inputs, rounds, sizes)
    Grouping.objects.filter(pk=grouping.pk).update(explanation=explanation)
    grouping.explanation = explanation
    return explanation


@transaction.atomic
def move(placement: Placement, group: Group, *, pinned: bool, by: User | None) -> Placement:
    """Move one person to another group of the same round by hand; the explanation follows."""
    grouping = placement.group.grouping
    _editable(grouping)
    if group.grouping_id != grouping.pk or group.round != placement.group.round:
        raise ValidationError({"group": "Choose a group of the same round of this grouping."})
    with audited(by, placement, "grouping.placement.changed"):
        placement.group = group
        placement.pinned = pinned
        placement.save(update_fields=["group", "pinned"])
    keep_for_cohort(grouping.cohort_id)
    refresh_explanation(grouping)
    return placement


@transaction.atomic
def set_pinned(placement: Placement, pinned: bool, *, by: User | None) -> Placement:
    _editable(placement.group.grouping)
    with audited(by, placement, "grouping.placement.changed"):
        placement.pinned = pinned
        placement.save(update_fields=["pinned"])
    return placement


def published_alongside(grouping: Grouping) -> list[Grouping]:
    """The other groupings of the same kind in the cohort that are published now: publishing
    this one unpublishes them, so participants see one set of learning sets (or teams, or
    mixing groups) at a time."""
    return list(
        Grouping.objects.filter(
            cohort=grouping.cohort_id, kind=grouping.kind, status=Status.PUBLISHED
        )
        .exclude(pk=grouping.pk)
        .order_by("pk")
    )


@transaction.atomic
def publish(grouping: Grouping, *, by: User | None, notify: bool = True) -> list[Grouping]:
    """Participants see their groups; challenge teams become the cohort's teams. Any other
    grouping of the same kind in the cohort is unpublished in the same transaction; returns those.

    The cohort's row is locked first, so two groupings published at once cannot both stay
    published: the second waits, then unpublishes the first.
    """
    lock(grouping.cohort)
    lock(grouping)
    if grouping.status == Status.PUBLISHED:
        raise AlreadyDone("This grouping is already published.")
    if grouping.status != Status.READY:
        raise ValidationError("Only a grouping that is ready can be published: run it first.")
    replaced = published_alongside(grouping)
    for other in replaced:
        _unpublish(other, by=by)
    if grouping.kind == Kind.CHALLENGE_TEAMS:
        _form_teams(grouping, by=by, notify=notify)
    with audited(by, grouping, "grouping.grouping.published"):
        grouping.status = Status.PUBLISHED
        grouping.published_at = timezone.now()
        grouping.save(update_fields=["status", "published_at"])
    return replaced


def _form_teams(grouping: Grouping, *, by: User | None, notify: bool) -> None:
    """One team per challenge: its members become exactly the group's."""
    groups = list(
        Group.objects.filter(grouping=grouping, challenge__isnull=False)
        .select_related("challenge")
        .prefetch_related("placements__enrolment__person")
    )
    teams = {
        team.challenge_id: team
        for team in ChallengeTeam.objects.filter(
            cohort=grouping.cohort_id, challenge_id__in=[g.challenge_id for g in groups]
        ).order_by("-pk")
    }
    for group in groups:
        assert group.challenge is not None
        team = teams.get(group.challenge.pk) or ChallengeTeam(
            challenge=group.challenge, cohort_id=grouping.cohort_id, name=group.challenge.title
        )
        set_team_members(
            team,
            [p.enrolment for p in group.placements.all()],
            by=by,
            formed_by=FormedBy.GROUPING,
            notify=notify,
        )


@transaction.atomic
def unpublish(grouping: Grouping, *, by: User | None) -> Grouping:
    """Participants no longer see it and staff may change it; challenge teams stay as formed."""
    lock(grouping)
    if grouping.status != Status.PUBLISHED:
        raise AlreadyDone("This grouping is not published.")
    _unpublish(grouping, by=by)
    return grouping


def _unpublish(grouping: Grouping, *, by: User | None) -> None:
    with audited(by, grouping, "grouping.grouping.unpublished"):
        grouping.status = Status.READY
        grouping.published_at = None
        grouping.save(update_fields=["status", "published_at"])


@transaction.atomic
def duplicate(grouping: Grouping, *, by: User | None) -> Grouping:
    """A draft copy with the same rules and pairs, to try a variation without losing this one."""
    copy = create_grouping(
        grouping.cohort,
        {
            **{name: getattr(grouping, name) for name in SETTINGS_FIELDS},
            "name": f"{grouping.name} (copy)"[:200],
        },
        by=by,
    )
    for pair in PairRule.objects.filter(grouping=grouping).order_by("pk"):
        PairRule.objects.create(
            grouping=copy,
            kind=pair.kind,
            first_id=pair.first_id,
            second_id=pair.second_id,
            reason=pair.reason,
        )
    return copy
