"""Survey waves are scheduled: the worker sends a wave's invitations when it opens, early sending
needs a recorded reason and a check page, and nobody answers a wave that has not opened."""

from __future__ import annotations

import datetime as dt
import signal
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.fixtures import Settings

from commonground.audit.models import AuditEntry
from commonground.evaluation.forms import SurveyForm
from commonground.evaluation.models import (
    Indicator,
    InstrumentVersion,
    Nomination,
    NominationStatus,
    SurveyResponse,
    Wave,
    WaveKind,
)
from commonground.evaluation.services import (
    OPENING_TIME,
    create_standard_plan,
    invite,
    issue_token,
    open_when_due,
    opening_moment,
)
from commonground.evaluation.tasks import send_scheduled_emails
from tests.conftest import World

from .conftest import Committed, add_participants, answer_all, make_wave


def _future(world: World, version: InstrumentVersion, days: int = 200) -> Wave:
    today = timezone.localdate()
    return Wave.objects.create(
        cohort=world.cohort,
        kind=WaveKind.END,
        opens_on=today + dt.timedelta(days=days),
        closes_on=today + dt.timedelta(days=days + 28),
        version=version,
        includes_raters=True,
    )


def _rater(world: World) -> Nomination:
    return Nomination.objects.create(
        enrolment=world.enrolment,
        name="Morgan Manager",
        email="morgan@example.org",
        relationship="manager",
        status=NominationStatus.APPROVED,
    )


# The worker's sweep and the run scheduled for a wave's opening


def test_the_sweep_sends_a_due_wave_once_and_a_waiting_wave_not_at_all(
    world: World, version: InstrumentVersion, committed: Committed
) -> None:
    extra = add_participants(world, 2)
    due = make_wave(world.cohort.pk, version)  # opened three days ago, nothing sent
    waiting = _future(world, version)
    _rater(world)
    with committed():
        send_scheduled_emails.enqueue()
    expected = [world.enrolment.person.email] + [e.person.email for e in extra]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(expected)
    assert len(mail.outbox) == 3
    due.refresh_from_db()
    assert due.invited_at is not None
    waiting.refresh_from_db()
    assert waiting.invited_at is None
    assert not SurveyResponse.objects.filter(wave=waiting).exists()
    with committed():
        send_scheduled_emails.enqueue()
    assert len(mail.outbox) == 3, "the second sweep sent nothing again"


def test_the_run_at_a_waves_opening_sends_nothing_before_the_day(
    world: World, version: InstrumentVersion, committed: Committed
) -> None:
    waiting = _future(world, version, days=10)
    with committed():
        assert open_when_due(waiting.pk) == 0
        assert open_when_due(waiting.pk, today=waiting.opens_on - dt.timedelta(days=1)) == 0
    assert mail.outbox == []
    with committed():
        assert open_when_due(waiting.pk, today=waiting.opens_on) == 1
    assert [m.to for m in mail.outbox] == [["pat.participant@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_planned_wave_when_it_opens(
    world: World, version: InstrumentVersion, settings: Settings
) -> None:
    """The plan schedules each wave's opening with the database worker `make demo` runs."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    # A cohort that starts in two months: its baseline opens in six weeks.
    world.cohort.starts_on = timezone.localdate() + dt.timedelta(days=56)
    world.cohort.ends_on = world.cohort.starts_on + dt.timedelta(days=300)
    world.cohort.save()
    create_standard_plan(world.cohort, version, world.users["staff"])
    baseline = Wave.objects.get(cohort=world.cohort, kind=WaveKind.BASELINE)
    scheduled = DBTaskResult.objects.filter(task_path__endswith="open_wave")
    assert scheduled.count() == 5
    first = scheduled.get(args_kwargs__args=[baseline.pk])
    assert timezone.localtime(first.run_after).date() == baseline.opens_on
    assert timezone.localtime(first.run_after).time() == OPENING_TIME

    def work() -> None:
        # The worker takes over SIGINT and SIGTERM; give them back to the test run afterwards.
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    work()
    assert mail.outbox == [], "nothing is sent while every wave is still to open"
    # The opening day comes: the run falls due and the wave is open.
    Wave.objects.filter(pk=baseline.pk).update(opens_on=timezone.localdate())
    scheduled.filter(pk=first.pk).update(run_after=timezone.now())
    work()  # opens the wave and queues its emails
    work()  # sends them
    assert [m.to for m in mail.outbox] == [["pat.participant@example.org"]]
    baseline.refresh_from_db()
    assert baseline.invited_at is not None
    # A run that comes before its wave opens (its dates were moved later) sends nothing.
    scheduled.update(run_after=timezone.now())
    work()
    work()
    assert len(mail.outbox) == 1
    assert list(Wave.objects.filter(invited_at__isnull=False)) == [baseline]


# Sending early: a check page, a reason, the history


def _invite_url(wave: Wave) -> str:
    return reverse("evaluation:wave_invite", args=[wave.pk])


def test_the_check_page_shows_who_gets_which_email_and_sends_nothing(
    world: World, version: InstrumentVersion, committed: Committed
) -> None:
    wave = _future(world, version)
    _rater(world)
    client = world.client("staff")
    with committed():
        page = client.get(_invite_url(wave))
        posted = client.post(_invite_url(wave), {"reason": "The board meets in June"})
    for response in (page, posted):
        assert response.status_code == 200
        html = response.content.decode()
        assert "Check before you send the invitations early" in html
        assert "Pat Participant (pat.participant@example.org)" in html
        assert "Morgan Manager (morgan@example.org), line manager of Pat Participant" in html
        assert "Your end of programme survey is open" in html  # the participants' email
        assert "Pat has asked for your view of their leadership" in html  # the raters'
        assert f"instead of {wave.opens_on:%-d %B %Y}" in html
        assert "Open the survey and send 2 invitations" in html
    assert mail.outbox == []
    assert not SurveyResponse.objects.exists()
    wave.refresh_from_db()
    assert wave.invited_at is None


def test_an_early_send_without_a_reason_is_refused(
    world: World, version: InstrumentVersion, committed: Committed
) -> None:
    wave = _future(world, version)
    opens = wave.opens_on
    with committed():
        response = world.client("staff").post(_invite_url(wave), {"confirm": "yes", "reason": " "})
    assert response.status_code == 400
    assert "Say why the invitations should go before the survey opens" in response.content.decode()
    assert mail.outbox == []
    wave.refresh_from_db()
    assert (wave.invited_at, wave.opens_on) == (None, opens)
    with pytest.raises(Exception, match="Say why"):
        invite(wave, world.users["staff"])
    assert not SurveyResponse.objects.exists()


def test_an_early_send_with_a_reason_opens_the_wave_and_records_why(
    world: World, version: InstrumentVersion, committed: Committed
) -> None:
    wave = _future(world, version)
    planned = wave.opens_on
    client = world.client("staff")
    with committed():
        response = client.post(
            _invite_url(wave), {"confirm": "yes", "reason": "The board meets in June"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["pat.participant@example.org"]]
    wave.refresh_from_db()
    assert wave.opens_on == timezone.localdate()
    assert wave.invited_at is not None
    entry = AuditEntry.objects.get(action="evaluation.wave.sent_early")
    assert entry.actor == world.users["staff"]
    assert entry.changes["reason"] == [None, "The board meets in June"]
    assert entry.changes["planned opening"][0] == planned.isoformat()
    banner = client.get(response["Location"]).content.decode()
    assert "Invitations are being sent to 1 person. The survey is open from today." in banner
    # The participant can answer now that it has opened.
    mine = SurveyResponse.objects.get(wave=wave, rater_type="self")
    page = world.client("participant").get(reverse("evaluation:survey", args=[mine.pk]))
    assert "Send my answers" in page.content.decode()


def test_an_open_wave_is_sent_after_the_check_without_a_reason(
    world: World, wave: Wave, committed: Committed
) -> None:
    client = world.client("staff")
    page = client.get(_invite_url(wave)).content.decode()
    assert "Check before you send the invitations" in page
    assert "reason" not in page.lower().split("who is emailed")[1].split("</form>")[0]
    with committed():
        client.post(_invite_url(wave), {"confirm": "yes"})
    assert len(mail.outbox) == 1
    assert not AuditEntry.objects.filter(action="evaluation.wave.sent_early").exists()
    again = client.get(_invite_url(wave)).content.decode()
    assert "Everyone this survey asks has already been invited." in again


def test_reminders_are_checked_before_they_are_sent(
    world: World, wave: Wave, committed: Committed
) -> None:
    with committed():
        invite(wave, world.users["staff"])
    mail.outbox.clear()
    url = reverse("evaluation:wave_remind", args=[wave.pk])
    client = world.client("staff")
    with committed():
        for response in (client.get(url), client.post(url)):
            html = response.content.decode()
            assert "Check before you send the reminders" in html
            assert "Pat Participant (pat.participant@example.org)" in html
            assert "Send 1 reminder" in html
    assert mail.outbox == []
    with committed():
        response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["pat.participant@example.org"]]
    assert AuditEntry.objects.filter(action="evaluation.wave.reminded").exists()


def test_the_check_pages_run_a_fixed_number_of_queries(
    world: World,
    version: InstrumentVersion,
    committed: Committed,
    django_assert_num_queries: Any,
) -> None:
    early = _future(world, version)
    open_wave = make_wave(world.cohort.pk, version)
    with committed():
        invite(open_wave, world.users["staff"])
    client = world.client("staff")
    urls = [_invite_url(early), reverse("evaluation:wave_remind", args=[open_wave.pk])]
    # Session and user, the viewer, the wave and its cohort; then the people: for invitations
    # the participants, those invited and the approved raters; for reminders one query.
    counts = [12, 7]
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url)
    more = add_participants(world, 12)
    for enrolment in more:
        Nomination.objects.create(
            enrolment=enrolment,
            name=f"Rater {enrolment.pk}",
            email=f"rater{enrolment.pk}@example.org",
            relationship="peer",
            status=NominationStatus.APPROVED,
        )
    with committed():
        invite(open_wave, world.users["staff"])
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            assert "extra" in client.get(url).content.decode().lower()


# Nobody answers a wave before it opens


def test_nobody_answers_a_wave_that_has_not_opened(
    world: World, version: InstrumentVersion
) -> None:
    wave = _future(world, version)
    mine = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version=version
    )
    theirs = SurveyResponse.objects.create(
        wave=wave,
        enrolment=world.enrolment,
        rater_type="manager",
        nomination=_rater(world),
        version=version,
    )
    opens = f"This survey opens on {wave.opens_on:%-d %B %Y}"
    answers = {f"now_{k}": v for k, v in answer_all(version).items()} | {"action": "submit"}
    participant = world.client("participant")
    own_url = reverse("evaluation:survey", args=[mine.pk])
    rater_url = reverse("evaluation:rater_survey", args=[issue_token(theirs)])
    for url, client in ((own_url, participant), (rater_url, world.client("anonymous"))):
        for response in (client.get(url), client.post(url, answers)):
            html = response.content.decode()
            assert opens in html
            assert "Send my answers" not in html
    for row in (mine, theirs):
        row.refresh_from_db()
        assert row.saved_at is None and row.submitted_at is None
    listed = participant.get(reverse("evaluation:my_surveys")).content.decode()
    assert f"Opens {wave.opens_on:%-d %B %Y}" in listed


# Required questions are never called optional


def test_required_questions_are_not_labelled_optional_and_optional_ones_are_not_required(
    world: World, version: InstrumentVersion, wave: Wave
) -> None:
    mine = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version=version
    )
    url = reverse("evaluation:survey", args=[mine.pk])
    client = world.client("participant")
    html = client.get(url).content.decode()
    form = SurveyForm(
        version=version,
        wave=wave,
        rater=False,
        answers={"ratings": {}, "before": {}, "comments": {}},
    )
    numbers = [f for f in form.fields.values() if getattr(f.widget, "input_type", "") == "number"]
    assert numbers, "the default instrument has 0 to 100 ratings"
    for field in numbers:
        assert f"{field.label} (optional)" not in html
        assert str(field.label) in html
    # The free-text questions are optional, say so, and are not asked for when sending.
    texts = [f for n, f in form.fields.items() if n.startswith("text_")]
    wave.kind = WaveKind.END
    wave.save()
    for field in texts:
        assert f"{field.label} (optional)" in html
    answers: dict[str, Any] = {f"now_{k}": v for k, v in answer_all(version).items()}
    answers |= {f"before_{k}": v for k, v in answer_all(version, 2).items()}
    answers |= {f"statement_{s.key}": 4 for s in version.statements.all()}
    response = client.post(url, answers | {"action": "submit"})
    assert response.status_code == 302, response.content.decode()[:2000]
    mine.refresh_from_db()
    assert mine.submitted_at is not None
    assert mine.comments == {}


def test_a_draft_may_leave_required_questions_empty_but_sending_may_not(
    world: World, version: InstrumentVersion, wave: Wave
) -> None:
    mine = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version=version
    )
    url = reverse("evaluation:survey", args=[mine.pk])
    client = world.client("participant")
    assert client.post(url, {"action": "draft"}).status_code == 302
    refused = client.post(url, {"action": "submit"})
    assert refused.status_code == 400
    first = Indicator.objects.filter(theme__version=version).first()
    assert first is not None
    assert f"Answer “{first.self_wording}”." in refused.content.decode()
    html = refused.content.decode()
    assert "(optional)" not in html.split("In your own words")[0]


def test_planning_schedules_only_waves_still_to_open_and_emails_nobody(
    world: World, version: InstrumentVersion, settings: Settings, committed: Committed
) -> None:
    """Adding the plan to a running cohort queues no run for a wave whose opening has passed:
    staff send such a wave through the check page (or the sweep does, if it is open)."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": settings.TASK_QUEUES,
        }
    }
    from commonground.evaluation.tasks import open_wave

    backend = open_wave.get_backend()
    backend.results.clear()  # type: ignore[attr-defined]
    with committed():
        waves = create_standard_plan(world.cohort, version, world.users["staff"])
    now = timezone.now()
    assert any(opening_moment(w) <= now for w in waves), "the cohort's baseline has passed"
    scheduled = {r.args[0]: r.task.run_after for r in backend.results}  # type: ignore[attr-defined]
    assert scheduled == {w.pk: opening_moment(w) for w in waves if opening_moment(w) > now}
    assert mail.outbox == []
