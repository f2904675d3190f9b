"""A malformed id in a path is refused with the same 422 whoever asks, on the newer endpoints as
on the older ones: the answer is decided before any record is read, so it tells a caller without
access nothing; a well-formed id they may not see is 404."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.conftest import Api

# One older endpoint and each of the newer ones, by path with the id left open.
PATHS = [
    "/api/cohorts/{}",
    "/api/alumni/events/{}",
    "/api/cohorts/{}/mentoring",
    "/api/initiatives/{}",
    "/api/cohorts/{}/evaluation/network",
    "/api/cohorts/{}/evaluation/network/edges",
]
MALFORMED = ("abc", "0", "-3", "99999999999999999999")


@pytest.mark.parametrize("path", PATHS)
def test_a_malformed_id_gets_the_same_answer_whatever_the_role(api: Api, path: str) -> None:
    for role in ("admin", "board", "outsider"):
        headers = {"Authorization": f"Bearer {api.token(role)}"}
        for value in MALFORMED:
            response = Client().get(path.format(value), headers=headers)
            assert response.status_code == 422, (role, value)
        assert Client().get(path.format(999999), headers=headers).status_code == 404, role
