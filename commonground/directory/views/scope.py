"""What of the programme records a directory page may show to this viewer."""

from __future__ import annotations

from django.db.models import Q
from django.http import QueryDict

from commonground.lib.access import Level, Viewer
from commonground.lib.small_numbers import count, threshold_for


def reads_directory(viewer: Viewer) -> bool:
    """Programme staff and facilitators share the directory; others see only single records."""
    return viewer.is_programme_staff or Level.READ in viewer.programme_levels.values()


def visible_programme_ids(viewer: Viewer) -> set[int] | None:
    """Programmes whose enrolments the viewer sees in full; None means every programme."""
    if viewer.is_admin:
        return None
    return {pk for pk, level in viewer.programme_levels.items() if level >= Level.READ}


def enrolment_scope(viewer: Viewer, prefix: str = "") -> Q | None:
    """The enrolments this viewer may see (`prefix` reaches them from another model); None is all.

    Staff and facilitators see their programmes' enrolments; anyone sees their own and those they
    sponsor.
    """
    ids = visible_programme_ids(viewer)
    if ids is None:
        return None
    scope = Q(**{f"{prefix}cohort__programme_id__in": ids})
    if viewer.person_id is not None:
        scope |= Q(**{f"{prefix}person_id": viewer.person_id})
        scope |= Q(**{f"{prefix}sponsor_id": viewer.person_id})
    return scope


def shown_count(viewer: Viewer, people: int) -> str:
    """A count of people as the viewer may see it: small numbers only for programme staff."""
    return str(count(people, threshold_for(viewer.is_programme_staff)))


def query_without_page(params: QueryDict) -> str:
    """The current filters as a query string, for pagination and export links."""
    kept = params.copy()
    kept.pop("page", None)
    return kept.urlencode()
