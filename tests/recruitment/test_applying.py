"""Applying: an account from an email, drafts, sending, and every refusal changing nothing."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import User
from commonground.directory.models import Band
from commonground.recruitment.models import Application, Endorsement, Round, Status
from tests.conftest import World
from tests.recruitment.conftest import MakeApplicant, signed_in
from tests.recruitment.fixtures import committed


def _start(world: World, application_round: Round, email: str = "new.leader@example.org") -> object:
    with committed():
        return world.client("anonymous").post(
            reverse("recruitment:start", args=[application_round.pk]),
            {
                "first_name": "Nia",
                "last_name": "Newleader",
                "email": email,
                "organisation": world.organisation.pk,
                "job_title": "Director of Housing",
                "band": Band.DIRECTOR,
            },
        )


def test_the_public_page_lists_open_rounds_to_anyone(
    world: World, application_round: Round
) -> None:
    response = world.client("anonymous").get(reverse("recruitment:rounds"))
    assert response.status_code == 200
    assert "Leading Greater Essex 2027/28" in response.content.decode()


def test_starting_makes_an_account_and_emails_a_link_that_signs_in(
    world: World, application_round: Round
) -> None:
    response = _start(world, application_round)
    assert "Check your email" in response.content.decode()  # type: ignore[attr-defined]
    application = Application.objects.get(person__email="new.leader@example.org")
    assert application.status == Status.DRAFT
    assert User.objects.filter(email="new.leader@example.org", is_active=True).exists()
    [message] = mail.outbox
    link = re.search(r"http\S+/apply/continue/\S+/", str(message.body))
    assert link is not None
    client = world.client("anonymous")
    path = link.group(0).split("127.0.0.1:8000")[-1]
    assert "Continue to my application" in client.get(path).content.decode()
    followed = client.post(path, follow=True)
    assert "Your applications" in followed.content.decode()
    assert "Leading Greater Essex 2027/28" in followed.content.decode()


def test_a_late_application_is_refused_and_nothing_is_made(
    world: World, application_round: Round
) -> None:
    application_round.closes_at = timezone.now() - dt.timedelta(minutes=1)
    application_round.save()
    response = _start(world, application_round)
    body = response.content.decode()  # type: ignore[attr-defined]
    assert "late applications cannot be accepted" in body
    assert not Application.objects.filter(
        round=application_round, person__email="new.leader@example.org"
    )
    assert not User.objects.filter(email="new.leader@example.org").exists()
    assert mail.outbox == []


def test_a_second_application_from_the_same_person_is_refused(
    world: World, application_round: Round
) -> None:
    _start(world, application_round)
    mail.outbox.clear()
    response = _start(world, application_round, email="NEW.leader@example.org")
    # The page is the same as for a first application; the email explains.
    assert "Check your email" in response.content.decode()  # type: ignore[attr-defined]
    [message] = mail.outbox
    assert "/apply/continue/" in str(message.body), "a new link to the same draft"
    user = User.objects.get(email="new.leader@example.org")
    client = world.client("anonymous")
    client.force_login(user)
    response = client.post(
        reverse("recruitment:start", args=[application_round.pk]),
        {
            "first_name": "Nia",
            "last_name": "Newleader",
            "organisation": world.organisation.pk,
            "job_title": "Director",
            "band": Band.DIRECTOR,
        },
    )
    assert "has already applied for Leading Greater Essex 2027/28" in response.content.decode()
    assert (
        Application.objects.filter(round=application_round)
        .exclude(person__email="pat.participant@example.org")
        .count()
        == 1
    )


def test_someone_outside_the_eligible_bands_is_told_why(
    world: World, application_round: Round
) -> None:
    application_round.eligible_bands = [Band.DIRECTOR, Band.ASSISTANT_DIRECTOR]
    application_round.save()
    response = world.client("anonymous").post(
        reverse("recruitment:start", args=[application_round.pk]),
        {
            "first_name": "Sam",
            "last_name": "Junior",
            "email": "sam.junior@example.org",
            "organisation": world.organisation.pk,
            "job_title": "Officer",
            "band": Band.OTHER,
        },
    )
    assert "seniority bands: director, assistant director" in response.content.decode()
    assert not Application.objects.filter(person__email="sam.junior@example.org").exists()


def _draft(world: World, make_applicant: MakeApplicant) -> Application:
    application = make_applicant(status=Status.DRAFT, first="Dana")
    application.sponsor_name = application.sponsor_email = ""
    application.save()
    return application


def _form(application_round: Round, **extra: str) -> dict[str, str]:
    data = {f"answer_{i}": "My answer" for i in range(len(application_round.questions))}
    data |= {f"statement_{i}": "My statement" for i in range(len(application_round.criteria))}
    data |= {"consent": "on", "challenge_0": "1", **extra}
    return data


def test_a_draft_saves_and_comes_back(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    application = _draft(world, make_applicant)
    client = signed_in(application)
    url = reverse("recruitment:application", args=[application.pk])
    response = client.post(
        url, {**_form(application_round), "answer_0": "Half written", "action": "save"}, follow=True
    )
    assert "Your draft is saved." in response.content.decode()
    assert "Half written" in client.get(url).content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert application.challenge_ranking == ["Hospital discharge"]


def test_an_application_without_a_sponsor_is_not_sent(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    application = _draft(world, make_applicant)
    client = signed_in(application)
    response = client.post(
        reverse("recruitment:application", args=[application.pk]),
        {**_form(application_round), "action": "submit"},
    )
    assert "without a sponsor the application is incomplete" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert not Endorsement.objects.filter(application=application).exists()
    assert mail.outbox == []


def test_sending_asks_the_sponsor_through_a_personal_link(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    application = _draft(world, make_applicant)
    client = signed_in(application)
    with committed():
        response = client.post(
            reverse("recruitment:application", args=[application.pk]),
            {
                **_form(application_round),
                "sponsor_name": "Sam Sponsor",
                "sponsor_email": "sam.sponsor@example.org",
                "action": "submit",
            },
            follow=True,
        )
    assert "We have asked Sam Sponsor to endorse it." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.endorsement.sponsor == world.sponsor_person
    sponsor_mail = next(m for m in mail.outbox if m.to == ["sam.sponsor@example.org"])
    assert "/endorse/" in sponsor_mail.body
    assert sponsor_mail.subject.startswith("Please endorse Dana Test's application")


def test_a_submitted_application_can_be_withdrawn_before_the_close(
    world: World, make_applicant: MakeApplicant
) -> None:
    application = make_applicant(status=Status.SUBMITTED)
    client = signed_in(application)
    client.post(reverse("recruitment:withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


def test_after_the_close_withdrawing_is_refused_with_a_reason(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    application = make_applicant(status=Status.ENDORSED)
    application_round.closes_at = timezone.now() - dt.timedelta(hours=1)
    application_round.save()
    client = signed_in(application)
    response = client.post(reverse("recruitment:withdraw", args=[application.pk]))
    assert response.status_code == 400
    assert "contact the programme team to withdraw now" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.ENDORSED


def test_a_senior_leader_nominates_someone_who_is_invited(
    world: World, application_round: Round
) -> None:
    with committed():
        response = world.client("sponsor").post(
            reverse("recruitment:nominate", args=[application_round.pk]),
            {
                "first_name": "Rae",
                "last_name": "Rising",
                "email": "rae.rising@example.org",
                "organisation": world.organisation.pk,
                "job_title": "Head of Commissioning",
                "band": Band.HEAD_OF_SERVICE,
            },
            follow=True,
        )
    assert "We have emailed Rae Rising about your nomination" in response.content.decode()
    application = Application.objects.get(person__email="rae.rising@example.org")
    assert application.nominated_by == world.sponsor_person
    assert application.sponsor_email == world.sponsor_person.email
    [invitation] = mail.outbox
    assert invitation.to == ["rae.rising@example.org"]
    assert "Sam Sponsor has nominated you" in invitation.subject
