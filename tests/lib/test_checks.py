"""The check page shows who is emailed what and posts the choices back; only its button acts."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from commonground.lib.checks import Check, EmailPreview, carried, confirmed, render_check


class Reason(forms.Form):
    reason = forms.CharField(label="Why now")


def check(**extra: object) -> Check:
    return Check(
        title="Check before you send the offers",
        caption="Leading Greater Essex 2027",
        confirm_label="Send 2 offers",
        back_url="/recruitment/1/",
        rows=[("Offers", "Ada Lovelace\nGrace Hopper")],
        emails=[
            EmailPreview(
                "Offer of a place",
                ["Ada Lovelace", "Grace Hopper"],
                "Your place",
                "Dear Ada,\n\nWelcome.",
            )
        ],
        **extra,  # type: ignore[arg-type]
    )


def request(method: str = "get", data: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    made = getattr(RequestFactory(), method)("/x/", data or {})
    made.user = AnonymousUser()
    return made


@pytest.mark.django_db
def test_the_check_page_names_each_recipient_and_shows_the_email_text() -> None:
    page = render_check(request(), check()).content.decode()
    assert "Check before you send the offers" in page
    assert "Offer of a place: 2 people" in page
    assert "Grace Hopper" in page and "Your place" in page and "Welcome." in page
    assert 'name="confirm" value="yes"' in page


@pytest.mark.django_db
def test_the_choices_made_before_the_check_are_posted_again() -> None:
    chosen = request("post", {"enrolments": ["4", "7"], "csrfmiddlewaretoken": "x"})
    page = render_check(chosen, check(carry=carried(chosen, "enrolments"))).content.decode()
    assert '<input type="hidden" name="enrolments" value="4">' in page
    assert '<input type="hidden" name="enrolments" value="7">' in page


@pytest.mark.django_db
def test_a_missing_reason_is_an_error_on_the_check_page() -> None:
    posted = request("post", {"confirm": "yes"})
    form = Reason(posted.POST)
    assert not form.is_valid()
    response = render_check(posted, check(form=form))
    assert response.status_code == 400
    assert "Error: Check before" in response.content.decode()


def test_only_the_check_pages_button_acts() -> None:
    assert not confirmed(request())
    assert not confirmed(request("post", {"enrolments": ["4"]}))
    assert confirmed(request("post", {"confirm": "yes"}))


@pytest.mark.django_db
def test_nothing_to_do_offers_no_button() -> None:
    page = render_check(
        request(), check(nothing_to_do="No one is waiting for an offer.")
    ).content.decode()
    assert "No one is waiting for an offer." in page
    assert 'name="confirm"' not in page
