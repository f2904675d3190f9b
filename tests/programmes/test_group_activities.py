"""Activities for one group only: a learning set's meeting or a challenge team's workshop."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.models import AuditEntry
from commonground.challenges.models import ChallengeTeam
from commonground.challenges.services import set_team_members
from commonground.directory.models import Person
from commonground.grouping.models import Group, Grouping, Placement, Status
from commonground.grouping.services import move
from commonground.programmes import feeds
from commonground.programmes.cohort_messages import audiences, create_message
from commonground.programmes.commitment import cohort_standings
from commonground.programmes.kept_standings import keep
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    AttendanceStatus,
    CohortMessage,
    Enrolment,
    EnrolmentStatus,
)
from commonground.programmes.tasks import send_invitations
from tests.challenges.helpers import challenges
from tests.conftest import PASSWORD, World


@dataclass
class Sets:
    group: Group  # Pat's learning set
    other_group: Group  # Nia's learning set
    draft_group: Group  # of a grouping not yet published
    team: ChallengeTeam  # Pat's challenge team; Nia is not in it
    other_year_team: ChallengeTeam
    neighbour: Enrolment  # Nia, another active participant of the cohort
    neighbour_user: User


def _grouping(world: World, name: str, status: str, cohort: Any = None) -> Grouping:
    return Grouping.objects.create(cohort=cohort or world.cohort, name=name, status=status)


@pytest.fixture
def sets(world: World) -> Sets:
    made = challenges(world)
    user = User.objects.create_user("nia@example.org", PASSWORD, name="Nia")
    nia = Person.objects.create(
        first_name="Nia",
        last_name="Neighbour",
        email="nia.neighbour@example.org",
        organisation=world.organisation,
        job_title="Director of Housing",
        user=user,
    )
    neighbour = Enrolment.objects.create(
        person=nia, cohort=world.cohort, enrolled_on=world.cohort.starts_on
    )
    published = _grouping(world, "Peer coaching sets", Status.PUBLISHED)
    group = Group.objects.create(grouping=published, number=1, name="Set A")
    other_group = Group.objects.create(grouping=published, number=2, name="Set B")
    Placement.objects.create(group=group, enrolment=world.enrolment)
    Placement.objects.create(group=other_group, enrolment=neighbour)
    draft = _grouping(world, "Trial sets", Status.READY)
    draft_group = Group.objects.create(grouping=draft, number=1, name="Trial set")
    return Sets(group, other_group, draft_group, made.team, made.past_team, neighbour, user)


def _at(days: int, hour: int) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour))
    )


def _activity(world: World, title: str, days: int = 10, **fields: Any) -> Activity:
    return Activity.objects.create(
        cohort=world.cohort,
        kind=ActivityKind.PEER_COACHING,
        title=title,
        starts_at=_at(days, 10),
        ends_at=_at(days, 12),
        **fields,
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_choose_a_published_learning_set_or_a_team_of_the_cohort(
    world: World, sets: Sets
) -> None:
    client = world.client("staff")
    url = reverse("programmes:activity_new", args=[world.cohort.pk])
    page = client.get(url).content.decode()
    assert "Who is it for?" in page
    assert "Peer coaching sets: Set A" in page
    assert "Rough sleeping team" in page
    assert "Trial set" not in page  # its grouping is not published
    assert "Knife crime team" not in page  # a team of another year
    response = client.post(
        url,
        {
            "kind": ActivityKind.PEER_COACHING,
            "title": "Set A meets",
            "audience": f"group:{sets.group.pk}",
            "starts_at": "2027-01-12T10:00",
            "ends_at": "2027-01-12T12:00",
            "counts_towards_completion": "on",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Set A meets")
    assert (activity.group, activity.team) == (sets.group, None)
    shown = client.get(reverse("programmes:activity", args=[activity.pk])).content.decode()
    assert "Only the learning set Peer coaching sets: Set A" in shown


def test_a_group_of_an_unpublished_grouping_is_refused(world: World, sets: Sets) -> None:
    response = world.client("staff").post(
        reverse("programmes:activity_new", args=[world.cohort.pk]),
        {
            "kind": ActivityKind.PEER_COACHING,
            "title": "Trial meeting",
            "audience": f"group:{sets.draft_group.pk}",
            "starts_at": "2027-01-12T10:00",
            "ends_at": "2027-01-12T12:00",
        },
    )
    assert response.status_code == 200
    assert "Choose the whole cohort, or one of the groups listed." in response.content.decode()
    assert not Activity.objects.filter(title="Trial meeting").exists()


def test_staff_move_an_activity_to_a_challenge_team(world: World, sets: Sets) -> None:
    activity = _activity(world, "Workshop", group=sets.group)
    client = world.client("staff")
    url = reverse("programmes:activity_edit", args=[activity.pk])
    assert f'value="group:{sets.group.pk}" selected' in client.get(url).content.decode()
    client.post(
        url,
        {
            "kind": ActivityKind.CHALLENGE_WORKSHOP,
            "title": "Workshop",
            "audience": f"team:{sets.team.pk}",
            "starts_at": "2027-01-12T10:00",
            "ends_at": "2027-01-12T12:00",
        },
    )
    activity.refresh_from_db()
    assert (activity.group, activity.team) == (None, sets.team)


def test_only_the_sets_members_see_its_meeting_in_their_calendar(world: World, sets: Sets) -> None:
    _activity(world, "Set A meets", group=sets.group)
    _activity(world, "Set B meets", group=sets.other_group)
    _activity(world, "Team workshop", team=sets.team)
    mine = world.client("participant").get(reverse("programmes:my_calendar")).content.decode()
    assert "Set A meets" in mine and "Team workshop" in mine
    assert "Set B meets" not in mine
    assert "Leading in complexity" in mine  # the whole cohort's activity
    theirs = _client(sets.neighbour_user).get(reverse("programmes:my_calendar")).content.decode()
    assert "Set B meets" in theirs and "Leading in complexity" in theirs
    assert "Set A meets" not in theirs and "Team workshop" not in theirs


def test_a_groups_activity_page_is_for_its_members_only(world: World, sets: Sets) -> None:
    meeting = _activity(world, "Set A meets", group=sets.group)
    workshop = _activity(world, "Team workshop", team=sets.team)
    for activity in (meeting, workshop):
        url = reverse("programmes:activity", args=[activity.pk])
        assert world.client("participant").get(url).status_code == 200
        assert _client(sets.neighbour_user).get(url).status_code == 404
        assert world.client("facilitator").get(url).status_code == 200
    whole_cohort = reverse("programmes:activity", args=[world.activity.pk])
    assert _client(sets.neighbour_user).get(whole_cohort).status_code == 200


def test_only_the_groups_members_get_it_in_their_feed(world: World, sets: Sets) -> None:
    _activity(world, "Set A meets", group=sets.group)
    _activity(world, "Team workshop", team=sets.team)
    anonymous = world.client("anonymous")

    def feed(person: Person) -> str:
        token = feeds.issue(person, by=None)
        return anonymous.get(reverse("programmes:calendar_feed", args=[token])).content.decode()

    mine = feed(world.participant_person)
    assert "SUMMARY:Set A meets" in mine and "SUMMARY:Team workshop" in mine
    theirs = feed(sets.neighbour.person)
    assert "SUMMARY:Leading in complexity" in theirs
    assert "Set A meets" not in theirs and "Team workshop" not in theirs


def test_the_cohort_calendar_lists_a_participants_own_group_activities_only(
    world: World, sets: Sets
) -> None:
    _activity(world, "Set A meets", group=sets.group)
    _activity(world, "Set B meets", group=sets.other_group)
    url = reverse("programmes:cohort_calendar", args=[world.cohort.pk])
    mine = world.client("participant").get(url).content.decode()
    assert "Set A meets" in mine and "Set B meets" not in mine
    staff = world.client("staff").get(url).content.decode()
    assert "Set A meets" in staff and "Set B meets" in staff


def test_the_register_lists_only_the_groups_members(world: World, sets: Sets) -> None:
    activity = _activity(world, "Set A meets", days=-1, group=sets.group)
    client = world.client("facilitator")
    page = client.get(reverse("programmes:activity", args=[activity.pk])).content.decode()
    assert "Pat Participant" in page
    assert "Nia Neighbour" not in page
    team_activity = _activity(world, "Team workshop", days=-1, team=sets.team)
    page = client.get(reverse("programmes:activity", args=[team_activity.pk])).content.decode()
    assert "Pat Participant" in page and "Nia Neighbour" not in page


def test_a_mark_for_someone_outside_the_group_is_refused(world: World, sets: Sets) -> None:
    activity = _activity(world, "Set A meets", days=-1, group=sets.group)
    from commonground.programmes.services import record_attendance

    with pytest.raises(Exception, match="Nia Neighbour"):
        record_attendance(activity, {sets.neighbour.pk: AttendanceStatus.PRESENT}, by=None)
    assert not Attendance.objects.filter(activity=activity).exists()
    saved = record_attendance(activity, {world.enrolment.pk: AttendanceStatus.PRESENT}, by=None)
    assert [mark.enrolment for mark in saved] == [world.enrolment]


def test_a_groups_activity_counts_only_for_its_members(world: World, sets: Sets) -> None:
    held = _activity(world, "Set A met", days=-2, group=sets.group)
    Attendance.objects.create(activity=held, enrolment=world.enrolment, status="present")
    # A mark left on someone outside the group (the sets changed) does not count for them.
    Attendance.objects.create(activity=held, enrolment=sets.neighbour, status="present")
    _activity(world, "Team workshop", days=5, team=sets.team)
    _activity(world, "Set B meets", days=5, group=sets.other_group, counts_towards_completion=False)
    found = {s.enrolment.pk: s for s in cohort_standings(world.cohort)}
    pat, nia = found[world.enrolment.pk], found[sets.neighbour.pk]
    # Pat: the cohort's learning day, Set A's meeting and the team's workshop.
    assert (pat.counted, pat.held, pat.attended) == (3, 1, 1)
    # Nia: only the cohort's learning day (Set B's meeting does not count towards completion).
    assert (nia.counted, nia.held, nia.attended) == (1, 0, 0)
    completion = world.client("staff").get(reverse("programmes:completion", args=[world.cohort.pk]))
    assert "Attended 1 of 3 counted activities" in completion.content.decode()


def _kept_counted(enrolment: Enrolment) -> tuple[int, int]:
    kept = Enrolment.objects.get(pk=enrolment.pk)
    return kept.standing_counted, kept.standing_held


def test_a_teams_activities_count_for_whoever_joins_it(world: World, sets: Sets) -> None:
    _activity(world, "Team workshop", days=-3, team=sets.team)
    keep(Enrolment.objects.filter(cohort=world.cohort))
    before = _kept_counted(sets.neighbour)
    set_team_members(sets.team, [world.enrolment, sets.neighbour], by=None, notify=False)
    assert _kept_counted(sets.neighbour) == (before[0] + 1, before[1] + 1)
    set_team_members(sets.team, [world.enrolment], by=None, notify=False)
    assert _kept_counted(sets.neighbour) == before


def test_a_sets_activities_count_for_whoever_is_moved_into_it(world: World, sets: Sets) -> None:
    other = Group.objects.create(grouping=sets.draft_group.grouping, number=2, name="Trial set 2")
    placed = Placement.objects.create(group=other, enrolment=sets.neighbour)
    _activity(world, "Trial set met", days=-3, group=sets.draft_group)
    keep(Enrolment.objects.filter(cohort=world.cohort))
    before = _kept_counted(sets.neighbour)
    move(placed, sets.draft_group, pinned=False, by=None)
    assert _kept_counted(sets.neighbour) == (before[0] + 1, before[1] + 1)


def test_invitations_go_to_the_groups_members_only(world: World, sets: Sets) -> None:
    activity = _activity(world, "Team workshop", team=sets.team)
    send_invitations.call(activity.pk)
    assert [message.to for message in mail.outbox] == [["pat.participant@example.org"]]


def test_a_copy_from_last_year_drops_the_group_and_says_so(world: World, sets: Sets) -> None:
    old_sets = _grouping(world, "Sets of 2024/25", Status.PUBLISHED, cohort=world.past_cohort)
    old_group = Group.objects.create(grouping=old_sets, number=1, name="Old set")
    start = timezone.make_aware(dt.datetime(2024, 10, 8, 10))
    Activity.objects.create(
        cohort=world.past_cohort,
        kind=ActivityKind.PEER_COACHING,
        title="Old set meets",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        group=old_group,
    )
    client = world.client("staff")
    url = reverse("programmes:calendar_copy", args=[world.cohort.pk])
    preview = client.post(url, {"source": world.past_cohort.pk}).content.decode()
    assert "Was for the learning set Old set only" in preview
    assert "1 activity was for one learning set or challenge team only." in preview
    client.post(url, {"source": world.past_cohort.pk, "confirm": "yes"})
    copied = world.cohort.activities.get(title="Old set meets")
    assert (copied.group, copied.team) == (None, None)


def test_a_message_goes_to_one_challenge_team(
    world: World, sets: Sets, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("staff")
    url = reverse("programmes:cohort_messages", args=[world.cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "subject": "Mid-point review",
                "body": "Bring your plan.",
                "audience": "team",
                "team": sets.team.pk,
                "confirm": "yes",
            },
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["pat.participant@example.org"]]
    message = CohortMessage.objects.get()
    assert message.audience == "Challenge team: Rough sleeping team"
    assert "Challenge team: Rough sleeping team (1)" in client.get(url).content.decode()


def test_a_message_goes_to_one_learning_set(
    world: World, sets: Sets, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client("staff")
    url = reverse("programmes:cohort_messages", args=[world.cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "subject": "Set B",
                "body": "We meet at Basildon.",
                "audience": "group",
                "group": sets.other_group.pk,
                "confirm": "yes",
            },
        )
    assert [message.to for message in mail.outbox] == [["nia.neighbour@example.org"]]
    assert CohortMessage.objects.get().audience == "Learning set: Peer coaching sets: Set B"


def test_a_message_to_a_team_needs_the_team(world: World, sets: Sets) -> None:
    response = world.client("staff").post(
        reverse("programmes:cohort_messages", args=[world.cohort.pk]),
        {"subject": "Hello", "body": "Hi.", "audience": "team", "team": ""},
    )
    assert response.status_code == 400
    assert "Choose the challenge team to send the message to." in response.content.decode()
    assert not CohortMessage.objects.exists()


def test_a_message_to_an_unpublished_set_is_refused(world: World, sets: Sets) -> None:
    response = world.client("staff").post(
        reverse("programmes:cohort_messages", args=[world.cohort.pk]),
        {"subject": "Hello", "body": "Hi.", "audience": "group", "group": sets.draft_group.pk},
    )
    assert response.status_code == 400
    assert "Choose one of the cohort&#x27;s published learning sets." in response.content.decode()


def test_the_cohort_page_links_the_challenges_and_for_staff_completion(world: World) -> None:
    url = reverse("programmes:cohort", args=[world.cohort.pk])
    challenges_url = reverse("challenges:cohort_challenges", args=[world.cohort.pk])
    completion_url = reverse("programmes:completion", args=[world.cohort.pk])
    mine = world.client("participant").get(url).content.decode()
    assert f'href="{challenges_url}"' in mine
    assert f'href="{completion_url}"' not in mine
    staff = world.client("staff").get(url).content.decode()
    assert f'href="{challenges_url}"' in staff and f'href="{completion_url}"' in staff


def test_a_message_may_go_to_active_participants_teams_and_published_sets(
    world: World, sets: Sets
) -> None:
    offered = audiences(world.cohort)
    assert {name for _, name in offered.participants} == {"Pat Participant", "Nia Neighbour"}
    assert offered.team_choices() == [(sets.team.pk, "Rough sleeping team")]
    assert [label for _, label in offered.group_choices()] == [
        "Peer coaching sets: Set A",
        "Peer coaching sets: Set B",
    ]
    sets.neighbour.status = EnrolmentStatus.WITHDRAWN
    sets.neighbour.save()
    assert [name for _, name in audiences(world.cohort).participants] == ["Pat Participant"]


def test_a_message_to_chosen_people_is_named_by_how_many(world: World, sets: Sets) -> None:
    message = create_message(
        world.cohort,
        subject="Your plan",
        body="Bring it on Tuesday.",
        enrolment_ids=[world.enrolment.pk, sets.neighbour.pk],
        by=world.users["staff"],
    )
    assert message.audience == "2 chosen participants"
    assert set(message.recipients.all()) == {world.participant_person, sets.neighbour.person}
    assert AuditEntry.objects.filter(action="programmes.cohortmessage.created").count() == 1
