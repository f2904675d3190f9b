"""The directory's fixtures, for exports of many people."""

from tests.directory.conftest import add_organisations, add_people  # noqa: F401
