"""Publishing a grouping: Publish is the primary button once it is ready, a check page says who
will see the groups and what else is unpublished, and only its confirmation acts."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from django.core import mail
from django.test import Client
from django.urls import reverse

from commonground.audit.log import history
from commonground.challenges.models import ChallengePreference, ChallengeTeam
from commonground.grouping.models import Grouping, Status
from commonground.programmes.models import Enrolment
from tests.conftest import World

from .conftest import add_challenges

Run = Callable[..., Grouping]
Make = Callable[..., Grouping]


def _buttons(page: str) -> list[tuple[str, str]]:
    """Each button and button-styled link of the page's actions: (its classes, its words)."""
    found = re.findall(
        r'<(?:a|button) class="(govuk-button[^"]*)"[^>]*>(.*?)</(?:a|button)>', page, re.S
    )
    return [(classes, re.sub(r"<[^>]+>", "", words).strip()) for classes, words in found]


def _publish(client: Client, grouping: Grouping) -> str:
    url = reverse("grouping:grouping_publish", args=[grouping.pk])
    return client.post(url, {"confirm": "yes"}, follow=True).text


def test_publish_is_the_primary_button_once_the_grouping_is_ready(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = make_grouping()
    client = world.client("staff")
    draft = _buttons(client.get(grouping.get_absolute_url()).text)
    assert ("govuk-button", "Run the grouping") in draft
    assert not any("Publish" in words for _, words in draft)
    grouping = run_now(grouping)
    ready = _buttons(client.get(grouping.get_absolute_url()).text)
    assert ready[0] == ("govuk-button", "Publish to participants")
    assert ("govuk-button govuk-button--secondary", "Run it again") in ready
    assert [words for classes, words in ready if classes == "govuk-button"] == [
        "Publish to participants"
    ]


def test_publishing_asks_first_and_says_who_will_see_the_groups(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    grouping = run_now(make_grouping())
    client = world.client("staff")
    url = reverse("grouping:grouping_publish", args=[grouping.pk])
    for response in (client.get(url), client.post(url)):
        page = html.unescape(response.text)
        assert response.status_code == 200
        assert "Check before you publish the groups" in page
        assert "The 12 participants placed in these sets: each sees their own set" in page
        assert "No one is emailed: participants see their set on “My groups”" in page
        assert "Unpublished at the same time" not in page
    grouping.refresh_from_db()
    assert grouping.status == Status.READY
    page = _publish(client, grouping)
    assert "Published: participants now see their groups." in page
    grouping.refresh_from_db()
    assert grouping.status == Status.PUBLISHED
    assert "Staff published the grouping." in page  # the change history, in words


def test_publishing_a_second_learning_set_grouping_unpublishes_the_first_after_saying_so(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    client = world.client("staff")
    autumn = run_now(make_grouping(name="Autumn sets"))
    _publish(client, autumn)
    spring = run_now(make_grouping(name="Spring sets", seed=2))
    check = html.unescape(client.get(reverse("grouping:grouping_publish", args=[spring.pk])).text)
    assert "Unpublished at the same time" in check
    assert "Autumn sets, published " in check
    assert "participants stop seeing its sets and see these instead" in check
    autumn.refresh_from_db()
    assert autumn.status == Status.PUBLISHED  # nothing changed before the confirmation

    page = _publish(client, spring)
    assert (
        "Published: participants now see their groups. Autumn sets is no longer published." in page
    )
    autumn.refresh_from_db()
    spring.refresh_from_db()
    assert (autumn.status, spring.status) == (Status.READY, Status.PUBLISHED)
    assert autumn.published_at is None
    assert [e.action for e in history(autumn)][:2] == [
        "grouping.grouping.unpublished",
        "grouping.grouping.published",
    ]
    assert history(autumn).first().actor == world.users["staff"]  # type: ignore[union-attr]
    assert "Staff unpublished the grouping." in client.get(autumn.get_absolute_url()).text
    mine = world.client("participant").get(reverse("grouping:mine")).text
    assert "Spring sets" in mine and "Autumn sets" not in mine


def test_a_grouping_of_another_kind_stays_published(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    client = world.client("staff")
    sets = run_now(make_grouping(name="Autumn sets"))
    _publish(client, sets)
    other = make_grouping(name="Another kind")
    Grouping.objects.filter(pk=other.pk).update(kind="mixing_plan", status=Status.READY)
    other.refresh_from_db()
    check = client.get(reverse("grouping:grouping_publish", args=[other.pk])).text
    assert "Unpublished at the same time" not in check
    _publish(client, other)
    sets.refresh_from_db()
    assert sets.status == Status.PUBLISHED


def test_unpublishing_asks_first_because_participants_stop_seeing_their_groups(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    client = world.client("staff")
    grouping = run_now(make_grouping())
    page = _publish(client, grouping)
    assert ("govuk-button govuk-button--warning", "Unpublish") in _buttons(page)
    url = reverse("grouping:grouping_unpublish", args=[grouping.pk])
    check = html.unescape(client.get(url).text)
    assert "Check before you unpublish the groups" in check
    assert "The 12 participants placed in these sets no longer see them on “My groups”." in check
    grouping.refresh_from_db()
    assert grouping.status == Status.PUBLISHED
    done = client.post(url, {"confirm": "yes"}, follow=True).text
    assert "Unpublished: participants no longer see these groups" in done
    grouping.refresh_from_db()
    assert grouping.status == Status.READY
    assert "This grouping is not published." in client.get(url).text


def test_publishing_challenge_teams_shows_the_email_each_new_member_gets(
    world: World, cohort_of_twelve: list[Enrolment], make_grouping: Make, run_now: Run
) -> None:
    challenges = add_challenges(world, 3, capacity=5)
    for n, enrolment in enumerate(cohort_of_twelve):
        for rank in range(1, 4):
            ChallengePreference.objects.create(
                enrolment=enrolment, challenge=challenges[(n + rank - 1) % 3], rank=rank
            )
    grouping = run_now(make_grouping(kind="challenge_teams", group_count=""))
    assert grouping.status == Status.READY, grouping.error_message
    client = world.client("staff")
    check = html.unescape(client.get(reverse("grouping:grouping_publish", args=[grouping.pk])).text)
    assert "Your challenge team: 12 people" in check
    assert "Subject:</strong> Your challenge team: Challenge " in check
    assert "working on the challenge" in check
    assert not ChallengeTeam.objects.exists() and not mail.outbox
