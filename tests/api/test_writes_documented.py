"""docs/api.md lists every call that writes, as the OpenAPI document describes them."""

from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
ROW = re.compile(r"^\| `(POST|PUT|PATCH|DELETE)` \| `([^`]+)` \| ([^|]+) \| ([^|]+) \|$")


def _documented() -> set[tuple[str, str, str, str]]:
    rows = (ROW.match(line) for line in DOC.read_text().splitlines())
    return {(m[1], m[2], m[3].strip(), m[4].strip()) for m in rows if m}


def _described(db: None) -> set[tuple[str, str, str, str]]:
    document = Client().get(reverse("api:openapi-json")).json()
    return {
        (method.upper(), path, operation["summary"], operation["x-required-role"])
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if method != "get"
    }


def test_the_table_of_writes_matches_the_openapi_document(db: None) -> None:
    described = _described(db)
    assert described, "the API has writes, so the table must list them"
    assert _documented() == described
