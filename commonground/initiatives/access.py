"""Who may see and change initiatives, their indicators and stories.

An initiative is the programme community's own work: staff and facilitators see every one, and
so do the programme's participants and alumni. Only staff add and change initiatives; the people
involved in one, and staff, add its indicators, their values and its stories, and record the
consent of the people a story names. Board viewers and evaluators read the movement dashboard,
where only stories everyone named has agreed to appear; the pages here are not theirs (404).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest

from commonground.challenges.access import programme_reach
from commonground.lib.access import Level, load_viewer, require
from commonground.programmes.models import Programme

from .models import Consent, Indicator, Initiative, Involvement, NamedPerson, Story


@dataclass(frozen=True)
class InitiativeAccess:
    """What the viewer may do with one initiative."""

    initiative: Initiative
    level: Level
    involved: bool

    @property
    def may_change(self) -> bool:
        return self.level >= Level.WRITE

    @property
    def may_contribute(self) -> bool:
        """Add indicators, values and stories, and record consent: those involved, and staff."""
        return self.involved or self.may_change


def _access(request: HttpRequest, initiative: Initiative) -> InitiativeAccess:
    viewer = load_viewer(request)
    level = programme_reach(viewer, initiative.programme_id)
    involved = (
        viewer.person_id is not None
        and Involvement.objects.filter(initiative=initiative, person_id=viewer.person_id).exists()
    )
    if involved:
        level = max(level, Level.MEMBER)
    return InitiativeAccess(initiative, Level(level), involved)


def get_initiative(
    request: HttpRequest, pk: int, *, contribute: bool = False, change: bool = False
) -> InitiativeAccess:
    """The initiative, or 404 for people outside its programme; 403 for those who only read it."""
    initiative = Initiative.objects.select_related("programme").filter(pk=pk).first()
    if initiative is None:
        raise Http404("Not found")
    access = _access(request, initiative)
    needed = Level.MEMBER
    if change or (contribute and not access.may_contribute):
        needed = Level.WRITE
    require(access.level, needed)
    return access


def get_indicator(
    request: HttpRequest, pk: int, *, contribute: bool = False
) -> tuple[Indicator, InitiativeAccess]:
    indicator = Indicator.objects.filter(pk=pk).first()
    if indicator is None:
        raise Http404("Not found")
    return indicator, get_initiative(request, indicator.initiative_id, contribute=contribute)


def get_story(
    request: HttpRequest, pk: int, *, contribute: bool = False
) -> tuple[Story, InitiativeAccess]:
    not_agreed = NamedPerson.objects.filter(story=OuterRef("pk")).exclude(consent=Consent.GIVEN)
    story = (
        Story.objects.select_related("author")
        .annotate(waiting_for_consent=Exists(not_agreed))
        .filter(pk=pk)
        .first()
    )
    if story is None:
        raise Http404("Not found")
    access = get_initiative(request, story.initiative_id, contribute=contribute)
    # Until everyone it names has agreed, a story (and the names in it) stays with the people
    # doing the work and staff, as in the API and on the board's dashboard.
    if story.waiting_for_consent and not access.may_contribute:
        raise Http404("Not found")
    return story, access


def get_programme_initiatives(
    request: HttpRequest, slug: str, *, change: bool = False
) -> tuple[Programme, Level]:
    """A programme's list of initiatives: staff, facilitators, participants and alumni."""
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404("Not found")
    level = programme_reach(load_viewer(request), programme.pk)
    require(level, Level.WRITE if change else Level.MEMBER)
    return programme, level
