"""The change history reads as sentences: who did what, each field by name, values as shown."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from commonground.audit.log import audited, history, record_changes
from commonground.audit.models import AuditEntry
from commonground.audit.sentences import sentence
from commonground.programmes.models import Activity
from tests.conftest import World


def _latest(instance: object) -> AuditEntry:
    entry = history(instance).first()  # type: ignore[arg-type]
    assert entry is not None
    return entry


def test_a_change_names_each_field_and_shows_choice_labels(world: World) -> None:
    person = world.participant_person
    staff = world.users["staff"]
    staff.name = "Sam Patel"
    staff.save()
    with audited(staff, person, "directory.person.changed"):
        person.job_title = "Chief Superintendent"
        person.band = "director"
        person.save()
    said = sentence(_latest(person))
    assert said.startswith("Sam Patel changed the ")
    assert "the job title from Head of Service to Chief Superintendent" in said
    assert "the seniority band from Head of service to Director" in said
    assert "{" not in said and "→" not in said


def test_setting_and_clearing_a_value_say_so(world: World) -> None:
    person = world.participant_person
    with audited(world.users["staff"], person, "directory.person.changed"):
        person.organisation = None
        person.save()
    assert sentence(_latest(person)) == "Staff cleared the organisation (it was Essex Police)."
    with audited(world.users["staff"], person, "directory.person.changed"):
        person.job_title = ""
        person.band = "director"
        person.save()
    said = sentence(_latest(person))
    assert said == (
        "Staff changed the seniority band from Head of service to Director and cleared the "
        "job title (it was Head of Service)."
    )


def test_a_verb_of_its_own_is_one_plain_sentence(world: World) -> None:
    activity = world.activity
    record_changes(world.users["staff"], activity, "programmes.activity.cancelled", {})
    assert sentence(_latest(activity)) == "Staff cancelled the activity."
    record_changes(None, activity, "programmes.activity.restored", {})
    assert sentence(_latest(activity)) == "The system restored the activity."


def test_a_reason_and_figures_that_are_not_fields_are_given(world: World) -> None:
    cohort = world.cohort
    record_changes(
        world.users["staff"], cohort, "programmes.cohort.withdrawn", {"reason": [None, "Moved"]}
    )
    assert sentence(_latest(cohort)) == "Staff withdrew the cohort (giving the reason: Moved)."
    record_changes(
        world.users["staff"], cohort, "programmes.cohort.reminded", {"reminded": [None, 12]}
    )
    assert sentence(_latest(cohort)) == "Staff sent a reminder for the cohort (reminded: 12)."


def test_an_unknown_action_falls_back_to_its_words(world: World) -> None:
    record_changes(world.users["staff"], world.cohort, "programmes.cohort.signed_in_by_link", {})
    assert sentence(_latest(world.cohort)) == "Staff: cohort, signed in by link."


def test_dates_read_as_dates(world: World) -> None:
    cohort = world.cohort
    with audited(world.users["staff"], cohort, "programmes.cohort.changed"):
        cohort.ends_on = dt.date(2027, 7, 30)
        cohort.save()
    assert "to 30 Jul 2027." in sentence(_latest(cohort))
    when = timezone.make_aware(dt.datetime(2026, 11, 29, 14, 5))
    entry = AuditEntry.objects.create(
        action="programmes.activity.changed",
        content_type=ContentType.objects.get_for_model(Activity),
        object_id="1",
        object_repr="Day",
        changes={"starts_at": [None, when.isoformat()]},
    )
    assert sentence(entry) == "The system set the starts to 29 Nov 2026 14:05."


def test_a_creation_names_the_record(world: World) -> None:
    entry = record_changes(world.users["staff"], world.cohort, "programmes.cohort.created", {})
    assert sentence(entry) == f"Staff created the cohort “{world.cohort}”."


def test_the_history_on_a_page_is_sentences(world: World) -> None:
    person = world.participant_person
    with audited(world.users["staff"], person, "directory.person.changed"):
        person.job_title = "Chief Superintendent"
        person.save()
    page = world.client("staff").get(reverse("directory:person", args=[person.pk])).text
    assert "Staff changed the job title from Head of Service to Chief Superintendent." in page
    assert "directory.person.changed" not in page
