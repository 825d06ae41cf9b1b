"""Going back to an earlier version in the admin's history is a change like any other."""

from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, IndicatorValue

from .test_statuses import make_status, publish

pytestmark = pytest.mark.django_db


def revert_url(obj, record):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, record.pk]
    )


def status_revert_data(status, record, **changes):
    old = record.instance
    data = {
        "project": status.project_id,
        "fiscal_year": status.fiscal_year,
        "evaluation": old.evaluation,
        "activities": old.activities,
        "results": old.results,
        "issues": old.issues,
        "direction": old.direction,
        "change_reason": "",
        "opened_version": status.version,
    }
    data.update(changes)
    return data


def edited_published_status():
    status = publish(make_status(evaluation="B", activities="最初の記述"))
    first = status.history.earliest()
    status.evaluation = "A"
    status.activities = "訂正した記述"
    status._change_reason = "誤りの訂正"
    status.save()
    status.refresh_from_db()
    return status, first


def test_a_viewer_cannot_revert_a_published_status(city_viewer, client):
    status, first = edited_published_status()
    client.force_login(city_viewer)
    response = client.post(
        revert_url(status, first), status_revert_data(status, first, change_reason="改ざん")
    )
    assert response.status_code == 403
    status.refresh_from_db()
    assert (status.evaluation, status.activities) == ("A", "訂正した記述")


def test_a_viewer_sees_an_earlier_version_without_a_revert_button(city_viewer, client):
    status, first = edited_published_status()
    client.force_login(city_viewer)
    page = client.get(revert_url(status, first))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()


def test_reverting_a_published_status_needs_a_reason(city_editor, client):
    status, first = edited_published_status()
    client.force_login(city_editor)
    response = client.post(revert_url(status, first), status_revert_data(status, first))
    assert response.status_code == 200
    assert "変更理由を入力してください" in response.content.decode()
    status.refresh_from_db()
    assert status.evaluation == "A"

    response = client.post(
        revert_url(status, first),
        status_revert_data(status, first, change_reason="元の評価に戻す"),
    )
    assert response.status_code == 302
    status.refresh_from_db()
    assert (status.evaluation, status.activities) == ("B", "最初の記述")
    assert status.history.latest().history_change_reason == "元の評価に戻す"


def test_reverting_keeps_the_status_published_as_it_is_now(city_editor, client):
    """An earlier version's 公開 is not restored: publishing is the publish actions' job."""
    status = make_status(evaluation="B")  # a draft…
    draft = status.history.earliest()
    status = publish(status)  # …published since
    client.force_login(city_editor)
    response = client.post(
        revert_url(status, draft),
        status_revert_data(status, draft, activities="下書きの頃の記述", change_reason="戻す"),
    )
    assert response.status_code == 302
    status.refresh_from_db()
    assert status.is_published and status.published_at is not None
    assert status.activities == "下書きの頃の記述"


def test_a_revert_from_a_page_opened_before_another_change_is_refused(city_editor, client):
    status, first = edited_published_status()
    opened = status_revert_data(status, first, change_reason="戻す")
    status.issues = "別の職員が追記"
    status._change_reason = "追記"
    status.save()
    client.force_login(city_editor)
    response = client.post(revert_url(status, first), opened)
    assert response.status_code == 200
    assert "他の職員が変更しました" in response.content.decode()
    status.refresh_from_db()
    assert status.evaluation == "A"


def test_a_viewer_cannot_revert_an_actual_or_a_target(city_viewer, client):
    indicator = Indicator.objects.get(code="1-1")
    value = IndicatorValue.objects.create(indicator=indicator, fiscal_year=2024, value=100)
    first_value = value.history.earliest()
    value.value = Decimal("7489")
    value.save()
    first_indicator = indicator.history.earliest()
    client.force_login(city_viewer)

    response = client.post(
        revert_url(value, first_value),
        {"indicator": indicator.pk, "fiscal_year": 2024, "value": "100", "note": ""},
    )
    assert response.status_code == 403
    value.refresh_from_db()
    assert value.value == Decimal("7489")

    response = client.post(
        revert_url(indicator, first_indicator),
        {"code": "1-1", "name": indicator.name, "unit": indicator.unit, "target_value": "1"},
    )
    assert response.status_code == 403
    indicator.refresh_from_db()
    assert indicator.target_value != Decimal("1")
