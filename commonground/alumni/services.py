"""Every write of the network: profiles, posts and replies, hiding, events, RSVPs and attendance.

Each is atomic and audited. A reply emails the post's author once it is saved; an RSVP that
frees a place gives it to the first on the waiting list, who is emailed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited, record_changes
from commonground.directory.models import Person
from commonground.lib import emails
from commonground.lib.once import lock

from .models import AlumniEvent, ExpertiseTag, Post, Profile, Reply, Rsvp, RsvpStatus

MAX_TAGS = 12


def parse_tags(text: str) -> list[str]:
    """Comma-separated phrases, tidied and without repeats, in the order typed."""
    seen: dict[str, str] = {}
    for raw in text.split(","):
        name = " ".join(raw.split()).strip()
        if name and name.lower() not in seen:
            seen[name.lower()] = name[:60]
    return list(seen.values())


def save_profile(profile: Profile, tags: Iterable[str], by: User | None) -> Profile:
    """Save a profile the form has filled, with its expertise tags; one audit entry."""
    names = list(tags)
    with audited(by, profile, "alumni.profile.saved", already_changed=profile.pk is not None):
        profile.updated_at = timezone.now()
        profile.save()
        existing = {tag.name.lower(): tag for tag in ExpertiseTag.objects.filter(name__in=names)}
        chosen = []
        for name in names:
            tag = existing.get(name.lower())
            if tag is None:
                tag = ExpertiseTag.objects.filter(name__iexact=name).first()
            chosen.append(tag or ExpertiseTag.objects.create(name=name))
        before = sorted(profile.expertise.values_list("name", flat=True))
        profile.expertise.set(chosen)
        after = sorted(tag.name for tag in chosen)
        if before != after:
            record_changes(by, profile, "alumni.profile.expertise", {"expertise": [before, after]})
    return profile


def post(post: Post, by: User | None) -> Post:
    with audited(by, post, "alumni.post.created"):
        post.save()
    return post


def reply(post: Post, author: Person, body: str, by: User | None) -> Reply:
    """A private reply; the post's author is emailed it once it is saved."""
    if post.is_hidden:
        raise ValidationError("This post is hidden, so it takes no replies.")
    if post.is_closed:
        raise ValidationError("Its author has closed this post, so it takes no more replies.")
    if post.author_id == author.pk:
        raise ValidationError("You cannot reply to your own post.")
    answer = Reply(post=post, author=author, body=body)
    with audited(by, answer, "alumni.reply.created"):
        answer.save()
        transaction.on_commit(lambda: send_reply(answer.pk))
    return answer


def send_reply(reply_id: int) -> int:
    answer = Reply.objects.select_related("post__author", "author__organisation").get(pk=reply_id)
    poster = answer.post.author
    if not poster.email:
        return 0
    emails.send(
        "alumni-reply",
        [poster.email],
        {
            "person": poster,
            "reply": answer,
            "post": answer.post,
            "url": settings.SITE_URL + answer.post.get_absolute_url(),
        },
        reply_to=[answer.author.email] if answer.author.email else [],
    )
    return 1


def hide(post: Post, reason: str, by: User | None) -> None:
    """Staff take a post out of the network's sight; its author and staff still see it."""
    with audited(by, post, "alumni.post.hidden"):
        post.hidden_at = timezone.now()
        post.hidden_by = by
        post.hidden_reason = reason
        post.save()


def close(post: Post, by: User | None) -> None:
    """The author closes their post: it leaves the list and the digest; they and those who
    replied still open it."""
    with audited(by, post, "alumni.post.closed"):
        post.closed_at = timezone.now()
        post.save()


def reopen(post: Post, by: User | None) -> None:
    with audited(by, post, "alumni.post.reopened"):
        post.closed_at = None
        post.save()


def show(post: Post, by: User | None) -> None:
    with audited(by, post, "alumni.post.shown"):
        post.hidden_at = None
        post.hidden_by = None
        post.hidden_reason = ""
        post.save()


# Events ------------------------------------------------------------------------------------


def going_count(event: AlumniEvent) -> int:
    return event.rsvps.filter(status=RsvpStatus.GOING).count()


def answer(event: AlumniEvent, person: Person, coming: bool, by: User | None) -> Rsvp:
    """Say whether someone is coming. A full event puts them on its waiting list; someone who
    stops coming frees their place for the first person waiting, who is emailed."""
    if event.is_cancelled:
        raise ValidationError("This event is cancelled.")
    if event.ends_at <= timezone.now():
        raise ValidationError("This event is over, so it takes no more answers.")
    with transaction.atomic():
        lock(event)
        rsvp = Rsvp.objects.filter(event=event, person=person).first() or Rsvp(
            event=event, person=person
        )
        was = rsvp.status if rsvp.pk else ""
        if coming and was in (RsvpStatus.GOING, RsvpStatus.WAITING):
            return rsvp
        action = "alumni.rsvp.created" if rsvp.pk is None else "alumni.rsvp.changed"
        with audited(by, rsvp, action):
            if not coming:
                rsvp.status = RsvpStatus.DECLINED
            elif event.capacity is not None and going_count(event) >= event.capacity:
                rsvp.status = RsvpStatus.WAITING
            else:
                rsvp.status = RsvpStatus.GOING
            rsvp.responded_at = timezone.now()
            rsvp.save()
        if was == RsvpStatus.GOING and not coming:
            promote(event, by)
    return rsvp


def promote(event: AlumniEvent, by: User | None) -> Rsvp | None:
    """Give a free place to the first person on the waiting list, and email them."""
    if event.capacity is not None and going_count(event) >= event.capacity:
        return None
    first = event.rsvps.filter(status=RsvpStatus.WAITING).order_by("responded_at", "pk").first()
    if first is None:
        return None
    with audited(by, first, "alumni.rsvp.promoted"):
        first.status = RsvpStatus.GOING
        first.save()
        transaction.on_commit(lambda: send_place_freed(first.pk))
    return first


def send_place_freed(rsvp_id: int) -> int:
    rsvp = Rsvp.objects.select_related("person", "event__programme").get(pk=rsvp_id)
    if not rsvp.person.email:
        return 0
    emails.send(
        "alumni-event-place",
        [rsvp.person.email],
        {
            "person": rsvp.person,
            "event": rsvp.event,
            "url": settings.SITE_URL + rsvp.event.get_absolute_url(),
        },
    )
    return 1


def record_attendance(event: AlumniEvent, came: set[int], by: User | None) -> int:
    """Mark who came among those who said they were coming; the others did not. Returns how
    many came."""
    rsvps = list(event.rsvps.filter(status=RsvpStatus.GOING).select_related("person"))
    with transaction.atomic():
        for rsvp in rsvps:
            attended = rsvp.person_id in came
            if rsvp.attended is not attended:
                with audited(by, rsvp, "alumni.rsvp.attendance"):
                    rsvp.attended = attended
                    rsvp.save()
    return sum(1 for rsvp in rsvps if rsvp.person_id in came)


def invite(event: AlumniEvent, by: User | None) -> int:
    """Send the event's invitation to everyone invited, once the request is saved; recorded in
    the event's history with how many. Returns that number."""
    from .events import invited
    from .tasks import send_event_invitations

    if event.is_cancelled:
        raise ValidationError(f"{event.title} is cancelled, so there is nothing to invite to.")
    count = len(invited(event))
    with transaction.atomic():
        record_changes(by, event, "alumni.event.invited", {"invited": [None, count]})
        transaction.on_commit(lambda: send_event_invitations.enqueue(event.pk))
    return count


def cancel(event: AlumniEvent, by: User | None) -> bool:
    """Cancel the event and send everyone invited its cancellation for their calendars, once it
    is saved; False if it was already cancelled, when nothing changes and nobody is told."""
    from .tasks import send_event_invitations

    if event.is_cancelled:
        return False
    with audited(by, event, "alumni.alumnievent.cancelled"):
        event.cancelled_at = timezone.now()
        event.sequence += 1
        event.save()
        transaction.on_commit(lambda: send_event_invitations.enqueue(event.pk))
    return True
