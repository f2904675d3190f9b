"""Records past their retention period are anonymised by the daily run, after a dry run staff
can read; fresh records are left alone, and a second run finds nothing."""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from pytest import CaptureFixture
from pytest_django import DjangoAssertNumQueries

from commonground.audit.models import AuditEntry
from commonground.evaluation.models import OutsideName, SurveyResponse
from commonground.lib import retention
from commonground.privacy.models import RetentionRun
from commonground.privacy.retention import apply
from commonground.privacy.tasks import apply_retention
from commonground.recruitment.models import Application, ContinueLink
from tests.conftest import World
from tests.privacy.conftest import Aged

EXPECTED = {
    "application_links": 1,
    "audit_entries": 1,
    "network_ties": 1,
    "survey_answers": 1,
    "unsuccessful_applications": 1,
}


def _everything() -> dict[str, list[dict[str, object]]]:
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in ("recruitment", "evaluation", "audit", "privacy")
    }


def test_the_dry_run_says_what_would_go_and_changes_nothing(
    aged: Aged, capsys: CaptureFixture[str]
) -> None:
    before = _everything()
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert (
        "Unsuccessful applications: 1 would be anonymised (kept 365 days after the decision" in out
    )
    assert "Survey answers: 1 would be anonymised" in out
    assert _everything() == before
    assert {due.kind.key: due.count for due in retention.report()} == EXPECTED


def test_the_real_run_anonymises_exactly_the_expired_records(
    world: World, aged: Aged, capsys: CaptureFixture[str]
) -> None:
    call_command("apply_retention")
    assert "Unsuccessful applications: 1 anonymised" in capsys.readouterr().out

    old = Application.objects.get(pk=aged.old_application.pk)
    assert (old.person, old.answers, old.sponsor_email) == (None, {}, "")
    assert old.anonymised_at is not None and old.status == "declined"
    fresh = Application.objects.get(pk=aged.new_application.pk)
    assert fresh.person == world.alumnus_person and fresh.answers

    old_answer = SurveyResponse.objects.select_related("nomination").get(pk=aged.old_response.pk)
    assert (old_answer.comments, old_answer.token_hash) == ({}, None)
    assert old_answer.ratings == {"listen": 4}
    assert old_answer.nomination is not None
    assert (old_answer.nomination.name, old_answer.nomination.email) == ("Name removed", "")
    fresh_answer = SurveyResponse.objects.get(pk=aged.new_response.pk)
    assert fresh_answer.comments == {"0": "Asks good questions"}

    assert sorted(OutsideName.objects.values_list("name", flat=True)) == [
        "Chris Fresh",
        "Name removed",
    ]
    entry = AuditEntry.objects.get(pk=aged.old_entry.pk)
    assert (entry.actor, entry.changes, entry.object_repr) == (None, {}, "Record details removed")
    assert entry.action == "directory.person.changed"
    assert list(ContinueLink.objects.values_list("email", flat=True)) == [
        "alex.alumnus@example.org"
    ]


def test_a_second_run_finds_nothing_left_to_anonymise(aged: Aged) -> None:
    first = apply(None)
    assert first.counts == EXPECTED
    after_first = _everything()
    second = apply(None)
    assert set(second.counts.values()) == {0}
    after_second = _everything()
    # Only the second run's own record and its audit entry are new.
    assert after_second.pop("privacy.RetentionRun")[:-1] == after_first.pop("privacy.RetentionRun")
    assert after_second.pop("audit.AuditEntry")[:-1] == after_first.pop("audit.AuditEntry")
    assert after_second == after_first


def test_the_run_is_recorded_with_its_counts_in_the_history(world: World, aged: Aged) -> None:
    client = world.client("staff")
    response = client.post(reverse("privacy:retention_apply"), {"confirm": "yes"})
    assert response.status_code == 302
    run = RetentionRun.objects.get()
    assert run.ran_by == world.users["staff"] and run.counts == EXPECTED
    entry = AuditEntry.objects.get(action="privacy.retention.applied")
    assert entry.actor == world.users["staff"]
    assert entry.changes["counts"] == [None, EXPECTED]
    assert "5 records anonymised." in client.get(response["Location"]).content.decode()


def test_staff_read_the_dry_run_by_kind_with_counts_and_oldest_dates(
    world: World, aged: Aged, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = world.client("staff")
    client.get(reverse("privacy:retention"))  # the session and viewer are loaded once
    # One count per kind, however many records: session, user, roles, person, last run besides.
    with django_assert_num_queries(len(retention.kinds()) + 5):
        page = client.get(reverse("privacy:retention")).content.decode()
    assert "Unsuccessful applications" in page and "1 year after the decision" in page
    assert aged.old_application.decided_at is not None
    assert f"{aged.old_application.decided_at:%-d %b %Y}" in page
    assert reverse("privacy:retention_apply") in page


def test_the_check_page_lists_each_kind_before_anything_happens(world: World, aged: Aged) -> None:
    page = world.client("staff").get(reverse("privacy:retention_apply")).content.decode()
    assert "Check before you anonymise expired records" in page
    assert "Names given in the network survey" in page
    assert RetentionRun.objects.count() == 0
    assert OutsideName.objects.filter(name="Jo Bloggs").exists()


def test_a_facilitator_may_not_run_retention(world: World, aged: Aged) -> None:
    client = world.client("facilitator")
    assert client.get(reverse("privacy:retention")).status_code == 403
    assert client.post(reverse("privacy:retention_apply"), {"confirm": "yes"}).status_code == 403
    assert RetentionRun.objects.count() == 0


def test_the_scheduled_task_anonymises_as_the_command_does(aged: Aged) -> None:
    result = apply_retention.enqueue()
    assert result.return_value == EXPECTED
    assert RetentionRun.objects.get().ran_by is None


def test_staff_find_the_dry_run_in_every_pages_footer_and_others_do_not(world: World) -> None:
    link = reverse("privacy:retention")
    assert link in world.client("staff").get(reverse("home"), follow=True).content.decode()
    participant_home = world.client("participant").get(reverse("home"), follow=True)
    assert link not in participant_home.content.decode()
