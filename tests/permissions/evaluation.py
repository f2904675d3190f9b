"""Expected statuses for the evaluation pages and API: surveys, raters, plans, reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from commonground.evaluation.models import (
    Indicator,
    InstrumentVersion,
    Nomination,
    ReportSnapshot,
    SurveyResponse,
    Theme,
    Wave,
    WaveKind,
)
from commonground.evaluation.network_services import standard_question_set
from commonground.evaluation.services import create_instrument, issue_token, load_default_instrument
from tests.conftest import World
from tests.permissions import Case, form_refused, statuses

STAFF = {"admin": 200, "staff": 200}
REDIRECTED_STAFF = {"admin": 302, "staff": 302}
# Programme staff only; facilitators and the cohort's participants know the cohort exists.
COHORT_STAFF = statuses(404, anonymous=302, **STAFF, facilitator=403, participant=403)
COHORT_STAFF_POST = statuses(
    404, anonymous=302, **REDIRECTED_STAFF, facilitator=403, participant=403
)
INSTRUMENTS = statuses(404, anonymous=302, **STAFF, facilitator=403)
# The instrument list is shared; staff of another programme see theirs and the common ones.
INSTRUMENT_LIST = INSTRUMENTS | {"other_staff": 200}
INSTRUMENTS_POST = statuses(404, anonymous=302, **REDIRECTED_STAFF, facilitator=403)
# Aggregate reports: anyone with a role in the programme, small numbers hidden for non-staff.
REPORT_READERS = {**STAFF, "facilitator": 200, "evaluator": 200, "board": 200}
OWN_OR_STAFF = statuses(404, anonymous=302, **STAFF, participant=200)


def _version(world: World) -> InstrumentVersion:
    return load_default_instrument(world.programme, audit=False)


def _draft(world: World) -> InstrumentVersion:
    draft = create_instrument("Draft", world.programme, world.users["staff"])
    Theme.objects.create(version=draft, key="trust", title="Trust")
    return draft


def _wave(world: World, kind: str = WaveKind.MID) -> Wave:
    today = timezone.localdate()
    return Wave.objects.create(
        cohort=world.cohort,
        kind=kind,
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=20),
        version=_version(world),
        invited_at=timezone.now(),
    )


def _self_response(world: World) -> dict[str, Any]:
    wave = _wave(world)
    response = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )
    return {"pk": response.pk}


def _network_response(world: World) -> dict[str, Any]:
    wave = _wave(world)
    wave.network_questions = standard_question_set(world.programme, None)
    wave.save()
    response = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version_id=wave.version_id
    )
    return {"pk": response.pk}


def _nomination(world: World) -> Nomination:
    return Nomination.objects.create(
        enrolment=world.enrolment,
        name="Morgan Manager",
        email="m@example.org",
        relationship="manager",
    )


def _rater_token(world: World) -> dict[str, Any]:
    wave = _wave(world, WaveKind.END)
    response = SurveyResponse.objects.create(
        wave=wave,
        enrolment=world.enrolment,
        rater_type="manager",
        nomination=_nomination(world),
        version_id=wave.version_id,
    )
    return {"token": issue_token(response)}


def _draft_item(world: World) -> dict[str, Any]:
    draft = _draft(world)
    return {"pk": draft.pk, "kind": "theme", "item": draft.themes.get().pk}


def _draft_indicator(world: World) -> dict[str, Any]:
    draft = _draft(world)
    indicator = Indicator.objects.create(
        theme=draft.themes.get(), key="listen", self_wording="I listen", rater_wording="Listens"
    )
    return {"pk": draft.pk, "item": indicator.pk}


def _cohort(world: World) -> dict[str, Any]:
    return {"pk": world.cohort.pk}


def _programme(world: World) -> dict[str, Any]:
    return {"slug": world.programme.slug}


def _staff_snapshot(world: World) -> dict[str, Any]:
    """The progress of the staff's figures (every number shown): theirs alone to follow."""
    snapshot = ReportSnapshot.objects.create(
        key=f"programme:{world.programme.pk}:all", programme=world.programme
    )
    return {"pk": snapshot.pk}


CASES = [
    Case("evaluation:home", expected=statuses(200, anonymous=302)),
    Case("evaluation:my_surveys", expected=statuses(200, anonymous=302)),
    Case(
        "evaluation:survey",
        kwargs=_self_response,
        expected=statuses(404, anonymous=302, participant=200),
    ),
    Case(
        "evaluation:survey",
        kwargs=_self_response,
        method="post",
        data=lambda world: {"action": "draft"},
        expected=statuses(404, anonymous=302, participant=302),
    ),
    # A rater's link needs no account: whoever holds it may answer, and learns nothing more.
    Case("evaluation:rater_survey", kwargs=_rater_token, expected=statuses(200)),
    Case(
        "evaluation:rater_survey",
        kwargs=_rater_token,
        method="post",
        data=lambda world: {"action": "draft"},
        expected=statuses(302),
    ),
    Case(
        "evaluation:rater_survey",
        kwargs=lambda world: {"token": "not-a-real-token"},
        expected=statuses(404),
    ),
    Case(
        "evaluation:nominations",
        kwargs=lambda world: {"pk": world.enrolment.pk},
        expected=OWN_OR_STAFF,
    ),
    Case(
        "evaluation:nominations",
        kwargs=lambda world: {"pk": world.enrolment.pk},
        method="post",
        data=lambda world: {"name": ""},
        expected=form_refused(OWN_OR_STAFF),
    ),
    Case(
        "evaluation:nomination_decide",
        kwargs=lambda world: {"pk": _nomination(world).pk},
        method="post",
        data=lambda world: {"decision": "approve"},
        expected=COHORT_STAFF_POST,
    ),
    Case("evaluation:instruments", expected=INSTRUMENT_LIST),
    Case("evaluation:instrument_new", expected=INSTRUMENT_LIST),
    Case(
        "evaluation:instrument_new",
        method="post",
        data=lambda world: {"title": ""},
        expected=form_refused(INSTRUMENT_LIST),
    ),
    Case(
        "evaluation:version",
        kwargs=lambda world: {"pk": _version(world).pk},
        expected=INSTRUMENTS,
    ),
    Case(
        "evaluation:version_publish",
        kwargs=lambda world: {"pk": _draft(world).pk},
        method="post",
        expected=INSTRUMENTS_POST,
    ),
    Case(
        "evaluation:version_new_draft",
        kwargs=lambda world: {"pk": _version(world).pk},
        method="post",
        expected=INSTRUMENTS_POST,
    ),
    Case(
        "evaluation:item_new",
        kwargs=lambda world: {"pk": _draft(world).pk, "kind": "indicator"},
        expected=INSTRUMENTS,
    ),
    Case("evaluation:item_edit", kwargs=_draft_item, expected=INSTRUMENTS),
    Case("evaluation:item_delete", kwargs=_draft_item, method="post", expected=INSTRUMENTS_POST),
    Case(
        "evaluation:indicator_move",
        kwargs=_draft_indicator,
        method="post",
        data=lambda world: {"direction": "up"},
        expected=INSTRUMENTS_POST,
    ),
    Case("evaluation:plan", kwargs=_cohort, expected=COHORT_STAFF),
    Case(
        "evaluation:plan_create",
        kwargs=_cohort,
        method="post",
        data=lambda world: {"version": _version(world).pk},
        expected=COHORT_STAFF_POST,
    ),
    Case(
        "evaluation:wave_edit",
        kwargs=lambda world: {"pk": _wave(world).pk},
        expected=COHORT_STAFF,
    ),
    # GET, or a POST without confirm=yes, shows the check page; only confirm=yes sends.
    Case(
        "evaluation:wave_invite",
        kwargs=lambda world: {"pk": _wave(world).pk},
        expected=COHORT_STAFF,
    ),
    Case(
        "evaluation:wave_invite",
        kwargs=lambda world: {"pk": _wave(world).pk},
        method="post",
        data=lambda world: {"confirm": "yes"},
        expected=COHORT_STAFF_POST,
    ),
    Case(
        "evaluation:wave_remind",
        kwargs=lambda world: {"pk": _wave(world).pk},
        expected=COHORT_STAFF,
    ),
    Case(
        "evaluation:wave_remind",
        kwargs=lambda world: {"pk": _wave(world).pk},
        method="post",
        data=lambda world: {"confirm": "yes"},
        expected=COHORT_STAFF_POST,
    ),
    Case(
        "evaluation:cohort_report",
        kwargs=_cohort,
        expected=statuses(404, anonymous=302, participant=403, **REPORT_READERS),
    ),
    Case(
        "evaluation:programme_report",
        kwargs=_programme,
        expected=statuses(404, anonymous=302, **REPORT_READERS),
    ),
    Case(
        "evaluation:programme_report_pdf",
        kwargs=_programme,
        expected=statuses(404, anonymous=302, **REPORT_READERS),
    ),
    Case(
        "evaluation:programme_report_trends",
        kwargs=_programme,
        expected=statuses(404, anonymous=302, **REPORT_READERS),
    ),
    Case(
        "evaluation:programme_export",
        kwargs=lambda world: {**_programme(world), "fmt": "csv"},
        expected=statuses(404, anonymous=302, **STAFF, evaluator=200, facilitator=403, board=403),
    ),
    Case(
        "evaluation:report_progress",
        kwargs=_staff_snapshot,
        expected=statuses(404, anonymous=302, **STAFF),
    ),
    Case(
        "evaluation:participant_report",
        kwargs=lambda world: {"pk": world.enrolment.pk},
        expected=OWN_OR_STAFF,
    ),
    Case(
        "evaluation:network_survey",
        kwargs=_network_response,
        expected=statuses(404, anonymous=302, participant=200),
    ),
    Case(
        "evaluation:network_survey",
        kwargs=_network_response,
        method="post",
        data=lambda world: {"action": "draft"},
        expected=statuses(404, anonymous=302, participant=302),
    ),
    # A wave without network questions has no network page, even for its participant.
    Case(
        "evaluation:network_survey",
        kwargs=_self_response,
        expected=statuses(404, anonymous=302),
    ),
    Case(
        "evaluation:cohort_network",
        kwargs=_cohort,
        expected=statuses(404, anonymous=302, participant=403, **REPORT_READERS),
    ),
    # The pseudonymised download: programme staff and evaluators only.
    Case(
        "evaluation:network_export",
        kwargs=lambda world: {"pk": world.cohort.pk, "kind": "edges"},
        expected=statuses(
            404, anonymous=302, participant=403, **STAFF, evaluator=200, facilitator=403, board=403
        ),
    ),
    Case(
        "evaluation:network_export",
        kwargs=lambda world: {"pk": world.cohort.pk, "kind": "people"},
        expected=statuses(
            404, anonymous=302, participant=403, **STAFF, evaluator=200, facilitator=403, board=403
        ),
    ),
    Case(
        "evaluation:my_network",
        kwargs=lambda world: {"pk": world.enrolment.pk},
        expected=OWN_OR_STAFF,
    ),
    Case(
        "evaluation:network_questions",
        kwargs=_programme,
        expected=statuses(404, anonymous=302, **STAFF, facilitator=403, evaluator=403, board=403),
    ),
    Case(
        "evaluation:network_questions",
        kwargs=_programme,
        method="post",
        data=lambda world: {"title": "Ties", "questions": "Whom do you trust?"},
        expected=statuses(
            404, anonymous=302, **REDIRECTED_STAFF, facilitator=403, evaluator=403, board=403
        ),
    ),
    Case(
        "api:evaluation-plan",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        expected=statuses(404, anonymous=401, **STAFF, facilitator=403, participant=403),
    ),
    Case(
        "api:evaluation-report",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        expected=statuses(404, anonymous=401, participant=403, **REPORT_READERS),
    ),
    Case(
        "api:evaluation-network",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        expected=statuses(404, anonymous=401, participant=403, **REPORT_READERS),
    ),
    Case(
        "api:evaluation-network-edges",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        expected=statuses(
            404, anonymous=401, participant=403, **STAFF, evaluator=200, facilitator=403, board=403
        ),
    ),
]
