"""Expected statuses for the alumni network: directory, profile, asks and offers, events.

A programme's network is its alumni and participants, with its staff and facilitators: the
outsider, a participant of the other programme, reaches that programme's (empty) network pages
but none of this programme's posts or events; staff of the other programme likewise. Profiles
and posting are for members; staff and facilitators who are not members are refused (403).
"""

from typing import Any

from commonground.alumni.digest import unsubscribe_token
from tests.alumni.helpers import network
from tests.conftest import World
from tests.permissions import Case, statuses

NETWORK = statuses(
    404,
    anonymous=302,
    admin=200,
    staff=200,
    other_staff=200,
    facilitator=200,
    participant=200,
    alumnus=200,
    outsider=200,
)
MEMBERS_ONLY = NETWORK | {"admin": 403, "staff": 403, "other_staff": 403, "facilitator": 403}
# One of this programme's records: its team and members; others 404.
RECORD = statuses(
    404, anonymous=302, admin=200, staff=200, facilitator=200, participant=200, alumnus=200
)
STAFF_CHANGE = RECORD | {"facilitator": 403, "participant": 403, "alumnus": 403}
STAFF_POST = STAFF_CHANGE | {"admin": 302, "staff": 302}
AUTHOR_ONLY = RECORD | {"admin": 403, "staff": 403, "facilitator": 403, "participant": 403}


def _post(world: World) -> dict[str, Any]:
    return {"pk": network(world).post.pk}


def _event(world: World) -> dict[str, Any]:
    return {"pk": network(world).event.pk}


def _profile_data(world: World) -> dict[str, Any]:
    return {
        "listed": "on",
        "works_on": "Community safety",
        "expertise_text": "housing",
        **{
            f"{name}_visibility": "network"
            for name in ("works_on", "expertise", "places", "offers", "looking_for", "email")
        },
        "digest": "on",
    }


CASES = [
    Case("alumni:directory", expected=NETWORK),
    Case("alumni:profile", expected=MEMBERS_ONLY),
    Case(
        "alumni:profile",
        method="post",
        data=_profile_data,
        expected={**MEMBERS_ONLY, "participant": 302, "alumnus": 302, "outsider": 302},
    ),
    Case("alumni:posts", expected=NETWORK),
    Case("alumni:post_new", expected=MEMBERS_ONLY),
    Case("alumni:post", kwargs=_post, expected=RECORD),
    # A private reply: members other than the author; staff and facilitators read, not reply.
    Case(
        "alumni:post",
        kwargs=_post,
        method="post",
        data=lambda world: {"body": "Happy to help."},
        expected=RECORD
        | {"admin": 403, "staff": 403, "facilitator": 403, "alumnus": 403}
        | {"participant": 302},
    ),
    Case(
        "alumni:post_hide",
        kwargs=_post,
        method="post",
        data=lambda world: {"reason": "Off topic"},
        expected=STAFF_POST,
    ),
    Case("alumni:post_show", kwargs=_post, method="post", expected=STAFF_POST),
    # Only the author (the alumnus) closes or reopens their post; others who see it get 403.
    Case("alumni:post_close", kwargs=_post, expected=AUTHOR_ONLY),
    Case(
        "alumni:post_close",
        kwargs=_post,
        method="post",
        data=lambda world: {"confirm": "yes"},
        expected=AUTHOR_ONLY | {"alumnus": 302},
    ),
    Case(
        "alumni:post_reopen", kwargs=_post, method="post", expected=AUTHOR_ONLY | {"alumnus": 302}
    ),
    Case("alumni:events", expected=NETWORK | {"sponsor": 200}),
    Case(
        "alumni:event_new",
        kwargs=lambda world: {"slug": world.programme.slug},
        expected=STAFF_CHANGE,
    ),
    Case("alumni:event", kwargs=_event, expected=RECORD),
    Case("alumni:event_edit", kwargs=_event, expected=STAFF_CHANGE),
    Case(
        "alumni:event_rsvp",
        kwargs=_event,
        method="post",
        data=lambda world: {"coming": "yes"},
        expected=RECORD
        | {"admin": 403, "staff": 403, "facilitator": 403, "participant": 302, "alumnus": 302},
    ),
    Case("alumni:event_ics", kwargs=_event, expected=RECORD),
    Case("alumni:event_invite", kwargs=_event, expected=STAFF_CHANGE),
    Case("alumni:event_cancel", kwargs=_event, expected=STAFF_CHANGE),
    Case("alumni:event_attendance", kwargs=_event, method="post", expected=STAFF_POST),
    # The signed link is the key: it needs no account.
    Case(
        "alumni:unsubscribe",
        kwargs=lambda world: {"token": unsubscribe_token(world.alumnus_person.pk)},
        expected=statuses(200),
    ),
    Case(
        "api:alumni-directory",
        expected=statuses(
            404,
            anonymous=401,
            admin=200,
            staff=200,
            other_staff=200,
            facilitator=200,
            participant=200,
            alumnus=200,
            outsider=200,
        ),
    ),
    # The list of events answers as its page does: 404 to those with no network to see.
    Case(
        "api:alumni-events",
        expected=statuses(
            404,
            anonymous=401,
            admin=200,
            staff=200,
            other_staff=200,
            facilitator=200,
            participant=200,
            alumnus=200,
            outsider=200,
            sponsor=200,
        ),
    ),
    Case(
        "api:alumni-event",
        kwargs=lambda world: {"event_id": network(world).event.pk},
        expected=statuses(
            404,
            anonymous=401,
            admin=200,
            staff=200,
            facilitator=200,
            participant=200,
            alumnus=200,
        ),
    ),
]
