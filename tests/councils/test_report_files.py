"""Uploaded files leave MEDIA_ROOT with their rows, once the transaction commits, and only
when no other row still uses them."""

import datetime
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from councils.forms import ActivityForm
from councils.models import Activity, ActivityPhoto, AnnualReport, CollaborationBody, Region

from .conftest import YEAR, complete, form_data, photo_upload

pytestmark = pytest.mark.django_db
REPORT = f"/portal/reports/{YEAR}/"


@pytest.fixture
def activity(started_report):
    complete(started_report)
    activity = started_report.activities.get()
    form = ActivityForm(
        data={"held_on": "2025-08-15", "title": "夏まつり", "role": activity.role_id},
        files={"photo_1": photo_upload(), "photo_2": photo_upload("二枚目.jpg")},
        instance=activity,
    )
    assert form.is_valid(), form.errors
    form.save()
    return activity


def _paths(photos):
    paths = [path for photo in photos for path in (photo.image.path, photo.thumbnail.path)]
    assert paths and all(os.path.exists(path) for path in paths)
    return paths


def test_deleting_an_activity_removes_its_photo_files(
    client, reporter_a, activity, django_capture_on_commit_callbacks
):
    paths = _paths(activity.photos.all())
    client.force_login(reporter_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{REPORT}activities/{activity.pk}/delete/")
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert not ActivityPhoto.objects.exists()
    assert not any(os.path.exists(path) for path in paths)


def test_asking_to_delete_an_activity_keeps_its_photo_files(
    client, reporter_a, activity, django_capture_on_commit_callbacks
):
    paths = _paths(activity.photos.all())
    client.force_login(reporter_a)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(f"{REPORT}activities/{activity.pk}/delete/")
    assert "写真2枚も一緒に削除します。" in page.content.decode()
    assert activity.photos.count() == 2
    assert all(os.path.exists(path) for path in paths)


def test_a_photo_deleted_in_the_activity_form_loses_its_files(
    client, reporter_a, activity, django_capture_on_commit_callbacks
):
    photo, kept = activity.photos.all()
    gone, stay = _paths([photo]), _paths([kept])
    url = f"{REPORT}activities/{activity.pk}/"
    client.force_login(reporter_a)
    data = form_data(client.get(url), {f"delete_photo_{photo.pk}": "on", "then": "list"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    assert list(activity.photos.all()) == [kept]
    assert not any(os.path.exists(path) for path in gone)
    assert all(os.path.exists(path) for path in stay)


def test_a_rolled_back_deletion_keeps_the_files(activity, django_capture_on_commit_callbacks):
    photo = activity.photos.first()
    paths = _paths([photo])
    form = ActivityForm(
        data={
            "held_on": "2025-08-15",
            "title": "夏まつり",
            "role": activity.role_id,
            f"delete_photo_{photo.pk}": "on",
        },
        instance=activity,
    )
    assert form.is_valid(), form.errors
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        form.save()
        activity.report.delete()
        raise RuntimeError("the save fails later on")
    assert ActivityPhoto.objects.filter(pk=photo.pk).exists()
    assert all(os.path.exists(path) for path in paths)


def test_a_file_shared_by_two_rows_is_kept_while_one_remains(
    activity, django_capture_on_commit_callbacks
):
    photo = activity.photos.first()
    paths = _paths([photo])
    twin = ActivityPhoto.objects.create(
        activity=activity, image=photo.image.name, thumbnail=photo.thumbnail.name
    )
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert all(os.path.exists(path) for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        twin.delete()
    assert not any(os.path.exists(path) for path in paths)


def test_a_report_deleted_in_the_admin_takes_its_photo_files(
    client, admin_user, activity, django_capture_on_commit_callbacks
):
    paths = _paths(activity.photos.all())
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/councils/annualreport/{activity.report_id}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    assert not AnnualReport.objects.filter(pk=activity.report_id).exists()
    assert not any(os.path.exists(path) for path in paths)


def test_a_bodys_replaced_and_deleted_files_are_removed(db, django_capture_on_commit_callbacks):
    body = CollaborationBody.objects.create(
        name="試験用の協働体", slug="shiken", region=Region.objects.first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        body.plan_pdf.save("計画.pdf", ContentFile(b"%PDF-1.4 old"))
        body.photo.save("ロゴ.png", ContentFile(b"old"))
    old_pdf, old_photo = body.plan_pdf.path, body.photo.path
    assert os.path.exists(old_pdf) and os.path.exists(old_photo)

    body = CollaborationBody.objects.get(pk=body.pk)  # as the admin loads it
    with django_capture_on_commit_callbacks(execute=True):
        body.plan_pdf.save("計画.pdf", ContentFile(b"%PDF-1.4 new"))
    assert not os.path.exists(old_pdf)
    assert os.path.exists(body.plan_pdf.path) and os.path.exists(old_photo)

    new_pdf = body.plan_pdf.path
    with django_capture_on_commit_callbacks(execute=True):
        body.delete()
    assert not os.path.exists(new_pdf) and not os.path.exists(old_photo)


def test_the_files_of_a_save_that_rolled_back_are_removed_by_the_daily_command(
    settings, started_report, reporter_a, activity, monkeypatch
):
    """A photo is written before its row; when the row's insert then fails, the transaction
    rolls back and Django says nothing of it, so the files stay with no row. The daily
    ``remove_unused_files`` removes them, and leaves every file a row still names."""
    from django.core.management import call_command
    from django.db import IntegrityError

    from councils.services import activity_save

    kept = _paths(activity.photos.all())
    form = ActivityForm(
        data={"held_on": "2025-09-01", "title": "秋の清掃", "role": activity.role_id},
        files={"photo_1": photo_upload("三枚目.jpg")},
        instance=Activity(report=started_report),
    )
    assert form.is_valid(), form.errors

    def insert_fails(*args, **kwargs):
        raise IntegrityError("the photo's row could not be written")

    monkeypatch.setattr(ActivityPhoto, "save", insert_fails)
    with pytest.raises(IntegrityError):
        activity_save(report=started_report, form=form, user=reporter_a)
    monkeypatch.undo()
    assert started_report.activities.count() == 1 and ActivityPhoto.objects.count() == 2

    stored = {str(path) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()}
    left = stored - set(kept)
    assert len(left) == 2  # the photo and its thumbnail, named by no row
    a_day_ago = (datetime.datetime.now() - datetime.timedelta(hours=25)).timestamp()
    for path in stored:
        os.utime(path, (a_day_ago, a_day_ago))

    out = io.StringIO()
    call_command("remove_unused_files", "--dry-run", stdout=out)
    assert "使われていないファイル：2件" in out.getvalue()
    assert all(os.path.exists(path) for path in left)

    call_command("remove_unused_files", stdout=out)
    assert not any(os.path.exists(path) for path in left)
    assert all(os.path.exists(path) for path in kept)
    assert ActivityPhoto.objects.count() == 2
