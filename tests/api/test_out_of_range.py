"""Every list refuses an offset or an id the database cannot hold with a plain 422, not a 500."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Api

HUGE = 9999999999999999999
LISTS = [
    ("organisations", {}),
    ("people", {}),
    ("programmes", {}),
    ("cohorts", {}),
    ("cohort-enrolments", {"cohort_id": 1}),
    ("cohort-activities", {"cohort_id": 1}),
    ("cohort-challenges", {"cohort_id": 1}),
    ("cohort-groupings", {"cohort_id": 1}),
    ("cohort-completion", {"cohort_id": 1}),
    ("activity-attendance", {"activity_id": 1}),
    ("recruitment-applications", {"round_id": 1}),
]
# Lists short enough to come whole (a cohort's groupings, its completion) take no offset.
UNPAGED = ("cohort-groupings", "cohort-completion")
PAGED = [name for name, _ in LISTS if name not in UNPAGED]


def _messages(body: Any) -> str:
    return " ".join(problem["msg"] for problem in body["detail"])


@pytest.mark.parametrize("name", PAGED)
def test_a_huge_offset_is_refused_with_its_limit(api: Api, name: str) -> None:
    kwargs = dict(LISTS)[name]
    response = api.get("admin", name, {"offset": HUGE}, **kwargs)
    assert response.status == 422, response.body
    assert response.body["detail"][0]["loc"] == ["query", "offset"]
    assert "less than or equal to 1000000000" in _messages(response.body)


@pytest.mark.parametrize("name,kwargs", [(n, k) for n, k in LISTS if k])
def test_a_huge_or_negative_id_in_the_path_is_refused(
    api: Api, name: str, kwargs: dict[str, int]
) -> None:
    (key,) = kwargs
    for value in (HUGE, -3, 0):
        response = api.get("admin", name, None, **{key: value})
        assert response.status == 422, (value, response.body)
        assert response.body["detail"][0]["loc"] == ["path", key]


@pytest.mark.parametrize("field", ["organisation", "cohort"])
def test_people_refuse_a_huge_or_negative_id_filter(api: Api, field: str) -> None:
    for value in (HUGE, -1):
        response = api.get("staff", "people", {field: value})
        assert response.status == 422, response.body
        assert response.body["detail"][0]["loc"] == ["query", field]
    assert api.get("staff", "people", {field: 2**63 - 1}).status == 200
