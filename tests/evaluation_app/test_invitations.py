"""Nominations need approval; invitations and reminders go once, and only to those who owe one."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.evaluation.models import (
    InstrumentVersion,
    Nomination,
    NominationStatus,
    SurveyResponse,
    Wave,
    WaveKind,
)
from commonground.evaluation.services import (
    end_survey_respondent_ids,
    invite,
    remind,
    response_rates,
    run_scheduled,
)
from tests.conftest import World

from .conftest import Committed, add_participants, answer_all, make_wave


def _nominate(world: World, name: str, relationship: str) -> None:
    world.client("participant").post(
        reverse("evaluation:nominations", args=[world.enrolment.pk]),
        {"name": name, "email": f"{name.lower()}@example.org", "relationship": relationship},
    )


def test_a_nomination_without_an_email_address_answers_bad_request(world: World) -> None:
    response = world.client("participant").post(
        reverse("evaluation:nominations", args=[world.enrolment.pk]),
        {"name": "Robin", "email": "", "relationship": "peer"},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_a_nomination_waits_for_staff_and_no_one_is_emailed_before(
    world: World, version: InstrumentVersion, committed: Committed
) -> None:
    end = make_wave(world.cohort.pk, version, WaveKind.END)
    with committed():
        invite(end, world.users["staff"])
    mail.outbox.clear()
    with committed():
        _nominate(world, "Morgan", "manager")
    nomination = Nomination.objects.get()
    assert nomination.status == NominationStatus.PENDING
    assert mail.outbox == []
    with committed():
        world.client("staff").post(
            reverse("evaluation:nomination_decide", args=[nomination.pk]), {"decision": "approve"}
        )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    assert [m.to for m in mail.outbox] == [["morgan@example.org"]]
    assert "/rate/" in mail.outbox[0].body
    assert "Pat has asked for your view" in mail.outbox[0].subject


def test_a_participant_cannot_approve_their_own_rater(world: World) -> None:
    _nominate(world, "Morgan", "peer")
    nomination = Nomination.objects.get()
    response = world.client("participant").post(
        reverse("evaluation:nomination_decide", args=[nomination.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PENDING


def test_invitations_go_to_every_participant_once(
    world: World, wave: Wave, committed: Committed
) -> None:
    add_participants(world, 3)
    with committed():
        assert invite(wave, world.users["staff"]) == 4
    assert len(mail.outbox) == 4
    with committed():
        assert invite(wave, world.users["staff"]) == 0
    assert len(mail.outbox) == 4
    assert "Your mid-point survey is open" in mail.outbox[0].subject


def test_reminders_go_only_to_non_responders_and_never_twice(
    world: World, wave: Wave, version: InstrumentVersion, committed: Committed
) -> None:
    add_participants(world, 3)
    invite(wave, None)
    SurveyResponse.objects.filter(wave=wave, enrolment=world.enrolment).update(
        ratings=answer_all(version), submitted_at=timezone.now()
    )
    mail.outbox.clear()
    with committed():
        assert remind(wave, world.users["staff"]) == 3
    reminded = sorted(m.to[0] for m in mail.outbox)
    assert "pat.participant@example.org" not in reminded and len(reminded) == 3
    assert remind(wave, world.users["staff"]) == 0
    assert len(mail.outbox) == 3


def test_the_scheduled_run_invites_open_waves_and_reminds_closing_ones(
    world: World, version: InstrumentVersion, committed: Committed
) -> None:
    today = timezone.localdate()
    wave = Wave.objects.create(
        cohort=world.cohort,
        kind=WaveKind.MID,
        opens_on=today - dt.timedelta(days=20),
        closes_on=today + dt.timedelta(days=3),
        version=version,
    )
    with committed():
        assert run_scheduled(today) == (1, 1)
    subjects = [m.subject.split(":")[0] for m in mail.outbox]
    assert subjects == ["Your mid-point survey is open", "Reminder"]
    assert run_scheduled(today) == (0, 0)
    wave.refresh_from_db()
    assert wave.invited_at is not None


def test_staff_see_response_rates_by_wave_and_rater(
    world: World, wave: Wave, version: InstrumentVersion
) -> None:
    add_participants(world, 3)
    invite(wave, None)
    SurveyResponse.objects.filter(wave=wave, enrolment=world.enrolment).update(
        submitted_at=timezone.now()
    )
    [row] = response_rates(world.cohort)
    assert (row.rater_type, row.invited, row.responded, row.percent) == ("self", 4, 1, 25)
    page = world.client("staff").get(reverse("evaluation:plan", args=[world.cohort.pk]))
    assert "25%" in page.content.decode()


def test_end_survey_respondents_are_those_who_submitted_their_own_end_survey(
    world: World, version: InstrumentVersion
) -> None:
    end = make_wave(world.cohort.pk, version, WaveKind.END)
    others = add_participants(world, 2)
    invite(end, None)
    SurveyResponse.objects.filter(wave=end, enrolment=others[0]).update(submitted_at=timezone.now())
    assert end_survey_respondent_ids(world.cohort) == {others[0].pk}
