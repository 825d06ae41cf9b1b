import pytest

from indicators.models import Indicator
from plans.models import BasicPolicy, Measure, Project

pytestmark = pytest.mark.django_db


def test_every_policy_measure_project_and_indicator_has_an_english_name():
    for model, field in [
        (BasicPolicy, "title_en"),
        (Measure, "title_en"),
        (Project, "title_en"),
        (Indicator, "name_en"),
    ]:
        assert not model.objects.filter(**{field: ""}).exists(), model.__name__


def test_the_english_site_shows_english_names_beside_the_plan_text(client):
    html = client.get("/en/plan/projects/7/").content.decode()
    assert "市民がつながる交流の場の充実" in html
    assert '<span lang="en" class="english-name">More places where citizens connect</span>' in html
    assert "english-name" not in client.get("/plan/projects/7/").content.decode()


@pytest.mark.parametrize("path", ["/", "/plan/", "/indicators/0-1/", "/centers/"])
def test_every_page_links_to_itself_in_the_other_language(client, path):
    assert f'href="/en{path}" lang="en" hreflang="en"' in client.get(path).content.decode()
    html = client.get("/en" + path).content.decode()
    assert f'href="{path}" lang="ja" hreflang="ja"' in html


def test_loading_the_plan_fills_english_names_but_keeps_staff_corrections():
    import io

    from django.core.management import call_command

    Project.objects.filter(number=1).update(title_en="Corrected by staff")
    Project.objects.filter(number=2).update(title_en="")
    call_command("load_plan", stdout=io.StringIO())
    assert Project.objects.get(number=1).title_en == "Corrected by staff"
    assert Project.objects.get(number=2).title_en != ""
