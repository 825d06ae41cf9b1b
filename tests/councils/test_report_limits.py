"""The largest report a body may file gets through the request limits, and photos are
bounded per save before any of them is decoded."""

import datetime
import io
import time
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from councils import forms
from councils.models import Activity, ActivityPhoto
from councils.photos import MAX_PIXELS, PHOTOS_PER_SAVE, prepare_photo

from .conftest import YEAR, complete, form_data, photo_upload

pytestmark = pytest.mark.django_db
URL = f"/portal/reports/{YEAR}/"


class _FormFields(HTMLParser):
    """The names a browser posts from the report form: every text field, select and checkbox
    (as if ticked), each radio group once, and the file inputs apart."""

    def __init__(self):
        super().__init__()
        self.fields, self.files, self._groups = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag not in ("input", "select", "textarea", "button") or not name:
            return
        kind = attrs.get("type", "text") if tag == "input" else tag
        if kind == "file":
            self.files.append(name)
        elif kind in ("radio", "button"):  # one value per group: the choice, the button pressed
            if name not in self._groups:
                self._groups.add(name)
                self.fields.append(name)
        else:
            self.fields.append(name)


def _fields_of(page):
    parser = _FormFields()
    parser.feed(page.content.decode())
    return parser


def _add_activities(report, count):
    role = report.role_assessments.first().role
    Activity.objects.bulk_create(
        Activity(
            report=report,
            held_on=datetime.date(YEAR, 6, 1) + datetime.timedelta(days=n % 200),
            title=f"活動{n}",
            role=role,
            participants=n,
            description="内容",
        )
        for n in range(count)
    )


def _as_a_browser(page, changes):
    """What a browser sends: every field of the page, empty ones too (but no unticked box)."""
    data = dict.fromkeys(_fields_of(page).fields, "")
    data.pop("action", None)
    for name in [n for n in data if n.endswith("-DELETE") or "-delete_photo_" in n]:
        del data[name]
    data.update(form_data(page, {}))
    data.update(changes)
    return data


def _post_as_a_browser(client, page, data):
    """Post ``data`` with, like a browser, an empty part (filename="") for each file input
    left empty; Django's test client always names its files, so the body is built here."""
    boundary = "----kyodo-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in data.items()
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
        for name in _fields_of(page).files
    ]
    body = "".join(parts) + f"--{boundary}--\r\n"
    return client.post(URL, body.encode(), content_type=f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def report(started_report):
    return complete(started_report)


def test_the_request_limits_hold_the_largest_report_and_one_row_more(client, reporter_a, report):
    _add_activities(report, Activity.MAX_PER_REPORT - report.activities.count())
    client.force_login(reporter_a)
    page = client.get(URL)
    parsed = _fields_of(page)
    # A browser sends an empty part for each file input left empty, which Django counts
    # as a field.
    parts = parsed.fields + parsed.files
    per_activity = {name.split("-", 2)[2] for name in parts if name.startswith("activities-1-")}
    # id, date, title, role, participants, description, 3 captions, DELETE, 3 photo inputs
    assert len(per_activity) == 13
    assert len(parsed.files) == Activity.MAX_PER_REPORT * ActivityPhoto.MAX_PER_ACTIVITY
    # The largest report with every box ticked, and one tampered row more (answered by the
    # form in Japanese, not by a bare 400).
    assert len(parts) + len(per_activity) <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    # Files actually chosen: more than a save takes still reach the form and its message.
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES > PHOTOS_PER_SAVE


def test_the_largest_report_saves_through_the_page(client, reporter_a, report):
    _add_activities(report, Activity.MAX_PER_REPORT - 1 - report.activities.count())
    client.force_login(reporter_a)
    page = client.get(URL)
    last = Activity.MAX_PER_REPORT - 1
    data = _as_a_browser(
        page,
        {
            "report-overall_comment": "大きな報告",
            f"activities-{last}-title": "最後の活動",
            f"activities-{last}-held_on": "2026-03-01",
            f"activities-{last}-description": "年度末の集まり",
        },
    )
    started = time.perf_counter()
    response = _post_as_a_browser(client, page, data)
    seconds = time.perf_counter() - started
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.overall_comment == "大きな報告"
    assert report.activities.count() == Activity.MAX_PER_REPORT
    assert seconds < 30  # a generous bound; the README quotes the measured time


def test_one_activity_more_than_the_maximum_is_a_form_error(client, reporter_a, report):
    _add_activities(report, Activity.MAX_PER_REPORT - report.activities.count())
    client.force_login(reporter_a)
    page = client.get(URL)
    total = Activity.MAX_PER_REPORT
    data = _as_a_browser(page, {"report-overall_comment": "保存されてはいけない。"})
    assert int(data["activities-TOTAL_FORMS"]) == total
    data["activities-TOTAL_FORMS"] = total + 1
    for name in ["id", "held_on", "title", "role", "participants", "description"]:
        data[f"activities-{total}-{name}"] = data[f"activities-0-{name}"]
    data[f"activities-{total}-id"] = ""
    data[f"activities-{total}-title"] = "201件目"
    response = _post_as_a_browser(client, page, data)
    assert response.status_code == 200
    assert f"活動実績は{Activity.MAX_PER_REPORT}件まで入力できます。" in response.content.decode()
    report.refresh_from_db()
    assert report.overall_comment == ""
    assert report.activities.count() == Activity.MAX_PER_REPORT


def test_more_photos_than_one_save_takes_are_refused_before_any_is_decoded(
    client, reporter_a, report, monkeypatch
):
    _add_activities(report, 2)
    client.force_login(reporter_a)
    page = client.get(URL)
    decoded = []
    monkeypatch.setattr(forms, "prepare_photo", lambda upload: decoded.append(upload))
    files = _fields_of(page).files
    assert len(files) > PHOTOS_PER_SAVE
    chosen = files[: PHOTOS_PER_SAVE + 1]
    data = form_data(page, {"report-overall_comment": "保存されてはいけない。"})
    data.update({name: photo_upload(data=b"not decoded") for name in chosen})
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"1回の保存で送れる写真は{PHOTOS_PER_SAVE}枚までです" in html
    assert decoded == []
    assert not ActivityPhoto.objects.filter(activity__report=report).exists()
    report.refresh_from_db()
    assert report.overall_comment == ""


def test_the_photo_fields_state_the_limits(client, reporter_a, report):
    client.force_login(reporter_a)
    html = client.get(URL).content.decode()
    assert f"1回の保存で送れる写真は{PHOTOS_PER_SAVE}枚までです" in html
    assert f"{MAX_PIXELS // 10_000:,}万画素まで" in html


def test_a_photo_over_the_pixel_cap_is_refused_before_it_is_decoded(monkeypatch):
    buffer = io.BytesIO()
    Image.new("1", (MAX_PIXELS // 5000 + 1, 5000)).save(buffer, format="PNG")

    def no_decoding(self):
        raise AssertionError("decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ValidationError, match="画素数が多すぎます"):
        prepare_photo(photo_upload("big.png", buffer.getvalue()))
