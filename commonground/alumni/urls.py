"""The alumni network's pages."""

from django.urls import path

from .views import directory, events, posts, profile, unsubscribe

app_name = "alumni"

urlpatterns = [
    path("network/", directory.directory, name="directory"),
    path("network/profile/", profile.profile, name="profile"),
    path("network/asks-and-offers/", posts.posts, name="posts"),
    path("network/asks-and-offers/new/", posts.new_post, name="post_new"),
    path("network/asks-and-offers/<int:pk>/", posts.post, name="post"),
    path("network/asks-and-offers/<int:pk>/hide/", posts.hide, name="post_hide"),
    path("network/asks-and-offers/<int:pk>/show/", posts.show, name="post_show"),
    path("network/asks-and-offers/<int:pk>/close/", posts.close, name="post_close"),
    path("network/asks-and-offers/<int:pk>/reopen/", posts.reopen, name="post_reopen"),
    path("network/events/", events.events, name="events"),
    path("programmes/<slug:slug>/alumni-events/new/", events.new_event, name="event_new"),
    path("network/events/<int:pk>/", events.event, name="event"),
    path("network/events/<int:pk>/edit/", events.edit_event, name="event_edit"),
    path("network/events/<int:pk>/rsvp/", events.rsvp, name="event_rsvp"),
    path("network/events/<int:pk>/event.ics", events.event_ics, name="event_ics"),
    path("network/events/<int:pk>/invite/", events.invite, name="event_invite"),
    path("network/events/<int:pk>/cancel/", events.cancel, name="event_cancel"),
    path("network/events/<int:pk>/attendance/", events.attendance, name="event_attendance"),
    path("network/unsubscribe/<str:token>/", unsubscribe.unsubscribe_view, name="unsubscribe"),
]
