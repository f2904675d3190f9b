"""Completion, the sponsor notice, withdrawal and deferral go through the check page: nothing is
sent or saved until its button is pressed; early completion and withdrawing a completion need a
reason, and the history keeps both."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.audit.log import history
from commonground.programmes.models import (
    Certificate,
    Cohort,
    CompletionRules,
    Enrolment,
    EnrolmentStatus,
)
from tests.conftest import World

# The check page after ticking, and the completion page sent back with nothing ticked.
CHECK_PAGE_QUERIES = 19
COMPLETION_QUERIES = 13


def _meets_the_rules(world: World) -> None:
    """No challenge rule and no counted activities held: Pat meets the rules."""
    CompletionRules.objects.create(
        programme=world.programme, challenge_presented=False, minimum_attendance=0
    )


def _confirm_url(world: World) -> str:
    return reverse("programmes:completion_confirm", args=[world.cohort.pk])


def _complete(world: World, *, follow: bool = False) -> Any:
    _meets_the_rules(world)
    return world.client("staff").post(
        _confirm_url(world),
        {"enrolments": [world.enrolment.pk], "confirm": "yes", "early_reason": "Moving abroad"},
        follow=follow,
    )


def test_ticking_shows_the_check_page_and_confirms_no_one(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    _meets_the_rules(world)
    with django_capture_on_commit_callbacks(execute=True):
        page = world.client("staff").post(_confirm_url(world), {"enrolments": [world.enrolment.pk]})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Check before you confirm completion of 1 participant" in text
    assert "Pat Participant" in text and "certificate of completion dated" in text
    # The email each of them gets, with its subject and text.
    assert "Pat Participant &lt;pat.participant@example.org&gt;" in text
    assert "You have completed Leading Greater Essex" in text
    assert f'<input type="hidden" name="enrolments" value="{world.enrolment.pk}">' in text
    assert 'name="confirm" value="yes"' in text
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == EnrolmentStatus.ACTIVE
    assert not Certificate.objects.exists() and not mail.outbox


def test_confirming_emails_each_completer_their_certificate(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _complete(world, follow=True)
    assert "1 participant completed" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["pat.participant@example.org"]]
    assert mail.outbox[0].subject == "You have completed Leading Greater Essex"
    assert f"/enrolments/{world.enrolment.pk}/certificate.pdf" in mail.outbox[0].body


def test_completing_before_the_end_date_is_refused_without_a_reason(world: World) -> None:
    _meets_the_rules(world)
    refused = world.client("staff").post(
        _confirm_url(world), {"enrolments": [world.enrolment.pk], "confirm": "yes"}
    )
    assert refused.status_code == 400
    assert "Give a reason for confirming completion before the cohort ends." in (
        refused.content.decode()
    )
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == EnrolmentStatus.ACTIVE
    assert not Certificate.objects.exists()


def test_an_early_completions_reason_is_kept_in_the_history(world: World) -> None:
    _complete(world)
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == EnrolmentStatus.COMPLETED
    entry = history(world.enrolment).get(action="programmes.enrolment.completed")
    assert entry.actor == world.users["staff"]
    assert "Moving abroad" in entry.changes["leaving_reason"][1]
    assert "before the cohort's end date" in entry.changes["leaving_reason"][1]


def test_after_the_end_date_no_reason_is_asked(world: World) -> None:
    _meets_the_rules(world)
    Cohort.objects.filter(pk=world.cohort.pk).update(
        ends_on=timezone.localdate() - dt.timedelta(days=1)
    )
    client = world.client("staff")
    check = client.post(_confirm_url(world), {"enrolments": [world.enrolment.pk]})
    assert "early_reason" not in check.content.decode()
    client.post(_confirm_url(world), {"enrolments": [world.enrolment.pk], "confirm": "yes"})
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == EnrolmentStatus.COMPLETED


def _withdraw_url(world: World) -> str:
    return reverse("programmes:completion_withdraw", args=[world.enrolment.pk])


def test_withdrawing_a_completion_needs_a_reason_and_keeps_the_history(world: World) -> None:
    _complete(world)
    certificate = Certificate.objects.get(enrolment=world.enrolment)
    client = world.client("staff")
    check = client.get(_withdraw_url(world)).content.decode()
    assert "Check before you withdraw Pat Participant&#x27;s completion" in check
    assert "Completed to active" in check
    refused = client.post(_withdraw_url(world), {"confirm": "yes", "reason": ""})
    assert refused.status_code == 400
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == EnrolmentStatus.COMPLETED

    client.post(_withdraw_url(world), {"confirm": "yes", "reason": "Confirmed by mistake"})
    world.enrolment.refresh_from_db()
    # Back to what it was before completion.
    assert world.enrolment.status == EnrolmentStatus.ACTIVE
    assert world.enrolment.left_on is None and world.enrolment.leaving_reason == ""
    # The certificate is kept, marked withdrawn, with who, when and why.
    certificate.refresh_from_db()
    assert certificate.enrolment is None and certificate.withdrawn_from == world.enrolment
    assert certificate.withdrawn_by == world.users["staff"]
    assert certificate.withdrawal_reason == "Confirmed by mistake"
    actions = set(history(world.enrolment).values_list("action", flat=True))
    assert {"programmes.enrolment.completed", "programmes.enrolment.completion_withdrawn"} <= (
        actions
    )
    withdrawn = history(certificate).get(action="programmes.certificate.withdrawn")
    assert withdrawn.changes["withdrawal_reason"] == ["", "Confirmed by mistake"]


def test_a_withdrawn_certificate_says_so_and_its_pdf_is_gone(world: World) -> None:
    _complete(world)
    certificate = Certificate.objects.get(enrolment=world.enrolment)
    world.client("staff").post(_withdraw_url(world), {"confirm": "yes", "reason": "Mistake"})
    page = world.client("anonymous").get(certificate.get_absolute_url())
    text = page.content.decode()
    assert f"This certificate was withdrawn on {timezone.localdate():%-d %B %Y}" in text
    assert "This certificate is valid" not in text and "Pat Participant" in text
    pdf = world.client("participant").get(
        reverse("programmes:certificate_pdf", args=[world.enrolment.pk])
    )
    assert pdf.status_code == 410 and pdf["Content-Type"].startswith("text/html")
    assert "was withdrawn on" in pdf.content.decode()


def test_completing_again_after_a_withdrawal_gives_a_new_certificate(world: World) -> None:
    _complete(world)
    first = Certificate.objects.get(enrolment=world.enrolment)
    world.client("staff").post(_withdraw_url(world), {"confirm": "yes", "reason": "Mistake"})
    world.client("staff").post(
        _confirm_url(world),
        {"enrolments": [world.enrolment.pk], "confirm": "yes", "early_reason": "Done now"},
    )
    second = Certificate.objects.get(enrolment=world.enrolment)
    assert second.code != first.code
    assert "withdrawn" in (world.client("anonymous").get(first.get_absolute_url()).content.decode())
    assert "This certificate is valid" in (
        world.client("anonymous").get(second.get_absolute_url()).content.decode()
    )


def test_the_sponsor_is_not_emailed_until_confirmed(world: World) -> None:
    url = reverse("programmes:notify_sponsor", args=[world.enrolment.pk])
    client = world.client("staff")
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert not mail.outbox
    assert not history(world.enrolment).filter(action="programmes.enrolment.sponsor_notified")
    response = client.post(url, {"confirm": "yes"}, follow=True)
    assert "Sam Sponsor has been told about Pat Participant" in response.content.decode()
    assert len(mail.outbox) == 1


def test_withdrawing_an_enrolment_waits_for_the_check_page(world: World) -> None:
    url = reverse("programmes:enrolment_withdraw", args=[world.enrolment.pk])
    client = world.client("staff")
    check = client.get(url).content.decode()
    assert "Check before you withdraw Pat Participant" in check
    assert "Active to withdrawn" in check
    client.post(url, {"reason": "New job"})
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == EnrolmentStatus.ACTIVE
    refused = client.post(url, {"confirm": "yes", "reason": ""})
    assert refused.status_code == 400
    assert "Enter why they are withdrawing." in refused.content.decode()
    client.post(url, {"confirm": "yes", "reason": "New job"})
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == EnrolmentStatus.WITHDRAWN


def test_deferring_names_the_later_cohort_before_it_acts(world: World) -> None:
    later = Cohort.objects.create(
        programme=world.programme,
        name="2027/28",
        starts_on=world.cohort.starts_on + dt.timedelta(days=365),
        ends_on=world.cohort.ends_on + dt.timedelta(days=365),
    )
    url = reverse("programmes:enrolment_defer", args=[world.enrolment.pk])
    client = world.client("staff")
    check = client.post(url, {"cohort": later.pk}).content.decode()
    assert "Check before you defer Pat Participant" in check
    assert "Leading Greater Essex 2027/28 as an active participant" in check
    assert f'<input type="hidden" name="cohort" value="{later.pk}">' in check
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == EnrolmentStatus.ACTIVE
    client.post(url, {"cohort": later.pk, "confirm": "yes"})
    assert Enrolment.objects.get(pk=world.enrolment.pk).status == EnrolmentStatus.DEFERRED


def test_the_enrolment_form_cannot_quietly_undo_a_certified_completion(world: World) -> None:
    _complete(world)
    response = world.client("staff").post(
        reverse("programmes:enrolment_edit", args=[world.enrolment.pk]),
        {"status": "active", "left_on": "", "sponsor": world.sponsor_person.pk},
    )
    assert "use “Withdraw completion” on the cohort&#x27;s completion page" in (
        response.content.decode()
    )
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == EnrolmentStatus.COMPLETED
    assert Certificate.objects.get(enrolment=world.enrolment).withdrawn_at is None


def test_the_completion_check_page_costs_the_same_whatever_the_numbers(
    world: World, grow: Any, django_assert_num_queries: Any
) -> None:
    client = world.client("staff")
    url = _confirm_url(world)
    client.post(url, {"enrolments": [world.enrolment.pk]})  # fills Django's caches
    for enrolments, activities, tag in ((3, 2, ""), (40, 12, "more")):
        grow(enrolments, activities, tag=tag)
        active = list(
            Enrolment.objects.filter(
                cohort=world.cohort, status=EnrolmentStatus.ACTIVE
            ).values_list("pk", flat=True)
        )
        for page, data in ((url, {"enrolments": active}), (url, {})):
            with django_assert_num_queries(CHECK_PAGE_QUERIES if data else COMPLETION_QUERIES):
                assert client.post(page, data).status_code in (200, 400)


def test_cancel_goes_back_to_the_completion_page_with_the_same_people_ticked(
    world: World,
) -> None:
    # Pat does not meet the rules, so the completion page leaves Pat unticked unless chosen.
    client = world.client("staff")
    box = f'value="{world.enrolment.pk}" id="confirm-{world.enrolment.pk}"'
    completion = client.get(reverse("programmes:completion", args=[world.cohort.pk]))
    assert f"{box}>" in completion.content.decode()
    check = client.post(_confirm_url(world), {"enrolments": [world.enrolment.pk]})
    back = reverse("programmes:completion", args=[world.cohort.pk])
    cancel = f"{back}?enrolments={world.enrolment.pk}"
    assert f'href="{cancel}"' in check.content.decode()
    assert f"{box} checked>" in client.get(cancel).content.decode()
