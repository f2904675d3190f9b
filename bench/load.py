"""Load test: participants, staff and raters using a seeded demo at once, through the real pages.

Run by `make load`, which seeds a PostgreSQL database and starts gunicorn first. Alone:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/commonground_load \
        python bench/load.py --host http://127.0.0.1:8100 --users 50 --seconds 60

`python bench/load.py` prepares the people (rater links, the cohort's next activity), then runs
locust headless on this same file and prints requests per second, the median and 95th-percentile
response times and the errors. It only ever targets this machine. Every write is idempotent or
undone: apologies for the same activity with the same reason, a rater's draft saved over itself,
an API token created and revoked at once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "var" / "load-plan.json"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
PASSWORD = "demo-password-2026"  # nosec B105  # the demo's published password
RATER_LINKS = 20


def _local_only(host: str) -> str:
    name = urlsplit(host).hostname or ""
    if name not in LOCAL_HOSTS:
        raise SystemExit(f"The load test only targets this machine, not {host!r}.")
    return host.rstrip("/")


# Preparing (plain Django, before locust starts)


def prepare() -> dict[str, Any]:
    """The pages each kind of user visits, from the seeded demo."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.urls import reverse
    from django.utils import timezone

    from commonground.evaluation import services as evaluation
    from commonground.evaluation.models import SurveyResponse, Wave
    from commonground.lib.links import new_secret
    from commonground.programmes.audiences import open_to_person
    from commonground.programmes.demo.logins import demo_email
    from commonground.programmes.models import Activity, Enrolment, EnrolmentStatus

    enrolment = Enrolment.objects.select_related("cohort__programme").get(
        person__user__email=demo_email("participant"), status=EnrolmentStatus.ACTIVE
    )
    cohort = enrolment.cohort
    # The participant's own activities: those for everyone, their learning set's and team's.
    theirs = Activity.objects.filter(
        open_to_person(enrolment.person_id, EnrolmentStatus.TAKING_A_PLACE), cohort=cohort
    )
    upcoming = theirs.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    activity = upcoming.first() or theirs.order_by("pk").last()
    assert activity is not None, "the demo cohort has a calendar"
    past = theirs.filter(starts_at__lt=timezone.now()).order_by("starts_at").last()

    today = timezone.localdate()
    links: list[str] = []
    open_waves = Wave.objects.filter(cohort=cohort, opens_on__lte=today, closes_on__gte=today)
    # The load database is the load test's own: ask raters in today's wave if the demo did not.
    open_waves.update(includes_raters=True)
    for wave in open_waves:
        evaluation.invite(wave, by=None)
        open_rows = SurveyResponse.objects.filter(
            wave=wave, nomination__isnull=False, submitted_at__isnull=True
        )
        for response in open_rows[: RATER_LINKS - len(links)]:
            secret, response.token_hash = new_secret()
            response.save(update_fields=["token_hash"])
            links.append(reverse("evaluation:rater_survey", args=[secret]))
    assert links, "the demo has a wave open to raters today"

    programme = cohort.programme
    return {
        "participant": {
            "email": demo_email("participant"),
            "reads": [
                reverse("home"),
                reverse("programmes:cohort", args=[cohort.pk]),
                reverse("programmes:my_calendar"),
                reverse("programmes:activity", args=[activity.pk]),
                reverse("grouping:mine"),
                reverse("challenges:index"),
                reverse("evaluation:home"),
            ],
            "apologies": reverse("programmes:apologies", args=[activity.pk]),
        },
        "staff": {
            "email": demo_email("staff"),
            "reads": [
                reverse("home"),
                reverse("programmes:programme", args=[programme.slug]),
                reverse("programmes:cohort", args=[cohort.pk]),
                reverse("directory:people"),
                reverse("directory:organisations"),
                reverse("recruitment:index"),
                reverse("challenges:index"),
                reverse("programmes:activity", args=[(past or activity).pk]),
                reverse("evaluation:plan", args=[cohort.pk]),
            ],
            "tokens": reverse("accounts:tokens"),
        },
        "raters": links,
    }


def _line(label: str, entry: Any) -> str:
    return (
        f"{label}: {entry.num_requests} requests, {entry.total_rps:.1f} per second, "
        f"p50 {entry.get_response_time_percentile(0.5):.0f} ms, "
        f"p95 {entry.get_response_time_percentile(0.95):.0f} ms, "
        f"errors {entry.num_failures}"
    )


def _steady(timings: list[tuple[float, float, bool]], since: float | None) -> str:
    """Requests sent once every simulated person had started (and so signed in)."""
    times = sorted(ms for at, ms, _ in timings if since is not None and at >= since)
    if len(times) < 20:
        return "after everyone had started: too few requests to say"
    errors = sum(1 for at, _, failed in timings if since is not None and at >= since and failed)
    p50, p95 = (times[min(len(times) - 1, int(q * len(times)))] for q in (0.5, 0.95))
    return (
        f"after everyone had started: {len(times)} requests, "
        f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, errors {errors}"
    )


def report(
    stats: Any, timings: list[tuple[float, float, bool]] | None = None, since: float | None = None
) -> None:
    """The run's figures; without signing in, whose password hashing costs most; and the
    steady state once the last person has signed in."""
    from locust.stats import StatsEntry

    print(_line("all requests", stats.total))
    browsing = StatsEntry(stats, "without signing in", "")
    for entry in stats.entries.values():
        if not entry.name.startswith("sign in"):
            browsing.extend(entry)
    print(_line("without signing in", browsing))
    slowest = sorted(
        (entry for entry in stats.entries.values() if entry.num_requests),
        key=lambda entry: entry.get_response_time_percentile(0.95),
        reverse=True,
    )[:5]
    for entry in slowest:
        print(_line(f"  slowest: {entry.method} {entry.name}", entry))
    if timings is not None:
        print(_steady(timings, since))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="http://127.0.0.1:8100")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    host = _local_only(args.host)
    PLAN.parent.mkdir(exist_ok=True)
    PLAN.write_text(json.dumps(prepare()))
    locust = Path(sys.executable).with_name("locust")
    command = [
        str(locust),
        "-f",
        __file__,
        "--headless",
        "--host",
        host,
        "--users",
        str(args.users),
        "--spawn-rate",
        "5",
        "--run-time",
        f"{args.seconds}s",
        "--stop-timeout",
        "10",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    raise SystemExit(subprocess.run(command, check=False).returncode)


if __name__ == "__main__":
    main()
else:
    # Imported by locust: the simulated people.
    from locust import HttpUser, between, events, task

    _plan: dict[str, Any] = json.loads(PLAN.read_text()) if PLAN.exists() else {}

    def _check_target(environment: Any, **kwargs: Any) -> None:
        _local_only(environment.host or "")

    _timings: list[tuple[float, float, bool]] = []
    _started: list[float] = []

    def _note_request(response_time: float, exception: Any = None, **kwargs: Any) -> None:
        _timings.append((time.monotonic(), response_time, exception is not None))

    def _note_everyone_started(**kwargs: Any) -> None:
        _started.append(time.monotonic())

    def _print_figures(environment: Any, **kwargs: Any) -> None:
        report(environment.stats, _timings, _started[0] if _started else None)

    events.test_start.add_listener(_check_target)
    events.request.add_listener(_note_request)
    events.spawning_complete.add_listener(_note_everyone_started)
    events.quitting.add_listener(_print_figures)

    def _csrf(user: HttpUser) -> str:
        return str(user.client.cookies.get("csrftoken", ""))

    def _post(user: HttpUser, path: str, data: dict[str, str], name: str) -> Any:
        data = {"csrfmiddlewaretoken": _csrf(user), **data}
        return user.client.post(path, data=data, name=name, headers={"Referer": user.host or ""})

    class SignedIn(HttpUser):
        abstract = True
        wait_time = between(1, 3)
        role = ""

        def on_start(self) -> None:
            # The real sign-in form, as a person would use it.
            self.client.get("/accounts/login/", name="sign in form")
            response = _post(
                self,
                "/accounts/login/",
                {"login": _plan[self.role]["email"], "password": PASSWORD},
                name="sign in",
            )
            if "sessionid" not in self.client.cookies:
                response.failure("sign-in did not start a session")

        def read(self) -> None:
            path = random.choice(_plan[self.role]["reads"])
            self.client.get(path, name=re.sub(r"/\d+/", "/{id}/", path))

    class Participant(SignedIn):
        weight = 5
        role = "participant"

        @task(8)
        def browse(self) -> None:
            self.read()

        @task(1)
        def send_apologies(self) -> None:
            path = _plan["participant"]["apologies"]
            self.client.get(path, name="apologies form")
            _post(self, path, {"reason": "Covering a colleague's shift"}, name="send apologies")

    class Staff(SignedIn):
        weight = 3
        role = "staff"

        @task(8)
        def browse(self) -> None:
            self.read()

        @task(1)
        def issue_and_revoke_a_token(self) -> None:
            # Every simulated staff member shares one account, so each revokes only its own.
            label = f"load test {id(self)} {random.randrange(10**9)}"
            path = _plan["staff"]["tokens"]
            self.client.get(path, name="tokens")
            page = _post(self, path, {"label": label}, name="issue token").text
            found = re.search(re.escape(label) + r"<.*?/account/tokens/(\d+)/revoke/", page, re.S)
            if found:
                _post(self, f"/account/tokens/{found[1]}/revoke/", {}, name="revoke token")

    class Rater(HttpUser):
        weight = 2
        wait_time = between(1, 3)

        def on_start(self) -> None:
            self.link = random.choice(_plan["raters"])

        @task(3)
        def read_the_survey(self) -> None:
            self.client.get(self.link, name="rater survey")

        @task(1)
        def save_a_draft(self) -> None:
            self.client.get(self.link, name="rater survey")
            _post(self, self.link, {"action": "save"}, name="save rater draft")
