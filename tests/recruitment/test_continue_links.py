"""The emailed link to carry on with an application: it signs in once, only an account made for
applying alone, and a signed-out visitor can never attach a draft to someone else's account."""

from __future__ import annotations

import datetime as dt
import re

from allauth.mfa.models import Authenticator
from django.core import mail, signing
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from commonground.accounts.models import User
from commonground.directory.models import Band, Person
from commonground.programmes.models import ProgrammeRole, Role
from commonground.recruitment.models import Application, ContinueLink, Round
from tests.conftest import World
from tests.recruitment.fixtures import committed

NEW_EMAIL = "new.leader@example.org"


def _form(world: World, email: str) -> dict[str, object]:
    return {
        "first_name": "Nia",
        "last_name": "Newleader",
        "email": email,
        "organisation": world.organisation.pk,
        "job_title": "Director of Housing",
        "band": Band.DIRECTOR,
    }


def _start(client: Client, world: World, application_round: Round, email: str = NEW_EMAIL) -> str:
    with committed():
        response = client.post(
            reverse("recruitment:start", args=[application_round.pk]), _form(world, email)
        )
    assert response.status_code == 200
    # The page as a visitor reads it: the script nonce is fresh on every response.
    return re.sub(r' nonce="[^"]*"', "", response.content.decode())


def _link_in(message: mail.EmailMessage) -> str | None:
    found = re.search(r"http\S+(/apply/continue/\S+/)", str(message.body))
    return found.group(1) if found else None


def _signed_in_user(client: Client) -> int | None:
    user_id = client.session.get("_auth_user_id")
    return int(user_id) if user_id is not None else None


def _new_link(world: World, application_round: Round) -> tuple[Client, str]:
    client = Client()
    _start(client, world, application_round)
    [message] = mail.outbox
    link = _link_in(message)
    assert link is not None
    mail.outbox.clear()
    return client, link


def _staff_with_directory_email(world: World) -> Person:
    """Staff sign in as staff@example.org; their directory entry has another address."""
    return Person.objects.create(
        first_name="Stella",
        last_name="Staff",
        email="stella.staff@essex.gov.uk",
        organisation=world.organisation,
        job_title="Programme Director",
        band=Band.DIRECTOR,
        user=world.users["staff"],
    )


def test_opening_the_link_signs_no_one_in_until_continue_is_pressed(
    world: World, application_round: Round
) -> None:
    client, link = _new_link(world, application_round)
    page = client.get(link)
    assert page.status_code == 200
    assert "Continue to my application" in page.content.decode()
    assert _signed_in_user(client) is None
    followed = client.post(link, follow=True)
    assert "Your applications" in followed.content.decode()
    assert _signed_in_user(client) == User.objects.get(email=NEW_EMAIL).pk


def test_the_link_works_once(world: World, application_round: Round) -> None:
    client, link = _new_link(world, application_round)
    client.post(link)
    other = Client()
    again = other.post(link)
    assert again.status_code == 410
    assert "This link no longer works" in again.content.decode()
    assert _signed_in_user(other) is None


def test_the_link_runs_out_after_three_days(world: World, application_round: Round) -> None:
    client, link = _new_link(world, application_round)
    ContinueLink.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(link)
    assert response.status_code == 410
    assert _signed_in_user(client) is None


def test_starting_again_sends_a_new_link_to_the_same_draft_and_the_old_one_stops(
    world: World, application_round: Round
) -> None:
    client, old_link = _new_link(world, application_round)
    page = _start(client, world, application_round)
    assert "Check your email" in page
    [message] = mail.outbox
    new_link = _link_in(message)
    assert new_link is not None and new_link != old_link
    assert client.post(old_link).status_code == 410
    assert client.post(new_link).status_code == 302
    assert Application.objects.filter(person__email=NEW_EMAIL).count() == 1


def test_setting_a_password_ends_the_link(world: World, application_round: Round) -> None:
    client, link = _new_link(world, application_round)
    user = User.objects.get(email=NEW_EMAIL)
    user.set_password("a new password of my own")
    user.save()
    response = client.post(link)
    assert response.status_code == 403
    assert "Sign in to carry on" in response.content.decode()
    assert _signed_in_user(client) is None


def test_an_account_with_a_second_factor_or_a_role_is_never_signed_in_by_link(
    world: World, application_round: Round
) -> None:
    client, link = _new_link(world, application_round)
    user = User.objects.get(email=NEW_EMAIL)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    assert client.post(link).status_code == 403
    Authenticator.objects.filter(user=user).delete()
    ProgrammeRole.objects.create(programme=world.programme, user=user, role=Role.FACILITATOR)
    assert client.post(link).status_code == 403
    assert _signed_in_user(client) is None


def test_the_link_is_bound_to_the_address_it_was_sent_to(
    world: World, application_round: Round
) -> None:
    client, link = _new_link(world, application_round)
    Person.objects.filter(email=NEW_EMAIL).update(email="someone.else@example.org")
    assert client.post(link).status_code == 410
    assert _signed_in_user(client) is None


def test_a_link_signed_with_the_site_key_no_longer_signs_anyone_in(
    world: World, application_round: Round
) -> None:
    forged = signing.dumps({"user": world.users["admin"].pk}, salt="recruitment.continue")
    client = Client()
    url = reverse("recruitment:continue", args=[forged])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert _signed_in_user(client) is None


def test_a_staff_members_directory_email_gets_no_draft_and_no_sign_in_link(
    world: World, application_round: Round
) -> None:
    staff = _staff_with_directory_email(world)
    new_visitor = _start(Client(), world, application_round)
    mail.outbox.clear()
    attacker = Client()
    page = _start(attacker, world, application_round, email=staff.email)
    # The visitor learns nothing: the same page as for an address no one has used.
    assert page.replace(staff.email, NEW_EMAIL) == new_visitor
    assert not Application.objects.filter(person=staff).exists()
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert _link_in(message) is None
    assert "sign in first and then apply" in str(message.body)
    assert ContinueLink.objects.filter(application__person=staff).count() == 0
    assert _signed_in_user(attacker) is None


def test_someone_who_has_applied_is_answered_like_anyone_else(
    world: World, application_round: Round
) -> None:
    first = _start(Client(), world, application_round)
    applicant = User.objects.get(email=NEW_EMAIL)
    applicant.set_password("my own password")
    applicant.save()
    mail.outbox.clear()
    again = _start(Client(), world, application_round)
    assert again == first
    [message] = mail.outbox
    assert _link_in(message) is None
    assert "You have already applied this year" in str(message.body)


def test_nominating_the_administrator_sends_no_sign_in_link(
    world: World, application_round: Round
) -> None:
    admin = world.users["admin"]
    with committed():
        response = world.client("sponsor").post(
            reverse("recruitment:nominate", args=[application_round.pk]),
            _form(world, admin.email),
            follow=True,
        )
    assert response.status_code == 200
    [message] = mail.outbox
    assert message.to == [admin.email]
    assert _link_in(message) is None
    assert "sign in with your password and second factor" in str(message.body)
    assert not ContinueLink.objects.exists()


def test_nominating_an_account_whose_person_has_another_email_attaches_to_that_person(
    world: World, application_round: Round
) -> None:
    staff = _staff_with_directory_email(world)
    response = world.client("sponsor").post(
        reverse("recruitment:nominate", args=[application_round.pk]),
        _form(world, world.users["staff"].email),
        follow=True,
    )
    assert response.status_code == 200
    assert (
        Application.objects.get(round=application_round, person=staff).nominated_by
        == world.sponsor_person
    )


def test_nominating_someone_who_has_applied_looks_the_same_to_the_nominator(
    world: World, application_round: Round
) -> None:
    _start(Client(), world, application_round)
    mail.outbox.clear()
    with committed():
        response = world.client("sponsor").post(
            reverse("recruitment:nominate", args=[application_round.pk]),
            _form(world, NEW_EMAIL),
            follow=True,
        )
    assert "We have emailed Nia Newleader about your nomination" in response.content.decode()
    [message] = mail.outbox
    assert "You have already applied this year" in str(message.body)
    assert Application.objects.filter(person__email=NEW_EMAIL).count() == 1


def test_the_request_itself_writes_nothing_so_its_timing_tells_nothing(
    world: World, application_round: Round
) -> None:
    with TestCase.captureOnCommitCallbacks(execute=False) as waiting:
        response = Client().post(
            reverse("recruitment:start", args=[application_round.pk]), _form(world, NEW_EMAIL)
        )
    assert "Check your email" in response.content.decode()
    # The account, the draft and the email are made by a background task after the request.
    assert not User.objects.filter(email=NEW_EMAIL).exists()
    assert len(waiting) == 1
    waiting[0]()
    assert User.objects.filter(email=NEW_EMAIL).exists()
    assert Application.objects.filter(person__email=NEW_EMAIL).count() == 1


def test_starting_again_and_again_for_one_address_is_slowed_down(
    world: World, application_round: Round
) -> None:
    client = Client()
    for _ in range(5):
        assert "Check your email" in _start(client, world, application_round)
    mail.outbox.clear()
    with committed():
        refused = client.post(
            reverse("recruitment:start", args=[application_round.pk]), _form(world, NEW_EMAIL)
        )
    assert "Too many attempts" in refused.content.decode()
    assert mail.outbox == []


def test_someone_who_applied_without_an_account_is_told_so_by_email(
    world: World, application_round: Round
) -> None:
    person = Person.objects.create(
        first_name="Sunil",
        last_name="Price",
        email="sunil.price@example.org",
        organisation=world.organisation,
        job_title="Head of Service",
        band=Band.DIRECTOR,
    )
    Application.objects.create(
        round=application_round, person=person, organisation=world.organisation
    )
    page = _start(Client(), world, application_round, email="sunil.price@example.org")
    assert "Check your email" in page
    [message] = mail.outbox
    assert message.to == ["sunil.price@example.org"]
    assert "You have already applied this year" in str(message.body)
    assert _link_in(message) is None
    assert Application.objects.filter(person=person).count() == 1
