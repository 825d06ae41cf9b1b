import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from councils.models import BodyReporter, CollaborationBody, ReportingPeriod
from councils.services import report_start

YEAR = 2025


@pytest.fixture
def period(db):
    today = timezone.localdate()
    return ReportingPeriod.objects.create(
        fiscal_year=YEAR,
        opens_on=today - datetime.timedelta(days=10),
        due_on=today + datetime.timedelta(days=30),
    )


def _reporter(django_user_model, username, body_name):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.jp", password="correct horse battery"
    )
    BodyReporter.objects.create(user=user, body=CollaborationBody.objects.get(name=body_name))
    return user


@pytest.fixture
def reporter_a(db, django_user_model):
    return _reporter(django_user_model, "mashiba", "真柴まちづくり協議会")


@pytest.fixture
def reporter_b(db, django_user_model):
    return _reporter(django_user_model, "okita", "興田地区振興会")


@pytest.fixture
def editor_with_email(city_editor):
    city_editor.email = "kyodo@example.jp"
    city_editor.save()
    return city_editor


def jpeg_bytes(size=(3000, 2000), exif_gps=False):
    image = Image.new("RGB", size, (200, 120, 40))
    buffer = io.BytesIO()
    kwargs = {}
    if exif_gps:
        exif = Image.Exif()
        exif[0x8825] = {2: (39.0, 0.0, 0.0), 4: (141.0, 0.0, 0.0)}  # GPSInfo
        exif[0x010F] = "TestCamera"
        kwargs["exif"] = exif
    image.save(buffer, format="JPEG", **kwargs)
    return buffer.getvalue()


def photo_upload(name="活動.jpg", data=None, **kwargs):
    return SimpleUploadedFile(name, data or jpeg_bytes(**kwargs), content_type="image/jpeg")


def complete(report, *, visits=12_000):
    """Fill every answer a submission needs."""
    from councils.models import Activity

    report.overall_level = "概ね進んでいる"
    report.results_and_issues = "担い手が増えた。"
    report.save()
    report.role_assessments.update(level="進んでいる")
    report.center_reports.update(visits=visits)
    report.support_ratings.update(score=4)
    role = report.role_assessments.first().role
    Activity.objects.create(
        report=report, held_on=datetime.date(YEAR, 8, 15), title="夏まつり", role=role,
        participants=300, description="地区の夏まつりを開催した。",
    )  # fmt: skip
    return report


@pytest.fixture
def started_report(period, reporter_a):
    return report_start(body=reporter_a.reporter.body, fiscal_year=YEAR, user=reporter_a)


@pytest.fixture
def staff_groups(db):
    return Group.objects.all()


def form_data(page, changes):
    """The form's current values, as a browser would send them, with ``changes``: a section's
    page (its ``forms``) or an activity's page (its ``form``)."""
    data = {}
    context = page.context
    for form_or_set in context["forms"].all if "forms" in context else [context["form"]]:
        if hasattr(form_or_set, "management_form"):
            for name in form_or_set.management_form.fields:
                data[f"{form_or_set.prefix}-{name}"] = form_or_set.management_form[name].value()
            members = list(form_or_set.forms)
        else:
            members = [form_or_set]
        for form in members:
            for name in form.fields:
                value = form[name].value()
                if value in (None, False) or name.startswith(("photo_", "delete_photo_")):
                    continue
                data[form.add_prefix(name)] = value
    data.update(changes)
    return data
