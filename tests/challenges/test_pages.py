"""The challenge pages as people use them: lists, ranking, teams, the 100-day plan, the library."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commonground.challenges.models import ChallengeTeam, Showcase, TeamUpdate
from commonground.programmes.models import Enrolment
from tests.challenges.helpers import Challenges, make_challenge
from tests.conftest import World
from tests.exporting import download


def test_staff_see_how_many_ranked_each_challenge_and_participants_do_not(
    world: World, made: Challenges
) -> None:
    url = reverse("challenges:cohort_challenges", args=[world.cohort.pk])
    staff = world.client("staff").get(url).content.decode()
    participant = world.client("participant").get(url).content.decode()
    assert "Hospital discharge" in staff and "Hospital discharge" in participant
    assert "First choices" in staff
    assert "First choices" not in participant
    assert "Choose your top three challenges" in participant


def test_a_participant_ranks_their_top_three(world: World, made: Challenges) -> None:
    skills = make_challenge(world, "Skills")
    ageing = make_challenge(world, "Ageing well")
    url = reverse("challenges:rank", args=[world.cohort.pk])
    client = world.client("participant")
    data = {"choice_1": skills.pk, "choice_2": made.other.pk, "choice_3": ageing.pk}
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(reverse("challenges:cohort_challenges", args=[world.cohort.pk]))
    assert page.content.decode().index("Skills") < page.content.decode().index("Ageing well")
    assert list(world.enrolment.challenge_preferences.values_list("rank", flat=True)) == [1, 2, 3]


def test_the_same_challenge_twice_is_refused_with_a_clear_message(
    world: World, made: Challenges
) -> None:
    skills = make_challenge(world, "Skills")
    url = reverse("challenges:rank", args=[world.cohort.pk])
    data = {"choice_1": skills.pk, "choice_2": skills.pk, "choice_3": made.other.pk}
    response = world.client("participant").post(url, data)
    assert response.status_code == 400
    assert "You chose Skills already as your first choice" in response.content.decode()


def test_a_challenge_of_another_cohort_cannot_be_ranked(world: World, made: Challenges) -> None:
    url = reverse("challenges:rank", args=[world.cohort.pk])
    data = {"choice_1": made.past.pk, "choice_2": made.other.pk}
    response = world.client("participant").post(url, data)
    assert response.status_code == 400
    assert "Choose one of the open challenges of your cohort" in response.content.decode()


def test_the_team_page_shows_the_100_day_plan(world: World, made: Challenges) -> None:
    page = world.client("participant").get(reverse("challenges:team", args=[made.team.pk]))
    text = page.content.decode()
    start = world.cohort.starts_on
    for day in (0, 50, 100):
        assert f"{start + dt.timedelta(days=day):%-d %b %Y}" in text
    assert "Mid-point review" in text and "Final review and showcase" in text


def test_a_member_posts_an_update_shown_with_its_author(world: World, made: Challenges) -> None:
    client = world.client("participant")
    url = reverse("challenges:update_new", args=[made.team.pk])
    assert client.post(url, {"text": "We mapped the referral route."}).status_code == 302
    page = client.get(reverse("challenges:team", args=[made.team.pk])).content.decode()
    assert "We mapped the referral route." in page
    assert "Participant," in page
    assert TeamUpdate.objects.get().author == world.users["participant"]


def test_a_link_needs_a_real_web_address(world: World, made: Challenges) -> None:
    url = reverse("challenges:link_new", args=[made.team.pk])
    response = world.client("participant").post(
        url, {"title": "Plan", "url": "not a link", "kind": "document"}
    )
    assert response.status_code == 400
    assert "Enter the web address in full" in response.content.decode()


def test_the_sponsor_sees_their_challenges_showcase(world: World, made: Challenges) -> None:
    Showcase.objects.create(
        team=made.team, presented=True, held_on=dt.date(2027, 6, 1), outcomes_summary="A hub."
    )
    page = world.client("sponsor").get(reverse("challenges:team", args=[made.team.pk]))
    assert page.status_code == 200
    assert "A hub." in page.content.decode()
    assert "Post the update" not in page.content.decode()


def test_staff_record_the_showcase(world: World, made: Challenges) -> None:
    url = reverse("challenges:showcase_edit", args=[made.team.pk])
    response = world.client("staff").post(
        url,
        {
            "held_on": "2027-06-01",
            "presented": "on",
            "presentation_link": "https://example.org/slides",
            "outcomes_summary": "Twelve people housed.",
            "sponsor_feedback": "",
        },
    )
    assert response.status_code == 302
    assert Showcase.objects.get(team=made.team).presented


def test_presented_needs_a_date(world: World, made: Challenges) -> None:
    url = reverse("challenges:showcase_edit", args=[made.team.pk])
    response = world.client("staff").post(url, {"presented": "on"})
    assert response.status_code == 400
    assert "Enter the date the team presented." in response.content.decode()


def test_staff_form_a_team_by_hand_and_a_double_booking_is_refused(
    world: World, made: Challenges
) -> None:
    url = reverse("challenges:team_new", args=[made.current.pk])
    response = world.client("staff").post(
        url, {"name": "Second team", "members": [world.enrolment.pk]}
    )
    assert response.status_code == 400
    assert "Pat Participant is already in Rough sleeping team" in response.content.decode()
    response = world.client("staff").post(
        reverse("challenges:team_new", args=[made.other.pk]),
        {"name": "Discharge team", "members": [world.enrolment.pk], "leads": [world.enrolment.pk]},
    )
    assert response.status_code == 302
    team = ChallengeTeam.objects.get(name="Discharge team")
    assert list(team.members.all()) == [world.enrolment]


def _titles(page: str) -> set[str]:
    return {
        title
        for title in ("Knife crime", "Rough sleeping", "Hospital discharge")
        if f">{title}</a>" in page
    }


def test_the_library_filters_by_theme_year_and_words(world: World, made: Challenges) -> None:
    url = reverse("challenges:library", args=[world.programme.slug])
    client = world.client("alumnus")
    assert _titles(client.get(url).content.decode()) == {
        "Knife crime",
        "Rough sleeping",
        "Hospital discharge",
    }
    by_year = client.get(url, {"year": world.past_cohort.pk}).content.decode()
    assert _titles(by_year) == {"Knife crime"}
    by_theme = client.get(url, {"theme": "hospital_discharge"}).content.decode()
    assert _titles(by_theme) == {"Hospital discharge"}
    by_words = client.get(url, {"q": "referral route"}).content.decode()
    assert _titles(by_words) == {"Knife crime"}
    assert "A shared youth violence referral route" in by_words


def test_the_library_exports_challenges_with_teams_and_outcomes(
    world: World, made: Challenges
) -> None:
    url = reverse("challenges:library_export", args=[world.programme.slug, "csv"])
    text = download(world.client("staff"), url, {"year": world.past_cohort.pk}).content.decode()
    assert "Knife crime team" in text
    assert "Alex Alumnus" in text
    assert "Schools and police now share one referral form." in text
    assert "Rough sleeping" not in text
    xlsx = download(
        world.client("staff"),
        reverse("challenges:library_export", args=[world.programme.slug, "xlsx"]),
    )
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def _more(world: World, made: Challenges, count: int) -> None:
    """More challenges, each with a team of a new participant, in both cohorts."""
    from commonground.challenges.services import create_team, set_team_members
    from commonground.directory.models import Person

    for index in range(count):
        challenge = make_challenge(world, f"Extra {index}")
        person = Person.objects.create(
            first_name=f"Extra{index}",
            last_name="Person",
            email=f"extra{index}@example.org",
            organisation=world.organisation,
        )
        enrolment = Enrolment.objects.create(person=person, cohort=world.cohort)
        team = create_team(challenge, world.cohort, f"Extra team {index}", by=None)
        set_team_members(team, [enrolment], by=None, notify=False)


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_pages_run_the_same_number_of_queries_with_more_data(
    world: World, made: Challenges, django_assert_num_queries: Any
) -> None:
    client = world.client("staff")
    urls = [
        reverse("challenges:cohort_challenges", args=[world.cohort.pk]),
        reverse("challenges:challenge", args=[made.current.pk]),
        reverse("challenges:team", args=[made.team.pk]),
        reverse("challenges:library", args=[world.programme.slug]),
    ]
    before = [_count(client, url) for url in urls]
    _more(world, made, 8)
    for _ in range(3):
        TeamUpdate.objects.create(team=made.team, author=world.users["staff"], text="More")
    for url, queries in zip(urls, before, strict=True):
        with django_assert_num_queries(queries):
            client.get(url)
