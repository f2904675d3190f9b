"""The privacy notice and the accessibility statement are public, linked from every page's
footer, and say what UK public bodies must."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from commonground.lib.personal_data import holdings
from tests.conftest import World


def test_anyone_reads_both_from_the_footer_of_any_page(world: World) -> None:
    for client in (Client(), world.client("participant")):
        home = client.get(reverse("home"), follow=True).content.decode()
        assert reverse("privacy:notice") in home
        assert reverse("privacy:accessibility") in home
        assert client.get(reverse("privacy:notice")).status_code == 200
        assert client.get(reverse("privacy:accessibility")).status_code == 200


def test_the_notice_gives_the_retention_periods_set_for_this_site(
    db: None, settings: Settings
) -> None:
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "survey_answers": 1461}
    settings.DATA_PROTECTION_EMAIL = "dpo@essexpartners.example"
    page = Client().get(reverse("privacy:notice")).content.decode()
    assert "1461 days after the survey closed" in page
    assert "1 year after the decision" in page
    assert "mailto:dpo@essexpartners.example" in page


def test_the_notice_names_what_is_kept_the_lawful_basis_and_the_rights(db: None) -> None:
    page = Client().get(reverse("privacy:notice")).content.decode()
    for holding in holdings():
        assert holding.title.replace("'", "&#x27;") in page
    for words in ("Public task", "Article 6(1)(e)", "Explicit consent", "subject access request"):
        assert words in page
    assert "ico.org.uk/make-a-complaint" in page


def test_the_statement_follows_the_model_statement_and_lists_known_issues(db: None) -> None:
    page = Client().get(reverse("privacy:accessibility")).content.decode()
    for heading in (
        "How accessible this website is",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in page
    assert "partially compliant" in page
    assert "PDF reports and certificates are not tagged" in page
