"""A bounded load run: 50 concurrent users for 60 s while staff import and bodies report.

gunicorn (2 workers) serves the public pages on loopback to wrk (50 connections, random
pages from ``paths.lua``). Meanwhile this process imports a centre-usage file over and
over, and takes every body's report through submission and acceptance. Afterwards it
checks that no request failed and that no row was lost or duplicated.

    make bench            # or: .venv/bin/python bench/load.py --seconds 60
"""

import argparse
import datetime
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from server import environment, gunicorn, prepare, wrk

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
YEAR = 2025


def writer(stop: threading.Event, counts: dict) -> None:
    """Staff imports and body reports, as fast as they go, until told to stop."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from centers.models import CivicCenter
    from centers.resources import CenterUsageResource
    from core.formats import JapaneseCSV
    from core.resources import import_file
    from core.staff_groups import EDITOR_GROUP
    from councils.models import Activity, BodyReporter, CollaborationBody, ReportingPeriod
    from councils.services import report_start, report_transition

    User = get_user_model()
    editor = User.objects.create_user("load-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    today = timezone.localdate()
    ReportingPeriod.objects.get_or_create(
        fiscal_year=YEAR,
        defaults={"opens_on": today, "due_on": today + datetime.timedelta(days=30)},
    )
    # The bodies with no report of the year yet (the sample data has some already).
    bodies = list(CollaborationBody.objects.exclude(reports__fiscal_year=YEAR).order_by("pk"))
    centers = list(CivicCenter.objects.order_by("pk"))
    round_ = 0
    while not stop.is_set():
        round_ += 1
        lines = ["市民センター,年度,利用者数"]
        lines += [f"{center.name},{YEAR},{10_000 + round_}" for center in centers]
        outcome = import_file(
            resource=CenterUsageResource(),
            data="\n".join(lines).encode("cp932"),
            file_format=JapaneseCSV(),
        )
        counts["imports"] += 1
        counts["import_errors"] += len(outcome.errors)
        if counts["reports"] < len(bodies):
            body = bodies[counts["reports"]]
            user = User.objects.create_user(f"load-reporter-{body.pk}")
            BodyReporter.objects.create(user=user, body=body)
            report = report_start(body=body, fiscal_year=YEAR, user=user)
            report.overall_level = "概ね進んでいる"
            report.results_and_issues = "負荷試験"
            report.save()
            report.role_assessments.update(level="進んでいる")
            report.center_reports.update(visits=9_000)
            report.support_ratings.update(score=3)
            for n in range(2):
                Activity.objects.create(
                    report=report, held_on=datetime.date(YEAR, 6, 1 + n), title=f"活動{n}",
                    role=report.role_assessments.first().role,
                )  # fmt: skip
            report_transition(report=report, to="提出済", user=user)
            report_transition(report=report, to="受理", user=editor)
            counts["reports"] += 1
        time.sleep(0.5)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database_url = os.environ.get("BENCH_DATABASE_URL") or (
            f"sqlite:///{Path(folder) / 'load.sqlite3'}"
        )
        env = prepare(database_url)
        os.environ.update(
            environment(
                database_url, DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
            )
        )
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ichinoseki_kyodo.settings")
        import django

        django.setup()
        from django.db import connection

        from centers.models import CenterUsage, CivicCenter
        from councils.models import Activity, AnnualReport

        counts = {"imports": 0, "import_errors": 0, "reports": 0}

        def accepted_and_activities():
            return (
                AnnualReport.objects.filter(fiscal_year=YEAR, status="受理").count(),
                Activity.objects.filter(report__fiscal_year=YEAR).count(),
            )

        # What the sample data holds already; the run must add exactly its own on top.
        accepted_before, activities_before = accepted_and_activities()
        stop = threading.Event()
        thread = threading.Thread(target=writer, args=(stop, counts))
        with gunicorn(env) as url:
            thread.start()
            result = wrk(
                url, seconds=args.seconds, connections=args.connections, script=HERE / "paths.lua"
            )
            stop.set()
            thread.join(timeout=60)
        usage_rows = CenterUsage.objects.filter(fiscal_year=YEAR).count()
        distinct = CenterUsage.objects.filter(fiscal_year=YEAR).values("center").distinct().count()
        accepted_after, activities_after = accepted_and_activities()
        accepted = accepted_after - accepted_before
        activities = activities_after - activities_before
        centers = CivicCenter.objects.count()
        print(
            f"Load run on {connection.vendor}: wrk {args.connections} connections × {args.seconds} s, random public pages"
        )
        print(f"  requests: {result['requests']:,} ({result['requests_per_second']:.0f}/s), "
              f"non-2xx: {result['non_2xx']}, socket errors: {result['socket_errors']}")  # fmt: skip
        print(f"  meanwhile: {counts['imports']} imports of {centers} rows ({counts['import_errors']} row errors), "
              f"{counts['reports']} reports submitted and accepted")  # fmt: skip
        print(f"  afterwards: usage rows {usage_rows} for {distinct} centres (expected {centers}), "
              f"reports accepted {accepted} (expected {counts['reports']}), activities added {activities} "
              f"(expected {2 * counts['reports']})")  # fmt: skip
        ok = (
            result["non_2xx"] == 0
            and result["socket_errors"] == 0
            and counts["import_errors"] == 0
            and usage_rows == distinct == centers
            and accepted == counts["reports"]
            and activities == 2 * counts["reports"]
        )
        print(
            "  result: "
            + ("no server error, nothing lost or duplicated" if ok else "PROBLEM (see above)")
        )
        if not ok:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
