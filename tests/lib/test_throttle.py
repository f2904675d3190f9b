"""The throttle counts attempts per address and per email, and lets them in again later."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import RequestFactory

from commonground.lib.throttle import Throttle


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _request(ip: str) -> HttpRequest:
    return RequestFactory().post("/apply/", REMOTE_ADDR=ip)


def test_it_allows_attempts_up_to_the_limit_per_address() -> None:
    throttle = Throttle("test", per_ip=3, per_email=100, window_seconds=60)
    outcomes = [throttle.allow(_request("192.0.2.1"), f"p{n}@example.org") for n in range(5)]
    assert outcomes == [True, True, True, False, False]


def test_it_counts_each_address_apart() -> None:
    throttle = Throttle("test", per_ip=1, per_email=100, window_seconds=60)
    assert throttle.allow(_request("192.0.2.1"))
    assert not throttle.allow(_request("192.0.2.1"))
    assert throttle.allow(_request("192.0.2.2"))


def test_it_limits_one_email_from_many_addresses_whatever_its_case() -> None:
    throttle = Throttle("test", per_ip=100, per_email=2, window_seconds=60)
    assert throttle.allow(_request("192.0.2.1"), "Ada@Example.org")
    assert throttle.allow(_request("192.0.2.2"), "ada@example.org ")
    assert not throttle.allow(_request("192.0.2.3"), "ADA@example.org")
    assert throttle.allow(_request("192.0.2.3"), "grace@example.org")


def test_two_throttles_do_not_share_counts() -> None:
    starts = Throttle("starts", per_ip=1, per_email=1, window_seconds=60)
    nominations = Throttle("nominations", per_ip=1, per_email=1, window_seconds=60)
    assert starts.allow(_request("192.0.2.1"), "ada@example.org")
    assert nominations.allow(_request("192.0.2.1"), "ada@example.org")


def test_it_lets_an_address_in_again_when_the_window_ends() -> None:
    throttle = Throttle("test", per_ip=1, per_email=1, window_seconds=1)
    assert throttle.allow(_request("192.0.2.1"), "ada@example.org")
    assert not throttle.allow(_request("192.0.2.1"), "ada@example.org")
    time.sleep(1.1)
    assert throttle.allow(_request("192.0.2.1"), "ada@example.org")


def test_reset_forgets_an_address_and_email() -> None:
    throttle = Throttle("test", per_ip=1, per_email=1, window_seconds=60)
    throttle.allow(_request("192.0.2.1"), "ada@example.org")
    throttle.reset(_request("192.0.2.1"), "ada@example.org")
    assert throttle.allow(_request("192.0.2.1"), "ada@example.org")


def test_the_cache_holds_no_email_address() -> None:
    throttle = Throttle("test", per_ip=5, per_email=5, window_seconds=60)
    throttle.allow(_request("192.0.2.1"), "ada@example.org")
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]
    assert keys and not any("ada" in key for key in keys)
