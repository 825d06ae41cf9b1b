"""Staff maintain the plan in the admin; editors may change it, viewers only read it."""

import pytest
from django.contrib import admin
from django.urls import reverse

from indicators.models import Indicator
from plans.models import Project

pytestmark = pytest.mark.django_db

PLAN_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"plans", "indicators", "councils", "centers"}
]


def _admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", PLAN_MODELS, ids=lambda m: m.__name__)
def test_it_opens_every_list_and_change_page(admin_client, model):
    assert admin_client.get(_admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(_admin_url(model, "changelist"), {"q": "協働"}).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        assert admin_client.get(_admin_url(model, "change", obj.pk)).status_code == 200
    model_admin = admin.site._registry[model]
    expected = 200 if model_admin.has_add_permission(_Superuser()) else 403
    assert admin_client.get(_admin_url(model, "add")).status_code == expected


class _Superuser:
    """Enough of a request for ``has_add_permission`` checks."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


def test_an_editor_can_correct_a_projects_text(client, city_editor):
    client.force_login(city_editor)
    project = Project.objects.get(number=1)
    page = client.get(_admin_url(Project, "change", project.pk))
    assert page.status_code == 200
    assert "事業名" in page.content.decode()
    assert "実施年度" in page.content.decode()  # the schedule inline


def test_a_viewer_can_read_but_not_change(client, city_viewer):
    client.force_login(city_viewer)
    project = Project.objects.get(number=1)
    url = _admin_url(Project, "change", project.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "書き換え"})
    assert response.status_code == 403
    assert Project.objects.get(number=1).title == "情報発信機能及び体制の強化"
    assert client.get(_admin_url(Indicator, "add")).status_code == 403


def test_citizens_are_sent_to_the_login_page(client):
    response = client.get(_admin_url(Project, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
