"""Asks and offers: members post, others reply privately and the poster is emailed, staff hide."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from commonground.alumni.models import Post, PostKind, Reply
from commonground.audit.models import AuditEntry
from commonground.directory.models import Band, Person
from commonground.programmes.models import Enrolment, EnrolmentStatus
from tests.alumni.helpers import network
from tests.conftest import World


def test_an_alumnus_posts_an_ask(world: World) -> None:
    response = world.client("alumnus").post(
        reverse("alumni:post_new"),
        {
            "programme": world.programme.pk,
            "kind": PostKind.ASK,
            "title": "Anyone who has pooled a budget with the police?",
            "body": "For a community safety hub.",
        },
        follow=True,
    )
    post = Post.objects.get()
    assert post.author == world.alumnus_person and post.programme == world.programme
    assert "Your ask is posted" in response.content.decode()
    assert AuditEntry.objects.filter(action="alumni.post.created").exists()


def test_a_post_needs_a_title_and_its_detail(world: World) -> None:
    response = world.client("alumnus").post(
        reverse("alumni:post_new"), {"programme": world.programme.pk, "kind": PostKind.ASK}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say in a line what you are asking or offering." in page
    assert "Give the detail of your ask or offer." in page
    assert not Post.objects.exists()


def test_a_post_goes_only_to_a_programme_of_ones_own(world: World) -> None:
    response = world.client("alumnus").post(
        reverse("alumni:post_new"),
        {"programme": world.other_programme.pk, "kind": "ask", "title": "x", "body": "y"},
    )
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_a_reply_is_emailed_to_the_poster_and_kept_private(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    post = network(world).post
    url = reverse("alumni:post", args=[post.pk])
    with django_capture_on_commit_callbacks(execute=True):
        with_reply = world.client("participant").post(url, {"body": "We did this with the ICB."})
    assert with_reply.status_code == 302
    [email] = mail.outbox
    assert email.to == ["alex.alumnus@example.org"]
    assert email.reply_to == ["pat.participant@example.org"]
    assert "We did this with the ICB." in str(email.body)
    assert post.title in email.subject
    # The poster and staff read it; another member does not.
    assert "We did this with the ICB." in world.client("alumnus").get(url).content.decode()
    assert "We did this with the ICB." in world.client("staff").get(url).content.decode()
    other = Person.objects.create(
        first_name="Olive", last_name="Other", email="olive@example.org", band=Band.HEAD_OF_SERVICE
    )
    Enrolment.objects.create(
        person=other, cohort=world.past_cohort, status=EnrolmentStatus.COMPLETED
    )
    other.user = world.users["outsider"]
    world.outsider_person.user = None
    world.outsider_person.save()
    other.save()
    page = world.client("outsider").get(url).content.decode()
    assert "We did this with the ICB." not in page
    assert "Replies are private" in page


def test_an_empty_reply_is_refused(world: World) -> None:
    post = network(world).post
    response = world.client("participant").post(reverse("alumni:post", args=[post.pk]), {})
    assert response.status_code == 400
    assert "Write your reply." in response.content.decode()
    assert not Reply.objects.exists() and not mail.outbox


def test_staff_hide_a_post_with_a_reason_and_the_network_no_longer_sees_it(world: World) -> None:
    post = network(world).post
    response = world.client("staff").post(
        reverse("alumni:post_hide", args=[post.pk]), {"reason": "Personal details in it"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Personal details in it"
    entry = AuditEntry.objects.get(action="alumni.post.hidden")
    assert entry.actor == world.users["staff"]
    assert world.client("participant").get(post.get_absolute_url()).status_code == 404
    author_page = world.client("alumnus").get(post.get_absolute_url()).content.decode()
    assert "Personal details in it" in author_page
    world.client("staff").post(reverse("alumni:post_show", args=[post.pk]))
    assert world.client("participant").get(post.get_absolute_url()).status_code == 200


def test_hiding_needs_a_reason(world: World) -> None:
    post = network(world).post
    response = world.client("staff").post(reverse("alumni:post_hide", args=[post.pk]), {})
    assert response.status_code == 400
    assert "Say why the post is hidden." in response.content.decode()
    post.refresh_from_db()
    assert not post.is_hidden


@pytest.mark.parametrize("extra", [2, 25])
def test_the_list_takes_a_fixed_number_of_queries(
    world: World, django_assert_num_queries: Any, extra: int
) -> None:
    for n in range(extra):
        Post.objects.create(
            programme=world.programme,
            author=world.alumnus_person,
            kind=PostKind.OFFER,
            title=f"Offer {n}",
            body="Help",
        )
    client = world.client("participant")
    with django_assert_num_queries(9):
        response = client.get(reverse("alumni:posts"))
    assert response.context["page"].paginator.count == extra
