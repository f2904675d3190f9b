"""Page benchmark: each key page and API list at the demo's size and at national size, side by side.

Each page is requested as the role that uses it, through Django's test client (no web server, so
the figures are the application's and the database's own): the number of queries, the median and
95th-percentile time over repeated requests, and the size of the response. Run against two
seeded databases in one go, it prints both and how many times slower the larger one is:

    python manage.py seed_demo                      # on DEMO_URL
    python manage.py seed_scale                     # on SCALE_URL (seeds the demo first)
    python bench/pages.py --demo DEMO_URL --scale SCALE_URL [--repeat 15]

With one database (`--scale` alone) it prints that size only. `--snapshot` also times working
out a national programme's report snapshot (the background task) and its peak memory.
Each size runs in its own process, so the two never share a connection or a cache. Nothing is
asserted: these are figures to read, on a machine whose load is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Settings for a quiet, production-like run: no debug pages, the second factor not asked of the
# demo's staff (they sign in by session here), emails kept in memory.
ENVIRONMENT = {
    "DEBUG": "false",
    "DB_CONN_MAX_AGE": "60",
    "MFA_REQUIRED_FOR_STAFF": "false",
    "ALLOW_STAFF_WITHOUT_SECOND_FACTOR": "true",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "DJANGO_SETTINGS_MODULE": "commonground.settings",
}


@dataclass
class Figure:
    page: str
    role: str
    status: int
    queries: int
    p50_ms: float
    p95_ms: float
    kilobytes: float


# Measuring (inside one database's process)


def _setup() -> None:
    os.environ.update(ENVIRONMENT)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


Page = tuple[str, str, str, dict[str, str]]


def _pages() -> tuple[list[Page], str, int]:
    """(name, role, path, headers) for every page measured, on the largest programme there is;
    with that programme's slug and the finished cohort whose report is measured."""
    from django.db.models import Count
    from django.urls import reverse

    from commonground.accounts.models import ApiToken, User
    from commonground.programmes.demo.logins import demo_email
    from commonground.programmes.models import Cohort, CohortStatus, Programme
    from commonground.recruitment.models import Round

    programme = (
        Programme.objects.annotate(n=Count("cohorts__enrolments")).order_by("-n", "pk").first()
    )
    assert programme is not None, "seed the database first (seed_demo, seed_scale)"
    cohort = (
        Cohort.objects.filter(programme=programme, status=CohortStatus.RUNNING)
        .order_by("-starts_on")
        .first()
    ) or Cohort.objects.filter(programme=programme).order_by("-starts_on").first()
    assert cohort is not None
    finished = (
        Cohort.objects.filter(programme=programme, status=CohortStatus.COMPLETED)
        .order_by("-starts_on")
        .first()
    ) or cohort
    found_round = (
        Round.objects.filter(cohort__programme=programme)
        .annotate(n=Count("applications"))
        .order_by("-n")
        .first()
    )
    staff = User.objects.get(email=demo_email("staff"))
    ApiToken.objects.filter(user=staff, label="page benchmark").delete()
    _, secret = ApiToken.issue(staff, "page benchmark")
    api = {"Authorization": f"Bearer {secret}"}
    pages: list[Page] = [
        ("staff home", "staff", reverse("home"), {}),
        ("people list", "staff", reverse("directory:people"), {}),
        ("people search", "staff", reverse("directory:people") + "?q=patel", {}),
        ("organisations list", "staff", reverse("directory:organisations"), {}),
        ("programme", "staff", reverse("programmes:programme", args=[programme.slug]), {}),
        ("cohort overview", "staff", reverse("programmes:cohort", args=[cohort.pk]), {}),
        (
            "cohort participants",
            "staff",
            reverse("programmes:cohort_participants", args=[cohort.pk]),
            {},
        ),
        ("participant home", "participant", reverse("home"), {}),
        ("evaluation home", "staff", reverse("evaluation:home"), {}),
        ("evaluation plan", "staff", reverse("evaluation:plan", args=[finished.pk]), {}),
        ("cohort report", "staff", reverse("evaluation:cohort_report", args=[finished.pk]), {}),
        (
            "programme report",
            "staff",
            reverse("evaluation:programme_report", args=[programme.slug]),
            {},
        ),
        ("API organisations", "staff", "/api/organisations", api),
        ("API people", "staff", "/api/people", api),
        ("API cohorts", "staff", "/api/cohorts", api),
        ("API cohort enrolments", "staff", f"/api/cohorts/{cohort.pk}/enrolments", api),
        ("API evaluation report", "staff", f"/api/cohorts/{finished.pk}/evaluation/report", api),
    ]
    if found_round is not None:
        pages.insert(
            4,
            (
                "applications list",
                "staff",
                reverse("recruitment:applications", args=[found_round.pk]),
                {},
            ),
        )
        pages.append(
            (
                "API applications",
                "staff",
                f"/api/recruitment/rounds/{found_round.pk}/applications",
                api,
            )
        )
    return pages, programme.slug, finished.pk


def _ready_snapshots(programme_slug: str, cohort_ids: list[int]) -> dict[str, float]:
    """Work out the report snapshots the report pages show, timing the programme's, so the pages
    are measured showing figures rather than a progress panel."""
    from commonground.evaluation.models import ReportSnapshot, SnapshotStatus, SurveyResponse
    from commonground.evaluation.snapshots import compute, snapshot_for
    from commonground.programmes.models import Cohort, Programme

    programme = Programme.objects.get(slug=programme_slug)
    ids = list(Cohort.objects.filter(programme=programme).values_list("pk", flat=True))
    timings: dict[str, float] = {}
    for cohort, scope in [(None, ids), *[(Cohort.objects.get(pk=c), [c]) for c in cohort_ids]]:
        snapshot = snapshot_for(programme, cohort, None, scope)
        if snapshot is None or (cohort is not None and snapshot.status == SnapshotStatus.READY):
            continue
        # The programme's is always worked out again, to be timed.
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(status=SnapshotStatus.WAITING)
        before = _peak_mb()
        started = time.perf_counter()
        compute(snapshot.pk)
        if cohort is None:
            timings["snapshot_seconds"] = time.perf_counter() - started
            timings["snapshot_peak_mb"] = _peak_mb()
            timings["peak_mb_before"] = before
            timings["answers"] = SurveyResponse.objects.filter(wave__cohort_id__in=ids).count()
            ready = ReportSnapshot.objects.get(pk=snapshot.pk).status == SnapshotStatus.READY
            timings["ready"] = float(ready)
    return timings


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _measure(path: str, headers: dict[str, str], client: Any, repeat: int) -> Figure:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path, headers=headers)  # warm: templates compiled, connection open
    times = []
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    # Read now: the next request empties the connection's log of queries.
    count = len(queries)
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path, headers=headers)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return Figure(
        page="",
        role="",
        status=response.status_code,
        queries=count,
        p50_ms=statistics.median(times),
        p95_ms=times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        kilobytes=len(response.content) / 1024,
    )


def measure_snapshot() -> dict[str, Any]:
    """Only the largest programme's report snapshot: time, answers and the process's peak memory."""
    _setup()
    from django.db.models import Count

    from commonground.programmes.models import Programme

    found = Programme.objects.annotate(n=Count("cohorts__enrolments")).order_by("-n", "pk")
    extra = _ready_snapshots(str(found.values_list("slug", flat=True)[0]), [])
    return {"figures": [], "sizes": {}, "extra": extra, "load": os.getloadavg()}


def measure(repeat: int, snapshot: bool, only: list[str]) -> dict[str, Any]:
    _setup()
    from django.test import Client

    from commonground.accounts.models import ApiToken, User
    from commonground.directory.models import Person
    from commonground.evaluation.models import SurveyResponse
    from commonground.programmes.demo.logins import demo_email
    from commonground.programmes.models import Enrolment

    pages, slug, finished = _pages()
    if only:
        pages = [page for page in pages if page[0] in only]
    # Without the snapshots, the report pages would show a progress panel, not the figures.
    extra = _ready_snapshots(slug, [finished]) if snapshot else {}
    clients: dict[str, Any] = {}
    figures = []
    for name, role, path, headers in pages:
        if role not in clients:
            clients[role] = Client()
            if not headers:
                clients[role].force_login(User.objects.get(email=demo_email(role)))
        figure = _measure(path, headers, clients[role], repeat)
        figure.page, figure.role = name, role
        figures.append(asdict(figure))
    ApiToken.objects.filter(label="page benchmark").delete()
    sizes = {
        "people": Person.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "answers": SurveyResponse.objects.count(),
    }
    return {"figures": figures, "sizes": sizes, "extra": extra, "load": os.getloadavg()}


# Running both sizes and printing the table


def _run(
    database: str,
    repeat: int,
    snapshot: bool = False,
    snapshot_only: bool = False,
    only: tuple[str, ...] = (),
) -> dict[str, Any]:
    env = {**os.environ, **ENVIRONMENT, "DATABASE_URL": database, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, __file__, "--measure", "--repeat", str(max(repeat, 2))]
    for name in only:
        command += ["--page", name]
    if snapshot:
        command.append("--snapshot")
    if snapshot_only:
        command += ["--snapshot-only", database]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, check=False
    )  # our own interpreter and file
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"Measuring {database} failed.")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _table(sizes: dict[str, dict[str, Any]]) -> str:
    names = list(sizes)
    first = sizes[names[0]]["figures"]
    head = ["page", "role"]
    for name in names:
        head += [f"{name} queries", f"{name} p50 ms", f"{name} p95 ms", f"{name} KB"]
    if len(names) == 2:
        head.append("p95 ratio")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    by_page = [{f["page"]: f for f in sizes[n]["figures"]} for n in names]
    for row in first:
        cells = [row["page"], row["role"]]
        found = [pages.get(row["page"]) for pages in by_page]
        for figure in found:
            if figure is None:
                cells += ["-"] * 4
                continue
            status = "" if figure["status"] == 200 else f" ({figure['status']})"
            cells += [
                f"{figure['queries']}{status}",
                f"{figure['p50_ms']:.0f}",
                f"{figure['p95_ms']:.0f}",
                f"{figure['kilobytes']:.0f}",
            ]
        if len(names) == 2:
            small, large = found
            cells.append(f"{large['p95_ms'] / small['p95_ms']:.1f}" if small and large else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _print_snapshot(name: str, extra: dict[str, float]) -> None:
    if "snapshot_seconds" not in extra:
        return
    print(
        f"{name}: programme report snapshot {extra['snapshot_seconds']:.1f} s for "
        f"{extra['answers']:,.0f} answers, process peak {extra['snapshot_peak_mb']:.0f} MB "
        f"(before it {extra['peak_mb_before']:.0f} MB), ready: {bool(extra['ready'])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", help="DATABASE_URL of a database seeded with seed_demo")
    parser.add_argument("--scale", help="DATABASE_URL of a database seeded with seed_scale")
    parser.add_argument("--repeat", type=int, default=15, help="Timed requests per page")
    parser.add_argument("--snapshot", action="store_true", help="Also time a report snapshot")
    parser.add_argument(
        "--snapshot-only",
        metavar="DATABASE_URL",
        help="Only time the largest programme's report snapshot, on this database",
    )
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        metavar="NAME",
        help='Measure only this page, by its name in the table ("staff home"); may be repeated',
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.repeat < 2:
        parser.error("--repeat must be at least 2")
    if args.measure:
        found = (
            measure_snapshot()
            if args.snapshot_only
            else measure(args.repeat, args.snapshot, args.page)
        )
        print(json.dumps(found))
        return
    if args.snapshot_only:
        print(f"load before: {os.getloadavg()}")
        _print_snapshot("snapshot", _run(args.snapshot_only, 0, snapshot_only=True)["extra"])
        print(f"load after: {os.getloadavg()}")
        return
    databases = {name: url for name, url in (("demo", args.demo), ("scale", args.scale)) if url}
    if not databases:
        parser.error("give --demo and --scale (or one of them): each a DATABASE_URL")
    print(f"load before: {os.getloadavg()}")
    results = {
        name: _run(url, args.repeat, args.snapshot, only=tuple(args.page))
        for name, url in databases.items()
    }
    for name, result in results.items():
        sizes = ", ".join(f"{v:,} {k}" for k, v in result["sizes"].items())
        print(f"{name}: {sizes}; load during {tuple(round(x, 2) for x in result['load'])}")
        _print_snapshot(name, result["extra"])
    print(_table({name: results[name] for name in databases}))
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
