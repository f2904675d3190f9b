"""`make demo` and `make serve` on another port: the links in emails follow the port."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from django.conf import settings


def _planned(*arguments: str, **environment: str) -> str:
    """The commands make would run, without running them."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT", "MAKEFLAGS")}
    return subprocess.run(
        ["make", "--dry-run", "--always-make", *arguments],
        cwd=Path(settings.BASE_DIR),
        env=env | environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_serving_on_another_port_puts_that_port_in_the_links_of_emails() -> None:
    for target in ("demo", "serve"):
        planned = _planned(target, "PORT=8123")
        assert "export SITE_URL='http://127.0.0.1:8123'" in planned
        assert "runserver 127.0.0.1:8123" in planned


def test_an_address_given_for_the_links_is_kept() -> None:
    planned = _planned("serve", "PORT=8123", SITE_URL="https://demo.example.org")
    assert "export SITE_URL='https://demo.example.org'" in planned
    assert "runserver 127.0.0.1:8123" in planned
