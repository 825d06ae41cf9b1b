"""Annual reports in the admin: the workflow is the only way a state changes, and a draft's
answers stay the body's until it is submitted."""

import pytest
from django.urls import reverse

from councils.models import AnnualReport
from councils.services import report_transition

from .conftest import complete

pytestmark = pytest.mark.django_db

SECRET = "まだ誰にも見せていない下書きの所見"


def history_url(report):
    return reverse("admin:councils_annualreport_history", args=[report.pk])


def version_url(report, record):
    return reverse("admin:councils_annualreport_simple_history", args=[report.pk, record.pk])


def test_no_one_can_restore_an_earlier_version_of_a_report(
    started_report, city_viewer, city_editor, admin_user, client
):
    draft = started_report.history.earliest()
    for user in (city_viewer, city_editor, admin_user):
        client.force_login(user)
        assert client.get(version_url(started_report, draft)).status_code == 404
        response = client.post(
            version_url(started_report, draft),
            {"status": "受理", "opinions": "市の職員が書いた意見", "publish_opinions": "on"},
        )
        assert response.status_code == 404
    started_report.refresh_from_db()
    assert started_report.status == AnnualReport.Status.DRAFT
    assert started_report.opinions == ""


def test_staff_see_a_drafts_state_but_not_its_answers(started_report, city_editor, client):
    started_report.overall_comment = SECRET
    started_report.save()
    client.force_login(city_editor)
    page = client.get(reverse("admin:councils_annualreport_change", args=[started_report.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert SECRET not in html
    assert "下書き" in html
    history = client.get(history_url(started_report)).content.decode()
    assert SECRET not in history
    assert "下書き" in history


def test_staff_see_the_answers_once_submitted(started_report, reporter_a, city_viewer, client):
    complete(started_report)
    started_report.overall_comment = SECRET
    started_report.save()
    report_transition(report=started_report, to="提出済", user=reporter_a)
    client.force_login(city_viewer)
    page = client.get(reverse("admin:councils_annualreport_change", args=[started_report.pk]))
    assert SECRET in page.content.decode()
    history = client.get(history_url(started_report)).content.decode()
    assert "提出済" in history
    assert version_url(started_report, started_report.history.latest()) not in history
