"""What the alumni network holds about a person, for the subject access export."""

from __future__ import annotations

from typing import Any

from commonground.directory.models import Person
from commonground.lib.personal_data import Holding, Row, register

from .models import DigestSent, Post, Profile, Reply, Rsvp

PURPOSE = "To keep alumni in touch with one another and with the programme."


def _profile(person: Person) -> list[Row]:
    profiles = Profile.objects.filter(person=person).prefetch_related("expertise")
    return [
        {
            "Listed in the alumni directory": profile.listed,
            "Works on": profile.works_on,
            "Expertise": [tag.name for tag in profile.expertise.all()],
            "Places": profile.places,
            "Offers": profile.offers,
            "Looking for": profile.looking_for,
            "Who sees what": {
                "works on": profile.works_on_visibility,
                "expertise": profile.expertise_visibility,
                "places": profile.places_visibility,
                "offers": profile.offers_visibility,
                "looking for": profile.looking_for_visibility,
                "email": profile.email_visibility,
            },
            "Weekly digest": profile.digest,
            "Updated": profile.updated_at,
        }
        for profile in profiles
    ]


def _posts(person: Person) -> list[Row]:
    posts = Post.objects.filter(author=person).select_related("programme")
    return [
        {
            "Programme": post.programme.name,
            "Kind": post.get_kind_display(),
            "Title": post.title,
            "Text": post.body,
            "Written": post.created_at,
            "Hidden": post.hidden_at,
            "Why hidden": post.hidden_reason,
        }
        for post in posts.order_by("created_at")
    ]


def _replies(person: Person) -> list[Row]:
    replies = Reply.objects.filter(author=person).select_related("post")
    return [
        {"To": reply.post.title, "Text": reply.body, "Written": reply.created_at}
        for reply in replies.order_by("created_at")
    ]


def _rsvps(person: Person) -> list[Row]:
    rsvps = Rsvp.objects.filter(person=person).select_related("event")
    return [
        {
            "Event": rsvp.event.title,
            "Starts": rsvp.event.starts_at,
            "Answer": rsvp.get_status_display(),
            "Answered": rsvp.responded_at,
            "Came": rsvp.attended,
        }
        for rsvp in rsvps.order_by("event__starts_at")
    ]


def _digests(person: Person) -> list[Row]:
    return [
        {"Week": sent.week, "Sent": sent.sent_at}
        for sent in DigestSent.objects.filter(person=person).order_by("week")
    ]


def _delete_profile(person: Person) -> int:
    deleted, _ = Profile.objects.filter(person=person).delete()
    return deleted


def _remove_posts(person: Person) -> int:
    return Post.objects.filter(author=person).update(title=REMOVED, body=REMOVED)


def _remove_replies(person: Person) -> int:
    return Reply.objects.filter(author=person).update(body=REMOVED)


# A post or reply stays in its thread, so others' replies still read in order, without its text.
REMOVED = "Removed at the author's request."
ON_ERASURE: dict[str, dict[str, Any]] = {
    "alumni.profile": {"erase": _delete_profile},
    "alumni.posts": {"erase": _remove_posts},
    "alumni.replies": {"erase": _remove_replies},
}


def register_holdings() -> None:
    for key, title, models, rows in (
        ("alumni.profile", "Alumni profile", (Profile,), _profile),
        ("alumni.posts", "Posts on the alumni board", (Post,), _posts),
        ("alumni.replies", "Replies on the alumni board", (Reply,), _replies),
        ("alumni.rsvps", "Answers to event invitations", (Rsvp,), _rsvps),
        ("alumni.digests", "Weekly digest emails sent to the person", (DigestSent,), _digests),
    ):
        register(Holding(key, "Alumni", title, PURPOSE, models, rows, **ON_ERASURE.get(key, {})))
