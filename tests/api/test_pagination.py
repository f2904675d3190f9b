"""Every list is paged by limit and offset: 50 rows unless asked, never more than 200."""

from tests.api.conftest import Api, add_organisations


def test_it_gives_fifty_rows_by_default_with_the_total(api: Api) -> None:
    add_organisations(60)
    page = api.ok("staff", "organisations")
    assert page["count"] == 63
    assert len(page["items"]) == 50


def test_it_pages_by_limit_and_offset(api: Api) -> None:
    add_organisations(10)
    first = api.ok("staff", "organisations", {"limit": 5})["items"]
    second = api.ok("staff", "organisations", {"limit": 5, "offset": 5})["items"]
    last = api.ok("staff", "organisations", {"limit": 5, "offset": 10})["items"]
    assert [len(first), len(second), len(last)] == [5, 5, 3]
    everyone = api.ok("staff", "organisations", {"limit": 13})["items"]
    assert first + second + last == everyone


def test_it_refuses_more_than_two_hundred_rows(api: Api) -> None:
    response = api.get("staff", "organisations", {"limit": 201})
    assert response.status == 422
    assert response.body["detail"][0]["loc"] == ["query", "limit"]
    assert api.get("staff", "organisations", {"limit": 200}).status == 200


def test_it_refuses_a_negative_offset(api: Api) -> None:
    assert api.get("staff", "organisations", {"offset": -1}).status == 422
