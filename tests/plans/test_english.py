import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from indicators.models import Indicator
from plans.models import BasicPolicy, Measure, Plan, Project

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
    Project.objects.filter(number=1).update(title_en="Corrected by staff")
    Project.objects.filter(number=2).update(title_en="")
    call_command("load_plan", stdout=io.StringIO())
    assert Project.objects.get(number=1).title_en == "Corrected by staff"
    assert Project.objects.get(number=2).title_en != ""


def _h1(html):
    return html.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_the_english_home_shows_the_plan_in_english_beside_the_japanese(client):
    html = client.get("/en/").content.decode()
    assert _h1(html) == (
        '<span lang="ja">第3次一関市協働推進計画</span> '
        '<span lang="en" class="english-name">3rd Ichinoseki City Collaboration Promotion Plan</span>'
    )
    assert (
        '<span lang="ja">わっしょい みんなでかつごう いちのせき</span> '
        '<span lang="en" class="english-name">Wasshoi! Let&#x27;s all carry Ichinoseki together</span>'
    ) in html
    assert (
        '「<span lang="ja">協働の仕組みが実践される住み良い地域社会を創る</span>」 '
        '<span lang="en" class="english-name">Creating a community that is good to live in,'
    ) in html
    card = html.split('id="policy-2"', 1)[1].split("</h3>", 1)[0]
    assert '<span lang="ja">協働のための環境づくり</span></a>' in card
    assert (
        '<span lang="en" class="english-name">Building an environment for collaboration</span>'
        in card
    )


def test_without_english_the_english_home_shows_the_japanese_marked_as_such(client, plan):
    Plan.objects.filter(pk=plan.pk).update(title_en="", slogan_en="", vision_en="")
    BasicPolicy.objects.filter(number=2).update(title_en="")
    html = client.get("/en/").content.decode()
    assert _h1(html) == '<span lang="ja">第3次一関市協働推進計画</span>'
    assert "Wasshoi! Let" not in html
    assert "Creating a community" not in html
    card = html.split('id="policy-2"', 1)[1].split("</h3>", 1)[0]
    assert '<span lang="ja">協働のための環境づくり</span>' in card
    assert "english-name" not in card


def test_the_japanese_home_shows_no_english(client):
    html = client.get("/").content.decode()
    assert _h1(html) == "第3次一関市協働推進計画"
    assert "english-name" not in html


def test_units_are_in_english_on_the_english_indicator_pages(client):
    html = client.get("/en/indicators/").content.decode()
    assert "7,033\N{NO-BREAK SPACE}visits" in html  # 1-1, 件
    assert "41\N{NO-BREAK SPACE}people" in html  # 1-2, 人
    assert "90%" in html  # 1-3
    assert "3.77\N{NO-BREAK SPACE}visits a year" in html  # 0-1, 回／年
    assert '<span lang="ja">件</span>' not in html

    japanese = client.get("/indicators/").content.decode()
    assert "7,033件" in japanese
    assert "41人" in japanese

    detail = client.get("/en/indicators/3-1/").content.decode()
    assert '<dd class="col-sm-9">meetings</dd>' in detail


def test_a_unit_without_english_stays_japanese_marked_as_such(client):
    Indicator.objects.filter(code="1-1").update(unit_en="")
    html = client.get("/en/indicators/").content.decode()
    assert '7,033<span lang="ja">件</span>' in html
    detail = client.get("/en/indicators/1-1/").content.decode()
    assert '<dd class="col-sm-9"><span lang="ja">件</span></dd>' in detail


def test_staff_edit_the_english_beside_the_japanese_in_the_admin(admin_client, plan):
    html = admin_client.get(reverse("admin:plans_plan_change", args=[plan.pk])).content.decode()
    names = ['name="title"', 'name="title_en"', 'name="slogan"', 'name="slogan_en"']
    names += ['name="vision"', 'name="vision_en"']
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)

    indicator = Indicator.objects.get(code="1-2")
    url = reverse("admin:indicators_indicator_change", args=[indicator.pk])
    html = admin_client.get(url).content.decode()
    assert (
        html.index('name="unit"')
        < html.index('name="unit_en"')
        < html.index('name="decimal_places"')
    )
    assert 'value="people"' in html


def test_loading_the_plan_fills_the_plans_english_but_keeps_staff_corrections(plan):
    Plan.objects.filter(pk=plan.pk).update(title_en="", slogan_en="Corrected by staff")
    Indicator.objects.filter(code="3-1").update(unit_en="")
    Indicator.objects.filter(code="1-2").update(unit_en="persons")
    call_command("load_plan", stdout=io.StringIO())
    plan.refresh_from_db()
    assert plan.title_en == "3rd Ichinoseki City Collaboration Promotion Plan"
    assert plan.slogan_en == "Corrected by staff"
    assert Indicator.objects.get(code="3-1").unit_en == "meetings"
    assert Indicator.objects.get(code="1-2").unit_en == "persons"


@pytest.mark.django_db(transaction=True)
def test_the_english_fields_migrate_both_ways():
    def columns(table):
        with connection.cursor() as cursor:
            return {c.name for c in connection.introspection.get_table_description(cursor, table)}

    executor = MigrationExecutor(connection)
    executor.migrate([("plans", "0006_english_titles"), ("indicators", "0005_actual_not_negative")])
    assert "title_en" not in columns("plans_plan")
    assert "unit_en" not in columns("indicators_indicator")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert {"title_en", "slogan_en", "vision_en"} <= columns("plans_plan")
    assert "unit_en" in columns("indicators_indicator")
