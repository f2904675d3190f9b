"""Expected statuses for the REST API: a bearer token for each role, none for anonymous (401)."""

from tests.permissions import Case, statuses

PROGRAMME_TEAM = {"admin": 200, "staff": 200, "facilitator": 200}
# The directory is shared: staff of another programme read it too.
DIRECTORY_READERS = {**PROGRAMME_TEAM, "other_staff": 200}
COHORT_MEMBERS = {**PROGRAMME_TEAM, "participant": 200}
EVERY_ACCOUNT = statuses(200, anonymous=401)

CASES = [
    # /api/ itself is ninja's marker for where the API is mounted: not found for everyone.
    Case("api:api-root", expected=statuses(404)),
    Case("api:openapi-json", expected=statuses(200)),
    Case("api:openapi-view", expected=statuses(200)),
    Case("api:organisations", expected=statuses(404, anonymous=401, **DIRECTORY_READERS)),
    Case(
        "api:organisation",
        kwargs=lambda world: {"organisation_id": world.organisation.pk},
        expected=statuses(404, anonymous=401, **DIRECTORY_READERS),
    ),
    Case("api:people", expected=EVERY_ACCOUNT),
    Case(
        "api:person",
        kwargs=lambda world: {"person_id": world.participant_person.pk},
        expected=statuses(404, anonymous=401, participant=200, sponsor=200, **DIRECTORY_READERS),
    ),
    Case("api:programmes", expected=EVERY_ACCOUNT),
    Case(
        "api:programme",
        kwargs=lambda world: {"slug": world.programme.slug},
        expected=statuses(404, anonymous=401, evaluator=200, board=200, **PROGRAMME_TEAM),
    ),
    Case("api:cohorts", expected=EVERY_ACCOUNT),
    Case(
        "api:cohort",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        expected=statuses(404, anonymous=401, **COHORT_MEMBERS),
    ),
    Case(
        "api:cohort-enrolments",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        expected=statuses(404, anonymous=401, **COHORT_MEMBERS),
    ),
    Case(
        "api:cohort-activities",
        kwargs=lambda world: {"cohort_id": world.cohort.pk},
        expected=statuses(404, anonymous=401, **COHORT_MEMBERS),
    ),
    Case(
        "api:activity",
        kwargs=lambda world: {"activity_id": world.activity.pk},
        expected=statuses(404, anonymous=401, **COHORT_MEMBERS),
    ),
    Case(
        "api:activity-attendance",
        kwargs=lambda world: {"activity_id": world.activity.pk},
        expected=statuses(404, anonymous=401, **PROGRAMME_TEAM),
    ),
]
