"""While the database cannot be reached, pages answer a plain 503 page and the API a JSON 503,
both with Retry-After, instead of a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from commonground.accounts.models import ApiToken
from tests.conftest import World


@contextmanager
def database_down(error: Exception) -> Iterator[None]:
    with mock.patch.object(connection, "cursor", side_effect=error):
        yield


def test_a_page_answers_503_with_a_plain_page_while_the_database_is_down(world: World) -> None:
    client = world.client("staff")
    client.raise_request_exception = False
    with database_down(OperationalError("server closed the connection unexpectedly")):
        response = client.get(reverse("directory:people"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert "Try again in a minute." in page
    assert "Traceback" not in page and "server closed" not in page


def test_the_api_answers_a_json_503_while_the_database_is_down(world: World) -> None:
    token = ApiToken.issue(world.users["staff"], "tests")[1]
    with database_down(InterfaceError("connection already closed")):
        response = Client().get(reverse("api:people"), headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "The service is unavailable for a moment. Try again in a minute."
    }


def test_other_errors_still_answer_500(world: World) -> None:
    client = world.client("staff")
    client.raise_request_exception = False
    with mock.patch.object(connection, "cursor", side_effect=RuntimeError("a bug")):
        response = client.get(reverse("directory:people"))
    assert response.status_code == 500
