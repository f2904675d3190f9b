"""Times exports of many people in the background, with the peak memory of the process writing them.

    python bench/exports.py                      # 100,000 people in PostgreSQL database cg_exports
    python bench/exports.py --people 20000 --database-url sqlite:////tmp/cg_exports.sqlite3

Creates the database (on PostgreSQL) and its tables if missing, adds invented people with bulk
inserts until there are `--people` of them (half of them enrolled in one of 20 cohorts, so the
"Cohorts" column is read too), then runs the people export as the background worker does, once
per size and format, each in a fresh process so that its peak memory (the process's resident
set high-water mark, VmHWM in /proc/self/status) is its own. A tenth of the people belong to one
organisation; exporting that organisation alone is the smaller size, so the two rows of each
format show whether memory grows with the rows. Targets: 100,000 rows in 30 s and 300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/cg_exports"
DOMAIN = "bench.example"
ORGANISATIONS = 2000
COHORTS = 20
BATCH = 5000
TARGET_SECONDS = 30
TARGET_MB = 300


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commonground.settings")
    # The run is called directly, as the worker would; nothing is queued.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ.setdefault("EXPORTS_ROOT", str(ROOT / "var" / "bench-exports"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _create_database(database_url: str) -> None:
    if not database_url.startswith("postgres"):
        return
    name = database_url.rsplit("/", 1)[1]
    server = database_url.rsplit("/", 1)[0].split("://", 1)[1]
    user, host = server.split("@")
    address, port = host.split(":")
    subprocess.run(
        ["createdb", "-h", address, "-p", port, "-U", user, name],
        capture_output=True,
        check=False,
    )


def seed(people: int) -> dict[str, int]:
    """Add invented people until there are `people`; returns the staff user and the small
    organisation."""
    from django.core.management import call_command

    from commonground.accounts.models import User
    from commonground.directory.models import Area, Band, Organisation, Person, Sector
    from commonground.programmes.models import Cohort, Enrolment, Programme

    call_command("migrate", verbosity=0)
    organisations = list(Organisation.objects.filter(name__startswith="Bench ").order_by("name"))
    if not organisations:
        Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench organisation {i:04}",
                sector=Sector.LOCAL_GOVERNMENT,
                area=Area.ESSEX,
            )
            for i in range(ORGANISATIONS)
        )
        organisations = list(
            Organisation.objects.filter(name__startswith="Bench ").order_by("name")
        )
    programme, _ = Programme.objects.get_or_create(
        slug="bench", defaults={"name": "Bench programme", "owner": organisations[0]}
    )
    cohorts = list(Cohort.objects.filter(programme=programme).order_by("pk"))
    for year in range(len(cohorts), COHORTS):
        cohorts.append(
            Cohort.objects.create(
                programme=programme,
                name=f"{2000 + year}/{(year + 1) % 100:02}",
                starts_on=dt.date(2000 + year, 9, 1),
                ends_on=dt.date(2001 + year, 7, 31),
            )
        )
    have = Person.objects.filter(email__endswith=f"@{DOMAIN}").count()
    for start in range(have, people, BATCH):
        made = Person.objects.bulk_create(
            Person(
                first_name=f"First{i}",
                last_name=f"Last{i:06}",
                email=f"person{i}@{DOMAIN}",
                # A tenth in the first organisation: the smaller export.
                organisation=organisations[0 if i % 10 == 0 else 1 + i % (ORGANISATIONS - 1)],
                job_title="Service manager",
                band=Band.SENIOR_MANAGER,
            )
            for i in range(start, min(start + BATCH, people))
        )
        Enrolment.objects.bulk_create(
            Enrolment(person=person, cohort=cohorts[person.pk % COHORTS])
            for person in made
            if person.pk % 2 == 0
        )
    staff, _ = User.objects.get_or_create(
        email=f"staff@{DOMAIN}", defaults={"name": "Bench staff", "is_superuser": True}
    )
    return {"user": staff.pk, "small": organisations[0].pk}


def _memory_mb(field: str) -> int:
    """VmRSS (now) or VmHWM (peak) of this process in MB. Unlike getrusage's maximum, which
    Linux carries over from the process that started this one, VmHWM starts afresh."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def run_one(fmt: str, user_id: int, organisation: int | None) -> dict[str, Any]:
    """Ask for one export and prepare it here, as the worker would; time and memory."""
    from django.http import HttpRequest

    from commonground.accounts.models import User
    from commonground.exports import services
    from commonground.exports.models import Export

    request = HttpRequest()
    request.user = User.objects.get(pk=user_id)
    params = {"organisation": str(organisation)} if organisation else {}
    export = services.ask(request, "directory.people", fmt, params)
    rss_before = _memory_mb("VmRSS")
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    status = services.prepare(export.pk)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    done = Export.objects.get(pk=export.pk)
    done.path.unlink(missing_ok=True)
    return {
        "status": status,
        "rows": done.rows_done,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2
        ),
        "megabytes": round(done.size / 1e6, 1),
        "rss_before_mb": rss_before,
        "peak_rss_mb": _memory_mb("VmHWM"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--one", nargs=3, metavar=("FORMAT", "USER", "ORGANISATION"))
    options = parser.parse_args()
    if options.one:
        _django(options.database_url)
        fmt, user, organisation = options.one
        print(json.dumps(run_one(fmt, int(user), int(organisation) or None)))
        return
    _create_database(options.database_url)
    _django(options.database_url)
    started = time.perf_counter()
    found = seed(options.people)
    print(f"{options.people:,} people ready in {time.perf_counter() - started:.0f} s")
    print(f"load average before: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    columns = ("rows", "seconds", "cpu s", "file MB", "RSS before", "peak RSS")
    print(f"{'format':<6} " + " ".join(f"{name:>10}" for name in columns))
    met = True
    for fmt in ("csv", "xlsx"):
        for organisation in (found["small"], 0):
            child = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--database-url",
                    options.database_url,
                    "--one",
                    fmt,
                    str(found["user"]),
                    str(organisation),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(child.stdout.strip().splitlines()[-1])
            print(
                f"{fmt:<6} {r['rows']:>10,} {r['seconds']:>10.2f} {r['cpu_seconds']:>10.2f} "
                f"{r['megabytes']:>10.1f} {r['rss_before_mb']:>7} MB {r['peak_rss_mb']:>7} MB"
            )
            if organisation == 0:
                met = met and r["seconds"] < TARGET_SECONDS and r["peak_rss_mb"] < TARGET_MB
    print(f"load average after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    verdict = "met" if met else "NOT met"
    print(f"targets (whole export under {TARGET_SECONDS} s and {TARGET_MB} MB): {verdict}")


if __name__ == "__main__":
    main()
