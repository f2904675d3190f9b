"""Decides in one place what a signed-in person may see and change.

Outsiders get 404 (they do not learn a record exists); people who may see a record but not
change it get 403. Everything a page needs to decide is loaded once per request in `Viewer`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from commonground.programmes.models import (
    Activity,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    ProgrammeRole,
    Role,
)

if TYPE_CHECKING:
    from commonground.directory.models import Person


class Level(IntEnum):
    """How much of a cohort someone may see; each level includes the ones below it."""

    NONE = 0
    AGGREGATE = 1  # board viewers and evaluators: counts only, small numbers hidden
    MEMBER = 2  # participants and alumni: fellow participants' names, roles, organisations
    READ = 3  # facilitators: everything, and they may take registers
    WRITE = 4  # programme staff


ROLE_LEVEL: dict[str, Level] = {
    Role.STAFF: Level.WRITE,
    Role.FACILITATOR: Level.READ,
    Role.EVALUATOR: Level.AGGREGATE,
    Role.BOARD: Level.AGGREGATE,
}


@dataclass
class Viewer:
    """The signed-in user with their roles and records, loaded with a fixed number of queries."""

    user_id: int | None
    is_admin: bool = False
    person_id: int | None = None
    programme_levels: dict[int, Level] = field(default_factory=dict)
    roles: dict[int, set[str]] = field(default_factory=dict)
    # Cohorts the person belongs to now or completed; withdrawing or deferring leaves a cohort.
    cohort_ids: set[int] = field(default_factory=set)
    alumni_cohort_ids: set[int] = field(default_factory=set)
    sponsored_person_ids: set[int] = field(default_factory=set)

    @property
    def is_programme_staff(self) -> bool:
        return self.is_admin or Level.WRITE in self.programme_levels.values()

    @property
    def sees_programme_records(self) -> bool:
        """Staff or facilitators of some programme, or the site administrator."""
        return self.is_admin or any(level >= Level.READ for level in self.programme_levels.values())

    @property
    def reads_directory(self) -> bool:
        """Programme staff and facilitators share the directory; others see only single records."""
        return self.is_admin or any(level >= Level.READ for level in self.programme_levels.values())

    @property
    def is_participant(self) -> bool:
        return bool(self.cohort_ids - self.alumni_cohort_ids)

    @property
    def is_alumnus(self) -> bool:
        return bool(self.alumni_cohort_ids)

    @property
    def is_sponsor(self) -> bool:
        return bool(self.sponsored_person_ids)

    def programme_level(self, programme_id: int) -> Level:
        if self.is_admin:
            return Level.WRITE
        return self.programme_levels.get(programme_id, Level.NONE)

    def has_role(self, programme_id: int, role: Role) -> bool:
        return role in self.roles.get(programme_id, set())

    def cohort_level(self, cohort: Cohort) -> Level:
        level = self.programme_level(cohort.programme_id)
        if cohort.pk in self.cohort_ids:
            level = max(level, Level.MEMBER)
        return level

    def programme_ids(self, min_level: Level) -> set[int] | None:
        """The programmes where this person has at least `min_level`; None means every programme
        (site administrator)."""
        if self.is_admin:
            return None
        return {pk for pk, level in self.programme_levels.items() if level >= min_level}

    def staff_programme_ids(self) -> set[int] | None:
        """The programmes this person runs; None means every programme (site administrator)."""
        return self.programme_ids(Level.WRITE)

    def may_see_person(self, person: Person) -> bool:
        """The rule `Person.objects.visible_to` applies to a list."""
        return (
            self.reads_directory
            or person.pk == self.person_id
            or person.pk in self.sponsored_person_ids
        )


def load_viewer(request: HttpRequest) -> Viewer:
    """The viewer for this request, built once and kept on the request."""
    cached: Viewer | None = getattr(request, "_viewer", None)
    if cached is not None:
        return cached
    user = request.user
    if not user.is_authenticated:
        viewer = Viewer(user_id=None)
    else:
        viewer = Viewer(user_id=user.pk, is_admin=user.is_superuser)
        for programme_id, role in ProgrammeRole.objects.filter(user=user).values_list(
            "programme_id", "role"
        ):
            viewer.roles.setdefault(programme_id, set()).add(role)
            level = max(viewer.programme_levels.get(programme_id, Level.NONE), ROLE_LEVEL[role])
            viewer.programme_levels[programme_id] = Level(level)
        person_id = getattr(getattr(user, "person", None), "pk", None)
        viewer.person_id = person_id
        if person_id is not None:
            for cohort_id, status in Enrolment.objects.filter(person_id=person_id).values_list(
                "cohort_id", "status"
            ):
                if status in EnrolmentStatus.TAKING_A_PLACE:
                    viewer.cohort_ids.add(cohort_id)
                if status == EnrolmentStatus.COMPLETED:
                    viewer.alumni_cohort_ids.add(cohort_id)
            viewer.sponsored_person_ids = set(
                Enrolment.objects.filter(sponsor_id=person_id).values_list("person_id", flat=True)
            )
    request._viewer = viewer  # type: ignore[attr-defined]
    return viewer


# Set for a session whose sign-in through a partner's Microsoft account used a second factor
# (accounts/entra.py), which then counts as this site's.
SECOND_FACTOR_BY_PARTNER = "second_factor_by_partner"


def lacks_required_second_factor(request: HttpRequest) -> bool:
    """Staff and administrators must have an authenticator app (TOTP) while the setting is on."""
    return (
        settings.MFA_REQUIRED_FOR_STAFF
        and request.user.is_authenticated
        and load_viewer(request).is_programme_staff
        and not request.session.get(SECOND_FACTOR_BY_PARTNER, False)
        and not Authenticator.objects.filter(
            user_id=request.user.pk, type=Authenticator.Type.TOTP
        ).exists()
    )


def require(level: Level, needed: Level) -> None:
    """404 below what is needed to know the record exists; 403 when it is seen but not changed."""
    if level == Level.NONE:
        raise Http404("Not found")
    if level < needed:
        raise PermissionDenied("You may look at this but not change it.")


def get_cohort(request: HttpRequest, pk: int, needed: Level = Level.MEMBER) -> Cohort:
    viewer = load_viewer(request)
    cohort = Cohort.objects.visible_to(viewer).select_related("programme").filter(pk=pk).first()
    if cohort is None:
        raise Http404("Not found")
    require(viewer.cohort_level(cohort), needed)
    return cohort


def get_activity(request: HttpRequest, pk: int, needed: Level = Level.MEMBER) -> Activity:
    viewer = load_viewer(request)
    activity = (
        Activity.objects.visible_to(viewer)
        .select_related("cohort__programme")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404("Not found")
    require(viewer.cohort_level(activity.cohort), needed)
    return activity


def require_programme_team(
    request: HttpRequest, programme_id: int, needed: Level = Level.WRITE
) -> None:
    """For records only the programme's staff and facilitators may know of: everyone else,
    board viewers and evaluators included, gets 404; facilitators get 403 on staff's changes."""
    level = load_viewer(request).programme_level(programme_id)
    require(level if level >= Level.READ else Level.NONE, needed)


def require_programme_staff(request: HttpRequest, write: bool = False) -> Viewer:
    """For the shared directory: programme staff change it, facilitators may read it."""
    viewer = load_viewer(request)
    if viewer.is_programme_staff:
        return viewer
    require(
        Level.READ if viewer.reads_directory else Level.NONE, Level.WRITE if write else Level.READ
    )
    return viewer


def get_person(request: HttpRequest, pk: int, write: bool = False) -> Person:
    """A directory entry: directory readers, the person themself and their sponsors see it;
    only programme staff change it."""
    from commonground.directory.models import Person

    viewer = load_viewer(request)
    person = Person.objects.visible_to(viewer).select_related("organisation").filter(pk=pk).first()
    if person is None:
        raise Http404("Not found")
    require(
        Level.WRITE if viewer.is_programme_staff else Level.READ,
        Level.WRITE if write else Level.READ,
    )
    return person
