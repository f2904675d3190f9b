"""Reports: the same figures as the statistics library, small numbers hidden outside staff."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from commonground.evaluation import stats
from commonground.evaluation.adapters import load_version, pseudonym, stats_instrument
from commonground.evaluation.models import (
    InstrumentVersion,
    Nomination,
    NominationStatus,
    SurveyResponse,
    Wave,
    WaveKind,
)
from commonground.programmes.models import Enrolment
from tests.conftest import World
from tests.exporting import download

from .conftest import ReportGetter, add_participants, answer_all, make_wave


def _history(world: World, version: InstrumentVersion, people: int) -> list[Enrolment]:
    """Baseline and end answers (with the look back) for the participant and `people` more."""
    enrolments = [world.enrolment, *add_participants(world, people)]
    rng = random.Random(7)
    rows = []
    for kind, lift in ((WaveKind.BASELINE, 0), (WaveKind.END, 1)):
        wave = make_wave(world.cohort.pk, version, kind, open_now=kind == WaveKind.END)
        for enrolment in enrolments:
            ratings = {
                k: min(5, v - 1 + lift + rng.choice([0, 0, 1]))
                for k, v in answer_all(version, 3).items()
            }
            row = SurveyResponse(
                wave=wave,
                enrolment=enrolment,
                rater_type="self",
                version=version,
                ratings=ratings,
                submitted_at=timezone.now(),
            )
            if kind == WaveKind.END:
                row.before_ratings = {k: max(1, v - 1) for k, v in ratings.items()}
                row.ratings |= {"react_learnt": 5, "react_apply": 4}
            rows.append(row)
    SurveyResponse.objects.bulk_create(rows)
    return enrolments


def _expected(
    world: World, version: InstrumentVersion, threshold: int | None
) -> stats.CohortReport:
    """The report computed straight from the stored answers with the library alone."""
    responses = []
    for row in SurveyResponse.objects.filter(wave__cohort=world.cohort).select_related("wave"):
        who = str(row.enrolment_id)
        responses.append(stats.Response(who, row.wave.kind, "self", world.cohort.name, row.ratings))
        if row.before_ratings:
            responses.append(
                stats.Response(who, "end_before", "self", world.cohort.name, row.before_ratings)
            )
    instrument = stats_instrument(load_version(version.pk))
    return stats.cohort_report(instrument, responses, stats.ReportOptions(threshold=threshold))


def _figure(report: dict[str, Any], theme: str) -> dict[str, Any]:
    return next(t for t in report["themes"] if t["id"] == theme)


def test_the_report_matches_the_statistics_library(
    world: World, version: InstrumentVersion, report_get: ReportGetter
) -> None:
    _history(world, version, 7)
    expected = _expected(world, version, None)
    # The API serves the figures the report page had worked out, so the page is asked first.
    page = report_get(
        world.client("staff"), reverse("evaluation:cohort_report", args=[world.cohort.pk])
    )
    got = (
        world.client("staff")
        .get(
            reverse("api:evaluation-report", args=[world.cohort.pk]),
            headers={"Authorization": "Bearer " + _token(world, "staff")},
        )
        .json()["report"]
    )
    collaboration = _figure(got, "collaboration")
    change = expected.themes[0].change
    assert isinstance(change, stats.PairedComparison)
    assert collaboration["change"]["n"] == change.n == 8
    assert collaboration["change"]["mean_change"] == pytest.approx(change.mean_change)
    assert collaboration["change"]["t_test"]["p"] == pytest.approx(
        change.t_test.p if change.t_test else None
    )
    assert collaboration["change_p_holm"] == pytest.approx(expected.themes[0].change_p_holm)
    html = page.content.decode()
    assert f"{change.mean_change:+.2f} ({change.ci_low:+.2f} to {change.ci_high:+.2f})" in html
    assert "Response shift" in html and "Participants agreeing at the end" in html


def _token(world: World, role: str) -> str:
    from commonground.accounts.models import ApiToken

    return ApiToken.issue(world.users[role], "test")[1]


@pytest.mark.parametrize("role", ["board", "evaluator", "facilitator"])
def test_small_numbers_are_hidden_outside_programme_staff(
    world: World, version: InstrumentVersion, role: str, report_get: ReportGetter
) -> None:
    _history(world, version, 2)
    url = reverse("evaluation:cohort_report", args=[world.cohort.pk])
    hidden = report_get(world.client(role), url).content.decode()
    assert "fewer than 5 responses" in hidden
    expected = _expected(world, version, None)
    change = expected.themes[0].change
    assert isinstance(change, stats.PairedComparison) and change.mean_change is not None
    assert f"{change.mean_change:+.2f} (" not in hidden
    shown = report_get(world.client("staff"), url).content.decode()
    assert "fewer than 5 responses" not in shown
    report = (
        world.client("anonymous")
        .get(
            reverse("api:evaluation-report", args=[world.cohort.pk]),
            headers={"Authorization": "Bearer " + _token(world, role)},
        )
        .json()["report"]
    )
    assert _figure(report, "collaboration")["change"]["suppressed"] is True


def test_the_evaluators_export_is_pseudonymised_with_stable_codes(
    world: World, version: InstrumentVersion
) -> None:
    enrolments = _history(world, version, 5)
    url = reverse("evaluation:programme_export", args=[world.programme.slug, "csv"])
    first = download(world.client("evaluator"), url).content.decode("utf-8-sig")
    again = download(world.client("evaluator"), url).content.decode("utf-8-sig")
    assert first == again
    header, *rows = first.splitlines()
    assert header.startswith("respondent,wave,rater_type,cohort,collab_1")
    assert pseudonym(world.enrolment.pk) in first
    assert len({r.split(",")[0] for r in rows}) == len(enrolments)
    for enrolment in enrolments:
        assert enrolment.person.last_name not in first
        assert enrolment.person.email not in first
    assert "@" not in first and "Pat" not in first


def test_the_export_reads_back_into_the_standalone_command(
    world: World, version: InstrumentVersion
) -> None:
    _history(world, version, 5)
    url = reverse("evaluation:programme_export", args=[world.programme.slug, "csv"])
    text = download(world.client("staff"), url).content.decode("utf-8-sig")
    instrument = stats_instrument(load_version(version.pk))
    responses = stats.parse_responses(iter(text.splitlines(keepends=True)), instrument, "x.csv")
    assert len({r.respondent for r in responses}) == 6


def test_the_board_pdf_renders_with_its_title_and_a_figure(
    world: World, version: InstrumentVersion, report_get: ReportGetter
) -> None:
    _history(world, version, 7)
    response = report_get(
        world.client("board"),
        reverse("evaluation:programme_report_pdf", args=[world.programme.slug]),
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Evaluation of Leading Greater Essex" in text
    assert "Participants whose theme score rose from baseline to end" in text
    assert "Collaboration" in text


def _rate(world: World, wave: Wave, version: InstrumentVersion, relationship: str, n: int) -> None:
    for i in range(n):
        nomination = Nomination.objects.create(
            enrolment=world.enrolment,
            name=f"Rater {relationship} {i}",
            email=f"{relationship}{i}@example.org",
            relationship=relationship,
            status=NominationStatus.APPROVED,
        )
        SurveyResponse.objects.create(
            wave=wave,
            enrolment=world.enrolment,
            rater_type=relationship,
            nomination=nomination,
            version=version,
            ratings=answer_all(version, 2),
            submitted_at=timezone.now(),
        )


def test_the_participant_sees_peers_only_in_threes_and_their_manager_always(
    world: World, version: InstrumentVersion
) -> None:
    _history(world, version, 0)
    end = Wave.objects.get(cohort=world.cohort, kind=WaveKind.END)
    _rate(world, end, version, "manager", 1)
    _rate(world, end, version, "peer", 3)
    _rate(world, end, version, "direct_report", 2)
    html = (
        world.client("participant")
        .get(reverse("evaluation:participant_report", args=[world.enrolment.pk]))
        .content.decode()
    )
    assert "Your evaluation report" in html
    assert "Line manager" in html and "Peers (3)" in html
    assert "Direct reports (" not in html
    assert "Direct report: 2 answered, fewer than 3" in html
    assert "End of programme, looking back to before" in html
    assert "Rater peer" not in html


def test_the_report_pages_run_a_fixed_number_of_queries(
    world: World,
    version: InstrumentVersion,
    django_assert_num_queries: object,
    report_get: ReportGetter,
) -> None:
    _history(world, version, 3)
    client = world.client("staff")
    urls = [
        reverse("evaluation:cohort_report", args=[world.cohort.pk]),
        reverse("evaluation:programme_report", args=[world.programme.slug]),
        reverse("evaluation:participant_report", args=[world.enrolment.pk]),
        reverse("evaluation:plan", args=[world.cohort.pk]),
    ]
    # Session and user, the viewer's roles and records; for the aggregate reports the latest
    # wave's version, the answers' fingerprint and the stored snapshot (and, on a cohort's, the
    # free-text answers and their questions); for the participant's, the version and answers.
    # The programme's reads its cohorts; its network headline comes with the snapshot.
    counts = [10, 9, 12, 11]
    for url in urls:
        report_get(client, url)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):  # type: ignore[operator]
            client.get(url)
    more = add_participants(world, 20)
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            wave=wave,
            enrolment=e,
            rater_type="self",
            version=version,
            ratings=answer_all(version),
            submitted_at=timezone.now(),
        )
        for wave in Wave.objects.filter(cohort=world.cohort)
        for e in more
    )
    for url in urls:
        report_get(client, url)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):  # type: ignore[operator]
            client.get(url)


def test_the_evaluators_export_keeps_peers_and_reports_only_in_groups_of_three(
    world: World, version: InstrumentVersion
) -> None:
    enrolments = _history(world, version, 5)
    end = Wave.objects.get(cohort=world.cohort, kind=WaveKind.END)
    raters = [(world.enrolment, "peer")] * 2 + [(enrolments[1], "direct_report")] * 3
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            wave=end,
            enrolment=enrolment,
            rater_type=rater_type,
            version=version,
            ratings=answer_all(version, 4),
            submitted_at=timezone.now(),
        )
        for enrolment, rater_type in raters
    )
    url = reverse("evaluation:programme_export", args=[world.programme.slug, "csv"])

    def rater_rows(role: str) -> list[tuple[str, str]]:
        text = download(world.client(role), url).content.decode("utf-8-sig")
        rows = [line.split(",") for line in text.splitlines()[1:]]
        return [(row[0], row[2]) for row in rows if row[2] != "self"]

    # Two peers of one participant would be as good as named: they stay with staff.
    assert rater_rows("evaluator") == [(pseudonym(enrolments[1].pk), "direct_report")] * 3
    assert sorted(rater_rows("staff")) == sorted(
        [(pseudonym(world.enrolment.pk), "peer")] * 2
        + [(pseudonym(enrolments[1].pk), "direct_report")] * 3
    )
