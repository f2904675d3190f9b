"""Who may see the network's profiles, posts and events, and which fields of a profile.

A programme's network is its alumni and current participants. They, the programme's staff and its
facilitators see the network's directory, asks and offers and events; everyone else gets 404.
Each profile field is shown as its owner chose: to programme staff only, to alumni and
participants too, or to everyone in the programme (facilitators as well). Sponsors see only the
events they are invited to (the annual celebration). One `Scope` per request holds the
programmes the viewer reaches in each way; its `sees(field)` is the SQL condition both the
directory's search and what it shows are built from, so a search never finds by a hidden field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from commonground.directory.models import Person
from commonground.lib.access import Level, Viewer, load_viewer, require
from commonground.programmes.models import Cohort, Enrolment, EnrolmentStatus, Programme

from .models import AlumniEvent, Post, Profile, Reply, Visibility


@dataclass
class Scope:
    """The programmes whose network the viewer reaches, by how they reach it."""

    person_id: int | None
    staff: set[int] | None  # None: every programme (the site administrator)
    facilitating: set[int] = field(default_factory=set)
    member: set[int] = field(default_factory=set)  # as alumnus or participant
    alumnus: set[int] = field(default_factory=set)
    sponsoring: set[int] = field(default_factory=set)

    @property
    def programmes(self) -> set[int] | None:
        """Every programme whose network the viewer sees; None for every programme."""
        if self.staff is None:
            return None
        return self.staff | self.facilitating | self.member

    def reaches(self, programme_id: int) -> bool:
        return self.programmes is None or programme_id in self.programmes

    def level(self, programme_id: int) -> Level:
        if self.staff is None or programme_id in self.staff:
            return Level.WRITE
        if programme_id in self.facilitating:
            return Level.READ
        if programme_id in self.member:
            return Level.MEMBER
        return Level.NONE

    def programme_filter(self, name: str = "programme_id") -> Q:
        ids = self.programmes
        return Q() if ids is None else Q(**{f"{name}__in": ids})

    def sees(self, profile_field: str) -> Q:
        """The profiles whose `profile_field` this viewer may read, as a condition on Profile."""
        if self.staff is None:
            return Q()
        visibility = f"{profile_field}_visibility"
        shown = Q(person_id=self.person_id) if self.person_id else Q(pk__in=[])
        if self.staff:
            shown |= Q(person_id__in=members_of(self.staff))
        if self.member:
            shown |= Q(
                Q(**{f"{visibility}__in": Visibility.WIDER_THAN_STAFF}),
                person_id__in=members_of(self.member),
            )
        if self.facilitating:
            shown |= Q(
                Q(**{visibility: Visibility.PROGRAMME}),
                person_id__in=members_of(self.facilitating),
            )
        return shown


def members_of(programme_ids: set[int] | None) -> QuerySet[Enrolment, int]:
    """The ids of the people in these programmes' networks: their alumni and participants."""
    enrolments = Enrolment.objects.filter(status__in=EnrolmentStatus.TAKING_A_PLACE)
    if programme_ids is not None:
        enrolments = enrolments.filter(cohort__programme_id__in=programme_ids)
    return enrolments.values_list("person_id", flat=True)


def scope_of(viewer: Viewer) -> Scope:
    """The viewer's reach into programme networks, in at most two queries."""
    staff = viewer.programme_ids(Level.WRITE)
    scope = Scope(person_id=viewer.person_id, staff=staff)
    if staff is None:
        return scope
    scope.facilitating = (viewer.programme_ids(Level.READ) or set()) - staff
    if viewer.cohort_ids:
        for pk, programme_id in Cohort.objects.filter(pk__in=viewer.cohort_ids).values_list(
            "pk", "programme_id"
        ):
            scope.member.add(programme_id)
            if pk in viewer.alumni_cohort_ids:
                scope.alumnus.add(programme_id)
    if viewer.sponsored_person_ids:
        scope.sponsoring = set(
            Enrolment.objects.filter(sponsor_id=viewer.person_id).values_list(
                "cohort__programme_id", flat=True
            )
        )
    return scope


def load_scope(request: HttpRequest) -> Scope:
    """The scope for this request, built once and kept on the request."""
    cached: Scope | None = getattr(request, "_network_scope", None)
    if cached is None:
        cached = scope_of(load_viewer(request))
        request._network_scope = cached  # type: ignore[attr-defined]
    return cached


def require_network(request: HttpRequest) -> Scope:
    """For the network's own pages: 404 to anyone who reaches no programme's network."""
    scope = load_scope(request)
    if scope.programmes is not None and not scope.programmes:
        raise Http404("Not found")
    return scope


def require_member(request: HttpRequest) -> Scope:
    """For the pages of one's own profile: alumni and participants; staff and facilitators who
    are not also members get 403 (they see the network, they are not in it)."""
    scope = require_network(request)
    if not scope.member:
        raise PermissionDenied("Network profiles are for the programme's alumni and participants.")
    return scope


def profiles_in_network(scope: Scope) -> QuerySet[Profile]:
    """Listed profiles of the people in the networks the viewer reaches."""
    return Profile.objects.filter(listed=True, person_id__in=members_of(scope.programmes))


def posts_visible(scope: Scope) -> QuerySet[Post]:
    """Posts of the networks the viewer reaches; hidden ones only to the programme's staff and
    their authors, closed ones only to staff, their authors and those who replied."""
    posts = Post.objects.filter(scope.programme_filter())
    if scope.staff is not None:
        own = Q(programme_id__in=scope.staff)
        if scope.person_id:
            own |= Q(author_id=scope.person_id)
        closed_seen = own
        if scope.person_id:
            closed_seen |= Q(pk__in=Reply.objects.filter(author_id=scope.person_id).values("post"))
        posts = posts.filter(Q(hidden_at__isnull=True) | own).filter(
            Q(closed_at__isnull=True) | closed_seen
        )
    return posts


def get_post(request: HttpRequest, pk: int, needed: Level = Level.MEMBER) -> Post:
    scope = load_scope(request)
    post = (
        posts_visible(scope)
        .select_related("programme", "author__organisation", "hidden_by")
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404("Not found")
    require(scope.level(post.programme_id), needed)
    return post


def events_visible(scope: Scope) -> QuerySet[AlumniEvent]:
    """Events of the networks the viewer reaches, and those sponsors are invited to."""
    if scope.programmes is None:
        return AlumniEvent.objects.all()
    return AlumniEvent.objects.filter(
        Q(programme_id__in=scope.programmes)
        | Q(programme_id__in=scope.sponsoring, with_sponsors=True)
    )


def require_events(request: HttpRequest) -> Scope:
    """For the list of events, on the page and in the API: 404 to anyone who reaches no
    programme's network and sponsors no one."""
    scope = load_scope(request)
    if scope.programmes is not None and not scope.programmes and not scope.sponsoring:
        raise Http404("Not found")
    return scope


def event_level(scope: Scope, event: AlumniEvent) -> Level:
    level = scope.level(event.programme_id)
    if level == Level.NONE and event.with_sponsors and event.programme_id in scope.sponsoring:
        return Level.MEMBER
    return level


def get_event(request: HttpRequest, pk: int, needed: Level = Level.MEMBER) -> AlumniEvent:
    scope = load_scope(request)
    event = events_visible(scope).select_related("programme").filter(pk=pk).first()
    if event is None:
        raise Http404("Not found")
    require(event_level(scope, event), needed)
    return event


def get_programme(request: HttpRequest, slug: str, needed: Level = Level.WRITE) -> Programme:
    """A programme whose network the viewer reaches, at the level needed; 404 otherwise."""
    scope = load_scope(request)
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    require(scope.level(programme.pk), needed)
    return programme


def may_answer(scope: Scope, event: AlumniEvent) -> bool:
    """Whether the viewer may say if they are coming: alumni and participants of the programme,
    and its sponsors when they are invited."""
    if scope.person_id is None:
        return False
    return event.programme_id in scope.member or (
        event.with_sponsors and event.programme_id in scope.sponsoring
    )


def own_person(scope: Scope) -> Person:
    """The viewer's own directory entry; only people with one are members or sponsors."""
    person = (
        Person.objects.select_related("organisation").filter(pk=scope.person_id).first()
        if scope.person_id is not None
        else None
    )
    if person is None:
        raise Http404("Not found")
    return person
