"""The home page: what matters to this person, and what to do next, one section for each role.

Staff see each recruiting or running cohort's year as a task list, and what needs attention,
counted; participants their next activity, the tasks waiting for them and their progress;
sponsors the people they sponsor and the endorsements waiting; alumni their career record and
what is on for them; board members and evaluators the programme's figures in words and charts.
Every part runs a fixed number of queries whatever the number of people.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commonground.directory.career import CareerChoiceForm
from commonground.directory.ladder import ladder_for
from commonground.directory.models import CareerChoice, Post, Sector
from commonground.lib.access import Viewer, load_viewer
from commonground.lib.charts import BarChart, bar_chart
from commonground.lib.http import AuthenticatedRequest
from commonground.lib.small_numbers import Figure, suppress, threshold_for
from commonground.programmes.audiences import open_to_person
from commonground.programmes.models import (
    Activity,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
    Role,
)

from ..commitment import Standing, standings
from ..figures import CohortFigures, cohort_figures, programme_table
from ..year import (
    CohortYear,
    Concern,
    Task,
    alumni_news,
    participant_tasks,
    sponsor_tasks,
)
from . import delivery, year

RECENT = dt.timedelta(days=14)
UPCOMING_FOR_FACILITATORS = 20
UPCOMING_FOR_PARTICIPANTS = 5
# The people a cohort's "participants" figure counts (see CohortFigures.participants).
TOOK_A_PLACE = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED, EnrolmentStatus.WITHDRAWN)


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    viewer = load_viewer(request)
    now = timezone.now()
    person = viewer.person_id
    facilitating = _programme_ids_with(viewer, Role.FACILITATOR)
    overseeing = _programme_ids_with(viewer, Role.BOARD) | _programme_ids_with(
        viewer, Role.EVALUATOR
    )
    context: dict[str, Any] = {
        "staff": _staff(viewer, now) if viewer.is_programme_staff else None,
        "facilitating": _facilitating(facilitating, now) if facilitating else None,
        "participating": _participating(viewer, now) if viewer.is_participant else None,
        "alumni": _alumni(viewer, now) if person is not None and viewer.is_alumnus else None,
        "sponsoring": _sponsoring(person, now)
        if person is not None and viewer.is_sponsor
        else None,
        "overview": _overview(overseeing) if overseeing else None,
    }
    context["nothing"] = not any(context.values())
    context["choice_form"] = _career_notice(viewer)
    if viewer.is_participant:
        context |= delivery.for_home(viewer)
    context["threshold"] = threshold_for(exact=False)
    return render(request, "programmes/home.html", context)


def _career_notice(viewer: Viewer) -> CareerChoiceForm | None:
    """The career record's privacy notice, for participants and alumni who joined without
    seeing it (an imported cohort, an enrolment made by staff) until they choose."""
    if viewer.person_id is None or not (viewer.is_participant or viewer.is_alumnus):
        return None
    if CareerChoice.objects.filter(person_id=viewer.person_id).exists():
        return None
    return CareerChoiceForm()


def _programme_ids_with(viewer: Viewer, role: Role) -> set[int]:
    return {pk for pk in viewer.roles if viewer.has_role(pk, role)}


# The staff home shows this many cohorts' task lists, and this many cohorts being planned; the
# year page and each programme's page have the rest.
YEARS_SHOWN = 5
PLANNING_SHOWN = 10


@dataclass
class StaffSection:
    years: list[CohortYear]
    in_the_year: int
    attention: list[Concern]
    planning: list[Cohort]
    planning_count: int
    programmes: list[Programme]

    @property
    def more_years(self) -> int:
        return self.in_the_year - len(self.years)

    @property
    def more_planning(self) -> int:
        return self.planning_count - len(self.planning)


def _staff(viewer: Viewer, now: dt.datetime) -> StaffSection:
    programmes = year.staff_programmes(viewer)
    years, in_the_year, attention = year.shown_and_concerns(viewer, now, YEARS_SHOWN)
    planning = Cohort.objects.filter(
        programme__in=programmes, status=CohortStatus.PLANNING
    ).select_related("programme")
    return StaffSection(
        years=years,
        in_the_year=in_the_year,
        attention=attention,
        planning=list(planning.order_by("programme__name", "starts_on", "name")[:PLANNING_SHOWN]),
        planning_count=planning.count(),
        programmes=list(programmes.order_by("name")),
    )


def _facilitating(programme_ids: set[int], now: dt.datetime) -> list[Activity]:
    """Activities from the last fortnight on, so a register not yet taken is still at hand."""
    return list(
        Activity.objects.filter(cohort__programme_id__in=programme_ids, ends_at__gte=now - RECENT)
        .select_related("cohort__programme")
        .annotate(marks=Count("attendance"))
        .order_by("starts_at", "pk")[:UPCOMING_FOR_FACILITATORS]
    )


@dataclass
class ParticipantSection:
    cohorts: list[Cohort]
    activities: list[Activity]
    tasks: list[Task]

    @property
    def next_activity(self) -> Activity | None:
        return self.activities[0] if self.activities else None

    @property
    def later(self) -> list[Activity]:
        return self.activities[1:]


def _participating(viewer: Viewer, now: dt.datetime) -> ParticipantSection:
    current = viewer.cohort_ids - viewer.alumni_cohort_ids
    return ParticipantSection(
        cohorts=list(Cohort.objects.filter(pk__in=current).select_related("programme")),
        activities=list(
            Activity.objects.filter(
                open_to_person(viewer.person_id or 0, [EnrolmentStatus.ACTIVE]),
                cohort_id__in=current,
                ends_at__gte=now,
                cancelled_at__isnull=True,
            )
            .select_related("cohort")
            .order_by("starts_at", "pk")[:UPCOMING_FOR_PARTICIPANTS]
        ),
        tasks=participant_tasks(viewer.person_id or 0, current, now),
    )


@dataclass
class AlumniSection:
    enrolments: list[Enrolment]
    posts: list[Post]
    news: list[Task]
    band_labels: dict[str, str]

    @property
    def current_posts(self) -> list[Post]:
        return [post for post in self.posts if post.ended_on is None]

    @property
    def earlier_posts(self) -> list[Post]:
        return [post for post in self.posts if post.ended_on is not None]


def _alumni(viewer: Viewer, now: dt.datetime) -> AlumniSection:
    person_id = viewer.person_id or 0
    enrolments = list(
        Enrolment.objects.filter(
            person_id=person_id, status=EnrolmentStatus.COMPLETED
        ).select_related("cohort__programme")
    )
    # Bands in the words of the programme they completed last.
    latest = max(enrolments, key=lambda e: (e.cohort.starts_on, e.pk), default=None)
    return AlumniSection(
        enrolments=enrolments,
        posts=list(Post.objects.filter(person_id=person_id).select_related("organisation")),
        news=alumni_news(person_id, {e.cohort.programme_id for e in enrolments}, now),
        band_labels=ladder_for(latest.cohort.programme_id if latest else None).labels,
    )


@dataclass
class SponsorSection:
    people: list[Standing]
    tasks: list[Task]

    @property
    def at_risk(self) -> int:
        return sum(1 for standing in self.people if standing.at_risk)


def _sponsoring(person_id: int, now: dt.datetime) -> SponsorSection:
    enrolments = list(
        Enrolment.objects.filter(sponsor_id=person_id)
        .select_related("person__organisation", "cohort__programme")
        .order_by("-cohort__starts_on", "person__last_name", "person__first_name")
    )
    found = standings(enrolments, now)
    return SponsorSection(
        people=[found[enrolment.pk] for enrolment in enrolments],
        tasks=sponsor_tasks(person_id, now),
    )


@dataclass
class Chart:
    """A chart of the figures that may be shown, and a table of every figure, hidden or not."""

    picture: BarChart
    rows: list[tuple[str, Figure]]

    @property
    def hidden(self) -> bool:
        return any(figure.hidden for _, figure in self.rows)


def _chart(title: str, rows: list[tuple[str, Figure]]) -> Chart:
    shown = [(label, figure.value) for label, figure in rows if not figure.hidden]
    return Chart(bar_chart(title, shown), rows)


@dataclass
class ProgrammeOverview:
    programme: Programme
    cohorts: int
    participants: Figure
    completed: Figure
    completion_rate: str
    running: int = 0
    finished: int = 0
    charts: list[Chart] = field(default_factory=list)


def _overview(programme_ids: set[int]) -> list[ProgrammeOverview]:
    """Totals and two charts for each programme, small numbers hidden as everywhere else."""
    programmes = list(Programme.objects.filter(pk__in=programme_ids))
    figures = cohort_figures(
        Cohort.objects.filter(programme__in=programmes).order_by("starts_on", "pk")
    )
    sectors: dict[int, dict[str, int]] = {}
    for programme_id, sector, number in (
        Enrolment.objects.filter(cohort__programme__in=programmes, status__in=TOOK_A_PLACE)
        .values_list("cohort__programme_id", "person__organisation__sector")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        label = Sector(sector).label if sector in Sector.values else "Not recorded"
        sectors.setdefault(programme_id, {})
        sectors[programme_id][label] = sectors[programme_id].get(label, 0) + number
    threshold = threshold_for(exact=False)
    overview = []
    for programme in programmes:
        cohorts: list[CohortFigures] = [
            entry for entry in figures if entry.cohort.programme_id == programme.pk
        ]
        table = programme_table(cohorts, threshold)
        by_sector = sorted(sectors.get(programme.pk, {}).items(), key=lambda row: (-row[1], row[0]))
        sector_line = suppress([number for _, number in by_sector], threshold)
        overview.append(
            ProgrammeOverview(
                programme=programme,
                cohorts=len(cohorts),
                participants=table.participants,
                completed=table.completed,
                completion_rate=table.completion_rate,
                running=sum(1 for c in cohorts if c.cohort.status == CohortStatus.RUNNING),
                finished=sum(1 for c in cohorts if c.finished),
                charts=[
                    _chart(
                        f"Participants in each cohort of {programme.name}",
                        [
                            (entry.cohort.name, shown.participants)
                            for entry, shown in zip(cohorts, table.cohorts, strict=True)
                        ],
                    ),
                    _chart(
                        f"Participants of {programme.name} by sector",
                        [
                            (label, cell)
                            for (label, _), cell in zip(by_sector, sector_line.cells, strict=True)
                        ],
                    ),
                ],
            )
        )
    return overview
