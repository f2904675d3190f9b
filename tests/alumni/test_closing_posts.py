"""The author of an ask or offer closes it once answered: it leaves the list and the weekly
email, takes no more replies, and stays open to its author and those who replied."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.alumni.digest import send_weekly
from commonground.alumni.models import Post, PostKind, Reply
from commonground.audit.models import AuditEntry
from tests.alumni.helpers import network
from tests.conftest import World

LIST = reverse("alumni:posts")


def test_the_author_closes_their_ask_after_a_check_page(world: World) -> None:
    post = network(world).post
    author = world.client("alumnus")
    page = author.get(post.get_absolute_url()).content.decode()
    close = reverse("alumni:post_close", args=[post.pk])
    assert f'href="{close}">Close this ask</a>' in page
    check = author.get(close).content.decode()
    assert "Check before you close this ask" in check
    assert "No one can reply to it any more" in check
    post.refresh_from_db()
    assert not post.is_closed
    done = author.post(close, {"confirm": "yes"})
    assert done["Location"] == post.get_absolute_url()
    post.refresh_from_db()
    assert post.is_closed
    assert AuditEntry.objects.get(action="alumni.post.closed").actor == world.users["alumnus"]
    assert post.title not in author.get(LIST).content.decode()
    assert "Closed by its author" in author.get(post.get_absolute_url()).content.decode()


def test_a_closed_post_stays_open_to_those_who_replied_and_takes_no_more_replies(
    world: World,
) -> None:
    post = network(world).post
    participant = world.client("participant")
    post.closed_at = timezone.now()
    post.save()
    assert participant.get(post.get_absolute_url()).status_code == 404
    assert post.title not in participant.get(LIST).content.decode()
    Reply.objects.create(post=post, author=world.participant_person, body="We did this.")
    page = participant.get(post.get_absolute_url())
    assert page.status_code == 200 and "Send your reply" not in page.content.decode()
    refused = participant.post(post.get_absolute_url(), {"body": "One more thing."})
    assert refused.status_code == 403
    assert Reply.objects.count() == 1 and not mail.outbox


def test_the_author_reopens_their_post_and_only_they_may_close_it(world: World) -> None:
    post = network(world).post
    post.closed_at = timezone.now()
    post.save()
    world.client("alumnus").post(reverse("alumni:post_reopen", args=[post.pk]))
    post.refresh_from_db()
    assert not post.is_closed
    assert AuditEntry.objects.filter(action="alumni.post.reopened").exists()
    close = reverse("alumni:post_close", args=[post.pk])
    for role in ("staff", "participant"):
        assert world.client(role).post(close, {"confirm": "yes"}).status_code == 403
    post.refresh_from_db()
    assert not post.is_closed


def test_a_closed_post_is_left_out_of_the_weekly_email(world: World) -> None:
    network(world)
    Post.objects.create(
        programme=world.programme,
        author=world.participant_person,
        kind=PostKind.OFFER,
        title="Mentoring on budgets",
        body="An hour a month.",
        closed_at=timezone.now(),
    )
    send_weekly()
    assert all("Mentoring on budgets" not in str(email.body) for email in mail.outbox)
