"""An editor records and publishes a whole year from the workbench in a real browser."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from core.staff_groups import EDITOR_GROUP
from plans.models import Project, ProjectYearStatus
from plans.workbench import workbench_url

from .conftest import axe_problems

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery"
YEAR = 2026
PROJECTS = range(1, 19)


@pytest.fixture
def editor(site, django_user_model):
    user = django_user_model.objects.create_user("editor", "e@example.jp", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


def test_an_editor_records_and_publishes_every_project_of_a_year_in_three_page_loads(
    page, site, editor
):
    loads = []
    page.on("load", lambda loaded: loads.append(loaded.url))

    page.goto(f"{site.url}/admin/login/?next={workbench_url(YEAR)}")
    page.get_by_label("ユーザー名").fill("editor")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"**{workbench_url(YEAR)}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("令和8年度（2026年度）")
    assert axe_problems(page) == []

    for number in PROJECTS:
        page.get_by_label(f"事業{number}の評価", exact=True).select_option("B")
        page.get_by_label(f"事業{number}の実施状況", exact=True).fill(
            f"事業{number}の取組を予定どおり進めた。\n地区の意見を反映した。"
        )
        page.get_by_label(f"事業{number}を公開する", exact=True).check()
    page.get_by_role("button", name="まとめて保存").click()

    expect(page.get_by_text("18件の状況を保存しました。")).to_be_visible()
    expect(page.get_by_text("18件を公開しました。")).to_be_visible()
    assert len(loads) <= 3, loads
    assert ProjectYearStatus.objects.filter(fiscal_year=YEAR, is_published=True).count() == 18
    # The page now offers the published rows their 変更理由.
    expect(page.get_by_label("事業18の変更理由", exact=True)).to_be_visible()
    assert axe_problems(page) == []

    page.goto(f"{site.url}/plan/")
    for number in PROJECTS:
        row = page.locator("tr", has=page.locator(f"a[href='/plan/projects/{number}/']"))
        expect(row).to_contain_text("令和8年度")
    page.goto(f"{site.url}/plan/projects/11/")
    expect(page.get_by_text("事業11の取組を予定どおり進めた。")).to_be_visible()


def test_a_refused_row_is_shown_with_its_message_and_the_page_reflows_on_a_phone(
    page, site, editor
):
    ProjectYearStatus.objects.create(
        project=Project.objects.get(number=11),
        fiscal_year=YEAR,
        evaluation="B",
        activities="保存済みの内容。",
    )
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/admin/login/?next={workbench_url(YEAR)}")
    page.get_by_label("ユーザー名").fill("editor")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"**{workbench_url(YEAR)}")
    assert _fits_the_width(page)

    # Someone else changes project 11 after the page was opened.
    status = ProjectYearStatus.objects.get(project__number=11, fiscal_year=YEAR)
    status.activities = "別の職員が変更した内容。"
    status.save()
    page.get_by_label("事業11の評価", exact=True).select_option("A")
    page.get_by_label("事業12の評価", exact=True).select_option("C")
    page.get_by_role("button", name="まとめて保存").click()

    expect(page.get_by_role("alert")).to_contain_text("事業11")
    expect(page.get_by_text("他の職員が変更しました").first).to_be_visible()
    expect(page.get_by_label("事業11の実施状況", exact=True)).to_have_value(
        "別の職員が変更した内容。"
    )
    assert ProjectYearStatus.objects.get(project__number=12, fiscal_year=YEAR).evaluation == "C"
    assert _fits_the_width(page)
    assert axe_problems(page) == []


def _fits_the_width(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
