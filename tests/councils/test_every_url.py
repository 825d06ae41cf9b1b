"""Every URL the project defines × every kind of user → the expected answer.

Adding a URL without a row here fails ``test_every_url_has_a_row``. The admin has its own
permission system, tested in ``tests/plans/test_admin.py``; its history pages have their
own matrix below.
"""

import pytest
from django.urls import get_resolver, reverse

from councils.models import ActivityPhoto
from councils.services import report_transition

from .conftest import YEAR, complete, photo_upload

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "body_a", "body_b", "viewer", "editor"]
OK, LOGIN, FORBIDDEN, MISSING, NOT_ALLOWED = 200, 302, 403, 404, 405
# A redirect to the body's task list: body A's report is submitted (see ``objects``), so its
# pages for editing send it back there, while body B's report is a draft it may fill in.
TO_TASK_LIST = "task list"

# name: (arguments, [anonymous, body A, body B, city viewer, city editor])
MATRIX = {
    "healthz": ({}, [OK] * 5),
    "robots": ({}, [OK] * 5),
    "sitemap": ({}, [OK] * 5),
    "plans:home": ({}, [OK] * 5),
    "plans:overview": ({}, [OK] * 5),
    "plans:policy-detail": ({"number": 1}, [OK] * 5),
    "plans:project-detail": ({"number": 11}, [OK] * 5),
    "plans:about": ({}, [OK] * 5),
    "plans:accessibility": ({}, [OK] * 5),
    "indicators:list": ({}, [OK] * 5),
    "indicators:detail": ({"code": "0-1"}, [OK] * 5),
    "opendata:index": ({}, [OK] * 5),
    "opendata:plan-json": ({}, [OK] * 5),
    "opendata:csv": ({"slug": "project-status"}, [OK] * 5),
    "opendata:json": ({"slug": "bodies"}, [OK] * 5),
    "opendata:feed-statuses": ({}, [OK] * 5),
    "opendata:feed-project": ({"number": 11}, [OK] * 5),
    "opendata:feed-actuals": ({}, [OK] * 5),
    "opendata:feed-reports": ({}, [OK] * 5),
    "opendata:feed-body": ({"slug": "真柴まちづくり協議会"}, [OK] * 5),
    "search:search": ({}, [OK] * 5),
    "progress_reports:index": ({}, [OK] * 5),
    "progress_reports:report": ({"fiscal_year": 2024}, [OK] * 5),
    "progress_reports:xlsx": ({"fiscal_year": 2024}, [LOGIN, FORBIDDEN, FORBIDDEN, OK, OK]),
    "progress_reports:freeze": (
        {"fiscal_year": 2024},
        [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
    ),
    "centers:list": ({}, [OK] * 5),
    "centers:detail": ({"slug": "真柴市民センター"}, [OK] * 5),
    "regions:list": ({}, [OK] * 5),
    "regions:detail": ({"slug": "一関"}, [OK] * 5),
    "councils:body-list": ({}, [OK] * 5),
    "councils:body-detail": ({"slug": "真柴まちづくり協議会"}, [OK] * 5),
    "councils:survey": ({"fiscal_year": YEAR}, [OK] * 5),
    "councils:public-photo": ("public_photo", [MISSING] * 5),
    "councils:home": ({}, [LOGIN, OK, OK, LOGIN, LOGIN]),
    "councils:report": ({"fiscal_year": YEAR}, [LOGIN, OK, OK, FORBIDDEN, FORBIDDEN]),
    "councils:report-section": (
        "section",
        [LOGIN, TO_TASK_LIST, OK, FORBIDDEN, FORBIDDEN],
    ),
    "councils:activity-add": (
        {"fiscal_year": YEAR},
        [LOGIN, TO_TASK_LIST, OK, FORBIDDEN, FORBIDDEN],
    ),
    "councils:activity-edit": ("activity", [LOGIN, TO_TASK_LIST, MISSING, FORBIDDEN, FORBIDDEN]),
    "councils:activity-delete": (
        "activity",
        [LOGIN, TO_TASK_LIST, MISSING, FORBIDDEN, FORBIDDEN],
    ),
    # Body B has not started its report: there is nothing to check yet.
    "councils:report-check": (
        {"fiscal_year": YEAR},
        [LOGIN, TO_TASK_LIST, TO_TASK_LIST, FORBIDDEN, FORBIDDEN],
    ),
    # Body B has submitted nothing.
    "councils:report-submitted": (
        {"fiscal_year": YEAR},
        [LOGIN, OK, MISSING, FORBIDDEN, FORBIDDEN],
    ),
    "councils:photo": ("photo", [MISSING, OK, MISSING, OK, OK]),
    "councils:board": ({}, [LOGIN, FORBIDDEN, FORBIDDEN, OK, OK]),
    "councils:summary": ({"fiscal_year": YEAR}, [LOGIN, FORBIDDEN, FORBIDDEN, OK, OK]),
    "councils:review": ("review", [LOGIN, FORBIDDEN, FORBIDDEN, OK, OK]),
    "councils:login": ({}, [OK, LOGIN, LOGIN, LOGIN, LOGIN]),
    "councils:logout": ({}, [NOT_ALLOWED] * 5),
    "councils:password-change": ({}, [LOGIN, OK, OK, OK, OK]),
    "councils:password-change-done": ({}, [LOGIN, OK, OK, OK, OK]),
    "councils:password-reset": ({}, [OK] * 5),
    "councils:password-reset-done": ({}, [OK] * 5),
    "councils:password-reset-confirm": ({"uidb64": "MQ", "token": "bad-token"}, [OK] * 5),
    "councils:password-reset-complete": ({}, [OK] * 5),
}


def defined_url_names():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                if pattern.namespace == "admin":
                    continue
                namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
                yield from walk(pattern.url_patterns, namespace)
            elif pattern.name:
                yield prefix + pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_url_has_a_row():
    assert defined_url_names() == set(MATRIX)


@pytest.fixture
def users(reporter_a, reporter_b, city_viewer, city_editor):
    return dict(zip(ROLES, [None, reporter_a, reporter_b, city_viewer, city_editor], strict=True))


@pytest.fixture
def objects(started_report, reporter_a):
    complete(started_report)
    from councils.forms import ActivityForm

    activity = started_report.activities.first()
    form = ActivityForm(
        data={"title": activity.title, "held_on": "2025-08-15", "role": activity.role_id},
        files={"photo_1": photo_upload()},
        instance=activity,
    )
    assert form.is_valid()
    form.save()
    report_transition(report=started_report, to="提出済", user=reporter_a)
    photo = ActivityPhoto.objects.get()
    return {
        "section": {"fiscal_year": YEAR, "section": "assessment"},
        "activity": {"fiscal_year": YEAR, "pk": activity.pk},
        "review": {"pk": started_report.pk},
        "photo": {"pk": photo.pk, "size": "thumb"},
        "public_photo": {"pk": photo.pk, "size": "thumb"},
    }


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_url_answers_each_user_as_expected(client, users, objects, name):
    arguments, expected = MATRIX[name]
    kwargs = objects[arguments] if isinstance(arguments, str) else arguments
    url = reverse(name, kwargs=kwargs)
    answers = []
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        response = client.get(url)
        task_list = reverse("councils:report", kwargs={"fiscal_year": YEAR})
        to_task_list = response.status_code == 302 and response["Location"] == task_list
        answers.append(TO_TASK_LIST if to_task_list else response.status_code)
    assert answers == expected


# The admin's history pages of each model that keeps one: the list of versions, one earlier
# version, and posting that version back (a revert). Revert needs the change permission;
# annual reports change state only through their workflow, so their versions have no page.
# A model whose admin shows history without a row here fails ``test_every_history_url_has_a_row``.
HISTORY = ["history", "version", "revert"]
ADMIN_HISTORY_MATRIX = {
    "plans.projectyearstatus": {
        "history": [LOGIN, LOGIN, LOGIN, OK, OK],
        "version": [LOGIN, LOGIN, LOGIN, OK, OK],
        "revert": [LOGIN, LOGIN, LOGIN, FORBIDDEN, OK],  # the editor gets the form's errors
    },
    "indicators.indicator": {
        "history": [LOGIN, LOGIN, LOGIN, OK, OK],
        "version": [LOGIN, LOGIN, LOGIN, OK, OK],
        "revert": [LOGIN, LOGIN, LOGIN, FORBIDDEN, OK],
    },
    "indicators.indicatorvalue": {
        "history": [LOGIN, LOGIN, LOGIN, OK, OK],
        "version": [LOGIN, LOGIN, LOGIN, OK, OK],
        "revert": [LOGIN, LOGIN, LOGIN, FORBIDDEN, OK],
    },
    "councils.reportextension": {
        "history": [LOGIN, LOGIN, LOGIN, OK, OK],
        "version": [LOGIN, LOGIN, LOGIN, OK, OK],
        "revert": [LOGIN, LOGIN, LOGIN, FORBIDDEN, OK],
    },
    "councils.annualreport": {
        "history": [LOGIN, LOGIN, LOGIN, OK, OK],
        "version": [LOGIN, LOGIN, LOGIN, MISSING, MISSING],
        "revert": [LOGIN, LOGIN, LOGIN, MISSING, MISSING],
    },
}


def admin_models_with_history():
    """The models whose admin defines a page for an earlier version (``…_simple_history``)."""
    from django.contrib import admin

    names = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        wanted = f"{opts.app_label}_{opts.model_name}_simple_history"
        if any(getattr(p, "name", None) == wanted for p in model_admin.get_urls()):
            names.add(opts.label_lower)
    return names


def test_every_history_url_has_a_row():
    assert admin_models_with_history() == set(ADMIN_HISTORY_MATRIX)


@pytest.fixture
def history_objects(started_report, city_editor):
    import datetime

    from councils.models import ReportExtension
    from indicators.models import Indicator, IndicatorValue
    from plans.models import Project, ProjectYearStatus

    indicator = Indicator.objects.get(code="1-1")
    indicator.save()  # a version of its own, whatever the loader wrote
    objects = [
        ProjectYearStatus.objects.create(
            project=Project.objects.get(number=11), fiscal_year=2024, evaluation="B"
        ),
        indicator,
        IndicatorValue.objects.create(indicator=indicator, fiscal_year=2024, value=1),
        ReportExtension.objects.create(
            body=started_report.body,
            fiscal_year=YEAR,
            until=datetime.date(YEAR + 1, 6, 30),
            reason="災害のため",
            created_by=city_editor,
        ),
        started_report,
    ]
    return {obj._meta.label_lower: obj for obj in objects}


@pytest.mark.parametrize("label", sorted(ADMIN_HISTORY_MATRIX))
def test_each_history_url_answers_each_user_as_expected(client, users, history_objects, label):
    obj = history_objects[label]
    opts = obj._meta
    version = obj.history.earliest()
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    urls = {
        "history": reverse(f"{prefix}_history", args=[obj.pk]),
        "version": reverse(f"{prefix}_simple_history", args=[obj.pk, version.pk]),
    }
    answers = {kind: [] for kind in HISTORY}
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        answers["history"].append(client.get(urls["history"]).status_code)
        answers["version"].append(client.get(urls["version"]).status_code)
        answers["revert"].append(client.post(urls["version"], {}).status_code)
    assert answers == ADMIN_HISTORY_MATRIX[label]
