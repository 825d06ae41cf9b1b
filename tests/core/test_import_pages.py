"""The admin's import pages: which columns a file may contain, a blank template, the format
taken from the file's name, and a preview of every row before 確定 saves anything."""

import io
import re

import pytest
import tablib
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.formats import JapaneseCSV, JapaneseXLSX
from core.resources import import_file
from plans.models import ProjectYearStatus
from plans.resources import ProjectYearStatusResource

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:plans_projectyearstatus_import"
PROCESS_URL = "admin:plans_projectyearstatus_process_import"


def upload(content: bytes, name: str):
    file = io.BytesIO(content)
    file.name = name
    return file


def choose_file(client, content: bytes, name: str, **fields):
    """Post the import form as the page does: its hidden resource field and the file."""
    return client.post(
        reverse(IMPORT_URL), {"resource": "0", **fields, "import_file": upload(content, name)}
    )


def statuses():
    return {
        (s.project.number, s.fiscal_year): s.evaluation
        for s in ProjectYearStatus.objects.select_related("project")
    }


def stored_statuses(text: str):
    outcome = import_file(
        resource=ProjectYearStatusResource(), data=text.encode(), file_format=JapaneseCSV()
    )
    assert outcome.errors == []


def row_kinds(html: str) -> list[str]:
    return re.findall(r'<td class="import-type">\s*(\S+)\s*</td>', html)


def totals(html: str) -> dict[str, str]:
    table = html.split('<table class="import-totals">', 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'<th scope="row">(.+?)</th><td>\s*(.+?)\s*</td>', table))


@pytest.mark.parametrize(
    ("model", "required", "optional", "ignored"),
    [
        (
            "plans_projectyearstatus",
            ["事業番号", "年度", "評価"],
            ["実施状況", "成果", "課題", "今後の方向性", "公開"],
            ["事業名", "年度（和暦）"],
        ),
        (
            "indicators_indicatorvalue",
            ["指標コード", "年度", "実績値"],
            ["備考"],
            ["指標名", "年度（和暦）", "単位"],
        ),
        (
            "centers_centerusage",
            ["市民センター", "年度", "利用者数"],
            ["利用件数", "備考"],
            ["年度（和暦）"],
        ),
    ],
    ids=["statuses", "actuals", "usage"],
)
def test_it_lists_only_the_columns_a_file_may_contain(
    client, city_editor, model, required, optional, ignored
):
    client.force_login(city_editor)
    response = client.get(reverse(f"admin:{model}_import"))
    assert response.status_code == 200
    html = response.content.decode()
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    listed = re.findall(r'<th scope="row">(.+?)</th>\s*<td>(.+?)</td>', table)
    assert listed == [(name, "<strong>必須</strong>") for name in required] + [
        (name, "任意") for name in optional
    ]
    for column in ignored:
        assert f'<th scope="row">{column}</th>' not in html
    assert f"書き出したファイルにある「{'、'.join(ignored)}」は書き出し専用の列です。" in html
    assert 'name="format"' not in html  # the file's name gives its format


def test_it_states_the_rules_of_a_file(client, city_editor):
    client.force_login(city_editor)
    html = client.get(reverse(IMPORT_URL)).content.decode()
    assert "UTF-8（BOM 付き・BOM なしのどちらでも）または Shift_JIS（CP932）" in html
    assert "「年度」は「2024」「2024年度」「令和6年度」「令和6」「R6」「令和元年度」" in html
    assert "誤りのある行が1行でもあると、ファイル全体を取り込みません（何も保存しません）。" in html
    assert "「事業番号・年度」が同じ行が登録済みならその行を更新し" in html
    assert "A・B・C・Dのいずれか" in html
    assert f'href="{reverse("admin:plans_projectyearstatus_import_template")}"' in html


def test_a_year_rule_is_stated_only_where_a_column_reads_japanese_years(client, city_editor):
    client.force_login(city_editor)
    html = client.get(reverse("admin:centers_civiccenter_import")).content.decode()
    assert "令和元年度" not in html  # 開館年度 and 閉館年度 are plain numbers
    assert "0以上の整数" in html


def test_the_blank_template_holds_the_importable_headers(client, city_editor):
    client.force_login(city_editor)
    url = reverse("admin:plans_projectyearstatus_import_template")
    assert url.endswith("/import/template.csv")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig") == (
        "事業番号,年度,評価,実施状況,成果,課題,今後の方向性,公開\r\n"
    )
    response = client.get(reverse("admin:indicators_indicatorvalue_import_template"))
    assert response.content.decode("utf-8-sig") == "指標コード,年度,実績値,備考\r\n"


def test_the_blank_template_imports_back_as_a_file_without_rows(client, city_editor):
    client.force_login(city_editor)
    template = client.get(reverse("admin:plans_projectyearstatus_import_template")).content
    response = choose_file(client, template, "空.csv")
    assert "ファイルに取り込む行がありません。" in response.content.decode()


@pytest.mark.parametrize("url", [IMPORT_URL, "admin:plans_projectyearstatus_import_template"])
def test_viewers_may_not_import_or_fetch_the_template(client, city_viewer, url):
    client.force_login(city_viewer)
    assert client.get(reverse(url)).status_code == 403


@pytest.mark.parametrize("url", [IMPORT_URL, "admin:plans_projectyearstatus_import_template"])
def test_importing_needs_the_add_permission_as_well(client, django_user_model, url):
    user = django_user_model.objects.create_user("changes-only", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_projectyearstatus", "change_projectyearstatus"]
        )
    )
    client.force_login(user)
    assert client.get(reverse(url)).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("admin:plans_projectyearstatus_import_template"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_csv_needs_no_format_choice(client, city_editor):
    client.force_login(city_editor)
    response = choose_file(client, "事業番号,年度,評価\n5,2024,A\n".encode("cp932"), "状況.CSV")
    confirm = response.context["confirm_form"]
    assert confirm.initial["format"] == "0"
    assert confirm.initial["original_file_name"] == "状況.CSV"


def test_an_xlsx_needs_no_format_choice_whatever_was_posted(client, city_editor):
    dataset = tablib.Dataset(["5", "令和6年度", "B"], headers=["事業番号", "年度", "評価"])
    client.force_login(city_editor)
    response = choose_file(client, JapaneseXLSX().export_data(dataset), "状況.xlsx", format="0")
    confirm = response.context["confirm_form"]
    assert confirm.initial["format"] == "1"
    client.post(reverse(PROCESS_URL), confirm.initial)
    assert statuses() == {(5, 2024): "B"}


@pytest.mark.parametrize("name", ["状況.txt", "状況.pdf", "状況.xls", "状況"])
def test_a_file_of_another_kind_is_refused_by_its_name(client, city_editor, name):
    client.force_login(city_editor)
    response = choose_file(client, "事業番号,年度,評価\n5,2024,A\n".encode(), name)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f"「{name}」は取り込めません。CSV（.csv）または Excel ブック（.xlsx）のファイルを選んでください。"
        in html
    )
    assert 'href="#id_import_file"' in html  # the summary at the top leads to the field
    assert response.context.get("confirm_form") is None
    assert ProjectYearStatus.objects.count() == 0


def test_the_preview_shows_new_updated_and_unchanged_rows_and_saves_only_on_confirm(
    client, city_editor
):
    stored_statuses("事業番号,年度,評価\n1,2024,A\n2,2024,A\n")
    client.force_login(city_editor)
    preview = choose_file(
        client,
        "事業番号,年度,評価,事業名\n1,令和6年度,A,\n2,R6,B,\n3,2024,C,\n4,2024年度,D,\n".encode(),
        "状況.csv",
    )
    html = preview.content.decode()
    assert preview.status_code == 200
    assert totals(html) == {"新規": "2件", "更新": "1件", "変更なし": "1件"}
    assert row_kinds(html) == ["変更なし", "更新", "新規", "新規"]
    assert "まだ何も保存していません。" in html
    assert 'value="確定"' in html
    assert statuses() == {(1, 2024): "A", (2, 2024): "A"}  # nothing saved before 確定

    response = client.post(reverse(PROCESS_URL), preview.context["confirm_form"].initial)
    assert response.status_code == 302
    assert statuses() == {(1, 2024): "A", (2, 2024): "B", (3, 2024): "C", (4, 2024): "D"}
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "ファイルを取り込みました。新規 2件、更新 1件、変更なし 1件です。"
    ]


def test_confirming_twice_saves_once(client, city_editor):
    client.force_login(city_editor)
    preview = choose_file(client, "事業番号,年度,評価\n5,2024,A\n".encode(), "状況.csv")
    confirm = preview.context["confirm_form"].initial
    client.post(reverse(PROCESS_URL), confirm)
    again = client.post(reverse(PROCESS_URL), confirm)
    assert again.status_code == 302
    assert again["Location"] == reverse(IMPORT_URL)
    assert "確認した取り込みが見つかりません。" in str(list(get_messages(again.wsgi_request))[-1])
    assert ProjectYearStatus.objects.count() == 1


def test_a_row_that_fails_at_confirm_rejects_the_whole_file(client, city_editor, monkeypatch):
    client.force_login(city_editor)
    preview = choose_file(client, "事業番号,年度,評価\n5,2024,A\n6,2024,B\n".encode(), "状況.csv")
    validate = ProjectYearStatusResource.validate_instance

    def fails_for_project_6(self, instance, *args, **kwargs):
        if instance.project.number == 6:
            raise ValidationError({"評価": ["確認のあとで変わりました。"]})
        return validate(self, instance, *args, **kwargs)

    monkeypatch.setattr(ProjectYearStatusResource, "validate_instance", fails_for_project_6)
    response = client.post(reverse(PROCESS_URL), preview.context["confirm_form"].initial)
    assert response.status_code == 302
    assert response["Location"] == reverse(IMPORT_URL)
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert "3行目「評価」：確認のあとで変わりました。" in shown
    assert ProjectYearStatus.objects.count() == 0
