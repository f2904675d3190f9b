"""Each role's home says what to do next: staff the year of each cohort as a task list with what
needs attention counted, participants their next activity, surveys and progress in one
sentence, sponsors their people at risk, alumni their career record, the board its figures."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from commonground.audit.models import AuditEntry
from commonground.directory.models import Band, Post
from commonground.evaluation.models import SurveyResponse, WaveKind
from commonground.evaluation.services import load_default_instrument
from commonground.grouping.models import Grouping, Kind
from commonground.grouping.models import Status as GroupingStatus
from commonground.programmes.completion import progress_of
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    Cohort,
    CohortStatus,
    Enrolment,
)
from commonground.programmes.progress import RuleState, rule_lines
from commonground.programmes.year import Status, cohort_years
from commonground.recruitment.models import Application, Round
from commonground.recruitment.models import Status as ApplicationStatus
from tests.conftest import World
from tests.evaluation_app.conftest import make_wave
from tests.programmes.conftest import grow_cohort
from tests.recruitment.fixtures import recruitment


def _home(world: World, role: str) -> str:
    response = world.client(role).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _text(page: str) -> str:
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _sessions(world: World, held: int, attended: int, to_come: int) -> None:
    """`held` past counted sessions (the first `attended` attended), and `to_come` later ones
    besides the world's own upcoming activity."""
    now = timezone.now()
    for number in range(held):
        start = now - dt.timedelta(days=40 - number)
        activity = Activity.objects.create(
            cohort=world.cohort,
            kind=ActivityKind.LEARNING_DAY,
            title=f"Past day {number}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=6),
        )
        status = "present" if number < attended else "absent"
        Attendance.objects.create(activity=activity, enrolment=world.enrolment, status=status)
    for number in range(to_come):
        start = now + dt.timedelta(days=30 + number * 20)
        Activity.objects.create(
            cohort=world.cohort,
            kind=ActivityKind.LEARNING_DAY,
            title=f"Later day {number}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=6),
        )


# The participant


def test_the_participant_reads_their_attendance_in_one_sentence(world: World) -> None:
    _sessions(world, held=4, attended=3, to_come=8)  # with the world's activity, 13 in all
    text = _text(_home(world, "participant"))
    by = f"{world.cohort.ends_on:%B %Y}"
    assert (
        "You have attended 3 of the 4 sessions so far; to complete, attend at least 11 of 13 "
        f"by {by}." in text
    )
    assert "Attendance:" not in text
    assert "Not met" not in text and "Missed" not in text
    assert text.count("Not yet") == 2  # attendance, and the challenge presented


def test_rules_not_yet_due_are_not_yet_in_november_and_missed_once_due(world: World) -> None:
    _sessions(world, held=4, attended=3, to_come=8)
    progress = progress_of(world.enrolment)
    progress.enrolment.cohort.ends_on = dt.date(2027, 7, 31)
    november = rule_lines(progress, today=dt.date(2026, 11, 20))
    assert [line.state for line in november] == [RuleState.NOT_YET, RuleState.NOT_YET]
    assert [line.state.label for line in november] == ["Not yet", "Not yet"]
    assert "govuk-tag--grey" in november[0].state.tag
    assert "attend at least 11 of 13 by July 2027" in november[0].detail
    august = rule_lines(progress, today=dt.date(2027, 8, 1))
    assert [line.state for line in august] == [RuleState.MISSED, RuleState.MISSED]


def test_attendance_reached_is_met_before_the_end(world: World) -> None:
    _sessions(world, held=4, attended=4, to_come=0)  # 4 of 5 is the 80% asked for
    lines = rule_lines(progress_of(world.enrolment), today=timezone.localdate())
    assert lines[0].state is RuleState.MET
    assert "you have attended the 4 of 5 that completion asks for" in lines[0].detail


def test_a_participant_who_can_no_longer_reach_the_minimum_is_told_so(world: World) -> None:
    _sessions(world, held=5, attended=1, to_come=0)  # best now 2 of the 5 needed of 6
    text = _text(_home(world, "participant"))
    assert "Even attending all 1 still to come would make 2: talk to the programme team" in text


def test_the_participant_sees_their_next_activity_and_open_survey_first(world: World) -> None:
    version = load_default_instrument(world.programme, audit=False)
    wave = make_wave(world.cohort.pk, version, kind=WaveKind.BASELINE)
    response = SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version=version
    )
    page = _home(world, "participant")
    text = _text(page)
    assert "Next: Leading in complexity" in text
    assert "Answer the baseline survey" in text
    assert reverse("evaluation:survey", args=[response.pk]) in page
    order = ["Next: Leading in complexity", "Answer the baseline survey", "Your progress"]
    assert sorted(order, key=text.index) == order


def test_an_answered_survey_is_not_waiting(world: World) -> None:
    version = load_default_instrument(world.programme, audit=False)
    wave = make_wave(world.cohort.pk, version, kind=WaveKind.BASELINE)
    SurveyResponse.objects.create(
        wave=wave,
        enrolment=world.enrolment,
        rater_type="self",
        version=version,
        submitted_at=timezone.now(),
    )
    assert "Answer the baseline survey" not in _home(world, "participant")


# Staff


def _steps(page: str, cohort: Cohort) -> dict[str, str]:
    """Each step of the cohort's task list and its status."""
    start = page.index(f'aria-label="The year of {cohort}"')
    task_list = page[start : page.index("</ul>", start)]
    found = re.findall(
        r'govuk-task-list__name-and-hint">\s*(?:<a[^>]*>|<div>)([^<]+)<.*?data-status="([a-z-]+)"',
        task_list,
        re.S,
    )
    return dict(found)


def test_staff_see_each_cohort_year_as_a_task_list_with_statuses(world: World) -> None:
    setup = recruitment(world)  # a recruiting cohort with an open round and one offer out
    version = load_default_instrument(world.programme, audit=False)
    make_wave(world.cohort.pk, version, kind=WaveKind.MID)  # open, nobody invited
    Grouping.objects.create(
        cohort=world.cohort,
        name="Learning sets",
        kind=Kind.LEARNING_SETS,
        status=GroupingStatus.PUBLISHED,
        created_by=world.users["staff"],
    )
    page = _home(world, "staff")
    running = _steps(page, world.cohort)
    assert running["Learning sets"] == "done"
    assert running["Challenge teams"] == "not-yet"
    assert running["Mid-point survey"] == "needs-attention"
    assert running["Cohort days"] == "not-yet"
    assert running["Completion"] == "not-yet"
    recruiting = _steps(page, setup.cohort)
    assert recruiting["Applications open"] == "done"
    assert recruiting["Applications close"] == "in-progress"
    assert recruiting["Selection"] == "in-progress"  # an offer made before the close
    assert recruiting["Offers"] == "in-progress"
    titles = list(recruiting)
    assert titles.index("Applications open") < titles.index("Offers") < titles.index("Completion")


def test_the_next_thing_to_do_links_to_the_step_that_needs_it(world: World) -> None:
    version = load_default_instrument(world.programme, audit=False)
    wave = make_wave(world.cohort.pk, version, kind=WaveKind.MID)
    [year] = cohort_years([world.cohort], timezone.now())
    assert year.next_step is not None
    assert year.next_step.status is Status.ATTENTION
    assert year.next_step.link == reverse("evaluation:plan", args=[wave.cohort_id])
    page = _home(world, "staff")
    assert f'<strong>Next:</strong> <a class="govuk-link" href="{year.next_step.link}"' in page


def test_what_needs_attention_is_counted_not_one_line_per_person(world: World) -> None:
    grow_cohort(world, world.cohort, enrolments=6, activities=0)
    Enrolment.objects.filter(cohort=world.cohort).update(sponsor=world.sponsor_person)
    _sessions(world, held=5, attended=0, to_come=0)  # nobody attended: every active one at risk
    setup = recruitment(world)
    for number in range(2):
        Application.objects.create(
            round=setup.round,
            status=ApplicationStatus.SUBMITTED,
            job_title=f"Head of service {number}",
        )
    page = _home(world, "staff")
    attention = page[
        page.index('id="attention"') : page.index("</div>", page.index('id="attention"'))
    ]
    at_risk = Enrolment.objects.filter(cohort=world.cohort, status="active").count()
    assert (
        f"{at_risk} participants at risk of not completing</a> in Leading Greater Essex 2026/27"
        in attention
    )
    assert "2 endorsements waiting for a sponsor</a> in Leading Greater Essex 2027/28" in attention
    assert "Pat Participant" not in attention
    assert attention.count("<li>") == 2


def test_the_staff_home_costs_the_same_whatever_the_number_of_cohorts(
    world: World, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = world.client("staff")
    client.get(reverse("home"))
    version = load_default_instrument(world.programme, audit=False)

    def cohort(number: int) -> None:
        added = Cohort.objects.create(
            programme=world.programme,
            name=f"Extra {number}",
            starts_on=world.cohort.starts_on,
            ends_on=world.cohort.ends_on,
            status=CohortStatus.RUNNING,
        )
        grow_cohort(world, added, enrolments=4, activities=3, tag=f"x{number}")
        make_wave(added.pk, version, kind=WaveKind.MID)
        Round.objects.create(
            cohort=added,
            opens_at=timezone.now() - dt.timedelta(days=90),
            closes_at=timezone.now() - dt.timedelta(days=60),
        )

    cohort(1)
    with django_assert_num_queries(QUERIES) as first:
        client.get(reverse("home"))
    for number in range(2, 5):
        cohort(number)
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(reverse("home")).status_code == 200


# The cohorts in the year, and those being planned counted; who is at risk in nine (the kept
# standings counted, and those that have run out worked out from their marks in eight); each
# part's attention across every cohort, then its steps for the five cohorts shown.
QUERIES = 34


def test_staff_of_another_programme_see_none_of_this_ones_year(world: World) -> None:
    page = _home(world, "other_staff")
    assert "The year of Aspiring Leaders 2026/27" in page
    assert "Leading Greater Essex" not in page


# Links only for those who may follow them


def _nominate_link(world: World, role: str) -> bool:
    setup = recruitment(world)
    page = world.client(role).get(reverse("recruitment:round", args=[setup.round.pk]))
    return reverse("recruitment:nominate", args=[setup.round.pk]) in page.content.decode()


@pytest.mark.parametrize("role", ["participant", "alumnus", "staff", "outsider", "sponsor"])
def test_the_nominate_link_is_shown_only_where_the_page_answers(world: World, role: str) -> None:
    setup = recruitment(world)
    answer = world.client(role).get(reverse("recruitment:nominate", args=[setup.round.pk]))
    assert answer.status_code in (200, 403)
    assert _nominate_link(world, role) is (answer.status_code == 200)


def test_the_sponsor_a_chief_officer_is_offered_the_nominate_link(world: World) -> None:
    assert _nominate_link(world, "sponsor")
    assert not _nominate_link(world, "participant")


def test_signed_out_visitors_are_not_offered_the_nominate_link(world: World) -> None:
    setup = recruitment(world)
    page = Client().get(reverse("recruitment:round", args=[setup.round.pk])).content.decode()
    assert reverse("recruitment:nominate", args=[setup.round.pk]) not in page


# Sponsors


def test_sponsors_see_who_is_at_risk_with_a_link_to_them(world: World) -> None:
    _sessions(world, held=5, attended=1, to_come=0)
    page = _home(world, "sponsor")
    text = _text(page)
    assert "1 of the people you sponsor is at risk of not completing" in text
    assert reverse("directory:person", args=[world.participant_person.pk]) in page
    assert (
        world.client("sponsor")
        .get(reverse("directory:person", args=[world.participant_person.pk]))
        .status_code
        == 200
    )
    assert "At risk" in text
    assert reverse("programmes:cohort", args=[world.cohort.pk]) not in page


def test_sponsors_see_the_endorsements_waiting_for_them(world: World) -> None:
    setup = recruitment(world)
    setup.application.status = ApplicationStatus.SUBMITTED
    setup.application.save()
    setup.endorsement.status = "pending"
    setup.endorsement.save()
    text = _text(_home(world, "sponsor"))
    assert "1 application is waiting for your endorsement" in text
    assert "Endorse Pat Participant" in text


# Alumni


def test_alumni_see_their_career_record_and_may_record_a_new_role(world: World) -> None:
    Post.objects.create(
        person=world.alumnus_person,
        organisation=world.organisation,
        title="Head of Adult Social Care",
        band=Band.HEAD_OF_SERVICE,
        started_on=dt.date(2022, 4, 1),
    )
    page = _home(world, "alumnus")
    assert "Head of Adult Social Care, ECC" in _text(page)
    assert reverse("directory:my_post") in page
    client = world.client("alumnus")
    response = client.post(
        reverse("directory:my_post"),
        {
            "title": "Director of Adult Services",
            "organisation": world.other_organisation.pk,
            "band": Band.DIRECTOR,
            "started_on": "2026-01-05",
        },
    )
    assert response.status_code == 302
    posts = list(Post.objects.filter(person=world.alumnus_person).order_by("started_on"))
    assert posts[0].ended_on == dt.date(2026, 1, 4)
    assert posts[1].ended_on is None and posts[1].title == "Director of Adult Services"
    world.alumnus_person.refresh_from_db()
    assert world.alumnus_person.job_title == "Director of Adult Services"
    assert AuditEntry.objects.filter(action="directory.post.created").exists()
    assert "Director of Adult Services, Essex Police" in _text(_home(world, "alumnus"))


def test_a_new_role_that_starts_before_the_current_one_is_refused(world: World) -> None:
    Post.objects.create(
        person=world.alumnus_person,
        organisation=world.organisation,
        title="Head of Adult Social Care",
        band=Band.HEAD_OF_SERVICE,
        started_on=dt.date(2022, 4, 1),
    )
    response = world.client("alumnus").post(
        reverse("directory:my_post"),
        {
            "title": "Director",
            "organisation": world.other_organisation.pk,
            "band": Band.DIRECTOR,
            "started_on": "2021-01-05",
        },
    )
    assert response.status_code == 400
    assert "The date you started must be after 1 April 2022" in response.content.decode()
    assert Post.objects.filter(person=world.alumnus_person).count() == 1


def test_only_alumni_have_the_career_page(world: World) -> None:
    assert world.client("participant").get(reverse("directory:my_post")).status_code == 404
    assert world.client("alumnus").get(reverse("directory:my_post")).status_code == 200


def test_alumni_are_told_of_an_open_round_and_directors_may_nominate(world: World) -> None:
    setup = recruitment(world)
    page = _home(world, "alumnus")
    assert f"Applications for {setup.cohort} are open" in _text(page)
    assert reverse("recruitment:nominate", args=[setup.round.pk]) not in page
    world.alumnus_person.band = Band.DIRECTOR
    world.alumnus_person.save()
    page = _home(world, "alumnus")
    assert reverse("recruitment:nominate", args=[setup.round.pk]) in page
    follow = world.client("alumnus").get(reverse("recruitment:nominate", args=[setup.round.pk]))
    assert follow.status_code == 200


# The board


def test_the_board_reads_the_figures_in_words_with_charts_and_tables(world: World) -> None:
    grow_cohort(world, world.cohort, enrolments=12, activities=0)
    grow_cohort(world, world.past_cohort, enrolments=10, activities=0, tag="p")
    page = _home(world, "board")
    text = _text(page)
    assert "Leading Greater Essex has had 2 cohorts, 1 running now." in text
    assert "24 people have taken a place" in text
    assert "Participants in each cohort of Leading Greater Essex: the figures" in text
    assert "Participants of Leading Greater Essex by sector: the figures" in text
    charts = re.findall(r'<svg class="cg-chart".*?</svg>', page, re.S)
    assert len(charts) == 2
    assert "2024/25" in charts[0] and "2026/27" in charts[0]
    assert "Pat Participant" not in page


def test_the_board_charts_leave_out_the_figures_the_tables_hide(world: World) -> None:
    grow_cohort(world, world.cohort, enrolments=12, activities=0)
    page = _home(world, "board")
    rows = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>'
        r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]+)</td>',
        page,
    )
    hidden = [label for label, figure in rows if figure in ("fewer than 5", "not shown")]
    assert "2024/25" in hidden  # one person in the past cohort
    charts = "".join(re.findall(r'<svg class="cg-chart".*?</svg>', page, re.S))
    assert all(f">{label}<" not in charts for label in hidden)


# Every link a home offers answers the person it is offered to


@pytest.mark.parametrize(
    "role", ["staff", "facilitator", "participant", "sponsor", "alumnus", "board", "evaluator"]
)
def test_every_link_on_a_home_answers_the_person_it_is_shown_to(world: World, role: str) -> None:
    recruitment(world)
    version = load_default_instrument(world.programme, audit=False)
    wave = make_wave(world.cohort.pk, version, kind=WaveKind.BASELINE)
    SurveyResponse.objects.create(
        wave=wave, enrolment=world.enrolment, rater_type="self", version=version
    )
    _sessions(world, held=5, attended=1, to_come=2)
    client = world.client(role)
    page = client.get(reverse("home")).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    links = {href.split("#")[0] for href in re.findall(r'href="(/[^"]*)"', main)}
    assert links
    for link in sorted(links):
        assert client.get(link).status_code not in (403, 404), f"{role} is shown {link}"


def test_a_part_of_the_year_is_registered_once() -> None:
    from django.core.exceptions import ImproperlyConfigured

    from commonground.programmes import cohort_year, year

    with pytest.raises(ImproperlyConfigured):
        year.register("programmes", part=cohort_year.part)
