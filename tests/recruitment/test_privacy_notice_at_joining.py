"""A person who accepts their place reads the career record's privacy notice on the offer page and
answers it there, once; people who joined without it are asked on their home page until they do."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.directory.career import NOTICE_VERSION
from commonground.directory.models import CareerChoice
from commonground.programmes.models import Enrolment
from commonground.recruitment.models import Application, Status
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant, signed_in

NOTICE = "What we keep and why"


def _offered(make_applicant: MakeApplicant) -> Application:
    application = make_applicant(status=Status.OFFERED)
    application.offer_deadline = timezone.now() + dt.timedelta(days=3)
    application.save()
    return application


def test_the_offer_page_shows_the_notice_and_its_question(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = _offered(make_applicant)
    page = signed_in(application).get(reverse("recruitment:offer", args=[application.pk]))
    html = page.content.decode()
    assert NOTICE in html
    assert "We keep your record whatever you choose below" in html
    assert "May we ask you once a year, after the programme, whether your role has changed?" in html


def test_accepting_records_the_choice_with_the_notice_version(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = _offered(make_applicant)
    client = signed_in(application)
    client.post(
        reverse("recruitment:offer", args=[application.pk]),
        {"decision": "accept", "follow_up": "no"},
    )
    choice = CareerChoice.objects.get(person=application.person)
    assert (choice.follow_up, choice.notice_version) == (False, NOTICE_VERSION)
    assert AuditEntry.objects.filter(action="directory.careerchoice.created").count() == 1


def test_accepting_without_answering_the_notice_changes_nothing_and_says_why(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = _offered(make_applicant)
    response = signed_in(application).post(
        reverse("recruitment:offer", args=[application.pk]), {"decision": "accept"}
    )
    assert response.status_code == 400
    assert "Choose whether we may ask you once a year about your role" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.OFFERED
    assert not Enrolment.objects.filter(person=application.person).exists()
    assert not CareerChoice.objects.exists()


def test_declining_needs_no_answer_to_the_notice(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = _offered(make_applicant)
    response = signed_in(application).post(
        reverse("recruitment:offer", args=[application.pk]), {"decision": "decline"}
    )
    assert response.status_code == 302
    assert not CareerChoice.objects.exists()


def test_a_new_participant_sees_the_notice_once_and_never_again(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = _offered(make_applicant)
    client = signed_in(application)
    offer = reverse("recruitment:offer", args=[application.pk])
    assert NOTICE in client.get(offer).content.decode()
    client.post(offer, {"decision": "accept", "follow_up": "yes"})
    assert Enrolment.objects.filter(person=application.person).exists()
    assert NOTICE not in client.get(offer).content.decode()
    assert NOTICE not in client.get(reverse("home")).content.decode()


def test_someone_who_joined_without_it_answers_on_their_home_page_once(world: World) -> None:
    client = world.client("participant")
    home = client.get(reverse("home")).content.decode()
    assert NOTICE in home
    response = client.post(
        reverse("directory:my_career_choice"), {"follow_up": "yes", "back": "home"}, follow=True
    )
    assert (
        "Your choice is recorded. You can change it on your career record after the programme."
        in (response.content.decode())
    )
    assert CareerChoice.objects.get(person=world.participant_person).follow_up
    assert NOTICE not in client.get(reverse("home")).content.decode()


def test_a_choice_left_unanswered_on_the_home_page_answers_400(world: World) -> None:
    response = world.client("participant").post(
        reverse("directory:my_career_choice"), {"back": "home"}
    )
    assert response.status_code == 400
    assert "Choose whether we may ask you once a year about your role" in response.content.decode()
    assert not CareerChoice.objects.exists()


def test_people_with_no_place_in_a_programme_are_not_asked(world: World) -> None:
    assert NOTICE not in world.client("sponsor").get(reverse("home")).content.decode()
    response = world.client("sponsor").post(
        reverse("directory:my_career_choice"), {"follow_up": "yes"}
    )
    assert response.status_code == 404
