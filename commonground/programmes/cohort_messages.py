"""Messages from staff to a whole cohort, a challenge team, a learning set or chosen people."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.challenges.models import ChallengeTeam
from commonground.directory.models import Person
from commonground.grouping.models import Group
from commonground.lib.words import count_of

from .audiences import cohort_teams, group_label, published_groups
from .models import Cohort, CohortMessage, Enrolment, EnrolmentStatus

WHOLE_COHORT = "Whole cohort"


@dataclass(frozen=True)
class Audiences:
    """Whom a message to a cohort may go to: its active participants, its challenge teams and the
    learning sets of its published groupings, each by id."""

    participants: list[tuple[int, str]]
    teams: dict[int, ChallengeTeam]
    groups: dict[int, Group]

    def team_choices(self) -> list[tuple[int, str]]:
        return [(pk, team.name) for pk, team in self.teams.items()]

    def group_choices(self) -> list[tuple[int, str]]:
        return [(pk, group_label(group)) for pk, group in self.groups.items()]


def audiences(cohort: Cohort) -> Audiences:
    active = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE)
    return Audiences(
        participants=[(e.pk, e.person.name) for e in active.select_related("person")],
        teams={team.pk: team for team in cohort_teams(cohort)},
        groups={group.pk: group for group in published_groups(cohort)},
    )


@dataclass(frozen=True)
class Chosen:
    """Whom a message goes to: its audience's name and the people, by name."""

    audience: str
    people: list[Person]


def choose_recipients(
    cohort: Cohort,
    *,
    enrolment_ids: Iterable[int] | None = None,
    team: ChallengeTeam | None = None,
    group: Group | None = None,
) -> Chosen:
    """The active participants a message would go to, as `create_message` sends it; a
    ValidationError when that is no one, or the team or set is not the cohort's."""
    active = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE)
    audience = WHOLE_COHORT
    if team is not None:
        if team.cohort_id != cohort.pk:
            raise ValidationError("Choose a challenge team of this cohort.")
        active = active.filter(team_memberships__team=team)
        audience = f"Challenge team: {team.name}"
    elif group is not None:
        if group.grouping.cohort_id != cohort.pk:
            raise ValidationError("Choose a learning set of this cohort.")
        active = active.filter(grouping_placements__group=group)
        audience = f"Learning set: {group_label(group)}"
    elif enrolment_ids is not None:
        wanted = set(enrolment_ids)
        active = active.filter(pk__in=wanted)
        audience = count_of(len(wanted), "chosen participant")
    people = list(
        Person.objects.filter(pk__in=active.values("person_id")).order_by(
            "last_name", "first_name", "pk"
        )
    )
    if not people:
        raise ValidationError("Choose at least one active participant to send the message to.")
    return Chosen(audience, people)


def create_message(
    cohort: Cohort,
    *,
    subject: str,
    body: str,
    enrolment_ids: Iterable[int] | None = None,
    team: ChallengeTeam | None = None,
    group: Group | None = None,
    by: User | None,
) -> CohortMessage:
    """Record the message and send it in the background to the active participants chosen.

    Everyone by default; `enrolment_ids` for hand-picked people; `team` for a challenge team's
    members, `group` for a learning set's. The message's audience is named after the choice.
    """
    chosen = choose_recipients(cohort, enrolment_ids=enrolment_ids, team=team, group=group)
    from .tasks import send_cohort_message

    message = CohortMessage(
        cohort=cohort, subject=subject, body=body, audience=chosen.audience, sender=by
    )
    with audited(by, message, "programmes.cohortmessage.created"):
        message.save()
        message.recipients.set(chosen.people)
        transaction.on_commit(lambda: send_cohort_message.enqueue(message.pk))
    return message
