"""A centre's share of the city is shown only when the city's total is known, and a figure
that came from a body's report says so, on the centre page and in the open data."""

import json

import pytest

from centers.models import CenterUsage, CivicCenter

pytestmark = pytest.mark.django_db
Source = CenterUsage.Source
YEAR = 2023
NOT_SHOWN = "の数値しかないため、市全体に占める割合は示していません。"
# As tests/core/test_query_counts.py pins it for every public page.
CENTER_DETAIL_QUERIES = 7


def share_cell(html, year_label):
    row = html[html.index(f'<th scope="row">{year_label}') :]
    row = row[: row.index("</tr>")]
    return row[row.rindex("<td") :]


def record_every_centre(year, visits=10_000, source=Source.STAFF):
    for center in CivicCenter.objects.all():
        CenterUsage.objects.update_or_create(
            center=center, fiscal_year=year, defaults={"visits": visits, "source": source}
        )


@pytest.fixture
def koda():
    return CivicCenter.objects.get(name="興田市民センター")


def test_it_shows_no_share_of_the_city_when_one_centre_of_34_has_a_figure(client, koda):
    CenterUsage.objects.create(center=koda, fiscal_year=YEAR, visits=15_000)
    html = client.get(koda.get_absolute_url()).content.decode()
    cell = share_cell(html, "令和5年度")
    assert "100.0%" not in cell
    assert "34館中1館の数値しかないため、市全体に占める割合は示していません。" in cell


def test_it_shows_the_share_when_every_open_centre_has_a_figure(client, koda):
    record_every_centre(YEAR)
    CenterUsage.objects.filter(center=koda, fiscal_year=YEAR).update(visits=20_000)
    html = client.get(koda.get_absolute_url()).content.decode()
    assert "5.7%" in share_cell(html, "令和5年度")  # 20,000 of 33 × 10,000 + 20,000
    assert NOT_SHOWN not in html


def test_each_year_is_judged_on_its_own(client, koda):
    record_every_centre(YEAR)
    CenterUsage.objects.create(center=koda, fiscal_year=YEAR + 1, visits=9_000)
    html = client.get(koda.get_absolute_url()).content.decode()
    assert "2.9%" in share_cell(html, "令和5年度")
    assert "34館中1館" + NOT_SHOWN in share_cell(html, "令和6年度")


def test_a_closed_centre_is_neither_waited_for_nor_counted(client, koda):
    record_every_centre(YEAR)
    closed = CivicCenter.objects.exclude(pk=koda.pk).order_by("pk").first()
    closed.closed_fiscal_year = YEAR
    closed.save()
    html = client.get(koda.get_absolute_url()).content.decode()
    assert "3.0%" in share_cell(html, "令和5年度")  # 10,000 of 33 × 10,000
    closed_html = client.get(closed.get_absolute_url()).content.decode()
    cell = share_cell(closed_html, "令和5年度")
    assert "%" not in cell
    assert "この年度は開館している館に含まれないため、市全体に占める割合は示していません。" in cell


def test_the_coverage_of_any_number_of_years_costs_one_query(django_assert_num_queries):
    record_every_centre(YEAR)
    with django_assert_num_queries(1):
        coverage = CivicCenter.objects.usage_coverage([YEAR, YEAR + 1, YEAR + 2])
    assert coverage[YEAR].is_complete and coverage[YEAR].visits == 340_000
    assert (coverage[YEAR + 1].centers, coverage[YEAR + 1].reported) == (34, 0)
    assert not coverage[YEAR + 1].is_complete


def test_the_centre_page_keeps_its_query_budget_with_shares(
    client, koda, django_assert_max_num_queries
):
    for year in range(2020, 2025):
        record_every_centre(year)
    with django_assert_max_num_queries(CENTER_DETAIL_QUERIES):
        html = client.get(koda.get_absolute_url()).content.decode()
    assert html.count("2.9%") == 5


def test_the_centre_page_says_which_figures_came_from_a_body_report(client, koda):
    CenterUsage.objects.create(center=koda, fiscal_year=2022, visits=11_111, source=Source.STAFF)
    CenterUsage.objects.create(
        center=koda, fiscal_year=YEAR, visits=12_345, source=Source.BODY_REPORT
    )
    html = client.get(koda.get_absolute_url()).content.decode()
    reported = html[html.index('<th scope="row">令和5年度') :]
    reported = reported[: reported.index("</tr>")]
    assert "12,345" in reported and "協働体の報告" in reported
    staff = html[html.index('<th scope="row">令和4年度') :]
    staff = staff[: staff.index("</tr>")]
    assert "11,111" in staff and "協働体の報告" not in staff
    assert "地域協働体の年次報告（市が受理したもの）から取った数値です。" in html


def test_the_note_on_reports_is_left_out_when_no_figure_came_from_one(client, koda):
    CenterUsage.objects.create(center=koda, fiscal_year=YEAR, visits=12_345)
    html = client.get(koda.get_absolute_url()).content.decode()
    assert "協働体の報告" not in html


def test_the_open_data_says_where_each_figure_came_from(client, koda):
    CenterUsage.objects.create(center=koda, fiscal_year=2022, visits=11_111, source=Source.STAFF)
    CenterUsage.objects.create(
        center=koda, fiscal_year=YEAR, visits=12_345, source=Source.BODY_REPORT
    )
    csv = client.get("/open-data/center-usage.csv").content.decode("utf-8-sig")
    header, *rows = csv.splitlines()
    assert "入力元" in header.split(",")
    assert "興田市民センター,2023,令和5年度,12345,,協働体の報告,false" in rows
    assert "興田市民センター,2022,令和4年度,11111,,市の入力,false" in rows
    data = json.loads(client.get("/open-data/center-usage.json").content)
    sources = {row["fiscal_year"]: row["source"] for row in data["records"]}
    assert sources == {2022: "市の入力", 2023: "協働体の報告"}


def test_the_open_data_page_describes_the_source_column(client):
    html = client.get("/open-data/").content.decode()
    usage = html[html.index('<section aria-labelledby="dataset-center-usage">') :]
    usage = usage[: usage.index("</section>")]
    assert "<code>source</code>" in usage
    assert "協働体の報告（市が受理した地域協働体の年次報告の数値）" in usage


def test_the_reason_is_written_under_the_table_for_every_reader(client, koda):
    CenterUsage.objects.create(center=koda, fiscal_year=YEAR, visits=15_000)
    html = client.get(koda.get_absolute_url()).content.decode()
    notes = html[html.index("</table>") :]
    assert "<li>※令和5年度（2023年度）：34館中1館" + NOT_SHOWN + "</li>" in notes
