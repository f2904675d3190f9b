"""Retention and the applicant's own data: old unsuccessful applications lose who they were."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from commonground.audit.log import history
from commonground.recruitment import services
from commonground.recruitment.models import Application, EqualityResponse, Round, Status
from tests.conftest import World
from tests.exporting import download
from tests.recruitment.conftest import MakeApplicant, signed_in


def test_old_unsuccessful_applications_are_anonymised(
    application_round: Round, make_applicant: MakeApplicant
) -> None:
    old = make_applicant(status=Status.UNSUCCESSFUL, first="Olive")
    recent = make_applicant(status=Status.UNSUCCESSFUL, first="Rita")
    EqualityResponse.objects.create(round=application_round, application=old, sex="female")
    services.moderate(old, old.moderated_score, "Strong but not this year", by=None)
    Application.objects.filter(pk=old.pk).update(
        decided_at=timezone.now() - dt.timedelta(days=application_round.retention_days + 1)
    )
    Application.objects.filter(pk=recent.pk).update(decided_at=timezone.now())
    out = io.StringIO()
    call_command("recruitment_housekeeping", stdout=out)
    assert "1 application(s) anonymised" in out.getvalue()
    old.refresh_from_db()
    assert old.person is None and old.answers == {} and old.sponsor_email == ""
    assert old.name == f"Anonymised applicant {old.pk}"
    assert old.organisation is not None  # still counted in the round's figures
    assert EqualityResponse.objects.filter(
        round=application_round, sex="female", application=None
    ).exists()
    assert all("Olive" not in str(entry.changes) for entry in history(old))
    recent.refresh_from_db()
    assert recent.person is not None
    assert services.anonymise_due() == 0


def test_applicants_download_what_is_held_about_them(
    world: World, application_round: Round, make_applicant: MakeApplicant
) -> None:
    application = make_applicant(first="Holly")
    EqualityResponse.objects.create(
        round=application_round, application=application, age_band="35_44"
    )
    client = signed_in(application)
    held = json.loads(client.get(reverse("recruitment:my_data", args=["json"])).content)
    assert held["person"]["email"] == "holly@example.org"
    [entry] = held["applications"]
    assert entry["equality_monitoring"] == {"age_band": "35 to 44"}
    assert entry["sponsor"]["email"] == "sam.sponsor@example.org"
    rows = list(
        csv.reader(
            io.StringIO(
                download(client, reverse("recruitment:my_data", args=["csv"])).content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert ["person / email", "holly@example.org"] in rows
