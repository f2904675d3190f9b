"""What the challenges app holds about a person, for the subject access export."""

from __future__ import annotations

from commonground.directory.models import Person
from commonground.lib.personal_data import Holding, Row, register

from .models import Challenge, ChallengePreference, TeamMembership, TeamUpdate

PURPOSE = "To form the cross-agency challenge teams and follow their work to the showcase."


def _owned(person: Person) -> list[Row]:
    return [
        {"Challenge": challenge.title, "Problem statement": challenge.problem_statement}
        for challenge in Challenge.objects.filter(owner=person)
    ]


def _preferences(person: Person) -> list[Row]:
    preferences = ChallengePreference.objects.filter(enrolment__person=person).select_related(
        "challenge", "enrolment__cohort"
    )
    return [
        {"Cohort": p.enrolment.cohort.name, "Challenge": p.challenge.title, "Choice": p.rank}
        for p in preferences
    ]


def _teams(person: Person) -> list[Row]:
    memberships = TeamMembership.objects.filter(enrolment__person=person).select_related(
        "team__challenge", "team__cohort"
    )
    return [
        {"Cohort": m.team.cohort.name, "Team": m.team.name, "Role": m.get_role_display()}
        for m in memberships
    ]


def _updates(person: Person) -> list[Row]:
    updates = TeamUpdate.objects.filter(author_id=person.user_id).select_related("team")
    return [
        {"Team": update.team.name, "Written": update.created_at, "Text": update.text}
        for update in updates.order_by("created_at")
    ]


def register_holdings() -> None:
    for key, title, models, rows in (
        ("challenges.owned", "System challenges the person owns", (Challenge,), _owned),
        (
            "challenges.preferences",
            "Challenges the person would like to work on",
            (ChallengePreference,),
            _preferences,
        ),
        ("challenges.teams", "Challenge teams", (TeamMembership,), _teams),
        ("challenges.updates", "Team updates the person wrote", (TeamUpdate,), _updates),
    ):
        register(Holding(key, "Challenges", title, PURPOSE, models, rows))
