"""The OpenAPI document and the interactive docs are public: they describe, and reveal no data."""

from django.test import Client
from django.urls import reverse

from tests.conftest import World

PATHS = {
    "/api/organisations",
    "/api/organisations/{organisation_id}",
    "/api/people",
    "/api/people/{person_id}",
    "/api/programmes",
    "/api/programmes/{slug}",
    "/api/cohorts",
    "/api/cohorts/{cohort_id}",
    "/api/cohorts/{cohort_id}/enrolments",
    "/api/cohorts/{cohort_id}/activities",
    "/api/activities/{activity_id}",
    "/api/activities/{activity_id}/attendance",
}


def test_it_serves_the_openapi_document_listing_every_path(world: World) -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) >= PATHS


def test_every_operation_has_an_id_a_tag_and_a_summary(world: World) -> None:
    document = Client().get(reverse("api:openapi-json")).json()
    operations = [operation for path in document["paths"].values() for operation in path.values()]
    ids = [operation["operationId"] for operation in operations]
    assert len(set(ids)) == len(ids) >= len(PATHS)
    assert all(operation["tags"] and operation["summary"] for operation in operations)
    schemes = document["components"]["securitySchemes"]
    for operation in operations:
        # Writes check the caller's role before reading the body; every scheme is the same token.
        [requirement] = operation["security"]
        assert all(schemes[name] == {"type": "http", "scheme": "bearer"} for name in requirement)


def test_it_describes_the_token_scheme(world: World) -> None:
    document = Client().get(reverse("api:openapi-json")).json()
    scheme = document["components"]["securitySchemes"]["PersonalToken"]
    assert scheme == {"type": "http", "scheme": "bearer"}


def test_it_serves_the_interactive_docs(world: World) -> None:
    response = Client().get(reverse("api:openapi-view"))
    assert response.status_code == 200
    assert b"openapi.json" in response.content
