"""Concurrent writers against the portal's default database, a SQLite file.

Run by ``tests/core/test_sqlite_concurrency.py`` in a process of its own, because the test
suite's database lives in memory, where SQLite locks differently. ``DATABASE_URL`` names a
new file; the script migrates it, then runs each scenario with several threads at once (each
thread has its own connection, as each gunicorn worker has) and prints what every thread got
as JSON: the HTTP status codes and the exceptions.
"""

import datetime
import io
import json
import sys
import threading
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))


def at_once(count, work):
    """Run ``work(index)`` in ``count`` threads released together; return their results."""
    from django.db import connection

    start = threading.Barrier(count)
    results = [None] * count

    def run(index):
        start.wait()
        try:
            results[index] = work(index)
        except Exception as error:
            results[index] = f"{type(error).__name__}: {error}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def client_for(user):
    from django.test import Client

    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def main():
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.utils import timezone

    from core.staff_groups import EDITOR_GROUP
    from councils.models import AnnualReport, BodyReporter, CollaborationBody, ReportingPeriod
    from councils.services import report_start, report_transition
    from plans.models import Project, ProjectYearStatus

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_plan", stdout=quiet)
    call_command("load_reference_data", stdout=quiet)
    year = 2025
    today = timezone.localdate()
    ReportingPeriod.objects.create(
        fiscal_year=year,
        opens_on=today - datetime.timedelta(days=10),
        due_on=today + datetime.timedelta(days=30),
    )
    User = get_user_model()
    bodies = list(CollaborationBody.objects.order_by("pk")[:6])
    reporters = []
    for index, body in enumerate(bodies):
        user = User.objects.create_user(username=f"reporter{index}", password="x" * 16)
        BodyReporter.objects.create(user=user, body=body)
        reporters.append(user)
    editor = User.objects.create_user(username="editor", password="x" * 16, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    out = {}

    # Six people of one body open its report for the first time at once: looking starts
    # nothing. Then the six save a section of it at once: one report is started.
    first_visit = client_for(reporters[0])
    out["first_visits"] = at_once(
        6, lambda i: first_visit.get(f"/portal/reports/{year}/").status_code
    )
    out["reports_after_looking"] = AnnualReport.objects.filter(body=bodies[0]).count()
    out["first_saves"] = at_once(
        6,
        lambda i: (
            first_visit.post(
                f"/portal/reports/{year}/results/",
                {"report-results_and_issues": f"成果{i}", "then": "list"},
            ).status_code
        ),
    )
    report = AnnualReport.objects.get(body=bodies[0], fiscal_year=year)
    out["first_visit_reports"] = AnnualReport.objects.filter(body=bodies[0]).count()
    out["first_visit_roles"] = report.role_assessments.count()
    out["first_visit_measures"] = report.support_ratings.count()

    # Two members of that body save two different sections at once, through the pages.
    sections = [
        ("results", {"report-results_and_issues": "同時に保存した成果", "then": "list"}),
        ("consent", {"report-publish_activities": "on", "then": "list"}),  # photos: not agreed
    ]

    def save_section(index):
        section, data = sections[index]
        url = f"/portal/reports/{year}/{section}/"
        return client_for(reporters[0]).post(url, data).status_code

    out["section_saves"] = at_once(2, save_section)
    report.refresh_from_db()
    out["section_answers"] = [report.results_and_issues, report.publish_photos]
    out["sections_saved"] = sorted(report.sections_saved_at)

    # Five bodies submit at once; then one body's submit is sent five times at once.
    reports = []
    for body, user in zip(bodies[1:], reporters[1:], strict=True):
        reports.append(complete(report_start(body=body, fiscal_year=year, user=user)))

    def submit(index):
        report_transition(report=reports[index], to="提出済", user=reporters[index + 1])
        return "ok"

    out["submits"] = at_once(5, submit)
    out["submitted"] = AnnualReport.objects.filter(status="提出済").count()

    twice = complete(report)
    copies = [AnnualReport.objects.get(pk=twice.pk) for _ in range(5)]

    def submit_again(index):
        report_transition(report=copies[index], to="提出済", user=reporters[0])
        return "ok"

    out["repeated_submits"] = at_once(5, submit_again)
    out["repeated_snapshots"] = twice.snapshots.count()

    # Six editors save six yearly statuses at once in the admin.
    statuses = [
        ProjectYearStatus.objects.create(
            project=Project.objects.get(number=number), fiscal_year=year, evaluation="B"
        )
        for number in range(1, 7)
    ]

    def admin_save(index):
        status = statuses[index]
        response = client_for(editor).post(
            f"/admin/plans/projectyearstatus/{status.pk}/change/",
            {
                "project": status.project_id,
                "fiscal_year": year,
                "evaluation": "A",
                "activities": f"同時に保存{index}",
                "results": "",
                "issues": "",
                "direction": "",
                "change_reason": "",
                "opened_version": status.version,
            },
        )
        return response.status_code

    out["admin_saves"] = at_once(6, admin_save)
    out["admin_saved"] = ProjectYearStatus.objects.filter(evaluation="A").count()
    print(json.dumps(out, ensure_ascii=False))


def complete(report):
    """Every answer a submission needs."""
    from councils.models import Activity

    report.overall_level = "概ね進んでいる"
    report.results_and_issues = "担い手が増えた。"
    report.save()
    report.role_assessments.update(level="進んでいる")
    report.center_reports.update(visits=1000)
    report.support_ratings.update(score=4)
    Activity.objects.create(
        report=report,
        held_on=datetime.date(report.fiscal_year, 8, 15),
        title="夏まつり",
        role=report.role_assessments.first().role,
        participants=300,
    )
    return report


if __name__ == "__main__":
    main()
