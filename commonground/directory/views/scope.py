"""How a directory page shows counts and keeps its filters (who sees what: directory.access)."""

from __future__ import annotations

from django.http import QueryDict

from commonground.lib.access import Viewer
from commonground.lib.small_numbers import count, threshold_for


def shown_count(viewer: Viewer, people: int) -> str:
    """A count of people as the viewer may see it: small numbers only for programme staff."""
    return str(count(people, threshold_for(viewer.is_programme_staff)))


def query_without_page(params: QueryDict) -> str:
    """The current filters as a query string, for pagination and export links."""
    kept = params.copy()
    kept.pop("page", None)
    return kept.urlencode()


def filters(params: QueryDict) -> dict[str, str]:
    """The filters a list was showing, kept with an export so it holds the same rows."""
    return {key: str(value) for key, value in params.items() if key != "page" and value}
