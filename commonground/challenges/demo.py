"""The demo's system challenges: ten a year on real county themes, their teams and what came of it.

Every completed cohort worked on about ten challenges, each owned by a chief officer, in teams of
four to six of its completers, who reached every milestone and presented at the showcase. The
running cohort has ten open challenges, everyone's top three choices, and teams mid-way through
their 100 days (start and mid-point review done, final review to come, a few updates posted).
The teams of the running cohort are formed here, by hand, from the choices; the grouping step may
show what its optimiser would propose from the same choices.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from commonground.accounts.models import User
from commonground.directory.models import Band, Organisation, Person
from commonground.programmes.models import (
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Programme,
)

from .models import (
    PLAN_DAYS,
    Challenge,
    ChallengePreference,
    ChallengeStatus,
    ChallengeTeam,
    FormedBy,
    LinkKind,
    Milestone,
    MilestoneKind,
    Showcase,
    TeamLink,
    TeamMembership,
    TeamRole,
    TeamUpdate,
    Theme,
)

SEED = 6
SLUG = "leading-greater-essex"
SPONSOR_EMAIL = "sponsor@demo.commonground.example"
PARTICIPANT_EMAIL = "participant@demo.commonground.example"
STAFF_EMAIL = "staff@demo.commonground.example"
PER_COHORT = 10
FILES = "https://files.essexpartners.example"
# The 100 days start a fortnight after a cohort's launch in a completed year, after the first
# learning days in January; the showcase follows the final review.
PAST_START = dt.timedelta(days=130)


@dataclass(frozen=True)
class Idea:
    title: str
    theme: str
    statement: str
    organisations: tuple[str, ...]
    outcomes: tuple[str, str]


COUNCILS = ("Essex County Council", "Southend-on-Sea City Council", "Thurrock Council")
ICBS = (
    "NHS Mid and South Essex Integrated Care Board",
    "NHS Suffolk and North East Essex Integrated Care Board",
)

IDEAS: tuple[Idea, ...] = (
    Idea(
        "Seeing the whole family in domestic abuse",
        Theme.DOMESTIC_ABUSE,
        "Families living with domestic abuse tell their story to police, children's social care, "
        "health visitors, housing and schools, often many times. Each service sees a part of the "
        "picture and acts on its own thresholds. How might we build one shared view of risk "
        "around a family, so that the first agency to notice can act for all of them?",
        (
            "Southend, Essex and Thurrock Domestic Abuse Board",
            "Essex Police",
            "Essex County Council",
            "Mid and South Essex NHS Foundation Trust",
        ),
        (
            "A shared risk summary piloted in Basildon: 38 families, repeat referrals down by a "
            "third in six months. Adopted by the Domestic Abuse Board for the county.",
            "A single 'tell it once' consent form agreed by police, health and children's "
            "services, now used by all three at the first contact.",
        ),
    ),
    Idea(
        "Perpetrators who change",
        Theme.DOMESTIC_ABUSE,
        "Most effort goes to protecting victims after harm, very little to stopping those who "
        "cause it. Perpetrator programmes have long waiting lists and no shared referral route. "
        "What would it take for every agency to refer a perpetrator to help that works, early?",
        (
            "Southend, Essex and Thurrock Domestic Abuse Board",
            "Probation Service East of England",
            "Essex Police, Fire and Crime Commissioner",
        ),
        (
            "One referral route into perpetrator programmes, agreed by police, probation and "
            "councils; the waiting list halved after the Commissioner funded two more groups.",
            "A practitioner guide to talking to perpetrators, written with people who changed, "
            "now in the induction of three agencies.",
        ),
    ),
    Idea(
        "No wrong door for men in crisis",
        Theme.MENTAL_HEALTH,
        "Three in four people who take their own life in Essex are men, and many had been in "
        "touch with a service in the months before: their GP, the job centre, the police, a "
        "debt adviser. How might every front door spot a man in crisis and walk him to help?",
        (
            "Essex Partnership University NHS Foundation Trust",
            "Department for Work and Pensions (Essex Jobcentres)",
            "Essex Police",
            "Community360",
        ),
        (
            "Suicide awareness training for 400 front-line staff in job centres, fire stations "
            "and council contact centres; a warm handover to the crisis line tested in Colchester.",
            "A peer support network in workplaces with mostly male staff, started with the fire "
            "service and two councils' depots.",
        ),
    ),
    Idea(
        "After a suicide: support for those left behind",
        Theme.MENTAL_HEALTH,
        "People bereaved by suicide are themselves at higher risk, yet support reaches them by "
        "chance. Police attend every death; no one makes sure the family is offered help. What "
        "would a reliable route from the police visit to bereavement support look like?",
        ("Essex Police", "Essex Partnership University NHS Foundation Trust", "Community360"),
        (
            "Every family bereaved by suicide in Essex is now offered support within 72 hours, "
            "through a referral card police officers carry.",
            "A shared real-time surveillance of suspected suicides, so that clusters are seen "
            "in days rather than months.",
        ),
    ),
    Idea(
        "Young people waiting for mental health support",
        Theme.CHILDRENS_MENTAL_HEALTH,
        "Children wait months for specialist mental health support, and schools hold the risk "
        "meanwhile. Teachers, school nurses, youth workers and GPs each have part of the answer. "
        "How might a young person get the right help in the weeks they wait, not after?",
        (
            "Essex County Council",
            "Essex Council for Voluntary Youth Services",
            "NHS Hertfordshire and West Essex Integrated Care Board",
            "South Essex College",
        ),
        (
            "A 'while you wait' offer across 12 secondary schools in Harlow and Epping Forest, "
            "run with youth workers; fewer crisis presentations at A&E among those waiting.",
            "Mental health leads in every college campus meeting monthly with the NHS team, "
            "with a shared list of who is waiting.",
        ),
    ),
    Idea(
        "Sleeping rough in our towns",
        Theme.HOMELESSNESS,
        "Rough sleeping has risen in Chelmsford, Colchester and Southend, and most people on the "
        "street are known to several services. Housing, health, probation and the voluntary "
        "sector each work with them alone. How might we act as one team around each person?",
        (
            "Chelmsford City Council",
            "Colchester City Council",
            "Probation Service East of England",
            "Southend Association of Voluntary Services",
        ),
        (
            "A weekly multi-agency huddle around each person sleeping rough in Colchester; 19 of "
            "27 people in settled accommodation after 100 days.",
            "Prison release plans that include housing before the release date, agreed with "
            "HM Prison Chelmsford and four district councils.",
        ),
    ),
    Idea(
        "Leaving hospital with nowhere to go",
        Theme.HOMELESSNESS,
        "People are discharged from hospital to the street or stay in a bed they no longer need "
        "because no one has arranged a home. How might hospitals and housing teams spot it on "
        "admission and plan for it together?",
        (
            "Mid and South Essex NHS Foundation Trust",
            "Basildon Borough Council",
            "Southend-on-Sea City Council",
            "Thurrock Council",
        ),
        (
            "A housing officer based in Basildon Hospital two days a week; duty to refer made on "
            "admission rather than on discharge; 40 fewer bed days lost a month.",
            "A shared protocol for discharging people who are homeless, signed by three "
            "councils and the hospital trust.",
        ),
    ),
    Idea(
        "Growing old well at home",
        Theme.AGEING,
        "By 2040 one in four people in Essex will be over 65. Most want to stay at home, yet "
        "help arrives after a fall or a crisis. How might fire safety visits, GPs, libraries and "
        "community groups spot frailty early and act before the crisis?",
        (
            "Essex County Fire and Rescue Service",
            "Essex County Council",
            "Rural Community Council of Essex",
            "Provide Community",
        ),
        (
            "Safe and well visits by the fire service now include a frailty check; 600 older "
            "people referred to community support in the first year.",
            "Village agents in Uttlesford and Maldon linking isolated older people to help, "
            "funded jointly by the council and the NHS.",
        ),
    ),
    Idea(
        "Loneliness in later life",
        Theme.AGEING,
        "Loneliness harms health as much as smoking, and it is rising among older people in our "
        "coastal towns. Many services meet lonely people every day and have no way to respond. "
        "What would it take for every contact to count?",
        ("Tendring District Council", "Community360", "Anglian Community Enterprise"),
        (
            "A social prescribing route from housing, libraries and the fire service, not only "
            "from GPs, tested in Clacton and Harwich.",
            "A map of every group for older people in Tendring, kept by the voluntary sector and "
            "used by health and council staff alike.",
        ),
    ),
    Idea(
        "Skills for the jobs of the future",
        Theme.SKILLS,
        "Employers in the Thames estuary cannot fill green energy, construction and care jobs, "
        "while young people in the same towns are out of work. Colleges, job centres, councils "
        "and employers plan apart. How might we plan skills as one system?",
        (
            "South Essex College",
            "Department for Work and Pensions (Essex Jobcentres)",
            "Thurrock Council",
            "Anglia Ruskin University",
        ),
        (
            "A skills compact for the Thames estuary: colleges, job centres and the two ports "
            "share vacancy and course data every term.",
            "A pre-employment course for care work, co-designed with three care providers; 70% "
            "of the first group in work within three months.",
        ),
    ),
    Idea(
        "Working in health and care",
        Theme.SKILLS,
        "Health and care services across Essex compete for the same staff and lose them to one "
        "another and to retail. How might the NHS, councils and care providers grow a shared "
        "workforce and careers that cross organisations?",
        (
            "NHS Mid and South Essex Integrated Care Board",
            "Essex County Council",
            "Colchester Institute",
        ),
        (
            "A joint health and care apprenticeship with rotations in a hospital, a care home "
            "and a council team; 24 apprentices in the first intake.",
            "A shared 'grow your own' pledge, signed by eight employers, to recognise each "
            "other's training.",
        ),
    ),
    Idea(
        "Home from hospital on time",
        Theme.HOSPITAL_DISCHARGE,
        "Every day around 200 people in Essex hospitals are well enough to leave but wait for "
        "care, equipment or an assessment. Each delay is caused by a hand-off between "
        "organisations. How might we discharge people on the day they are ready?",
        (
            "Mid and South Essex NHS Foundation Trust",
            "Essex County Council",
            "Provide Community",
            "East of England Ambulance Service NHS Trust",
        ),
        (
            "A single discharge hub for south Essex with council and NHS staff side by side; "
            "delayed discharges down 22% over the winter.",
            "Trusted assessors: a care home accepts the hospital's assessment instead of making "
            "its own, saving two days a discharge on average.",
        ),
    ),
    Idea(
        "Knife crime and young people",
        Theme.KNIFE_CRIME,
        "Knife crime among teenagers has risen in Basildon, Harlow and Southend. Schools, youth "
        "services, police and health each meet the same young people at different moments. How "
        "might we intervene at the teachable moments, before violence?",
        (
            "Essex Police",
            "Essex Police, Fire and Crime Commissioner",
            "Basildon Borough Council",
            "Essex Council for Voluntary Youth Services",
        ),
        (
            "Youth workers in A&E at the Princess Alexandra and Southend hospitals on Friday and "
            "Saturday nights; 110 young people engaged in the first year.",
            "A shared referral route from schools to the violence and vulnerability unit, with "
            "one form and a reply within a week.",
        ),
    ),
    Idea(
        "Exclusions and exploitation",
        Theme.KNIFE_CRIME,
        "Children excluded from school are far more likely to be exploited by gangs and drawn "
        "into county lines. How might schools, social care, police and the voluntary sector keep "
        "them safe and learning?",
        ("Essex County Council", "Essex Police", "Harlow Council", "Harlow College"),
        (
            "A trusted adult for every excluded child in Harlow within a week of exclusion, "
            "drawn from youth work, the police cadets and the college.",
            "Data shared weekly between schools and the exploitation team, so an exclusion "
            "triggers a safety conversation.",
        ),
    ),
    Idea(
        "Cost of living: help before crisis",
        Theme.COST_OF_LIVING,
        "Rising bills push families into debt, rent arrears and food banks. Councils, housing "
        "associations, the job centre and charities each offer help, but people find it too "
        "late. How might we find households at risk early and offer one coordinated response?",
        (
            "Southend-on-Sea City Council",
            "Department for Work and Pensions (Essex Jobcentres)",
            "Southend Association of Voluntary Services",
        ),
        (
            "Council tax, housing benefit and rent arrears data used to find 1,900 households at "
            "risk; £1.2 million of unclaimed benefits taken up in six months.",
            "A single 'help with money' offer behind every front door in Southend, with a warm "
            "handover to debt advice.",
        ),
    ),
    Idea(
        "Warm homes, healthy people",
        Theme.COST_OF_LIVING,
        "Cold, damp homes make people ill and fill hospital beds each winter. Health sees the "
        "illness, councils see the housing, energy advice sits with charities. How might we "
        "target warm-home help at those whose health suffers most?",
        ("Thurrock Council", "NHS Mid and South Essex Integrated Care Board", "Community360"),
        (
            "GP practices in Thurrock refer patients with breathing conditions living in cold "
            "homes for insulation and heating grants; 300 homes improved.",
            "A winter plan shared by the council, the NHS and the voluntary sector, with one "
            "phone number for warmth and money advice.",
        ),
    ),
    Idea(
        "Net zero public estate",
        Theme.NET_ZERO,
        "Every public body in Essex has a net zero target and its own buildings, vehicles and "
        "land. Working alone, each is too small to change the market. How might we decarbonise "
        "the public estate together?",
        (
            "Essex County Council",
            "Essex County Fire and Rescue Service",
            "Essex Police",
            "University of Essex",
        ),
        (
            "A joint purchasing framework for electric fleet vehicles and chargers used by five "
            "public bodies; shared charging at three fire and police stations.",
            "A map of every public building in Essex with its energy use, used to plan shared "
            "sites and solar.",
        ),
    ),
    Idea(
        "Climate-ready communities",
        Theme.NET_ZERO,
        "Flooding and heatwaves already hit Essex's coast and towns, and the most vulnerable "
        "suffer first. How might emergency services, councils, health and communities prepare "
        "together rather than respond after?",
        (
            "Essex County Fire and Rescue Service",
            "Castle Point Borough Council",
            "Rochford District Council",
            "Rural Community Council of Essex",
        ),
        (
            "Community flood wardens in Canvey Island and Rochford, trained by the fire service, "
            "with a list of vulnerable residents shared in an emergency.",
            "A heatwave plan for care homes and home care, written with providers and tested in "
            "the summer.",
        ),
    ),
    Idea(
        "Care leavers into adult life",
        Theme.OTHER,
        "Young people leaving care face adulthood with less support than their peers: housing, "
        "work, money and mental health all at once, from services that change at 18. How might "
        "the whole system act as a good parent?",
        (
            "Essex County Council",
            "Chelmsford College",
            "Department for Work and Pensions (Essex Jobcentres)",
            "Epping Forest District Council",
        ),
        (
            "Every public body in Essex signed the care leaver covenant; 40 work placements "
            "offered across councils, the NHS and the police.",
            "Council tax exemption for care leavers in every district, agreed after the team "
            "presented the case to the chief executives.",
        ),
    ),
    Idea(
        "Prison release and reoffending",
        Theme.OTHER,
        "Most people leaving prison reoffend within a year when they leave without a home, a GP "
        "or a job. Prison, probation, health and councils each hold part of the plan. How might "
        "the first week after release go right?",
        (
            "HM Prison Chelmsford",
            "Probation Service East of England",
            "Essex Partnership University NHS Foundation Trust",
            "Braintree District Council",
        ),
        (
            "A release-day hub at Chelmsford station with probation, housing and a GP "
            "registration; missed first appointments fell from one in three to one in ten.",
            "Prescriptions and GP registration arranged before release for everyone on "
            "medication, agreed with the NHS.",
        ),
    ),
)

UPDATES = (
    "Met the service leads this week. The real blockage is not data sharing but that nobody "
    "owns the hand-off between teams; we are mapping it step by step.",
    "Spent a morning shadowing the front line. Five different forms for the same family. We "
    "have asked the owners whether we can test one shared form for a month.",
    "Mid-point review done. The sponsor challenged us to narrow down to one town and one "
    "group of people; we agreed on Basildon and will start there.",
    "Good session with the voluntary sector: they already do much of what we were about to "
    "design. We will build on their work rather than start again.",
    "We have data from three organisations now and the picture is clearer: most of the cases "
    "are known to at least two of us before they reach crisis.",
)


def _organisations() -> dict[str, Organisation]:
    return {o.name: o for o in Organisation.objects.all()}


def _chiefs() -> list[Person]:
    return list(
        Person.objects.filter(band=Band.CHIEF_OFFICER)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )


def _owner(
    rng: random.Random, idea: Idea, chiefs: list[Person], orgs: dict[str, Organisation]
) -> Person | None:
    """A chief officer of one of the organisations involved, or any chief officer."""
    involved = {orgs[name].pk for name in idea.organisations if name in orgs}
    close = [p for p in chiefs if p.organisation_id in involved]
    return rng.choice(close or chiefs) if chiefs else None


def _completers(enrolments: dict[int, list[Enrolment]], cohort: Cohort) -> list[Enrolment]:
    return [e for e in enrolments.get(cohort.pk, []) if e.status == EnrolmentStatus.COMPLETED]


def _team_sizes(people: int, teams: int) -> list[int]:
    """Split people into at most `teams` teams of four to six, as evenly as possible."""
    teams = max(1, min(teams, people // 4 or 1))
    sizes = [people // teams + (1 if i < people % teams else 0) for i in range(teams)]
    return [min(size, 6) for size in sizes]


class Builder:
    """Collects rows for bulk creation; the many-to-many rows are written after their parents."""

    def __init__(self) -> None:
        self.challenges: list[Challenge] = []
        self.organisations: list[tuple[Challenge, list[Organisation]]] = []

    def challenge(
        self,
        programme: Programme,
        cohort: Cohort,
        idea: Idea,
        owner: Person | None,
        status: str,
        orgs: dict[str, Organisation],
        outcomes: str = "",
    ) -> Challenge:
        challenge = Challenge(
            programme=programme,
            cohort=cohort,
            title=idea.title,
            slug=slugify(idea.title),
            problem_statement=idea.statement,
            owner=owner,
            theme=idea.theme,
            status=status,
            outcomes=outcomes,
            created_at=timezone.make_aware(
                dt.datetime.combine(cohort.starts_on - dt.timedelta(days=60), dt.time(10))
            ),
        )
        self.challenges.append(challenge)
        involved = [orgs[name] for name in idea.organisations if name in orgs]
        if owner is not None and owner.organisation and owner.organisation not in involved:
            involved.append(owner.organisation)
        self.organisations.append((challenge, involved))
        return challenge

    def save(self) -> list[Challenge]:
        Challenge.objects.bulk_create(self.challenges)
        through = Challenge.organisations.through
        through.objects.bulk_create(
            through(challenge_id=challenge.pk, organisation_id=organisation.pk)
            for challenge, organisations in self.organisations
            for organisation in organisations
        )
        return self.challenges


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _past_cohort(
    rng: random.Random,
    programme: Programme,
    cohort: Cohort,
    chiefs: list[Person],
    orgs: dict[str, Organisation],
    builder: Builder,
    count: int,
) -> list[Challenge]:
    made = []
    for idea in rng.sample(IDEAS, count):
        outcome = rng.choice(idea.outcomes)
        owner = _owner(rng, idea, chiefs, orgs)
        made.append(
            builder.challenge(programme, cohort, idea, owner, ChallengeStatus.CLOSED, orgs, outcome)
        )
    return made


@dataclass
class Rows:
    teams: list[ChallengeTeam]
    members: list[tuple[ChallengeTeam, list[Enrolment], Enrolment | None]]
    milestones: list[Milestone]
    showcases: list[Showcase]
    updates: list[TeamUpdate]
    links: list[TeamLink]

    @classmethod
    def empty(cls) -> Rows:
        return cls([], [], [], [], [], [])

    def team(
        self,
        challenge: Challenge,
        cohort: Cohort,
        members: list[Enrolment],
        start: dt.date,
        formed_at: dt.datetime,
        rng: random.Random,
    ) -> ChallengeTeam:
        team = ChallengeTeam(
            challenge=challenge,
            cohort=cohort,
            name=f"{challenge.title} team",
            formed_by=FormedBy.HAND,
            starts_on=start,
            created_at=formed_at,
        )
        self.teams.append(team)
        lead = rng.choice(members) if members else None
        self.members.append((team, members, lead))
        return team

    def save(self) -> None:
        ChallengeTeam.objects.bulk_create(self.teams)
        TeamMembership.objects.bulk_create(
            TeamMembership(
                team=team,
                enrolment=enrolment,
                role=TeamRole.LEAD if enrolment is lead else TeamRole.MEMBER,
            )
            for team, members, lead in self.members
            for enrolment in members
        )
        Milestone.objects.bulk_create(self.milestones)
        Showcase.objects.bulk_create(self.showcases)
        TeamUpdate.objects.bulk_create(self.updates)
        TeamLink.objects.bulk_create(self.links)


def _milestones(rows: Rows, team: ChallengeTeam, start: dt.date, today: dt.date) -> None:
    for kind in MilestoneKind.values:
        due = start + dt.timedelta(days=PLAN_DAYS[kind])
        done = due + dt.timedelta(days=kind != MilestoneKind.START) if due < today else None
        rows.milestones.append(
            Milestone(
                team=team,
                kind=kind,
                due_on=due,
                done_on=done,
                notes="Reviewed with the challenge owner." if done and kind != "start" else "",
            )
        )


@transaction.atomic
def seed(today: dt.date | None = None) -> str | None:
    """Seed challenges, preferences and teams; None when they are already there."""
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None or Challenge.objects.filter(programme=programme).exists():
        return None
    today = today or timezone.localdate()
    rng = random.Random(SEED)  # nosec B311  # seeded on purpose, so the demo is the same every time
    orgs = _organisations()
    chiefs = _chiefs()
    users = {u.email: u for u in User.objects.filter(email__endswith="@demo.commonground.example")}
    sponsor = (
        Person.objects.filter(user__email=SPONSOR_EMAIL).select_related("organisation").first()
    )
    cohorts = list(Cohort.objects.filter(programme=programme).order_by("starts_on"))
    enrolments: dict[int, list[Enrolment]] = {}
    for enrolment in (
        Enrolment.objects.filter(cohort__programme=programme)
        .select_related("person")
        .order_by("cohort_id", "person__last_name", "person__first_name", "pk")
    ):
        enrolments.setdefault(enrolment.cohort_id, []).append(enrolment)

    builder = Builder()
    past: list[tuple[Cohort, list[Challenge]]] = []
    running: tuple[Cohort, list[Challenge]] | None = None
    for cohort in cohorts:
        if cohort.status == CohortStatus.COMPLETED:
            completers = _completers(enrolments, cohort)
            count = len(_team_sizes(len(completers), PER_COHORT)) if completers else 0
            made = _past_cohort(rng, programme, cohort, chiefs, orgs, builder, count)
            past.append((cohort, made))
        elif cohort.status == CohortStatus.RUNNING and running is None:
            ideas = rng.sample(IDEAS, PER_COHORT)
            made = []
            for index, idea in enumerate(ideas):
                owner = _owner(rng, idea, chiefs, orgs)
                if index == 0 and sponsor is not None:
                    owner = sponsor  # the demo sponsor owns a current challenge
                made.append(
                    builder.challenge(
                        programme, cohort, idea, owner, ChallengeStatus.IN_PROGRESS, orgs
                    )
                )
            running = (cohort, made)
    builder.save()

    rows = Rows.empty()
    staff = users.get(STAFF_EMAIL)
    for cohort, done in past:
        completers = _completers(enrolments, cohort)
        rng.shuffle(completers)
        start = cohort.starts_on + PAST_START
        sizes = _team_sizes(len(completers), len(done))
        taken = 0
        for challenge, size in zip(done, sizes, strict=False):
            members = completers[taken : taken + size]
            taken += size
            team = rows.team(challenge, cohort, members, start, _at(start, 9), rng)
            _milestones(rows, team, start, today)
            held = start + dt.timedelta(days=PLAN_DAYS["final"] + 1)
            rows.showcases.append(
                Showcase(
                    team=team,
                    held_on=held,
                    presentation_link=f"{FILES}/showcase/{cohort.starts_on.year}/{challenge.slug}",
                    outcomes_summary=challenge.outcomes,
                    presented=True,
                    sponsor_feedback=rng.choice(
                        (
                            "A clear case, well made. I will take it to the chief executives' "
                            "group next month.",
                            "You found the real blockage. Keep going: my team will carry on.",
                            "Brave and practical. I want to see this spread to the other two "
                            "areas.",
                        )
                    ),
                )
            )
            rows.links.append(
                TeamLink(
                    team=team,
                    title="Showcase slides",
                    url=f"{FILES}/showcase/{cohort.starts_on.year}/{challenge.slug}.pdf",
                    kind=LinkKind.DOCUMENT,
                    added_by=staff,
                    created_at=_at(held, 16),
                )
            )

    preferences: list[ChallengePreference] = []
    if running is not None:
        cohort, made = running
        active = [e for e in enrolments.get(cohort.pk, []) if e.status == EnrolmentStatus.ACTIVE]
        # Some challenges draw more first choices than others, as they do in a real year.
        weights = [rng.uniform(0.5, 3.0) for _ in made]
        ranked: dict[int, list[Challenge]] = {}
        for enrolment in active:
            pool = list(zip(made, weights, strict=True))
            choice: list[Challenge] = []
            while len(choice) < 3:
                picked = rng.choices([c for c, _ in pool], [w for _, w in pool])[0]
                choice.append(picked)
                pool = [(c, w) for c, w in pool if c is not picked]
            ranked[enrolment.pk] = choice
            preferences.extend(
                ChallengePreference(enrolment=enrolment, challenge=c, rank=rank)
                for rank, c in enumerate(choice, start=1)
            )
        ChallengePreference.objects.bulk_create(preferences)
        _running_teams(rng, rows, cohort, made, active, ranked, today, users)
    rows.save()
    teams = len(rows.teams)
    return (
        f"Seeded challenges: {len(builder.challenges)} challenges, {teams} teams, "
        f"{len(preferences)} ranked choices, {len(rows.updates)} team updates."
    )


def _running_teams(
    rng: random.Random,
    rows: Rows,
    cohort: Cohort,
    made: list[Challenge],
    active: list[Enrolment],
    ranked: dict[int, list[Challenge]],
    today: dt.date,
    users: dict[str, User],
) -> None:
    """Teams from the choices: each person gets their highest choice with room, mid-way now."""
    capacity = max(4, -(-len(active) // len(made))) if made else 0
    placed: dict[int, list[Enrolment]] = {c.pk: [] for c in made}
    order = list(active)
    rng.shuffle(order)
    for enrolment in order:
        options = [*ranked[enrolment.pk], *sorted(made, key=lambda c: len(placed[c.pk]))]
        target = next(c for c in options if len(placed[c.pk]) < capacity)
        placed[target.pk].append(enrolment)
    start = max(cohort.starts_on + dt.timedelta(days=14), today - dt.timedelta(days=72))
    start = min(start, today)
    participant = users.get(PARTICIPANT_EMAIL)
    staff = users.get(STAFF_EMAIL)
    for challenge in made:
        members = placed[challenge.pk]
        if not members:
            challenge.status = ChallengeStatus.OPEN
            Challenge.objects.filter(pk=challenge.pk).update(status=ChallengeStatus.OPEN)
            continue
        team = rows.team(challenge, cohort, members, start, _at(start, 9), rng)
        _milestones(rows, team, start, today)
        authors = [staff] if staff else []
        if participant is not None and any(e.person.user_id == participant.pk for e in members):
            authors.insert(0, participant)
        for index, text in enumerate(rng.sample(UPDATES, 2)):
            when = min(today, start + dt.timedelta(days=20 + 25 * index))
            rows.updates.append(
                TeamUpdate(
                    team=team,
                    author=authors[index % len(authors)] if authors else None,
                    text=text,
                    created_at=_at(when, 17),
                )
            )
        rows.links.append(
            TeamLink(
                team=team,
                title="Our 100-day plan",
                url=f"{FILES}/challenges/{challenge.slug}/plan",
                kind=LinkKind.DOCUMENT,
                added_by=participant if authors and authors[0] is participant else staff,
                created_at=_at(start, 16),
            )
        )
