"""Mentoring as its people use it: staff run, adjust and introduce; alumni volunteer and see their
mentee; participants ask and see their mentor; either may end a match."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.urls import reverse

from commonground.audit.models import AuditEntry
from commonground.directory.models import Organisation, Person, Sector
from commonground.mentoring.models import Match, MatchStatus, Mentor, MentoringRequest
from tests.conftest import World
from tests.mentoring.helpers import mentoring


def _text(response: Any) -> str:
    return " ".join(response.content.decode().split())


def test_staff_run_the_matching_and_see_why_each_pair_was_made(world: World) -> None:
    made = mentoring(world, introduced=False)
    made.match.delete()
    response = world.client("staff").post(reverse("mentoring:run", args=[world.cohort.pk]))
    assert response.status_code == 302
    match = Match.objects.get()
    assert (match.mentor, match.status) == (made.mentor, MatchStatus.PROPOSED)
    page = _text(world.client("staff").get(reverse("mentoring:cohort", args=[world.cohort.pk])))
    assert (
        "Shares expertise in commissioning; different sectors: mentor in local government" in page
    )
    assert "Check and introduce 1 new pair" in page
    assert len(mail.outbox) == 0
    runs = AuditEntry.objects.filter(action="mentoring.matching.run", actor=world.users["staff"])
    assert runs.count() == 1


def test_the_page_says_why_someone_is_left_unmatched(world: World) -> None:
    made = mentoring(world, introduced=False)
    made.match.delete()
    # The only mentor now works for Essex Police too.
    world.alumnus_person.organisation = world.participant_person.organisation
    world.alumnus_person.save()
    world.client("staff").post(reverse("mentoring:run", args=[world.cohort.pk]))
    page = _text(world.client("staff").get(reverse("mentoring:cohort", args=[world.cohort.pk])))
    assert "No mentor outside Essex Police has volunteered" in page
    assert not Match.objects.exists()


def test_the_check_page_shows_who_is_introduced_and_the_email_before_anyone_is_sent_it(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    mentoring(world, introduced=False)
    url = reverse("mentoring:publish", args=[world.cohort.pk])
    page = _text(world.client("staff").get(url))
    assert "Pat Participant with Alex Alumnus" in page
    assert "Your mentor: Alex Alumnus" in page
    assert "Your mentee: Pat Participant" in page
    assert Match.objects.get().status == MatchStatus.PROPOSED

    with django_capture_on_commit_callbacks(execute=True):
        response = world.client("staff").post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert Match.objects.get().status == MatchStatus.PUBLISHED
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alex.alumnus@example.org",
        "pat.participant@example.org",
    ]
    assert {message.subject for message in mail.outbox} == {
        "Your mentor: Alex Alumnus",
        "Your mentee: Pat Participant",
    }
    to_mentor = next(m for m in mail.outbox if m.to == ["alex.alumnus@example.org"])
    assert "Setting up a joint commissioning board" in str(to_mentor.body)
    assert "pat.participant@example.org" in str(to_mentor.body)


def test_a_second_press_introduces_no_one_twice(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    mentoring(world, introduced=False)
    url = reverse("mentoring:publish", args=[world.cohort.pk])
    with django_capture_on_commit_callbacks(execute=True):
        world.client("staff").post(url, {"confirm": "yes"})
        world.client("staff").post(url, {"confirm": "yes"})
    assert len(mail.outbox) == 2


def test_staff_cannot_choose_a_mentor_from_the_mentees_own_organisation(world: World) -> None:
    made = mentoring(world, introduced=False)
    colleague = Person.objects.create(
        first_name="Cara",
        last_name="Colleague",
        email="cara@example.org",
        organisation=world.participant_person.organisation,
    )
    same = Mentor.objects.create(
        programme=world.programme, person=colleague, expertise="commissioning"
    )
    url = reverse("mentoring:assign", args=[made.request.pk])
    page = _text(world.client("staff").get(url))
    assert "Cara Colleague, Essex Police: same organisation" in page
    response = world.client("staff").post(url, {"mentor": str(same.pk)})
    assert response.status_code == 400
    assert Match.objects.get().mentor == made.mentor


def test_staff_choose_a_mentor_by_hand(world: World) -> None:
    made = mentoring(world, introduced=False)
    health = Organisation.objects.create(
        name="Mid and South Essex NHS", sector=Sector.HEALTH_AND_CARE, area="Essex"
    )
    other = Person.objects.create(
        first_name="Hana", last_name="Health", email="hana@example.org", organisation=health
    )
    chosen = Mentor.objects.create(programme=world.programme, person=other, expertise="budgets")
    url = reverse("mentoring:assign", args=[made.request.pk])
    response = world.client("staff").post(url, {"mentor": str(chosen.pk)})
    assert response.status_code == 302
    match = Match.objects.get()
    assert (match.mentor, match.by_hand) == (chosen, True)
    assert match.explanation.endswith("chosen by the programme team")
    # Running the matching again keeps the choice, although the alumnus fits better.
    world.client("staff").post(reverse("mentoring:run", args=[world.cohort.pk]))
    assert Match.objects.get().mentor == chosen


def test_a_request_without_areas_is_refused_and_nothing_is_saved(world: World) -> None:
    url = reverse("mentoring:ask", args=[world.cohort.pk])
    response = world.client("participant").post(url, {"needs": " , ", "help_with": "Budgets"})
    assert response.status_code == 400
    assert "Enter at least one area you want help with" in _text(response)
    assert not MentoringRequest.objects.exists()


def test_an_alumnus_volunteers_to_mentor(world: World) -> None:
    url = reverse("mentoring:volunteer", args=[world.programme.slug])
    client = world.client("alumnus")
    response = client.post(url, {"capacity": "2", "expertise": "", "available": "on"})
    assert response.status_code == 400
    assert "Enter what you could help with" in _text(response)
    assert not Mentor.objects.exists()
    response = client.post(
        url,
        {
            "capacity": "2",
            "expertise": "Commissioning,  partnership boards",
            "prefers_sectors": [Sector.HEALTH_AND_CARE],
            "available": "on",
        },
    )
    assert response.status_code == 302
    offer = Mentor.objects.get()
    assert (offer.person, offer.capacity) == (world.alumnus_person, 2)
    assert offer.expertise == "commissioning, partnership boards"


def test_a_participant_asks_for_a_mentor_and_names_one_in_their_chain(world: World) -> None:
    made = mentoring(world, introduced=False)
    made.match.delete()
    made.request.delete()
    url = reverse("mentoring:ask", args=[world.cohort.pk])
    page = _text(world.client("participant").get(url))
    assert "Alex Alumnus, ECC" in page
    response = world.client("participant").post(
        url,
        {
            "needs": "commissioning",
            "help_with": "Joint commissioning with the NHS",
            "chain": [str(world.alumnus_person.pk)],
        },
    )
    assert response.status_code == 302
    request = MentoringRequest.objects.get()
    assert list(request.chain.all()) == [world.alumnus_person]
    world.client("staff").post(reverse("mentoring:run", args=[world.cohort.pk]))
    assert not Match.objects.exists()
    assert "line management chain" in MentoringRequest.objects.get().unmatched_reason


def test_the_mentee_and_mentor_see_each_other_on_their_homes(world: World) -> None:
    mentoring(world)
    assert "Your mentor: Alex Alumnus" in _text(world.client("participant").get(reverse("home")))
    assert "Your mentee: Pat Participant" in _text(world.client("alumnus").get(reverse("home")))
    page = _text(world.client("alumnus").get(reverse("mentoring:mine")))
    assert "Setting up a joint commissioning board" in page


def test_an_alumnus_who_has_not_volunteered_is_asked_to(world: World) -> None:
    page = _text(world.client("alumnus").get(reverse("home")))
    assert "Mentor someone on Leading Greater Essex" in page


def test_either_person_can_end_a_match_and_a_rematch_keeps_the_other_pairs(world: World) -> None:
    made = mentoring(world)
    # A second pair, introduced, which the re-match must leave alone.
    health = Organisation.objects.create(
        name="Mid and South Essex NHS", sector=Sector.HEALTH_AND_CARE, area="Essex"
    )
    nurse = Person.objects.create(
        first_name="Nia", last_name="Nurse", email="nia@example.org", organisation=health
    )
    other_enrolment = world.cohort.enrolments.create(person=nurse)
    other_request = MentoringRequest.objects.create(
        enrolment=other_enrolment, needs="budgets", help_with="Budgets"
    )
    kept = Match.objects.create(
        request=other_request,
        mentor=made.mentor,
        status=MatchStatus.PUBLISHED,
        explanation="kept",
    )
    url = reverse("mentoring:not_working", args=[made.match.pk])
    assert "Check before you end this match" in _text(world.client("participant").get(url))
    assert Match.objects.get(pk=made.match.pk).status == MatchStatus.PUBLISHED
    response = world.client("participant").post(url, {"confirm": "yes", "reason": "No time"})
    assert response.status_code == 302
    ended = Match.objects.get(pk=made.match.pk)
    assert (ended.status, ended.ended_reason) == (MatchStatus.ENDED, "No time")

    world.client("staff").post(reverse("mentoring:run", args=[world.cohort.pk]))
    kept.refresh_from_db()
    assert kept.status == MatchStatus.PUBLISHED
    # The same two are never paired again, so the participant waits for another mentor.
    assert not Match.objects.filter(request=made.request, status=MatchStatus.PROPOSED).exists()
    assert "said the match" not in MentoringRequest.objects.get(pk=made.request.pk).unmatched_reason


def test_the_cohort_page_costs_the_same_queries_whatever_its_size(
    world: World, django_assert_num_queries: Any
) -> None:
    mentoring(world, introduced=False)
    client = world.client("staff")
    url = reverse("mentoring:cohort", args=[world.cohort.pk])
    client.get(url)
    counts = []
    for size in (0, 6):
        for i in range(size):
            org = Organisation.objects.create(
                name=f"Org {size}-{i}", sector=Sector.EDUCATION, area="Essex"
            )
            person = Person.objects.create(
                first_name="P", last_name=f"{size}-{i}", email=f"p{size}{i}@x.org", organisation=org
            )
            MentoringRequest.objects.create(
                enrolment=world.cohort.enrolments.create(person=person), needs="data", help_with="x"
            )
            Mentor.objects.create(programme=world.programme, person=person, expertise="data")
        with django_assert_num_queries(10) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]


def test_my_mentoring_page_costs_the_same_queries_whatever_the_number_of_mentees(
    world: World, django_assert_num_queries: Any
) -> None:
    made = mentoring(world)
    client = world.client("alumnus")
    url = reverse("mentoring:mine")
    counts = []
    for size in (0, 3):
        for i in range(size):
            org = Organisation.objects.create(
                name=f"Org {i}", sector=Sector.EDUCATION, area="Essex"
            )
            person = Person.objects.create(
                first_name="M", last_name=str(i), email=f"m{i}@x.org", organisation=org
            )
            request = MentoringRequest.objects.create(
                enrolment=world.cohort.enrolments.create(person=person), needs="data", help_with="x"
            )
            Match.objects.create(
                request=request, mentor=made.mentor, status=MatchStatus.PUBLISHED, explanation="e"
            )
        with django_assert_num_queries(10) as captured:
            page = _text(client.get(url))
        counts.append(len(captured.captured_queries))
    assert "Your mentees" in page
    assert counts[0] == counts[1]
