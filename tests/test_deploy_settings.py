"""Production settings pass Django's deployment checks, and refuse to start without a secret."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # A clean environment, so nothing from the developer's shell leaks into the settings.
    clean = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    production = {
        "COMMONGROUND_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **production, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path: Path) -> None:
    result = _check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _check(tmp_path, SECRET_KEY="")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set" in result.stderr


def test_debug_in_production_fails_the_deployment_checks(tmp_path: Path) -> None:
    result = _check(tmp_path, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_refuses_to_start_with_the_development_secret_key(tmp_path: Path) -> None:
    from commonground.settings import DEVELOPMENT_SECRET_KEY

    result = _check(tmp_path, SECRET_KEY=DEVELOPMENT_SECRET_KEY)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is the development key" in result.stderr


def test_the_deployment_checks_refuse_the_development_key_outside_production(
    tmp_path: Path,
) -> None:
    from commonground.settings import DEVELOPMENT_SECRET_KEY

    result = _check(tmp_path, COMMONGROUND_ENV="development", SECRET_KEY=DEVELOPMENT_SECRET_KEY)
    assert result.returncode != 0
    assert "commonground.E002" in result.stderr


def test_the_deployment_checks_fail_when_staff_need_no_second_factor(tmp_path: Path) -> None:
    result = _check(tmp_path, MFA_REQUIRED_FOR_STAFF="false")
    assert result.returncode != 0
    assert "commonground.E001" in result.stderr
    assert "Staff and administrators can sign in with a password alone" in result.stderr


def test_a_demo_may_switch_off_the_second_factor_explicitly(tmp_path: Path) -> None:
    result = _check(
        tmp_path, MFA_REQUIRED_FOR_STAFF="false", ALLOW_STAFF_WITHOUT_SECOND_FACTOR="true"
    )
    assert result.returncode == 0, result.stderr
